/**
 * Spark 3.5's implicit type coercion (non-ANSI `TypeCoercion`): the wider type of two types,
 * the common type of a comparison, implicit casts of function arguments, and decimal
 * precision rules (`DecimalPrecision`, with precision loss allowed).
 */
import {
  ArrayType,
  BooleanType,
  DateType,
  type DataType,
  DecimalType,
  DoubleType,
  LongType,
  StringType,
  TimestampType,
  isIntegral,
  isNumeric,
  sameType,
} from '../types/data-types.js';
import type { RExpr } from './resolved.js';

const NUMERIC_ORDER = ['byte', 'short', 'integer', 'long', 'float', 'double'];

/** A cast node the analyser inserts (prints as its child in names). */
export function implicitCastTo(e: RExpr, to: DataType): RExpr {
  if (sameType(e.dataType, to)) return e;
  if (e.k === 'lit' && e.value === null) return { k: 'lit', value: null, dataType: to, nullable: true };
  return { k: 'cast', child: e, dataType: to, nullable: e.nullable || castCanFail(e.dataType, to), mode: 'legacy', implicit: true };
}

function castCanFail(from: DataType, to: DataType): boolean {
  return from.kind === 'string' && to.kind !== 'string';
}

/** The decimal type a value of integral type fits exactly (int → decimal(10,0)). */
export function decimalForIntegral(t: DataType): DecimalType | undefined {
  switch (t.kind) {
    case 'byte':
      return new DecimalType(3, 0);
    case 'short':
      return new DecimalType(5, 0);
    case 'integer':
      return new DecimalType(10, 0);
    case 'long':
      return new DecimalType(20, 0);
    case 'decimal':
      return t;
    default:
      return undefined;
  }
}

/** The smallest decimal holding an integral literal's digits (Spark does this for literals in decimal arithmetic). */
export function decimalForLiteral(e: RExpr): DecimalType | undefined {
  if (e.k === 'lit' && e.value !== null && isIntegral(e.dataType)) {
    const digits = String(e.value).replace('-', '').length;
    return new DecimalType(Math.max(digits, 1), 0);
  }
  return decimalForIntegral(e.dataType);
}

/** Spark's `DecimalType.bounded` after an operation: precision capped at 38, scale kept ≥ min(scale, 6). */
export function adjustPrecisionScale(precision: number, scale: number): DecimalType {
  if (precision <= 38) return new DecimalType(precision, scale);
  if (scale < 0) return new DecimalType(38, scale);
  const intDigits = precision - scale;
  const minScale = Math.min(scale, 6);
  const adjustedScale = Math.max(38 - intDigits, minScale);
  return new DecimalType(38, adjustedScale);
}

/** The tightest common type of two numeric types (decimals widened to hold both). */
export function widerNumeric(a: DataType, b: DataType): DataType | undefined {
  if (!isNumeric(a) || !isNumeric(b)) return undefined;
  if (a.kind === 'decimal' || b.kind === 'decimal') {
    if (a.kind === 'float' || a.kind === 'double' || b.kind === 'float' || b.kind === 'double') return new DoubleType();
    const da = decimalForIntegral(a)!;
    const db = decimalForIntegral(b)!;
    const scale = Math.max(da.scale, db.scale);
    const range = Math.max(da.precision - da.scale, db.precision - db.scale);
    return new DecimalType(Math.min(range + scale, 38), scale);
  }
  return NUMERIC_ORDER.indexOf(a.kind) >= NUMERIC_ORDER.indexOf(b.kind) ? a : b;
}

/** `findWiderTypeForTwo`: numeric widening, NULL yields, string absorbs atomic types, date → timestamp, nested by element. */
export function widerType(a: DataType, b: DataType): DataType | undefined {
  if (sameType(a, b)) return a;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  const n = widerNumeric(a, b);
  if (n) return n;
  if ((a.kind === 'date' && b.kind === 'timestamp') || (a.kind === 'timestamp' && b.kind === 'date')) return new TimestampType();
  const complex = (t: DataType): boolean => t.kind === 'array' || t.kind === 'map' || t.kind === 'struct';
  if ((a.kind === 'string' && !complex(b) && b.kind !== 'binary') || (b.kind === 'string' && !complex(a) && a.kind !== 'binary')) return new StringType();
  if (a.kind === 'array' && b.kind === 'array') {
    const el = widerType(a.elementType, b.elementType);
    return el === undefined ? undefined : new ArrayType(el, a.containsNull || b.containsNull);
  }
  return undefined;
}

/** The common type of several types (CASE, COALESCE, IN, array(…)), or undefined. */
export function widerTypeOfAll(types: readonly DataType[]): DataType | undefined {
  let t: DataType | undefined = types[0];
  for (let i = 1; i < types.length && t !== undefined; i++) t = widerType(t, types[i]!);
  return t;
}

/** `findCommonTypeForBinaryComparison` then wider type: what both sides of `a = b`, `a < b` are cast to. */
export function comparisonType(a: DataType, b: DataType): DataType | undefined {
  if (sameType(a, b)) return a;
  if (a.kind === 'null') return b;
  if (b.kind === 'null') return a;
  if (a.kind === 'string' && b.kind === 'date') return b;
  if (a.kind === 'date' && b.kind === 'string') return a;
  if (a.kind === 'string' && b.kind === 'timestamp') return b;
  if (a.kind === 'timestamp' && b.kind === 'string') return a;
  const atomic = (t: DataType): boolean => t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct';
  if (a.kind === 'string' && atomic(b)) return b;
  if (b.kind === 'string' && atomic(a)) return a;
  return widerType(a, b);
}

