/**
 * Aggregation by `session_window(t, gap)` (Spark's MergingSessionsExec): rows are first
 * aggregated by the other keys and their own session `[t, t + gap]`, then, per key, sessions
 * sorted by start are merged while the next one starts at or before the current end (the end
 * becoming the later of the two), their buffers merged. Output in Spark's order: by key and
 * session start (one partition when adaptive execution coalesces, else per shuffle partition).
 */
import type { PAggregate } from '../analysis/resolved.js';
import { partitionOf } from '../codegen/murmur3.js';
import type { InternalRow } from '../types/values.js';
import { type CompiledAggregate, compileAggregate } from './aggregate-exec.js';
import type { Executor, Partitions } from './executor.js';
import { keyComparator } from './sort-exec.js';

/** A key's buffers (each a session of the key) merged where they overlap; the buffers' session slot updated. */
export function mergeSessions(agg: CompiledAggregate, buffers: unknown[][], si: number): unknown[][] {
  const start = (b: unknown[]): number => (b[si] as number[])[0]!;
  const sorted = [...buffers].sort((a, b) => start(a) - start(b));
  const out: unknown[][] = [];
  let cur: unknown[] | undefined;
  for (const b of sorted) {
    const [s, e] = b[si] as [number, number];
    if (cur !== undefined && s <= (cur[si] as number[])[1]!) {
      const [cs, ce] = cur[si] as [number, number];
      agg.merge(cur, b);
      cur[si] = [cs, Math.max(ce, e)];
    } else {
      cur = b.slice();
      cur[si] = [s, e];
      out.push(cur);
    }
  }
  return out;
}

/** The other keys of a session aggregation's buffer (every grouping but the session). */
export function otherKeys(buf: readonly unknown[], plan: PAggregate): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < plan.groupings.length; i++) if (i !== plan.session) out.push(buf[i]);
  return out;
}

/** A batch aggregation by session windows. */
export function sessionAggregateRows(plan: PAggregate, ex: Executor): Partitions {
  const si = plan.session!;
  const agg = compileAggregate(plan, ex);
  const { groups } = agg.run();
  const byKey = new Map<string, unknown[][]>();
  for (const g of groups) {
    // Rows with a NULL time have no session (Spark filters them out).
    if (g[si] === null || (g[si] as unknown[])[0] === null) continue;
    const id = JSON.stringify(otherKeys(g, plan), (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    let l = byKey.get(id);
    if (l === undefined) byKey.set(id, (l = []));
    l.push(g);
  }
  const merged: unknown[][] = [];
  for (const l of byKey.values()) merged.push(...mergeSessions(agg, l, si));
  const order = plan.groupings.map((e) => ({ child: e, direction: 'asc' as const, nulls: 'first' as const }));
  const cmp = keyComparator(order, ex.options);
  const others = plan.groupings.filter((_g, i) => i !== si).map((e) => e.dataType);
  const n = ex.options.adaptive ? 1 : ex.options.shufflePartitions;
  const parts: InternalRow[][] = Array.from({ length: n }, () => []);
  const bucketOf = (b: unknown[]): number => (n === 1 ? 0 : partitionOf(otherKeys(b, plan), others, n));
  merged.sort((a, b) => bucketOf(a) - bucketOf(b) || cmp(a.slice(0, plan.groupings.length), b.slice(0, plan.groupings.length)));
  for (const b of merged) parts[bucketOf(b)]!.push(agg.finish(b));
  return parts;
}
