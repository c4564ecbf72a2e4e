/**
 * Between the internal form of values (what the engine holds) and the external form users see
 * (see values.ts). `externalizer(t)` and `internalizer(t)` build the conversion once per type;
 * they return undefined when the two forms are the same, so the common case costs nothing.
 */
import { SparkArgumentError } from '../errors.js';
import { Row, rowFactory } from '../row.js';
import type { DataType, StructType } from './data-types.js';
import { Decimal, dateToDays, dateToMicros, daysToDate, longFromBigInt, microsToDate } from './values.js';
import { rescale } from '../codegen/casts.js';

/** A conversion of one non-null value. */
export type Convert = (v: unknown) => unknown;

/** Internal → external for type `t`, or undefined when they are the same. */
export function externalizer(t: DataType): Convert | undefined {
  switch (t.kind) {
    case 'decimal':
      return (v) => new Decimal(v as bigint, t.scale);
    case 'date':
      return (v) => daysToDate(v as number);
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => microsToDate(v as number);
    case 'array': {
      const el = externalizer(t.elementType);
      return el === undefined ? undefined : (v) => (v as unknown[]).map((x) => (x === null ? null : el(x)));
    }
    case 'map': {
      const k = externalizer(t.keyType);
      const val = externalizer(t.valueType);
      if (k === undefined && val === undefined) return undefined;
      return (v) => new Map([...(v as Map<unknown, unknown>)].map(([a, b]) => [k ? k(a) : a, b === null || !val ? b : val(b)]));
    }
    case 'struct':
      return rowExternalizer(t);
    default:
      return undefined;
  }
}

/** An internal row of `schema` → a Row. */
export function rowExternalizer(schema: StructType): (row: unknown) => Row {
  const make = rowFactory(
    schema.fields.map((f) => f.name),
    schema.fields.map((f) => f.dataType),
  );
  const convs = schema.fields.map((f) => externalizer(f.dataType));
  if (convs.every((c) => c === undefined)) return (row) => make((row as unknown[]).slice());
  return (row) => {
    const r = row as unknown[];
    const out = new Array<unknown>(r.length);
    for (let i = 0; i < r.length; i++) {
      const v = r[i];
      const c = convs[i];
      out[i] = v === null || v === undefined || c === undefined ? (v ?? null) : c(v);
    }
    return make(out);
  };
}

function pyTypeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'bigint') return 'int';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Date) return 'datetime';
  if (v instanceof Map) return 'dict';
  if (v instanceof Row) return 'Row';
  return (v as object).constructor?.name ?? 'object';
}

function reject(t: DataType, v: unknown): never {
  throw new SparkArgumentError('CANNOT_ACCEPT_OBJECT_IN_TYPE', {
    data_type: String(t),
    obj_name: typeof v === 'string' ? v : String(v),
    obj_type: pyTypeName(v),
  });
}

/**
 * External (or plain JavaScript) → internal for type `t`, checking the value as pyspark's
 * `verifySchema` does: a value of the wrong kind is CANNOT_ACCEPT_OBJECT_IN_TYPE.
 */
export function internalizer(t: DataType): Convert {
  switch (t.kind) {
    case 'string':
      return (v) => (typeof v === 'string' ? v : reject(t, v));
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : reject(t, v));
    case 'byte':
    case 'short':
    case 'integer': {
      const [lo, hi] = t.kind === 'byte' ? [-128, 127] : t.kind === 'short' ? [-32768, 32767] : [-2147483648, 2147483647];
      return (v) => {
        const n = typeof v === 'bigint' ? Number(v) : v;
        if (typeof n !== 'number' || !Number.isInteger(n)) return reject(t, v);
        if (n < lo || n > hi) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `object of ${String(t)} out of range, got: ${String(v)}` });
        return n;
      };
    }
    case 'long':
      return (v) => {
        if (typeof v === 'bigint') return longFromBigInt(v);
        if (typeof v !== 'number' || !Number.isInteger(v)) return reject(t, v);
        return Number.isSafeInteger(v) ? v : longFromBigInt(BigInt(v));
      };
    case 'float':
      return (v) => (typeof v === 'number' ? Math.fround(v) : reject(t, v));
    case 'double':
      return (v) => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : reject(t, v));
    case 'decimal':
      return (v) => {
        const d = v instanceof Decimal ? v : typeof v === 'number' ? Decimal.fromNumber(v) : typeof v === 'bigint' ? new Decimal(v, 0) : typeof v === 'string' ? Decimal.parse(v) : null;
        if (d === null) return reject(t, v);
        return rescale(d.unscaled, d.scale, t.scale);
      };
    case 'date':
      return (v) => (v instanceof Date ? dateToDays(v) : reject(t, v));
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => (v instanceof Date ? dateToMicros(v) : reject(t, v));
    case 'binary':
      return (v) => (v instanceof Uint8Array ? v : reject(t, v));
    case 'null':
      return (v) => reject(t, v);
    case 'interval':
      return (v) => v;
    case 'array': {
      const el = internalizer(t.elementType);
      return (v) => {
        if (!Array.isArray(v)) return reject(t, v);
        return v.map((x: unknown) => (x === null || x === undefined ? null : el(x)));
      };
    }
    case 'map': {
      const k = internalizer(t.keyType);
      const val = internalizer(t.valueType);
      return (v) => {
        const entries = v instanceof Map ? [...v] : typeof v === 'object' && v !== null && !Array.isArray(v) ? Object.entries(v) : reject(t, v);
        return new Map(entries.map(([a, b]) => [k(a), b === null || b === undefined ? null : val(b)]));
      };
    }
    case 'struct':
      return structInternalizer(t);
  }
}

/** A Row, an array/tuple, or a plain object → an internal struct of `schema` (by name for rows and objects). */
export function structInternalizer(schema: StructType): Convert {
  const convs = schema.fields.map((f) => internalizer(f.dataType));
  const names = schema.fields.map((f) => f.name);
  const n = names.length;
  const one = (f: number, x: unknown): unknown => {
    if (x === null || x === undefined) {
      if (!schema.fields[f]!.nullable) throw new SparkArgumentError('FIELD_NOT_NULLABLE', { field_name: names[f]! });
      return null;
    }
    return convs[f]!(x);
  };
  return (v) => {
    let values: unknown[];
    if (v instanceof Row) {
      const fields = v.__fields__;
      if (fields.length > 0) values = names.map((nm) => (fields.includes(nm) ? v[nm] : null));
      else values = [...v];
    } else if (Array.isArray(v)) values = v;
    else if (typeof v === 'object' && v !== null && !(v instanceof Date) && !(v instanceof Map)) {
      const o = v as Record<string, unknown>;
      values = names.map((nm) => o[nm]);
    } else if (n === 1) values = [v];
    else return reject(schema, v);
    if (values.length !== n) {
      throw new SparkArgumentError('LENGTH_SHOULD_BE_THE_SAME', { arg1: 'obj', arg2: 'fields', arg1_length: String(values.length), arg2_length: String(n) });
    }
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) out[i] = one(i, values[i]);
    return out;
  };
}