/** What a function argument may be: a concrete type, or a family. */
export type TypeSpec = DataType | 'any' | 'numeric' | 'integral' | 'string' | 'boolean' | 'array' | 'map' | 'struct' | 'datetime' | 'date' | 'timestamp' | 'binaryOrString';

/** Spark's name of a type family in UNEXPECTED_INPUT_TYPE messages. */
export function specSql(s: TypeSpec): string {
  if (typeof s !== 'string') return `"${s.sql()}"`;
  switch (s) {
    case 'numeric':
      return '"NUMERIC"';
    case 'integral':
      return '"INTEGRAL"';
    case 'string':
      return '"STRING"';
    case 'boolean':
      return '"BOOLEAN"';
    case 'array':
      return '"ARRAY"';
    case 'map':
      return '"MAP"';
    case 'struct':
      return '"STRUCT"';
    case 'date':
      return '"DATE"';
    case 'timestamp':
      return '"TIMESTAMP"';
    case 'datetime':
      return '("DATE" or "TIMESTAMP")';
    case 'binaryOrString':
      return '("STRING" or "BINARY")';
    default:
      return '"ANY"';
  }
}

/**
 * `ImplicitTypeCasts.implicitCast`: the expression cast to fit `spec`, or undefined when it
 * cannot (the caller raises UNEXPECTED_INPUT_TYPE).
 */
export function implicitCast(e: RExpr, spec: TypeSpec): RExpr | undefined {
  const t = e.dataType;
  if (spec === 'any') return e;
  if (t.kind === 'null') {
    const to = typeof spec === 'string' ? defaultOf(spec) : spec;
    return to ? implicitCastTo(e, to) : e;
  }
  if (typeof spec !== 'string') {
    if (sameType(t, spec)) return e;
    if (isNumeric(t) && isNumeric(spec)) return implicitCastTo(e, spec);
    if (t.kind === 'string' && (isNumeric(spec) || spec.kind === 'date' || spec.kind === 'timestamp' || spec.kind === 'binary')) return implicitCastTo(e, spec);
    if (spec.kind === 'string' && t.kind !== 'binary' && t.kind !== 'array' && t.kind !== 'map' && t.kind !== 'struct') return implicitCastTo(e, spec);
    if (spec.kind === 'string' && t.kind === 'binary') return implicitCastTo(e, spec);
    if ((t.kind === 'date' && spec.kind === 'timestamp') || (t.kind === 'timestamp' && spec.kind === 'date')) return implicitCastTo(e, spec);
    if (t.kind === 'array' && spec.kind === 'array') {
      const el = widerType(t.elementType, spec.elementType);
      return el && sameType(el, spec.elementType) ? implicitCastTo(e, spec) : undefined;
    }
    return undefined;
  }
  switch (spec) {
    case 'numeric':
      if (isNumeric(t)) return e;
      if (t.kind === 'string') return implicitCastTo(e, new DoubleType());
      return undefined;
    case 'integral':
      if (isIntegral(t)) return e;
      if (t.kind === 'string') return implicitCastTo(e, new LongType());
      return undefined;
    case 'string':
      if (t.kind === 'string') return e;
      if (t.kind === 'array' || t.kind === 'map' || t.kind === 'struct') return undefined;
      return implicitCastTo(e, new StringType());
    case 'binaryOrString':
      if (t.kind === 'string' || t.kind === 'binary') return e;
      if (t.kind === 'array' || t.kind === 'map' || t.kind === 'struct') return undefined;
      return implicitCastTo(e, new StringType());
    case 'boolean':
      if (t.kind === 'boolean') return e;
      if (t.kind === 'string') return implicitCastTo(e, new BooleanType());
      return undefined;
    case 'date':
      if (t.kind === 'date') return e;
      if (t.kind === 'string' || t.kind === 'timestamp' || t.kind === 'timestamp_ntz') return implicitCastTo(e, new DateType());
      return undefined;
    case 'timestamp':
      if (t.kind === 'timestamp') return e;
      if (t.kind === 'string' || t.kind === 'date' || t.kind === 'timestamp_ntz') return implicitCastTo(e, new TimestampType());
      return undefined;
    case 'datetime':
      if (t.kind === 'timestamp' || t.kind === 'date' || t.kind === 'timestamp_ntz') return e;
      if (t.kind === 'string') return implicitCastTo(e, new TimestampType());
      return undefined;
    case 'array':
    case 'map':
    case 'struct':
      return t.kind === spec ? e : undefined;
  }
}

function defaultOf(spec: TypeSpec): DataType | undefined {
  if (typeof spec !== 'string') return spec;
  switch (spec) {
    case 'numeric':
      return new DoubleType();
    case 'integral':
      return new LongType();
    case 'string':
    case 'binaryOrString':
      return new StringType();
    case 'boolean':
      return new BooleanType();
    case 'timestamp':
    case 'datetime':
      return new TimestampType();
    case 'date':
      return new DateType();
    default:
      return undefined;
  }
}
