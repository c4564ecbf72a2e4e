import { describe, expect, it } from 'vitest';
import { windowTimeline } from '../../../src/ui/client/window-timeline.js';
import type { BatchView } from '../../../src/ui/protocol.js';

const batch = (t: number, records: number): BatchView => ({
  batchTime: t,
  submissionTime: t,
  processingStartTime: t,
  processingEndTime: t + 5,
  numRecords: records,
  status: 'completed',
  outputOpsSucceeded: 1,
  outputOpsTotal: 1,
  outputOps: [],
  error: null,
  streamRecords: {},
  streamCounts: {},
  partialCounts: [],
});

/** Batches at 1 s … n s with 1, 2, 3 … records. */
const batches = (n: number): BatchView[] => Array.from({ length: n }, (_, i) => batch((i + 1) * 1000, i + 1));

const timeline = (n: number, windowMs: number, slideMs: number) =>
  windowTimeline({ batches: batches(n), batchMs: 1000, windowMs, slideMs, firstBatchTime: 1000, recordsOf: (b) => b.numRecords });

describe('windowTimeline', () => {
  it('covers the last three batches with a 3 s window sliding every second', () => {
    const t = timeline(5, 3000, 1000);
    expect(t.current).toEqual({ start: 2000, end: 5000, records: 3 + 4 + 5, batches: 3 });
    expect(t.previous).toEqual({ start: 1000, end: 4000, records: 2 + 3 + 4, batches: 3 });
    expect(t.cells.filter((c) => c.inCurrent).map((c) => c.time)).toEqual([3000, 4000, 5000]);
    expect(t.cells.filter((c) => c.inPrevious).map((c) => c.time)).toEqual([2000, 3000, 4000]);
  });

  it('ends the current window at the last slide time, not at the newest batch', () => {
    // Zero time is 0; windows of 4 s every 2 s are computed at 2 s, 4 s, 6 s …; the newest batch is 7 s.
    const t = timeline(7, 4000, 2000);
    expect(t.current).toEqual({ start: 2000, end: 6000, records: 3 + 4 + 5 + 6, batches: 4 });
    expect(t.previous).toEqual({ start: 0, end: 4000, records: 1 + 2 + 3 + 4, batches: 4 });
    expect(t.cells.at(-1)).toEqual({ time: 7000, records: 7, inCurrent: false, inPrevious: false });
  });

  it('counts only the batches that exist in a window that started before the stream', () => {
    const t = timeline(2, 3000, 1000);
    expect(t.current).toEqual({ start: -1000, end: 2000, records: 3, batches: 2 });
    expect(t.previous).toEqual({ start: -2000, end: 1000, records: 1, batches: 1 });
    expect(t.cells.map((c) => c.time)).toEqual([1000, 2000]);
  });

  it("takes the window's records from the windowed stream's own count when there is one", () => {
    const t = windowTimeline({
      batches: batches(4),
      batchMs: 1000,
      windowMs: 2000,
      slideMs: 2000,
      firstBatchTime: 1000,
      recordsOf: () => null,
      windowRecordsAt: (time) => (time === 4000 ? 70 : null),
    });
    expect(t.current).toEqual({ start: 2000, end: 4000, records: 70, batches: 2 });
    expect(t.previous).toEqual({ start: 0, end: 2000, records: null, batches: 2 });
    expect(t.cells.map((c) => c.records)).toEqual([null, null, null, null]);
  });

  it('says the records are unknown when a batch in the window was not counted', () => {
    const t = windowTimeline({
      batches: batches(3),
      batchMs: 1000,
      windowMs: 2000,
      slideMs: 1000,
      firstBatchTime: 1000,
      recordsOf: (b) => (b.batchTime === 2000 ? null : b.numRecords),
    });
    expect(t.current).toEqual({ start: 1000, end: 3000, records: null, batches: 2 });
    expect(t.previous).toEqual({ start: 0, end: 2000, records: null, batches: 2 });
  });

  it('shows an empty cell for a batch time it has no batch for', () => {
    const t = windowTimeline({
      batches: [batch(1000, 1), batch(3000, 3)],
      batchMs: 1000,
      windowMs: 2000,
      slideMs: 1000,
      firstBatchTime: 1000,
      recordsOf: (b) => b.numRecords,
    });
    expect(t.cells.map((c) => c.records)).toEqual([1, null, 3]);
  });

  it('limits the number of cells to the newest ones', () => {
    const t = windowTimeline({ batches: batches(100), batchMs: 1000, windowMs: 60_000, slideMs: 10_000, firstBatchTime: 1000, recordsOf: (b) => b.numRecords, maxCells: 24 });
    expect(t.cells).toHaveLength(24);
    expect(t.cells.at(-1)?.time).toBe(100_000);
  });

  it('has nothing to show before the first batch', () => {
    expect(timeline(0, 3000, 1000)).toEqual({ cells: [], current: null, previous: null });
  });
});
