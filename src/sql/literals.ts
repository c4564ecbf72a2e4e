/**
 * JavaScript values as literal expressions, with pyspark's `lit` typing: integers in the int
 * range are INT, larger ones BIGINT, other numbers DOUBLE; `Date` is a TIMESTAMP; a `Decimal`
 * keeps its digits; arrays become `array(…)` calls.
 */
import { SparkArgumentError } from './errors.js';
import type { Expression } from './plan/expressions.js';
import { Row } from './row.js';
import { BinaryType, BooleanType, DecimalType, DoubleType, IntegerType, LongType, NullType, StringType, TimestampType } from './types/data-types.js';
import { Decimal, dateToMicros, longFromBigInt } from './types/values.js';

/** The literal expression of a value (or an array/struct constructor call). */
export function toLiteralExpression(v: unknown): Expression {
  if (v === null || v === undefined) return { kind: 'literal', value: null, dataType: new NullType() };
  switch (typeof v) {
    case 'string':
      return { kind: 'literal', value: v, dataType: new StringType() };
    case 'boolean':
      return { kind: 'literal', value: v, dataType: new BooleanType() };
    case 'bigint':
      return { kind: 'literal', value: longFromBigInt(v), dataType: new LongType() };
    case 'number':
      if (Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 && !Object.is(v, -0)) return { kind: 'literal', value: v, dataType: new IntegerType() };
      if (Number.isSafeInteger(v)) return { kind: 'literal', value: v, dataType: new LongType() };
      return { kind: 'literal', value: v, dataType: new DoubleType() };
    case 'object':
      break;
    default:
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Unsupported literal type ${typeof v}` });
  }
  if (v instanceof Date) return { kind: 'literal', value: dateToMicros(v), dataType: new TimestampType() };
  if (v instanceof Decimal) {
    const digits = (v.unscaled < 0n ? -v.unscaled : v.unscaled).toString().length;
    return { kind: 'literal', value: v.unscaled, dataType: new DecimalType(Math.max(digits, v.scale, 1), v.scale) };
  }
  if (v instanceof Uint8Array) return { kind: 'literal', value: v, dataType: new BinaryType() };
  if (Array.isArray(v)) return { kind: 'function', name: 'array', args: v.map(toLiteralExpression) };
  if (v instanceof Row) {
    const names = v.__fields__;
    const values = [...v];
    return { kind: 'function', name: 'struct', args: values.map((x, i) => (names[i] ? { kind: 'alias', child: toLiteralExpression(x), names: [names[i]!] } : toLiteralExpression(x))) };
  }
  if (v instanceof Map) {
    return { kind: 'function', name: 'map', args: [...v].flatMap(([k, x]) => [toLiteralExpression(k), toLiteralExpression(x)]) };
  }
  throw new SparkArgumentError('INVALID_ARGUMENT', {
    message: `[UNSUPPORTED_LITERAL] Unsupported literal type ${(v as object).constructor?.name ?? 'object'}: ${String(v)}`,
  });
}
