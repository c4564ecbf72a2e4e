/**
 * Dates and timestamps in the session time zone: formatting (`2024-01-02 03:04:05.123`),
 * Spark's lenient string parsing (`stringToTimestamp`/`stringToDate`), zone offsets through
 * `Intl` (cached per quarter hour), and local fields. Timestamps are µs since the epoch, dates
 * days since the epoch (see values.ts).
 */

const MS_PER_DAY = 86_400_000;

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', 'UCT', 'Etc/UCT', 'Universal', 'Zulu']);

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

function fixedOffsetMs(tz: string): number | undefined {
  if (UTC_NAMES.has(tz)) return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(tz);
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600_000 + Number(m[3] ?? 0) * 60_000);
}

/** True when `tz` is a zone id the runtime knows (`Europe/Paris`, `UTC`, `+01:00`). */
export function isValidTimeZone(tz: string): boolean {
  if (fixedOffsetMs(tz) !== undefined) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC (ms) at the instant `utcMs`. */
export function zoneOffsetMs(tz: string, utcMs: number): number {
  const fixed = fixedOffsetMs(tz);
  if (fixed !== undefined) return fixed;
  const bucket = Math.floor(utcMs / 900_000);
  const key = `${tz}\u0000${bucket}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  let f = formatters.get(tz);
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
    formatters.set(tz, f);
  }
  const at = bucket * 900_000;
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(at))) parts[p.type] = p.value;
  let year = Number(parts['year']);
  if (parts['era'] === 'BC' || parts['era'] === 'B') year = 1 - year;
  const asUtc = Date.UTC(year, Number(parts['month']) - 1, Number(parts['day']), Number(parts['hour']), Number(parts['minute']), Number(parts['second']));
  const off = asUtc - at;
  if (offsetCache.size > 50_000) offsetCache.clear();
  offsetCache.set(key, off);
  return off;
}

/** The UTC instant (ms) of a wall-clock time (ms, as if UTC) in zone `tz`. */
export function localToUtcMs(localMs: number, tz: string): number {
  const guess = localMs - zoneOffsetMs(tz, localMs);
  return localMs - zoneOffsetMs(tz, guess);
}

/** Wall-clock fields of a timestamp in a zone. */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Microseconds within the second. */
  micros: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

/** Splits µs since the epoch into wall-clock fields in `tz`. */
export function localFields(us: number, tz: string): LocalFields {
  const ms = Math.floor(us / 1000);
  const local = ms + zoneOffsetMs(tz, ms);
  const d = new Date(local);
  const microsInSecond = ((us % 1_000_000) + 1_000_000) % 1_000_000;
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    micros: microsInSecond,
    weekday: d.getUTCDay(),
  };
}

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function yearText(y: number): string {
  if (y >= 0 && y < 10000) return String(y).padStart(4, '0');
  return y < 0 ? `-${String(-y).padStart(4, '0')}` : `+${y}`;
}

/** `2024-01-02` of a day number. */
export function formatDate(days: number): string {
  const d = new Date(days * MS_PER_DAY);
  return `${yearText(d.getUTCFullYear())}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
}

/** `2024-01-02 03:04:05.123` (fraction without trailing zeros) of µs in `tz`, as Spark casts a timestamp to string. */
export function formatTimestamp(us: number, tz: string): string {
  const f = localFields(us, tz);
  let text = `${yearText(f.year)}-${p2(f.month)}-${p2(f.day)} ${p2(f.hour)}:${p2(f.minute)}:${p2(f.second)}`;
  if (f.micros !== 0) text += '.' + String(f.micros).padStart(6, '0').replace(/0+$/, '');
  return text;
}

const TS_RE =
  /^\s*([+-]?\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2})(?:(?:[T ]|\s+)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2})(?:\.(\d{0,9}))?)?)?)?)?)?\s*(Z|UTC|GMT|[+-]\d{1,2}(?::?\d{2})?|[A-Za-z]+\/[A-Za-z_/+-]+)?\s*$/;

/**
 * Spark's `stringToTimestamp`: `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d`, then ` ` or `T` and
 * `[h]h:[m]m:[s]s.[fraction]`, then an optional zone (`Z`, `+01:00`, `Europe/Paris`); a time
 * without a zone is in `tz`. Returns µs, or null when the text is not a timestamp.
 */
export function parseTimestamp(text: string, tz: string): number | null {
  const m = TS_RE.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  const hour = m[4] === undefined ? 0 : Number(m[4]);
  const minute = m[5] === undefined ? 0 : Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return null;
  const fraction = (m[7] ?? '').slice(0, 6).padEnd(6, '0');
  const wall = utcMsOf(year, month, day, hour, minute, second);
  const zone = m[8];
  let utc: number;
  if (zone === undefined) utc = localToUtcMs(wall, tz);
  else {
    const off = fixedOffsetMs(zone === 'Z' ? 'UTC' : zone);
    if (off !== undefined) utc = wall - off;
    else if (isValidTimeZone(zone)) utc = localToUtcMs(wall, zone);
    else return null;
  }
  return utc * 1000 + Number(fraction);
}

/** Spark's `stringToDate`: `yyyy`, `yyyy-[m]m`, `yyyy-[m]m-[d]d` (anything after a space or `T` ignored). */
export function parseDate(text: string): number | null {
  const m = /^\s*([+-]?\d{4,6})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?\s*$/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return Math.floor(utcMsOf(year, month, day, 0, 0, 0) / MS_PER_DAY);
}

/** ms since the epoch of a UTC wall time (years 0–99 handled, which Date.UTC maps to 1900s). */
export function utcMsOf(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime();
}

/** Days in a month of the proleptic Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  // 2000 is a leap year, so only February of other years needs a correction.
  const n = new Date(Date.UTC(2000, month, 0)).getUTCDate();
  return month === 2 && !isLeap(year) ? 28 : n;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The day number of a timestamp in `tz` (its local date). */
export function timestampToDays(us: number, tz: string): number {
  const ms = Math.floor(us / 1000);
  return Math.floor((ms + zoneOffsetMs(tz, ms)) / MS_PER_DAY);
}

/** The timestamp (µs) of local midnight of a day in `tz`. */
export function daysToTimestamp(days: number, tz: string): number {
  return localToUtcMs(days * MS_PER_DAY, tz) * 1000;
}

/** The JVM's default zone for a new session: the process's zone. */
export function defaultTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
