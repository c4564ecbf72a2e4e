/**
 * Dates and timestamps as SQL text, both ways: `2024-02-29` for a date (days since the epoch
 * inside), `2024-02-29 12:34:56.123456` for a timestamp (microseconds since the epoch inside),
 * read and written as UTC wall-clock time so a value round-trips whatever the machine's zone.
 */

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a day number. */
export function formatDate(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

/** `YYYY-MM-DD HH:MM:SS`, then `.mmm` or `.uuuuuu` when the value has them. */
export function formatTimestamp(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const sub = micros - ms * 1000;
  const iso = new Date(ms).toISOString(); // 2024-02-29T12:34:56.123Z
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  const millis = iso.slice(20, 23);
  if (sub !== 0) return `${base}.${millis}${String(sub).padStart(3, '0')}`;
  return millis === '000' ? base : `${base}.${millis}`;
}

/** `YYYY-MM-DD HH:MM:SS.mmm`, always with milliseconds: the text sqlite-jdbc (so Spark) reads back. */
export function formatTimestampMillis(micros: number): string {
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

const DATE_RE = /^(-?\d{4,})-(\d{2})-(\d{2})/;
const TS_RE = /^(-?\d{4,})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** Days since the epoch of text starting with `YYYY-MM-DD`; null when it does not. */
export function parseDate(text: string): number | null {
  const m = DATE_RE.exec(text.trim());
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(t) ? null : Math.floor(t / DAY_MS);
}

/** Microseconds since the epoch of `YYYY-MM-DD[ HH:MM[:SS[.f…]]][±HH[:MM]|Z]` (no offset: UTC); null otherwise. */
export function parseTimestamp(text: string): number | null {
  const m = TS_RE.exec(text.trim());
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  if (Number.isNaN(ms)) return null;
  const frac = (m[7] ?? '').padEnd(6, '0').slice(0, 6);
  let micros = ms * 1000 + Number(frac);
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
    if (z) micros -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000_000;
  }
  return micros;
}

/** Microseconds of a time of day `HH:MM:SS[.f…]` (PostgreSQL's `time`, read by Spark as a timestamp on 1970-01-01). */
export function parseTimeOfDay(text: string): number | null {
  const m = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?/.exec(text.trim());
  if (!m) return null;
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1_000_000 + Number((m[4] ?? '').padEnd(6, '0'));
}
