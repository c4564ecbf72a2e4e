/**
 * The layout of the watermark timeline, without the DOM (tested in Node): which windows each
 * batch row shows and in what state, the lane each window keeps on every row (overlapping
 * sliding windows stack), and the event-time range of the axis. Every number comes from the
 * engine's window record (`WindowBatchView`); nothing is re-derived here but positions.
 */
import type { WindowBatchView } from '../protocol-queries.js';

/** Batch rows the timeline shows (the newest). */
export const TIMELINE_BATCHES = 12;

/** A window's state after one batch. */
export type WindowState = 'open' | 'emitted' | 'evicted' | 'late';

/** One window on one batch row. */
export interface TimelineWindow {
  readonly start: number;
  readonly end: number;
  readonly lane: number;
  readonly state: WindowState;
  readonly open: number;
  readonly updated: number;
  readonly evicted: number;
  readonly dropped: number;
}

/** One batch row. */
export interface TimelineRow {
  readonly batchId: number;
  /** The watermark this batch evicted state by (its batch watermark), and the one late rows were judged by (ms; 0 = none yet). */
  readonly watermark: number;
  readonly lateWatermark: number;
  readonly emitsEvicted: boolean;
  readonly windows: readonly TimelineWindow[];
}

/** The whole picture. */
export interface TimelineLayout {
  readonly t0: number;
  readonly t1: number;
  readonly lanes: number;
  readonly rows: readonly TimelineRow[];
}

/** A window's state in a batch: evicted (emitted in append mode) wins over open; a window only late rows touched is "late". */
export function windowState(w: { open: number; evicted: number; dropped: number }, emitsEvicted: boolean): WindowState {
  if (w.evicted > 0) return emitsEvicted ? 'emitted' : 'evicted';
  if (w.open > 0) return 'open';
  return 'late';
}

/** Lays out the newest {@link TIMELINE_BATCHES} window batches. */
export function layoutTimeline(batches: readonly WindowBatchView[]): TimelineLayout | null {
  const shown = batches.slice(-TIMELINE_BATCHES);
  const all = new Map<string, { start: number; end: number }>();
  for (const b of shown) for (const w of b.windows) all.set(`${w.start}:${w.end}`, { start: w.start, end: w.end });
  if (all.size === 0) return null;
  // Greedy interval partitioning: each distinct window keeps one lane on every row.
  const laneOf = new Map<string, number>();
  const laneEnds: number[] = [];
  for (const [key, w] of [...all.entries()].sort((a, b) => a[1].start - b[1].start || a[1].end - b[1].end)) {
    let lane = laneEnds.findIndex((end) => end <= w.start);
    if (lane < 0) lane = laneEnds.length;
    laneEnds[lane] = w.end;
    laneOf.set(key, lane);
  }
  const starts = [...all.values()].map((w) => w.start);
  const ends = [...all.values()].map((w) => w.end);
  let t0 = Math.min(...starts);
  let t1 = Math.max(...ends);
  // Watermarks inside the picture's neighbourhood widen the axis; "none yet" (0) does not.
  for (const b of shown) {
    for (const wm of [b.evictionWatermarkMs, b.lateWatermarkMs]) {
      if (wm > 0 && wm >= t0 - (t1 - t0)) {
        t0 = Math.min(t0, wm);
        t1 = Math.max(t1, wm);
      }
    }
  }
  const rows: TimelineRow[] = shown.map((b) => ({
    batchId: b.batchId,
    watermark: b.evictionWatermarkMs,
    lateWatermark: b.lateWatermarkMs,
    emitsEvicted: b.emitsEvicted,
    windows: b.windows.map((w) => ({ ...w, lane: laneOf.get(`${w.start}:${w.end}`) ?? 0, state: windowState(w, b.emitsEvicted) })),
  }));
  return { t0, t1, lanes: laneEnds.length, rows };
}
