/**
 * `grouping(col)` and `grouping_id(cols…)`: which grouping columns a ROLLUP / CUBE / GROUPING
 * SETS row aggregated away. They resolve anywhere but only mean something in such an
 * aggregation, where the planner (analysis/grouping-sets.ts) replaces them with bits of the
 * grouping id; left anywhere else they are Spark's UNSUPPORTED_GROUPING_EXPRESSION.
 */
import { AnalysisException } from '../errors.js';
import { ByteType, LongType } from '../types/data-types.js';
import type { RCall } from '../analysis/resolved.js';
import type { ScalarFunction } from './function.js';

function unsupported(): never {
  throw new AnalysisException('UNSUPPORTED_GROUPING_EXPRESSION', {});
}

/** `grouping(col)`: 1 when the row aggregates over all values of col, else 0 (tinyint). */
export const GROUPING: ScalarFunction = {
  kind: 'scalar',
  name: 'grouping',
  arity: [1, 1],
  strict: false,
  resolve: (args) => ({ args, dataType: new ByteType(), nullable: false }),
  gen: () => unsupported(),
};

/** `grouping_id(cols…)`: the grouping bits of the columns (all grouping columns when none), as a bigint. */
export const GROUPING_ID: ScalarFunction = {
  kind: 'scalar',
  name: 'grouping_id',
  arity: [0, Infinity],
  strict: false,
  resolve: (args) => ({ args, dataType: new LongType(), nullable: false }),
  gen: () => unsupported(),
};

/**
 * Bits of the grouping id (`extra.shifts`, most significant first) packed into one number: the
 * replacement of `grouping`/`grouping_id` under grouping sets; its one argument is the id.
 */
export const GROUPING_BITS: ScalarFunction = {
  kind: 'scalar',
  name: 'grouping_bits',
  arity: [1, 1],
  strict: false,
  resolve: (args) => ({ args, dataType: new LongType(), nullable: false }),
  gen: ([gid], _g, call: RCall) => {
    const shifts = (call.extra as { shifts: readonly number[] }).shifts;
    return `(${shifts.map((s, i) => `(((${gid} >>> ${s}) & 1) << ${shifts.length - 1 - i})`).join(' | ') || '0'})`;
  },
};

/** True for `grouping` / `grouping_id` calls. */
export function isGroupingCall(x: { readonly k: string; readonly fn?: unknown }): boolean {
  return x.k === 'call' && (x.fn === GROUPING || x.fn === GROUPING_ID);
}
