/**
 * pyspark's schema inference for `createDataFrame` without a schema (`_infer_schema`,
 * `_merge_type`), on JavaScript values: integers → bigint, other numbers → double, strings,
 * booleans, `Date` → timestamp, `Uint8Array` → binary, `Decimal` → decimal(38,18), arrays →
 * array, `Map` and plain objects inside a row → map, `Row` → struct, null → void. Rows are
 * arrays (`_1, _2 …`), `Row`s (their field order) or plain objects (keys sorted, as pyspark
 * sorts dict keys). Types are merged over all rows.
 *
 * One intentional difference: JavaScript has one number type, so `1` and `1.5` in one column
 * merge to double instead of pyspark's CANNOT_MERGE_TYPE (`1.0` is the integer 1 in JavaScript).
 */
import { SparkArgumentError } from '../errors.js';
import { Row } from '../row.js';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  type DataType,
  DecimalType,
  DoubleType,
  LongType,
  MapType,
  NullType,
  StringType,
  StructField,
  StructType,
  TimestampType,
} from './data-types.js';
import { Decimal } from './values.js';

/** The Spark type of one JavaScript value. */
export function inferType(v: unknown, fieldName = 'value'): DataType {
  if (v === null || v === undefined) return new NullType();
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) ? new LongType() : new DoubleType();
    case 'bigint':
      return new LongType();
    case 'string':
      return new StringType();
    case 'boolean':
      return new BooleanType();
    case 'object':
      break;
    default:
      throw new SparkArgumentError('CANNOT_INFER_TYPE_FOR_FIELD', { field_name: fieldName });
  }
  if (v instanceof Date) return new TimestampType();
  if (v instanceof Uint8Array) return new BinaryType();
  if (v instanceof Decimal) return new DecimalType(38, 18);
  if (v instanceof Row) return inferRowType(v);
  if (Array.isArray(v)) {
    let el: DataType = new NullType();
    for (const x of v) el = mergeTypes(el, inferType(x, fieldName), fieldName);
    return new ArrayType(el, true);
  }
  const entries: Array<[unknown, unknown]> = v instanceof Map ? [...v] : Object.entries(v);
  let kt: DataType = new NullType();
  let vt: DataType = new NullType();
  for (const [k, x] of entries) {
    kt = mergeTypes(kt, inferType(k, fieldName), fieldName);
    vt = mergeTypes(vt, inferType(x, fieldName), fieldName);
  }
  return new MapType(kt, vt, true);
}

function inferRowType(r: Row): StructType {
  const names = r.__fields__;
  const values = [...r];
  const ns = names.length > 0 ? names : values.map((_, i) => `_${i + 1}`);
  return new StructType(values.map((x, i) => new StructField(ns[i]!, inferType(x, ns[i]!), true)));
}

/** The schema of one row: arrays by position, Rows by their fields, plain objects by sorted keys. */
export function inferRowSchema(row: unknown): StructType {
  if (row instanceof Row) return inferRowType(row);
  if (Array.isArray(row)) return new StructType(row.map((x, i) => new StructField(`_${i + 1}`, inferType(x, `_${i + 1}`), true)));
  if (typeof row === 'object' && row !== null && !(row instanceof Date) && !(row instanceof Map) && !(row instanceof Uint8Array)) {
    const keys = Object.keys(row).sort();
    const o = row as Record<string, unknown>;
    return new StructType(keys.map((k) => new StructField(k, inferType(o[k], k), true)));
  }
  throw new SparkArgumentError('CANNOT_INFER_SCHEMA_FOR_TYPE', { data_type: `\`${typeof row === 'number' ? (Number.isInteger(row) ? 'int' : 'float') : typeof row === 'string' ? 'str' : typeof row}\`` });
}

function typeLabel(t: DataType): string {
  return String(t).replace(/\(\)$/, '');
}

/** pyspark's `_merge_type`: NULL yields, same types merge inside, atomic + string → string; else CANNOT_MERGE_TYPE. */
export function mergeTypes(a: DataType, b: DataType, fieldName = 'value'): DataType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind !== b.kind) {
    if ((a.kind === 'long' && b.kind === 'double') || (a.kind === 'double' && b.kind === 'long')) return new DoubleType();
    const atomic = (t: DataType): boolean => t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct';
    if (atomic(a) && atomic(b) && (a.kind === 'string' || b.kind === 'string')) return new StringType();
    throw new SparkArgumentError('CANNOT_MERGE_TYPE', { data_type1: typeLabel(a), data_type2: typeLabel(b) });
  }
  switch (a.kind) {
    case 'array':
      return new ArrayType(mergeTypes(a.elementType, (b as ArrayType).elementType, fieldName), true);
    case 'map':
      return new MapType(mergeTypes(a.keyType, (b as MapType).keyType, fieldName), mergeTypes(a.valueType, (b as MapType).valueType, fieldName), true);
    case 'struct': {
      const bs = b as StructType;
      const fields = a.fields.map((f) => {
        const g = bs.fields.find((x) => x.name === f.name);
        return g ? new StructField(f.name, mergeTypes(f.dataType, g.dataType, f.name), true) : f;
      });
      for (const g of bs.fields) if (!a.fields.some((f) => f.name === g.name)) fields.push(g);
      return new StructType(fields);
    }
    default:
      return a;
  }
}

/** True when a type still contains NullType somewhere (pyspark's `_has_nulltype`). */
export function hasNullType(t: DataType): boolean {
  switch (t.kind) {
    case 'null':
      return true;
    case 'array':
      return hasNullType(t.elementType);
    case 'map':
      return hasNullType(t.keyType) || hasNullType(t.valueType);
    case 'struct':
      return t.fields.some((f) => hasNullType(f.dataType));
    default:
      return false;
  }
}

/** The merged schema of all rows (pyspark's `_inferSchemaFromList`), with its errors. */
export function inferSchemaFromRows(rows: readonly unknown[]): StructType {
  if (rows.length === 0) throw new SparkArgumentError('CANNOT_INFER_EMPTY_SCHEMA');
  let schema = inferRowSchema(rows[0]);
  for (let i = 1; i < rows.length; i++) schema = mergeTypes(schema, inferRowSchema(rows[i])) as StructType;
  if (hasNullType(schema)) throw new SparkArgumentError('CANNOT_DETERMINE_TYPE');
  return schema;
}
