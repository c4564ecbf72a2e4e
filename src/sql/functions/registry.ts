/**
 * The built-in function registry: every function by its lower-case name (Spark's function
 * names are case-insensitive), and the operators by their symbol.
 */
import { AGGREGATE_FUNCTIONS } from './aggregates.js';
import { COLLECTION_FUNCTIONS } from './collections.js';
import { CONDITIONAL_FUNCTIONS } from './conditional.js';
import { DATETIME_FUNCTIONS } from './datetime-fns.js';
import type { BuiltinFunction, ScalarFunction } from './function.js';
import { GENERATOR_FUNCTIONS } from './generators.js';
import { GROUPING, GROUPING_ID } from './grouping.js';
import { JSON_FUNCTIONS } from './json-fns.js';
import { MATH_FUNCTIONS } from './math.js';
import { MISC_FUNCTIONS } from './misc.js';
import { OPERATORS } from './operators.js';
import { STRING_FUNCTIONS } from './strings.js';
import { SESSION_WINDOW, TIME_WINDOW } from './time-window.js';
import { WINDOW_FUNCTIONS } from './window-fns.js';

const registry = new Map<string, BuiltinFunction>();
for (const f of [
  ...STRING_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...MISC_FUNCTIONS,
  ...AGGREGATE_FUNCTIONS,
  ...GENERATOR_FUNCTIONS,
  ...WINDOW_FUNCTIONS,
  TIME_WINDOW,
  SESSION_WINDOW,
  GROUPING,
  GROUPING_ID,
]) {
  registry.set(f.name.toLowerCase(), f);
}

/** The built-in function of that name (any case), or undefined. */
export function lookupFunction(name: string): BuiltinFunction | undefined {
  return registry.get(name.toLowerCase());
}

/** The operator for a BinaryExpression/UnaryExpression `op`. */
export function lookupOperator(op: string): ScalarFunction {
  const f = OPERATORS[op];
  if (f === undefined) throw new Error(`internal: unknown operator ${op}`);
  return f;
}

/** Every built-in function name, sorted (for SHOW FUNCTIONS and completion). */
export function functionNames(): string[] {
  return [...registry.keys()].sort();
}
