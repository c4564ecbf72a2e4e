/**
 * JSON schema inference, as Spark's `JsonInferSchema`: integers → long (decimal(p,0) beyond a
 * long), fractions → double (decimal with `prefersDecimal`), objects → structs with fields sorted
 * by name, arrays → the merged element type; types merge with Spark's rules (long + double →
 * double, decimal + double → double, struct fields unioned, anything else → string); then empty
 * structs are dropped and NULL types become string.
 */
import {
  ArrayType,
  BooleanType,
  DecimalType,
  DoubleType,
  LongType,
  NullType,
  StringType,
  StructField,
  StructType,
  TimestampType,
  type DataType,
} from '../../types/data-types.js';
import { parseTimestamp } from '../../types/datetime.js';
import { javaBigDecimal } from '../files/java-parse.js';
import type { JsonOptions } from './options.js';
import { JsonNumber, JsonObject, type JsonNode } from './parse.js';

/** The type of one parsed value. */
export function inferNode(n: JsonNode, o: JsonOptions): DataType {
  if (n === null) return new NullType();
  if (typeof n === 'boolean') return o.primitivesAsString ? new StringType() : new BooleanType();
  if (typeof n === 'string') {
    if (n.length === 0) return new NullType();
    if (!o.primitivesAsString && o.inferTimestamp) {
      const ok = o.timestampFormat ? o.timestampFormat.parseTimestamp(n, o.timeZone) !== null : parseTimestamp(n, o.timeZone) !== null;
      if (ok) return new TimestampType();
    }
    return new StringType();
  }
  if (n instanceof JsonNumber) {
    if (o.primitivesAsString) return new StringType();
    if (n.isInt) {
      const d = javaBigDecimal(n.text)!;
      if (d.precision <= 18 || fitsLong(n.text)) return new LongType();
      return d.precision <= 38 ? new DecimalType(d.precision, 0) : new DoubleType();
    }
    if (o.prefersDecimal) {
      const d = javaBigDecimal(n.text);
      if (d !== null && d.scale >= 0 && Math.max(d.precision, d.scale) <= 38) return new DecimalType(Math.max(d.precision, d.scale), d.scale);
    }
    return new DoubleType();
  }
  if (Array.isArray(n)) {
    let el: DataType = new NullType();
    for (const x of n) el = mergeTypes(el, inferNode(x, o));
    return new ArrayType(el, true);
  }
  return inferObject(n, o);
}

function fitsLong(text: string): boolean {
  const b = BigInt(text);
  return b >= -(2n ** 63n) && b < 2n ** 63n;
}

/** The struct of an object: fields sorted by name (duplicates kept, as Spark keeps them). */
export function inferObject(n: JsonObject, o: JsonOptions): StructType {
  const fields = n.keys.map((k, i) => new StructField(k, inferNode(n.values[i]!, o), true));
  fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return new StructType(fields);
}

const NUMERIC_ORDER = ['long', 'double'];

/** Spark's `JsonInferSchema.compatibleType`. */
export function mergeTypes(a: DataType, b: DataType): DataType {
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === b.kind && a.kind !== 'decimal' && a.kind !== 'struct' && a.kind !== 'array') return a;
  const ia = NUMERIC_ORDER.indexOf(a.kind);
  const ib = NUMERIC_ORDER.indexOf(b.kind);
  if (ia >= 0 && ib >= 0) return ia > ib ? a : b;
  if ((a.kind === 'double' && b.kind === 'decimal') || (a.kind === 'decimal' && b.kind === 'double')) return new DoubleType();
  if (a.kind === 'decimal' && b.kind === 'decimal') {
    const scale = Math.max(a.scale, b.scale);
    const range = Math.max(a.precision - a.scale, b.precision - b.scale);
    return range + scale > 38 ? new DoubleType() : new DecimalType(range + scale, scale);
  }
  if (a.kind === 'long' && b.kind === 'decimal') return mergeTypes(new DecimalType(20, 0), b);
  if (a.kind === 'decimal' && b.kind === 'long') return mergeTypes(a, new DecimalType(20, 0));
  if (a.kind === 'struct' && b.kind === 'struct') return mergeStructs(a, b);
  if (a.kind === 'array' && b.kind === 'array') return new ArrayType(mergeTypes(a.elementType, b.elementType), a.containsNull || b.containsNull);
  return new StringType();
}

/** Merges two structs whose fields are sorted by name. */
function mergeStructs(a: StructType, b: StructType): StructType {
  const out: StructField[] = [];
  let i = 0;
  let j = 0;
  while (i < a.fields.length && j < b.fields.length) {
    const f = a.fields[i]!;
    const g = b.fields[j]!;
    if (f.name === g.name) {
      out.push(new StructField(f.name, mergeTypes(f.dataType, g.dataType), true));
      i++;
      j++;
    } else if (f.name < g.name) {
      out.push(f);
      i++;
    } else {
      out.push(g);
      j++;
    }
  }
  while (i < a.fields.length) out.push(a.fields[i++]!);
  while (j < b.fields.length) out.push(b.fields[j++]!);
  return new StructType(out);
}

/** Spark's `canonicalizeType`: NULL → string, empty structs dropped (undefined), all-NULL fields dropped with `dropFieldIfAllNull`. */
export function canonicalize(t: DataType, dropAllNull: boolean): DataType | undefined {
  switch (t.kind) {
    case 'null':
      return dropAllNull ? undefined : new StringType();
    case 'array': {
      const el = canonicalize(t.elementType, dropAllNull);
      return el === undefined ? (dropAllNull ? undefined : new ArrayType(new StringType(), t.containsNull)) : new ArrayType(el, t.containsNull);
    }
    case 'struct': {
      const fields: StructField[] = [];
      for (const f of t.fields) {
        const c = canonicalize(f.dataType, dropAllNull);
        if (c !== undefined) fields.push(new StructField(f.name, c, f.nullable));
      }
      return fields.length === 0 ? undefined : new StructType(fields);
    }
    default:
      return t;
  }
}
