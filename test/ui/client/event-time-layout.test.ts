import { describe, expect, it } from 'vitest';
import { TIMELINE_BATCHES, layoutTimeline, windowState } from '../../../src/ui/client/event-time-layout.js';
import type { WindowBatchView } from '../../../src/ui/protocol-queries.js';

const M = 60_000;
const win = (start: number, end: number, c: Partial<{ open: number; updated: number; evicted: number; dropped: number }> = {}) => ({
  start: start * M,
  end: end * M,
  open: c.open ?? 0,
  updated: c.updated ?? 0,
  evicted: c.evicted ?? 0,
  dropped: c.dropped ?? 0,
});
const batch = (batchId: number, wm: number, windows: WindowBatchView['windows'], emitsEvicted = true): WindowBatchView => ({
  batchId,
  lateWatermarkMs: wm * M,
  evictionWatermarkMs: wm * M,
  emitsEvicted,
  windows,
});

describe('the watermark timeline layout', () => {
  it('gives each window a state from the engine counts: evicted wins, append mode emits', () => {
    expect(windowState({ open: 2, evicted: 0, dropped: 0 }, true)).toBe('open');
    expect(windowState({ open: 0, evicted: 3, dropped: 0 }, true)).toBe('emitted');
    expect(windowState({ open: 0, evicted: 3, dropped: 0 }, false)).toBe('evicted');
    expect(windowState({ open: 0, evicted: 0, dropped: 1 }, true)).toBe('late');
  });

  it('stacks overlapping sliding windows in lanes a window keeps across batches', () => {
    const l = layoutTimeline([
      batch(0, 0, [win(0, 10, { open: 2 }), win(5, 15, { open: 2 })]),
      batch(1, 4, [win(0, 10, { open: 3 }), win(5, 15, { open: 3 }), win(10, 20, { open: 1 })]),
    ])!;
    expect(l.lanes).toBe(2);
    const lanes = (row: number) => l.rows[row]!.windows.map((w) => [w.start / M, w.lane]);
    expect(lanes(0)).toEqual([
      [0, 0],
      [5, 1],
    ]);
    expect(lanes(1)).toEqual([
      [0, 0],
      [5, 1],
      [10, 0],
    ]);
    // The axis spans the windows and the watermark at 4 min, but not "no watermark yet" (0).
    expect([l.t0 / M, l.t1 / M]).toEqual([0, 20]);
  });

  it('widens the axis to a watermark just before the windows', () => {
    const l = layoutTimeline([batch(3, 100, [win(105, 115, { open: 1 })])])!;
    expect([l.t0 / M, l.t1 / M]).toEqual([100, 115]);
  });

  it('shows only the newest batches, and nothing without windows', () => {
    const many = Array.from({ length: TIMELINE_BATCHES + 5 }, (_, i) => batch(i, i, [win(i, i + 10, { open: 1 })]));
    expect(layoutTimeline(many)!.rows.map((r) => r.batchId)[0]).toBe(5);
    expect(layoutTimeline([])).toBeNull();
    expect(layoutTimeline([batch(0, 0, [])])).toBeNull();
  });
});
