/**
 * Text for the web UI: durations, times, counts and the summary sentence, as Spark's Streaming
 * tab words them. Pure functions shared by the server and the page, so they are tested in Node.
 */
import type { ContextView, Totals } from './protocol.js';

const two = (n: number): string => String(n).padStart(2, '0');

/** "4,210": thousands separated, whatever the viewer's locale, so a projector reads the same as a laptop. */
export function formatCount(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1 second", "2 seconds", "500 ms", "1.5 seconds": the batch interval as Spark's summary says it. */
export function formatInterval(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = ms / 1000;
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** A delay or a processing time as Spark's tables show it: "35 ms", "1.2 s", "2.5 min", "1.1 h". */
export function formatDelay(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

/** Time since a start, in words a class reads aloud: "45 s", "2 min 10 s", "1 h 5 min". */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}

/** "10:41:03" in the viewer's local time. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** A batch time as Spark's table shows it: "2026/11/21 10:41:03", with milliseconds when batches are shorter than a second. */
export function formatBatchTime(ms: number, batchMs: number): string {
  const d = new Date(ms);
  const date = `${d.getFullYear()}/${two(d.getMonth() + 1)}/${two(d.getDate())}`;
  const time = formatClock(ms);
  return batchMs < 1000 ? `${date} ${time}.${String(d.getMilliseconds()).padStart(3, '0')}` : `${date} ${time}`;
}

/** "12.5 records/s", with one decimal under 100 and none above. */
export function formatRate(perSec: number): string {
  const value = perSec < 100 ? (Math.round(perSec * 10) / 10).toString() : formatCount(perSec);
  return `${value} records/s`;
}

const plural = (n: number, one: string, many: string): string => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * The summary line: "Running batches of 1 second for 2 min 10 s since 10:41:03 (130 completed
 * batches, 4,210 records)", or what the context is doing instead when it is not running.
 */
export function summarySentence(context: ContextView, now: number, totals: Totals): string {
  const every = formatInterval(context.batchMs);
  const counts = `(${plural(totals.completedBatches, 'completed batch', 'completed batches')}, ${plural(totals.totalRecords, 'record', 'records')})`;
  if (context.state === 'INITIALIZED' || context.startTime === null) {
    return `Not started: batches of ${every} will run after ssc.start()`;
  }
  if (context.state === 'ACTIVE' && context.paused) {
    return `Paused after ${formatElapsed(now - context.startTime)} of batches of ${every} since ${formatClock(context.startTime)} ${counts}: ssc.step() runs one batch, ssc.resume() goes on`;
  }
  if (context.state === 'ACTIVE') {
    return `Running batches of ${every} for ${formatElapsed(now - context.startTime)} since ${formatClock(context.startTime)} ${counts}`;
  }
  const end = context.stopTime ?? now;
  return `Stopped: ran batches of ${every} for ${formatElapsed(end - context.startTime)} from ${formatClock(context.startTime)} to ${formatClock(end)} ${counts}`;
}
