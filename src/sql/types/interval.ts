/**
 * Interval text as Spark reads it in `window(…, "10 minutes")`, `withWatermark(…, "10 seconds")`
 * and `interval 10 minutes`: `<n> <unit>` pairs (years, months, weeks, days, hours, minutes,
 * seconds, milliseconds, microseconds; singular or plural), optionally after `interval`.
 */
import type { Interval } from './values.js';

const UNIT_MICROS: Readonly<Record<string, number>> = {
  week: 7 * 86_400_000_000,
  day: 86_400_000_000,
  hour: 3_600_000_000,
  minute: 60_000_000,
  second: 1_000_000,
  millisecond: 1000,
  microsecond: 1,
};

/** Parses interval text, or null when it is not an interval (Spark's CANNOT_PARSE_INTERVAL). */
export function parseInterval(text: string): Interval | null {
  let s = text.trim().toLowerCase();
  if (s.startsWith('interval')) s = s.slice(8).trim();
  if (s === '') return null;
  const re = /([+-]?\d+(?:\.\d+)?)\s*([a-z]+)\s*/y;
  let months = 0;
  let days = 0;
  let micros = 0;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return null;
    pos = re.lastIndex;
    const n = Number(m[1]);
    let unit = m[2]!;
    if (unit.endsWith('s') && unit !== 's') unit = unit.slice(0, -1);
    if (unit === 'year') months += n * 12;
    else if (unit === 'month') months += n;
    else if (unit === 'day' && Number.isInteger(n)) days += n;
    else if (UNIT_MICROS[unit] !== undefined) micros += Math.round(n * UNIT_MICROS[unit]!);
    else return null;
  }
  return { months, days, microseconds: micros };
}

/** The length of an interval in µs, counting a day as 24 h and a month as 31 days (Spark's window rule). */
export function intervalMicros(i: Interval): number {
  return i.months * 31 * 86_400_000_000 + i.days * 86_400_000_000 + i.microseconds;
}
