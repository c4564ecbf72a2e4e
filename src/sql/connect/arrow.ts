/**
 * Arrow IPC batches from `ExecutePlanResponse.arrow_batch` decoded to rows in tspark's internal
 * value form (src/sql/types/values.ts), so a remote result is the same data a local query makes:
 * long a safe-integer number or a bigint, decimal its unscaled bigint, date a day number,
 * timestamps microseconds, intervals `{ months, days, microseconds }`, struct an array.
 * The Spark type comes from the schema the server sends first; Arrow's own type says how the
 * values are encoded (an ANSI interval arrives as a duration or a year-month pair).
 */
import type { DataType as ArrowType, Field, Vector } from 'apache-arrow';
import { arrow as arrowLib } from './arrow-lib.js';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
  type DataType,
} from '../types/data-types.js';
import { longFromBigInt, toLong, type InternalRow, type Interval } from '../types/values.js';

/** Rows decoded from one Arrow IPC stream. */
export interface DecodedBatch {
  readonly schema: StructType;
  readonly rows: InternalRow[];
}

type Convert = (value: unknown) => unknown;

const MS_PER_DAY = 86_400_000;

/** Decodes one Arrow IPC stream; `schema` is the server's Spark schema when it sent one. */
export function decodeArrowBatch(data: Uint8Array, schema?: StructType): DecodedBatch {
  const table = arrowLib().tableFromIPC(data);
  const fields = table.schema.fields;
  const sparkSchema = schema && schema.fields.length === fields.length ? schema : new StructType(fields.map(fieldToSpark));
  const n = table.numRows;
  const rows: InternalRow[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = new Array(fields.length);
  for (let c = 0; c < fields.length; c++) {
    const column = table.getChildAt(c);
    if (!column) continue;
    const values = columnValues(column, sparkSchema.fields[c]!.dataType, fields[c]!.type);
    for (let i = 0; i < n; i++) rows[i]![c] = values[i];
  }
  return { schema: sparkSchema, rows };
}

/** A whole column at once: long, string and number columns without nulls skip the per-value path. */
function columnValues(column: Vector, t: DataType, arrow: ArrowType): unknown[] {
  if (column.nullCount === 0) {
    if (t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'double') {
      return Array.from(column.toArray() as ArrayLike<number>);
    }
    if (t.kind === 'long' && arrow.typeId === arrowLib().Type.Int) return longs(column.toArray() as BigInt64Array);
    if (t.kind === 'string' && arrow.typeId === arrowLib().Type.Utf8) return strings(column);
  }
  const convert = converter(t, arrow);
  const n = column.length;
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const v: unknown = column.get(i);
    out[i] = v === null || v === undefined ? null : convert(v);
  }
  return out;
}

const identity: Convert = (v) => v;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Longs in their canonical form: a number when safe, else the bigint. */
function longs(values: BigInt64Array): unknown[] {
  const out: unknown[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    out[i] = v <= MAX_SAFE && v >= -MAX_SAFE ? Number(v) : v;
  }
  return out;
}

const utf8 = new TextDecoder();

/**
 * A string column without nulls. Decoding each value on its own dominates big results, so each
 * chunk whose bytes are all ASCII is decoded once and sliced (byte offsets are then character
 * offsets); other chunks go value by value.
 */
function strings(column: Vector): unknown[] {
  const out: unknown[] = [];
  for (const chunk of column.data) {
    const offsets = chunk.valueOffsets as Int32Array;
    const bytes = chunk.values as Uint8Array;
    const start = offsets[chunk.offset]!;
    const end = offsets[chunk.offset + chunk.length]!;
    const region = bytes.subarray(start, end);
    if (isAscii(region)) {
      const text = Buffer.from(region.buffer, region.byteOffset, region.byteLength).toString('latin1');
      for (let i = chunk.offset; i < chunk.offset + chunk.length; i++) out.push(text.slice(offsets[i]! - start, offsets[i + 1]! - start));
    } else {
      for (let i = chunk.offset; i < chunk.offset + chunk.length; i++) out.push(utf8.decode(bytes.subarray(offsets[i]!, offsets[i + 1]!)));
    }
  }
  return out;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return false;
  return true;
}

