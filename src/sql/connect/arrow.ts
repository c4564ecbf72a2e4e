/**
 * Arrow IPC batches from `ExecutePlanResponse.arrow_batch` decoded to rows. Values are exact
 * JavaScript values chosen per Spark type (the table on {@link decodeValue}); the Spark type comes
 * from the schema the server sends first, so char/varchar, intervals and UDTs keep their meaning.
 */
import { tableFromIPC, Type, type DataType as ArrowType, type Field, type Table, type Vector } from 'apache-arrow';
import type { SparkStructType, SparkType } from './types.js';

/** One result row, positional in schema order (names can repeat, as in `select 1 a, 2 a`). */
export type ConnectRow = unknown[];

/** Rows decoded from one Arrow IPC stream. */
export interface DecodedBatch {
  readonly schema: SparkStructType;
  readonly rows: ConnectRow[];
}

/** Decodes one Arrow IPC stream; `schema` is the server's Spark schema when it sent one. */
export function decodeArrowBatch(data: Uint8Array, schema?: SparkStructType): DecodedBatch {
  const table = tableFromIPC(data);
  const sparkSchema = schema && schema.fields.length === table.schema.fields.length ? schema : arrowSchemaToSpark(table);
  const n = table.numRows;
  const rows: ConnectRow[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = new Array(sparkSchema.fields.length);
  sparkSchema.fields.forEach((field, c) => {
    const column = table.getChildAt(c);
    if (!column) return;
    const values = columnValues(column, field.dataType);
    for (let i = 0; i < n; i++) rows[i]![c] = values[i];
  });
  return { schema: sparkSchema, rows };
}

/** A whole column at once: primitive columns without nulls skip the per-value path. */
function columnValues(column: Vector, t: SparkType): unknown[] {
  const n = column.length;
  if (column.nullCount === 0) {
    switch (t.kind) {
      case 'byte':
      case 'short':
      case 'integer':
      case 'float':
      case 'double':
      case 'long':
        return Array.from(column.toArray() as ArrayLike<number | bigint>);
      default:
        break;
    }
  }
  const out: unknown[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = decodeValue(column.get(i), t);
  return out;
}

/**
 * One Arrow value as a JavaScript value, by Spark type:
 * byte/short/int/float/double → number; long → bigint (exact); decimal → string with the type's
 * scale (`"12.34"`, exact); string/char/varchar → string; binary → Uint8Array (a copy); boolean →
 * boolean; date → Date at UTC midnight; timestamp and timestamp_ntz → Date (milliseconds; the
 * microseconds are dropped, ntz read as UTC wall time); year-month interval → number of months;
 * day-time interval → bigint microseconds; array → array; map → Map; struct → an object by field
 * name; null → null.
 */
export function decodeValue(value: unknown, t: SparkType): unknown {
  if (value === null || value === undefined) return null;
  switch (t.kind) {
    case 'null':
      return null;
    case 'long':
    case 'day_time_interval':
      return typeof value === 'bigint' ? value : BigInt(value as number);
    case 'decimal':
      return decimalString(String(value), t.scale);
    case 'binary':
      return value instanceof Uint8Array ? value.slice() : value;
    case 'date':
      return new Date(value as number);
    case 'timestamp':
    case 'timestamp_ntz':
      return new Date(Math.floor(value as number));
    case 'year_month_interval': {
      const ym = value as Int32Array;
      return ym[0]! * 12 + ym[1]!;
    }
    case 'array': {
      const items = value as Iterable<unknown>;
      const out: unknown[] = [];
      for (const item of items) out.push(decodeValue(item, t.elementType));
      return out;
    }
    case 'map': {
      const out = new Map<unknown, unknown>();
      for (const [k, v] of value as Iterable<[unknown, unknown]>) out.set(decodeValue(k, t.keyType), decodeValue(v, t.valueType));
      return out;
    }
    case 'struct': {
      const row = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const f of t.fields) out[f.name] = decodeValue(row[f.name], f.dataType);
      return out;
    }
    case 'udt':
      return t.sqlType ? decodeValue(value, t.sqlType) : value;
    default:
      return value;
  }
}

/** `"-1234"` with scale 2 → `"-12.34"`; scale 3 of `"50"` → `"0.050"`. */
export function decimalString(unscaled: string, scale: number): string {
  if (scale <= 0) return unscaled;
  const negative = unscaled.startsWith('-');
  const digits = (negative ? unscaled.slice(1) : unscaled).padStart(scale + 1, '0');
  const text = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  return negative ? `-${text}` : text;
}

/** A Spark schema inferred from Arrow's, for batches that arrive without the server's schema. */
export function arrowSchemaToSpark(table: Table): SparkStructType {
  return { kind: 'struct', fields: table.schema.fields.map(fieldToSpark) };
}

function fieldToSpark(f: Field): { name: string; dataType: SparkType; nullable: boolean } {
  return { name: f.name, dataType: arrowTypeToSpark(f.type), nullable: f.nullable };
}

function arrowTypeToSpark(t: ArrowType): SparkType {
  switch (t.typeId) {
    case Type.Null:
      return { kind: 'null' };
    case Type.Bool:
      return { kind: 'boolean' };
    case Type.Int: {
      const bits = (t as ArrowType & { bitWidth: number }).bitWidth;
      return { kind: bits === 8 ? 'byte' : bits === 16 ? 'short' : bits === 32 ? 'integer' : 'long' };
    }
    case Type.Float: {
      const precision = (t as ArrowType & { precision: number }).precision;
      return { kind: precision === 1 ? 'float' : 'double' };
    }
    case Type.Decimal: {
      const d = t as ArrowType & { precision: number; scale: number };
      return { kind: 'decimal', precision: d.precision, scale: d.scale };
    }
    case Type.Utf8:
    case Type.LargeUtf8:
      return { kind: 'string' };
    case Type.Binary:
    case Type.LargeBinary:
      return { kind: 'binary' };
    case Type.Date:
      return { kind: 'date' };
    case Type.Timestamp:
      return { kind: (t as ArrowType & { timezone: string | null }).timezone ? 'timestamp' : 'timestamp_ntz' };
    case Type.Duration:
      return { kind: 'day_time_interval', startField: 0, endField: 3 };
    case Type.Interval:
      return { kind: 'year_month_interval', startField: 0, endField: 1 };
    case Type.List: {
      const child = t.children[0]!;
      return { kind: 'array', elementType: arrowTypeToSpark(child.type), containsNull: child.nullable };
    }
    case Type.Map: {
      const entries = t.children[0]!.type.children;
      return {
        kind: 'map',
        keyType: arrowTypeToSpark(entries[0]!.type),
        valueType: arrowTypeToSpark(entries[1]!.type),
        valueContainsNull: entries[1]!.nullable,
      };
    }
    case Type.Struct:
      return { kind: 'struct', fields: t.children.map(fieldToSpark) };
    default:
      return { kind: 'unparsed', dataTypeString: String(t) };
  }
}
