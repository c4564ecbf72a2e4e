/**
 * Rows held by the program (`createDataFrame`) as a Spark Connect `local_relation`: an Arrow IPC
 * stream of the rows plus the schema as Spark's JSON, as pyspark's Connect client sends them.
 * Top-level 64-bit and time columns are written from typed arrays so no microsecond is lost.
 */
import type { Int64, DataType as ArrowType, Vector } from 'apache-arrow';
import { arrow } from '../arrow-lib.js';
import type { DataType, StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { Relation } from '../proto.js';
import { refuse } from './refuse.js';

/** The rows as a `local_relation`. */
export function toLocalRelation(schema: StructType, rows: readonly InternalRow[]): Relation {
  const A = arrow();
  const columns = schema.fields.map((f, c) => column(f.dataType, rows.map((r) => r[c] ?? null)));
  const arrowSchema = new A.Schema(schema.fields.map((f, c) => new A.Field(f.name, columns[c]!.type, f.nullable)));
  const table = new A.Table(arrowSchema, Object.fromEntries(schema.fields.map((f, c) => [f.name, columns[c]!])));
  return { local_relation: { data: Buffer.from(A.tableToIPC(table, 'stream')), schema: schema.json() } };
}

/** The Arrow type a Spark type travels as. */
function arrowType(t: DataType): ArrowType {
  const A = arrow();
  switch (t.kind) {
    case 'null':
      return new A.Null();
    case 'boolean':
      return new A.Bool();
    case 'byte':
      return new A.Int8();
    case 'short':
      return new A.Int16();
    case 'integer':
      return new A.Int32();
    case 'long':
      return new A.Int64();
    case 'float':
      return new A.Float32();
    case 'double':
      return new A.Float64();
    case 'decimal':
      return new A.Decimal(t.scale, t.precision, 128);
    case 'string':
      return new A.Utf8();
    case 'binary':
      return new A.Binary();
    case 'date':
      return new A.DateDay();
    case 'timestamp':
      return new A.TimestampMicrosecond('UTC');
    case 'timestamp_ntz':
      return new A.TimestampMicrosecond();
    case 'array':
      return new A.List(new A.Field('element', arrowType(t.elementType), t.containsNull));
    case 'map':
      return new A.Map_(
        new A.Field('entries', new A.Struct<Record<string, ArrowType>>([new A.Field('key', arrowType(t.keyType), false), new A.Field('value', arrowType(t.valueType), t.valueContainsNull)]), false) as ConstructorParameters<typeof A.Map_>[0],
      );
    case 'struct':
      return new A.Struct(t.fields.map((f) => new A.Field(f.name, arrowType(f.dataType), f.nullable)));
    case 'interval':
      return refuse('A local DataFrame with an interval column', 'Spark Connect cannot receive intervals as Arrow data', 'compute the interval on the server, e.g. with F.expr("interval 1 day")');
  }
}

/** A column vector: exact typed arrays for top-level 64-bit and time values, builders for the rest. */
function column(t: DataType, values: readonly unknown[]): Vector {
  const A = arrow();
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
    return A.makeVector(A.makeData({ type: type as Int64, length: values.length, nullCount: nulls, nullBitmap: valid, data }));
  }
  const builder = A.makeBuilder({ type, nullValues: [null, undefined] });
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
