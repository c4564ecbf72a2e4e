/**
 * The direct approach's decision at each tick, as a pure function: from where each partition
 * stands, its earliest and latest offsets and the rate limits, the offset range of each
 * partition for the batch. A position below the earliest offset means records were deleted
 * (retention) before they were read: that part is reported lost and reading goes on from the
 * earliest offset. A position past the end (the topic was deleted and made again) starts over
 * as `auto.offset.reset` says.
 */
import type { OffsetReset } from './params.js';
import { type TpKey, tpKey } from './reader.js';

/** A partition of the stream. */
export interface Tp {
  readonly topic: string;
  readonly partition: number;
}

/** `[from, until)` of one partition in one batch. */
export interface Range extends Tp {
  readonly from: number;
  readonly until: number;
}

/** What one batch will read, and what could not be read any more. */
export interface BatchPlan {
  readonly ranges: Range[];
  /** Offsets that were deleted before they were read: `[from, until)` is gone. */
  readonly lost: Range[];
  /** Partitions whose position was past their end, restarted per `auto.offset.reset`. */
  readonly reset: Array<Tp & { readonly from: number; readonly to: number }>;
}

/**
 * The ranges of one batch. `positions` (next offset to read, per partition) is advanced to the
 * end of each range; partitions without a position are left out.
 */
export function planBatch(
  scope: readonly Tp[],
  positions: Map<TpKey, number>,
  earliest: ReadonlyMap<TpKey, number>,
  latest: ReadonlyMap<TpKey, number>,
  limits: ReadonlyMap<TpKey, number> | undefined,
  policy: OffsetReset,
): BatchPlan {
  const ranges: Range[] = [];
  const lost: Range[] = [];
  const reset: Array<Tp & { from: number; to: number }> = [];
  for (const { topic, partition } of scope) {
    const k = tpKey(topic, partition);
    let from = positions.get(k);
    if (from === undefined) continue;
    const first = earliest.get(k) ?? 0;
    const end = latest.get(k) ?? from;
    if (from > end) {
      const to = policy === 'latest' ? end : first;
      reset.push({ topic, partition, from, to });
      from = to;
    } else if (from < first) {
      lost.push({ topic, partition, from, until: first });
      from = first;
    }
    const limit = limits?.get(k);
    const until = limit === undefined ? end : Math.min(end, from + limit);
    ranges.push({ topic, partition, from, until });
    positions.set(k, until);
  }
  return { ranges, lost, reset };
}
