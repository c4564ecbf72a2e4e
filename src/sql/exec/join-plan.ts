/**
 * How a join runs: its sides' sizes as Spark's planner estimates them, whether it streams
 * (a hash join whose output follows the probe side, fused into the generated pipeline), and
 * which side is hashed.
 */
import type { PJoin, RPlan } from '../analysis/resolved.js';

/** Spark's idea of a plan's size: bytes when statistics are known, undefined for data of unknown size (`createDataFrame` lists). */
export function estimateSize(p: RPlan): number | undefined {
  switch (p.k) {
    case 'local':
    case 'rdd':
      return undefined;
    case 'range':
      return 8 * Math.max(0, Math.ceil((p.end - p.start) / p.step));
    case 'scan':
      return 1;
    case 'join':
    case 'intersect':
    case 'except': {
      const a = estimateSize(p.left);
      const b = estimateSize(p.right);
      return a === undefined || b === undefined ? undefined : a + b;
    }
    case 'union': {
      let total = 0;
      for (const i of p.inputs) {
        const s = estimateSize(i);
        if (s === undefined) return undefined;
        total += s;
      }
      return total;
    }
    default:
      return estimateSize((p as { input: RPlan }).input);
  }
}

/** True when both sides are of unknown size (Spark shuffles both and shows sort-merge order). */
export function unknownSizes(plan: PJoin): boolean {
  return estimateSize(plan.left) === undefined && estimateSize(plan.right) === undefined;
}

/** True when the join streams its probe side (Spark's broadcast hash join order). */
export function canStream(plan: PJoin): boolean {
  return plan.leftKeys.length > 0 && !unknownSizes(plan) && ['inner', 'left', 'right', 'semi', 'anti', 'cross'].includes(plan.joinType);
}

/** True when the left side is hashed (RIGHT joins, and INNER joins whose left side is the smaller). */
export function buildsLeft(plan: PJoin): boolean {
  if (plan.joinType === 'right') return true;
  if (plan.joinType !== 'inner') return false;
  const ls = estimateSize(plan.left);
  const rs = estimateSize(plan.right);
  return ls !== undefined && (rs === undefined || ls < rs);
}
