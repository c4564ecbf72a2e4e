/**
 * `spark.range`: partition i of n holds elements `[i·N/n, (i+1)·N/n)` of the N values, as
 * Spark's RangeExec splits them.
 */
import type { PRange } from '../analysis/resolved.js';
import type { InternalRow } from '../types/values.js';

/** Number of values of a range. */
export function rangeCount(start: number, end: number, step: number): number {
  if (step > 0 ? start >= end : start <= end) return 0;
  return Math.ceil((end - start) / step);
}

/** Pushes the rows of partition `i`. */
export function rangePartitions(plan: PRange, i: number, sink: (r: InternalRow) => void): void {
  const total = rangeCount(plan.start, plan.end, plan.step);
  const n = plan.numPartitions;
  const from = Math.floor((i * total) / n);
  const to = Math.floor(((i + 1) * total) / n);
  let v = plan.start + from * plan.step;
  for (let k = from; k < to; k++, v += plan.step) sink([v]);
}
