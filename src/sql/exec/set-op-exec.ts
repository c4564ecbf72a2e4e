/**
 * INTERSECT / EXCEPT (DISTINCT or ALL) on whole rows, compared by value.
 */
import type { PSetOp } from '../analysis/resolved.js';
import { setKey } from '../functions/aggregates.js';
import type { InternalRow } from '../types/values.js';
import type { Executor } from './executor.js';

function rowKey(r: InternalRow): unknown {
  return r.length === 1 ? setKey(r[0]) : setKey(r);
}

/** The rows of `left` kept by the set operation. */
export function setOpRows(plan: PSetOp, ex: Executor): InternalRow[] {
  const right = new Map<unknown, number>();
  for (const r of ex.collect(plan.right)) {
    const k = rowKey(r);
    right.set(k, (right.get(k) ?? 0) + 1);
  }
  const out: InternalRow[] = [];
  const seen = new Set<unknown>();
  for (const r of ex.collect(plan.left)) {
    const k = rowKey(r);
    const n = right.get(k) ?? 0;
    if (plan.all) {
      if (plan.k === 'intersect' ? n > 0 : n === 0) out.push(r);
      if (n > 0) right.set(k, n - 1);
      else if (plan.k === 'except') continue;
    } else if (!seen.has(k) && (plan.k === 'intersect' ? n > 0 : n === 0)) {
      seen.add(k);
      out.push(r);
    }
  }
  return out;
}