/** The conversion of one non-null Arrow value of Spark type `t`, chosen once per column. */
function converter(t: DataType, arrow: ArrowType): Convert {
  switch (t.kind) {
    case 'null':
      return () => null;
    case 'long':
      return (v) => (typeof v === 'bigint' ? longFromBigInt(v) : toLong(v as number));
    case 'float':
      return (v) => Math.fround(v as number);
    case 'decimal':
      // Arrow's decimal value prints as its unscaled integer.
      return (v) => BigInt(String(v));
    case 'binary':
      // A view into the batch's buffer would keep the whole batch alive.
      return (v) => (v instanceof Uint8Array ? v.slice() : v);
    case 'date':
      return (v) => Math.round((v as number) / MS_PER_DAY);
    case 'timestamp':
    case 'timestamp_ntz':
      // Arrow hands microsecond timestamps back as fractional milliseconds.
      return (v) => Math.round((v as number) * 1000);
    case 'interval':
      return intervalConverter(arrow);
    case 'array': {
      const element = converter(t.elementType, arrow.children[0]!.type);
      return (v) => {
        const out: unknown[] = [];
        for (const x of v as Iterable<unknown>) out.push(x === null || x === undefined ? null : element(x));
        return out;
      };
    }
    case 'map': {
      const entry = arrow.children[0]!.type.children;
      const key = converter(t.keyType, entry[0]!.type);
      const value = converter(t.valueType, entry[1]!.type);
      return (v) => {
        const out = new Map<unknown, unknown>();
        for (const [k, x] of v as Iterable<[unknown, unknown]>) out.set(key(k), x === null || x === undefined ? null : value(x));
        return out;
      };
    }
    case 'struct': {
      const parts = t.fields.map((f, i) => converter(f.dataType, arrow.children[i]!.type));
      return (v) => {
        // A StructRow reads by field index through toArray(), which is in schema order.
        const values = (v as { toArray(): unknown[] }).toArray();
        return parts.map((convert, i) => {
          const x = values[i];
          return x === null || x === undefined ? null : convert(x);
        });
      };
    }
    default:
      return identity;
  }
}

function intervalConverter(arrow: ArrowType): Convert {
  if (arrow.typeId === arrowLib().Type.Duration) {
    // A day-time interval: microseconds.
    return (v): Interval => ({ months: 0, days: 0, microseconds: Number(v as bigint) });
  }
  if (arrow.typeId === arrowLib().Type.Interval && (arrow as ArrowType & { unit: number }).unit === arrowLib().IntervalUnit.YEAR_MONTH) {
    // Arrow splits the month count into [years, months].
    return (v): Interval => {
      const ym = v as Int32Array;
      return { months: ym[0]! * 12 + ym[1]!, days: 0, microseconds: 0 };
    };
  }
  return identity;
}

function fieldToSpark(f: Field): StructField {
  return new StructField(f.name, arrowTypeToSpark(f.type), f.nullable);
}

/** A Spark type inferred from Arrow's, for batches that arrive without the server's schema. */
function arrowTypeToSpark(t: ArrowType): DataType {
  switch (t.typeId) {
    case arrowLib().Type.Null:
      return new NullType();
    case arrowLib().Type.Bool:
      return new BooleanType();
    case arrowLib().Type.Int: {
      const bits = (t as ArrowType & { bitWidth: number }).bitWidth;
      return bits === 8 ? new ByteType() : bits === 16 ? new ShortType() : bits === 32 ? new IntegerType() : new LongType();
    }
    case arrowLib().Type.Float:
      return (t as ArrowType & { precision: number }).precision === 1 ? new FloatType() : new DoubleType();
    case arrowLib().Type.Decimal: {
      const d = t as ArrowType & { precision: number; scale: number };
      return new DecimalType(d.precision, d.scale);
    }
    case arrowLib().Type.Binary:
    case arrowLib().Type.LargeBinary:
      return new BinaryType();
    case arrowLib().Type.Date:
      return new DateType();
    case arrowLib().Type.Timestamp:
      return (t as ArrowType & { timezone: string | null }).timezone ? new TimestampType() : new TimestampNTZType();
    case arrowLib().Type.Duration:
    case arrowLib().Type.Interval:
      return new CalendarIntervalType();
    case arrowLib().Type.List:
      return new ArrayType(arrowTypeToSpark(t.children[0]!.type), t.children[0]!.nullable);
    case arrowLib().Type.Map: {
      const entries = t.children[0]!.type.children;
      return new MapType(arrowTypeToSpark(entries[0]!.type), arrowTypeToSpark(entries[1]!.type), entries[1]!.nullable);
    }
    case arrowLib().Type.Struct:
      return new StructType(t.children.map(fieldToSpark));
    default:
      return new StringType();
  }
}
