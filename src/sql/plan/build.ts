/**
 * Small constructors for plan nodes, so the DataFrame API, the SQL parser and tests build the
 * same shapes without spelling every field: `attr("p", "a")`, `call("upper", x)`, `lit(1)`.
 */
import { BooleanType, DoubleType, IntegerType, LongType, NullType, StringType } from '../types/data-types.js';
import type { DataType } from '../types/data-types.js';
import type { Attribute, BinaryOperator, Expression, FunctionCall, Literal, SortOrder } from './expressions.js';

/** A literal of an explicit type (`value` in internal form). */
export function literal(value: unknown, dataType: DataType): Literal {
  return { kind: 'literal', value, dataType };
}

/**
 * A literal of a JavaScript value with pyspark's `lit` typing: integers in the int range are
 * INT, larger ones BIGINT, other numbers DOUBLE, strings STRING, booleans BOOLEAN, null NULL.
 */
export function lit(value: string | number | boolean | bigint | null): Literal {
  if (value === null) return literal(null, new NullType());
  switch (typeof value) {
    case 'string':
      return literal(value, new StringType());
    case 'boolean':
      return literal(value, new BooleanType());
    case 'bigint':
      return literal(value, new LongType());
    default:
      if (Number.isInteger(value) && value >= -2147483648 && value <= 2147483647) return literal(value, new IntegerType());
      if (Number.isSafeInteger(value)) return literal(value, new LongType());
      return literal(value, new DoubleType());
  }
}

/** A column by (multi-part) name. */
export function attr(...name: string[]): Attribute {
  return { kind: 'attribute', name };
}

/** A function call by name. */
export function call(name: string, ...args: Expression[]): FunctionCall {
  return { kind: 'function', name, args };
}

/** `left op right`. */
export function binary(op: BinaryOperator, left: Expression, right: Expression): Expression {
  return { kind: 'binary', op, left, right };
}

/** A sort order with Spark's default null placement (ASC NULLS FIRST, DESC NULLS LAST). */
export function sortOrder(child: Expression, direction: 'asc' | 'desc' = 'asc', nulls?: 'first' | 'last'): SortOrder {
  return { kind: 'sortOrder', child, direction, nulls: nulls ?? (direction === 'asc' ? 'first' : 'last') };
}
