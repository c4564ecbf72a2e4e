/**
 * The window picture: which recent batches the current window covers and which the previous one
 * covered, so a class sees a window slide. Windows are computed at Spark's times: every slide
 * after the zero time (one batch interval before the first batch). Pure, so it is tested in Node.
 */
import type { BatchView } from '../protocol.js';

/** One batch slot on the timeline; `records` is null when no batch was seen at that time. */
export interface TimelineCell {
  readonly time: number;
  readonly records: number | null;
  readonly inCurrent: boolean;
  readonly inPrevious: boolean;
}

/** A window's span: batch times in (start, end]; `records` is null when nobody counted them. */
export interface WindowSpan {
  readonly start: number;
  readonly end: number;
  readonly records: number | null;
  readonly batches: number;
}

/** The timeline of one windowed stream. */
export interface WindowTimeline {
  readonly cells: readonly TimelineCell[];
  readonly current: WindowSpan | null;
  readonly previous: WindowSpan | null;
}

/** What the timeline needs to know about the stream and the context. */
export interface WindowTimelineInput {
  /** Finished batches, oldest first. */
  readonly batches: readonly BatchView[];
  readonly batchMs: number;
  readonly windowMs: number;
  readonly slideMs: number;
  readonly firstBatchTime: number;
  /** Records of the window's input in one batch, or null when the engine did not count them. */
  readonly recordsOf: (batch: BatchView) => number | null;
  /** Records in the window computed at `time` (the windowed stream's own count), or null. */
  readonly windowRecordsAt?: (time: number) => number | null;
  /** At most this many cells (the newest). */
  readonly maxCells?: number;
}

/** Computes the cells and the two brackets. */
export function windowTimeline(input: WindowTimelineInput): WindowTimeline {
  const { batches, batchMs, windowMs, slideMs, firstBatchTime, recordsOf } = input;
  const last = batches[batches.length - 1];
  if (last === undefined || batchMs <= 0 || slideMs <= 0) return { cells: [], current: null, previous: null };
  const zero = firstBatchTime - batchMs;
  // The newest window time: the latest finished batch time that is a whole number of slides after zero.
  const currentEnd = zero + Math.floor((last.batchTime - zero) / slideMs) * slideMs;
  const hasCurrent = currentEnd > zero;
  const previousEnd = currentEnd - slideMs;
  const hasPrevious = hasCurrent && previousEnd > zero;

  const byTime = new Map(batches.map((b) => [b.batchTime, b]));
  const wanted = Math.ceil((windowMs + 2 * slideMs) / batchMs);
  const count = Math.min(input.maxCells ?? 24, Math.max(1, wanted));
  const cells: TimelineCell[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const time = last.batchTime - i * batchMs;
    if (time < firstBatchTime) continue;
    const b = byTime.get(time);
    cells.push({
      time,
      records: b ? recordsOf(b) : null,
      inCurrent: hasCurrent && time > currentEnd - windowMs && time <= currentEnd,
      inPrevious: hasPrevious && time > previousEnd - windowMs && time <= previousEnd,
    });
  }

  const span = (end: number): WindowSpan => {
    // The windowed stream's own count is the truth; otherwise add up the batches, if all were counted.
    let sum: number | null = 0;
    let n = 0;
    for (let t = end - windowMs + batchMs; t <= end; t += batchMs) {
      if (t < firstBatchTime) continue;
      n += 1;
      const b = byTime.get(t);
      const r = b ? recordsOf(b) : null;
      sum = sum === null || r === null ? null : sum + r;
    }
    return { start: end - windowMs, end, records: input.windowRecordsAt?.(end) ?? sum, batches: n };
  };
  return { cells, current: hasCurrent ? span(currentEnd) : null, previous: hasPrevious ? span(previousEnd) : null };
}
