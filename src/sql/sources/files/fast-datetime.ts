/**
 * A fast path for the most common timestamp text in data files, `yyyy-MM-dd HH:mm:ss[.f…]`
 * (or with `T`), without a zone: fixed positions read with `charCodeAt`, no RegExp. Anything
 * else returns undefined and goes through Spark's full lenient parser (`datetime.ts`).
 */
import { localToUtcMs } from '../../types/datetime.js';

const UTC_ZONES = new Set(['UTC', 'Etc/UTC', 'GMT', 'Etc/GMT', 'Z', '+00:00', 'UCT']);

function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function monthDays(y: number, m: number): number {
  return m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0) ? 29 : DAYS[m - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** µs of `text` in zone `tz`, null when it is not a valid time, undefined when the fast path does not apply. */
export function fastTimestamp(text: string, tz: string): number | null | undefined {
  const n = text.length;
  if (n < 19 || n > 26 || n === 20) return undefined;
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  const sepc = text.charCodeAt(10);
  if (sepc !== 32 && sepc !== 84) return undefined;
  const y1 = d2(text, 0);
  const y2 = d2(text, 2);
  const mo = d2(text, 5);
  const d = d2(text, 8);
  const h = d2(text, 11);
  const mi = d2(text, 14);
  const se = d2(text, 17);
  if (y1 < 0 || y2 < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return y1 < 0 || y2 < 0 ? undefined : null;
  let micros = 0;
  if (n > 19) {
    if (text.charCodeAt(19) !== 46) return undefined;
    let scale = 100_000;
    for (let i = 20; i < n; i++) {
      const c = text.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return undefined;
      micros += c * scale;
      scale /= 10;
    }
  }
  const year = y1 * 100 + y2;
  if (d > monthDays(year, mo)) return null;
  const ms = (daysFromCivil(year, mo, d) * 86_400 + h * 3600 + mi * 60 + se) * 1000;
  const utc = UTC_ZONES.has(tz) ? ms : localToUtcMs(ms, tz);
  return utc * 1000 + micros;
}
