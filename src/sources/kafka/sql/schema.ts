/**
 * The Kafka source's fixed schema, as Spark's (`key`, `value` binary; `topic`; `partition`;
 * `offset`; `timestamp`; `timestampType`; and `headers` with `includeHeaders`), a record as an
 * internal row of it, and a row of a DataFrame being written as a record (`key`/`value` as
 * string or binary, an optional `topic`, `partition` and `headers` column).
 */
import { SparkArgumentError } from '../../../sql/errors.js';
import { ArrayType, BinaryType, IntegerType, LongType, StringType, StructField, StructType, TimestampType } from '../../../sql/types/data-types.js';
import type { InternalRow } from '../../../sql/types/values.js';

/** `key, value, topic, partition, offset, timestamp, timestampType` (+ `headers`). */
export function kafkaSchema(includeHeaders: boolean): StructType {
  const fields = [
    new StructField('key', new BinaryType(), true),
    new StructField('value', new BinaryType(), true),
    new StructField('topic', new StringType(), true),
    new StructField('partition', new IntegerType(), true),
    new StructField('offset', new LongType(), true),
    new StructField('timestamp', new TimestampType(), true),
    new StructField('timestampType', new IntegerType(), true),
  ];
  if (includeHeaders) {
    fields.push(new StructField('headers', new ArrayType(new StructType([new StructField('key', new StringType(), true), new StructField('value', new BinaryType(), true)]), true), true));
  }
  return new StructType(fields);
}

/** A fetched record, in the form the worker hands it over. */
export interface FetchedRecord {
  readonly key: Uint8Array | null;
  readonly value: Uint8Array | null;
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  /** ms since the epoch. */
  readonly timestamp: number;
  readonly headers: ReadonlyArray<readonly [string, Uint8Array | null]>;
}

/** The internal row of `r` (timestamp in µs, as the engine keeps timestamps; CreateTime = 0). */
export function recordRow(r: FetchedRecord, includeHeaders: boolean): InternalRow {
  const row: InternalRow = [r.key, r.value, r.topic, r.partition, r.offset, r.timestamp * 1000, 0];
  if (includeHeaders) row.push(r.headers.length === 0 ? null : r.headers.map(([k, v]) => [k, v]));
  return row;
}

/** One record to write, as bytes. */
export interface RecordToWrite {
  readonly topic: string;
  readonly key: Uint8Array | undefined;
  readonly value: Uint8Array | undefined;
  readonly partition: number | undefined;
}

function bytes(v: unknown, column: string): Uint8Array | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (v instanceof Uint8Array) return v;
  throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Kafka sink: the ${column} column must be string or binary; got ${typeof v}` });
}

/**
 * How the rows of `schema` become records, as Spark's Kafka writer: a `value` column is required
 * (string or binary), `key`, `topic` and `partition` are optional; a row without a topic takes
 * the `topic` option, and with neither it is an error naming both.
 */
export function rowWriter(schema: StructType, topicOption: string | undefined): (row: InternalRow) => RecordToWrite {
  const names = schema.fieldNames().map((n) => n.toLowerCase());
  const at = (n: string): number => names.indexOf(n);
  const [k, v, t, p] = [at('key'), at('value'), at('topic'), at('partition')];
  const check = (i: number, name: string, ok: readonly string[]): void => {
    const f = schema.fields[i];
    if (i >= 0 && f && !ok.includes(f.dataType.kind)) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${name} attribute type must be a ${ok.join(' or ')}` });
    }
  };
  if (v < 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'Required attribute \'value\' not found' });
  check(k, 'Key', ['string', 'binary']);
  check(v, 'Value', ['string', 'binary']);
  check(t, 'Topic', ['string']);
  check(p, 'Partition', ['integer']);
  if (t < 0 && topicOption === undefined) {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: "topic option required when no 'topic' attribute is present. Use the topic option for setting a topic." });
  }
  return (row) => {
    const topic = topicOption ?? (t >= 0 ? row[t] : undefined);
    if (typeof topic !== 'string' || topic === '') throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'Kafka sink: a row has a null topic; give every row a topic, or the topic option' });
    const partition = p >= 0 ? row[p] : undefined;
    return { topic, key: k >= 0 ? bytes(row[k], 'key') : undefined, value: bytes(row[v], 'value'), partition: typeof partition === 'number' ? partition : undefined };
  };
}
