/**
 * The text of `DATE '…'` and `TIMESTAMP '…'` literals, read as Spark's `stringToDate` and
 * `stringToTimestamp` read them: `2024-01-02`, `2024-1-2`, `2024`, `2024-01-02 03:04:05.123456`,
 * `2024-01-02T03:04:05Z`, `… +02:00`, `… America/Los_Angeles`. A timestamp without a zone is
 * wall-clock time in the session time zone.
 */

/** Days from 1970-01-01 to a calendar date (proleptic Gregorian), or null when the date does not exist. */
export function daysOf(year: number, month: number, day: number): number | null {
  if (month < 1 || month > 12 || day < 1) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return Math.floor(d.getTime() / 86_400_000);
}

interface DateFields {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly rest: string;
}

/** `yyyy[-m[m][-d[d]]]` at the start of `s`, and what follows it. */
function readDate(s: string): DateFields | null {
  const m = /^([+-]?\d{4,7})(?:-(\d{1,2})(?:-(\d{1,2}))?)?/.exec(s);
  if (!m) return null;
  return { year: Number(m[1]), month: m[2] === undefined ? 1 : Number(m[2]), day: m[3] === undefined ? 1 : Number(m[3]), rest: s.slice(m[0].length) };
}

/** The day number of a DATE literal's text, or null when it is not a date. */
export function parseDateLiteral(text: string): number | null {
  const s = text.trim();
  const f = readDate(s);
  if (!f) return null;
  // After a full date Spark ignores anything behind a space or a `T` (a time part).
  if (f.rest !== '' && !/^[ T]/.test(f.rest)) return null;
  if (f.rest !== '' && !/^\d{4,7}-\d{1,2}-\d{1,2}/.test(s.replace(/^[+-]/, ''))) return null;
  return daysOf(f.year, f.month, f.day);
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** True when `tz` is a time-zone name the runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    zoneFormatter(tz);
    return true;
  } catch {
    return false;
  }
}

function zoneFormatter(tz: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(tz);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    offsetFormatters.set(tz, f);
  }
  return f;
}

/** The offset of `tz` from UTC at the instant `utcMs`, in milliseconds. */
function zoneOffsetMs(tz: string, utcMs: number): number {
  const parts = zoneFormatter(tz).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const d = new Date(0);
  d.setUTCFullYear(year, get('month') - 1, get('day'));
  d.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  return d.getTime() - (utcMs - (((utcMs % 1000) + 1000) % 1000));
}

/** UTC milliseconds of a wall-clock time (as UTC milliseconds) in `tz`; the earlier instant in a DST overlap. */
function wallClockToUtc(localMs: number, tz: string): number {
  const first = localMs - zoneOffsetMs(tz, localMs);
  const second = localMs - zoneOffsetMs(tz, first);
  return Math.min(first, second);
}

/** A fixed offset in ms from `+hh`, `+hh:mm`, `+hhmm`; undefined when not one. */
function fixedOffset(text: string): number | undefined {
  const m = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::(\d{2}))?$/.exec(text);
  if (!m) return undefined;
  const h = Number(m[2]);
  const min = Number(m[3] ?? 0);
  if (h > 18 || min > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (h * 3600 + min * 60 + Number(m[4] ?? 0)) * 1000;
}

/** The zone at the end of a timestamp: an offset in ms, a zone name, or undefined when unknown. */
function readZone(zone: string): number | string | undefined {
  if (zone === 'Z') return 0;
  const fixed = fixedOffset(zone);
  if (fixed !== undefined) return fixed;
  const prefixed = /^(UTC|GMT|UT)([+-].*)?$/i.exec(zone);
  if (prefixed) return prefixed[2] === undefined ? 0 : fixedOffset(prefixed[2]);
  return isTimeZone(zone) ? zone : undefined;
}

/**
 * Microseconds since the epoch of a TIMESTAMP literal's text, or null. Without a zone in the
 * text the time is read in `sessionTimeZone`; `ntz` reads it as UTC wall-clock time and ignores a zone.
 */
export function parseTimestampLiteral(text: string, sessionTimeZone: string, ntz = false): number | null {
  const s = text.trim();
  const f = readDate(s);
  if (!f) return null;
  let rest = f.rest;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let micros = 0;
  if (rest !== '') {
    const t = /^[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?/.exec(rest);
    if (t) {
      hour = Number(t[1]);
      minute = Number(t[2]);
      second = Number(t[3] ?? 0);
      micros = Number(((t[4] ?? '') + '000000').slice(0, 6));
      rest = rest.slice(t[0].length);
    } else if (/^[ T]$/.test(rest)) rest = '';
    else if (!/^\d{4,7}-\d{1,2}-\d{1,2}/.test(s.replace(/^[+-]/, ''))) return null;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  const days = daysOf(f.year, f.month, f.day);
  if (days === null) return null;
  const localMs = days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
  const zoneText = rest.trim();
  let utcMs: number;
  if (ntz) utcMs = localMs;
  else if (zoneText === '') utcMs = wallClockToUtc(localMs, sessionTimeZone);
  else {
    const zone = readZone(zoneText);
    if (zone === undefined) return null;
    utcMs = typeof zone === 'number' ? localMs - zone : wallClockToUtc(localMs, zone);
  }
  return utcMs * 1000 + micros;
}
