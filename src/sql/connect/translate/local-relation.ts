/**
 * Rows held by the program (`createDataFrame`) as a Spark Connect `local_relation`: an Arrow IPC
 * stream of the rows plus the schema as Spark's JSON, as pyspark's Connect client sends them.
 * Top-level 64-bit and time columns are written from typed arrays so no microsecond is lost.
 */
import {
  Binary,
  Bool,
  Decimal,
  DateDay,
  Field,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  List,
  makeBuilder,
  makeData,
  makeVector,
  Map_,
  Null,
  Schema,
  Struct,
  Table,
  tableToIPC,
  TimestampMicrosecond,
  Utf8,
  type DataType as ArrowType,
  type Vector,
} from 'apache-arrow';
import type { DataType, StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { Relation } from '../proto.js';
import { refuse } from './refuse.js';

/** The rows as a `local_relation`. */
export function toLocalRelation(schema: StructType, rows: readonly InternalRow[]): Relation {
  const columns = schema.fields.map((f, c) => column(f.dataType, rows.map((r) => r[c] ?? null)));
  const arrowSchema = new Schema(schema.fields.map((f, c) => new Field(f.name, columns[c]!.type, f.nullable)));
  const table = new Table(arrowSchema, Object.fromEntries(schema.fields.map((f, c) => [f.name, columns[c]!])));
  return { local_relation: { data: Buffer.from(tableToIPC(table, 'stream')), schema: schema.json() } };
}

/** The Arrow type a Spark type travels as. */
function arrowType(t: DataType): ArrowType {
  switch (t.kind) {
    case 'null':
      return new Null();
    case 'boolean':
      return new Bool();
    case 'byte':
      return new Int8();
    case 'short':
      return new Int16();
    case 'integer':
      return new Int32();
    case 'long':
      return new Int64();
    case 'float':
      return new Float32();
    case 'double':
      return new Float64();
    case 'decimal':
      return new Decimal(t.scale, t.precision, 128);
    case 'string':
      return new Utf8();
    case 'binary':
      return new Binary();
    case 'date':
      return new DateDay();
    case 'timestamp':
      return new TimestampMicrosecond('UTC');
    case 'timestamp_ntz':
      return new TimestampMicrosecond();
    case 'array':
      return new List(new Field('element', arrowType(t.elementType), t.containsNull));
    case 'map':
      return new Map_(
        new Field('entries', new Struct<Record<string, ArrowType>>([new Field('key', arrowType(t.keyType), false), new Field('value', arrowType(t.valueType), t.valueContainsNull)]), false) as ConstructorParameters<typeof Map_>[0],
      );
    case 'struct':
      return new Struct(t.fields.map((f) => new Field(f.name, arrowType(f.dataType), f.nullable)));
    case 'interval':
      return refuse('A local DataFrame with an interval column', 'Spark Connect cannot receive intervals as Arrow data', 'compute the interval on the server, e.g. with F.expr("interval 1 day")');
  }
}

/** A column vector: exact typed arrays for top-level 64-bit and time values, builders for the rest. */
function column(t: DataType, values: readonly unknown[]): Vector {
  const type = arrowType(t);
  if (t.kind === 'long' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz') {
    const data = new BigInt64Array(values.length);
    const valid = new Uint8Array((values.length + 7) >> 3);
    let nulls = 0;
    values.forEach((v, i) => {
      if (v === null || v === undefined) {
        nulls++;
        return;
      }
      data[i] = typeof v === 'bigint' ? v : BigInt(Math.round(v as number));
      valid[i >> 3]! |= 1 << (i & 7);
    });
    return makeVector(makeData({ type: type as Int64, length: values.length, nullCount: nulls, nullBitmap: valid, data }));
  }
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (const v of values) builder.append(toArrowValue(v, t));
  return builder.finish().toVector();
}

/** An internal value in the shape Arrow's builders take. */
function toArrowValue(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'long':
      return typeof v === 'bigint' ? v : BigInt(v as number);
    case 'decimal':
      return decimal128(BigInt(v as bigint | number));
    case 'date':
      return new Date((v as number) * 86_400_000);
    case 'timestamp':
    case 'timestamp_ntz':
      // Builders take milliseconds; inside nested values the microseconds below one are dropped.
      return Math.floor((v as number) / 1000);
    case 'array':
      return (v as readonly unknown[]).map((x) => toArrowValue(x, t.elementType));
    case 'map':
      return new Map([...(v as ReadonlyMap<unknown, unknown>)].map(([k, x]) => [toArrowValue(k, t.keyType), toArrowValue(x, t.valueType)]));
    case 'struct':
      return Object.fromEntries(t.fields.map((f, i) => [f.name, toArrowValue((v as readonly unknown[])[i], f.dataType)]));
    default:
      return v;
  }
}

/** A 128-bit two's-complement integer as Arrow's decimal holds it: four 32-bit words, low first. */
function decimal128(unscaled: bigint): Uint32Array {
  const words = new Uint32Array(4);
  let v = BigInt.asUintN(128, unscaled);
  for (let i = 0; i < 4; i++) {
    words[i] = Number(v & 0xffffffffn);
    v >>= 32n;
  }
  return words;
}
