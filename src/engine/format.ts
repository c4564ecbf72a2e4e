/**
 * How records and batch times are written in pprint and saveAsTextFiles, in pyspark's shape.
 */
import { inspect } from 'node:util';

/**
 * One record as pyspark's `print(record)` would show it: a string as it is, anything else in
 * JavaScript's own inspect style on one line (`[ 'spark', 3 ]`).
 */
export function formatRecord(record: unknown, colors = false): string {
  if (typeof record === 'string') return record;
  try {
    return inspect(record, { depth: 6, breakLength: Infinity, colors, maxArrayLength: 100, maxStringLength: 10_000 });
  } catch (e) {
    // A value whose custom inspect throws must not fail the batch.
    return `[record could not be displayed: ${e instanceof Error ? e.message : String(e)}]`;
  }
}

/** A record as a line of a text file: strings as they are, the rest as `formatRecord` without colour. */
export function recordToText(record: unknown): string {
  return formatRecord(record, false);
}

/** `YYYY-MM-DD HH:MM:SS` in local time, with `.ffffff` when the time has a fraction of a second (Python's `str(datetime)`). */
export function formatBatchTime(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const base = `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}`;
  const frac = ((ms % 1000) + 1000) % 1000;
  return frac === 0 ? base : `${base}.${String(Math.round(frac * 1000)).padStart(6, '0')}`;
}

/** `HH:MM:SS` (with `.mmm` below one second), for short messages about a batch. */
export function formatClockTime(ms: number): string {
  const full = formatBatchTime(ms);
  const t = full.slice(11);
  return t.includes('.') ? t.slice(0, 12) : t;
}

/** Durations in messages: "500 ms", "1 s", "1.5 s", as Spark prints them for the user. */
export function formatDurationMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
