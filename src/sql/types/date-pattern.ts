/**
 * Spark's datetime patterns (Java `DateTimeFormatter` letters) for `date_format`,
 * `to_timestamp(s, fmt)`, `unix_timestamp`, `from_unixtime`: `yyyy yy MM M MMM MMMM dd d D
 * HH H hh h mm m ss s SSS… a EEE EEEE E XXX Z z`, with `'quoted text'`.
 */
import { type LocalFields, isValidTimeZone, localFields, localToUtcMs, utcMsOf, zoneOffsetMs } from './datetime.js';

type Token = { readonly letter: string; readonly count: number } | { readonly text: string };

const tokenCache = new Map<string, Token[]>();

function tokenize(pattern: string): Token[] {
  const hit = tokenCache.get(pattern);
  if (hit) return hit;
  const out: Token[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        out.push({ text: "'" });
        i += 2;
        continue;
      }
      out.push({ text: pattern.slice(i + 1, end < 0 ? pattern.length : end) });
      i = end < 0 ? pattern.length : end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out.push({ letter: c, count: j - i });
      i = j;
    } else {
      out.push({ text: c });
      i++;
    }
  }
  tokenCache.set(pattern, out);
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function pad(n: number, w: number): string {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? `-${s}` : s;
}

function offsetText(ms: number, style: string): string {
  if (ms === 0 && style === 'X') return 'Z';
  const sign = ms < 0 ? '-' : '+';
  const m = Math.abs(ms) / 60_000;
  const hh = pad(Math.floor(m / 60), 2);
  const mm = pad(m % 60, 2);
  return style === 'Z' ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

/** Formats µs in `tz` with a Spark datetime pattern. */
export function formatWithPattern(us: number, pattern: string, tz: string): string {
  const f: LocalFields = localFields(us, tz);
  const dayOfYear = Math.floor((utcMsOf(f.year, f.month, f.day, 0, 0, 0) - utcMsOf(f.year, 1, 1, 0, 0, 0)) / 86_400_000) + 1;
  let out = '';
  for (const t of tokenize(pattern)) {
    if ('text' in t) {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case 'y':
      case 'u':
        out += n === 2 ? pad(f.year % 100, 2) : pad(f.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[f.month - 1] : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
        break;
      case 'd':
        out += pad(f.day, n);
        break;
      case 'D':
        out += pad(dayOfYear, n);
        break;
      case 'H':
        out += pad(f.hour, n);
        break;
      case 'h':
        out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
        break;
      case 'k':
        out += pad(f.hour === 0 ? 24 : f.hour, n);
        break;
      case 'K':
        out += pad(f.hour % 12, n);
        break;
      case 'm':
        out += pad(f.minute, n);
        break;
      case 's':
        out += pad(f.second, n);
        break;
      case 'S':
        out += String(f.micros).padStart(6, '0').padEnd(n, '0').slice(0, n);
        break;
      case 'a':
        out += f.hour < 12 ? 'AM' : 'PM';
        break;
      case 'E':
        out += n >= 4 ? DAYS[f.weekday] : DAYS[f.weekday]!.slice(0, 3);
        break;
      case 'X':
      case 'x':
      case 'Z': {
        const ms = Math.floor(us / 1000);
        out += offsetText(zoneOffsetMs(tz, ms), t.letter === 'Z' ? 'Z' : t.letter === 'X' ? 'X' : 'x');
        break;
      }
      case 'z':
      case 'V':
        out += tz;
        break;
      case 'Q':
      case 'q':
        out += pad(Math.floor((f.month - 1) / 3) + 1, n);
        break;
      default:
        out += t.letter.repeat(n);
    }
  }
  return out;
}

/**
 * Parses `text` with a Spark datetime pattern; a missing date defaults to 1970-01-01, a
 * missing zone is `tz`. Returns µs, or null when the text does not match (Spark's non-ANSI NULL).
 */
export function parseWithPattern(text: string, pattern: string, tz: string): number | null {
  let pos = 0;
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let micros = 0;
  let pm: boolean | undefined;
  let h12 = false;
  let offset: number | undefined;
  let zone: string | undefined;
  const tokens = tokenize(pattern);
  const num = (min: number, max: number): number | null => {
    const m = new RegExp(`^[+-]?\\d{${min},${max}}`).exec(text.slice(pos));
    if (!m) return null;
    pos += m[0].length;
    return Number(m[0]);
  };
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti]!;
    if ('text' in t) {
      if (!text.startsWith(t.text, pos)) return null;
      pos += t.text.length;
      continue;
    }
    // A numeric field directly followed by another numeric field takes exactly `count` digits.
    const next = tokens[ti + 1];
    const adjacent = next !== undefined && 'letter' in next;
    const width = (n: number): [number, number] => (adjacent ? [n, n] : [n, n <= 2 ? 2 : 9]);
    let v: number | null;
    switch (t.letter) {
      case 'y':
      case 'u':
        if (t.count === 2) {
          v = num(2, 2);
          if (v === null) return null;
          year = 2000 + v;
        } else {
          v = num(...(adjacent ? [t.count, t.count] as [number, number] : [t.count, 6] as [number, number]));
          if (v === null) return null;
          year = v;
        }
        break;
      case 'M':
      case 'L':
        if (t.count >= 3) {
          const rest = text.slice(pos).toLowerCase();
          const idx = MONTHS.findIndex((mo) => rest.startsWith((t.count === 3 ? mo.slice(0, 3) : mo).toLowerCase()));
          if (idx < 0) return null;
          month = idx + 1;
          pos += t.count === 3 ? 3 : MONTHS[idx]!.length;
        } else {
          v = num(...width(t.count));
          if (v === null) return null;
          month = v;
        }
        break;
      case 'd':
        v = num(...width(t.count));
        if (v === null) return null;
        day = v;
        break;
      case 'H':
      case 'k':
        v = num(...width(t.count));
        if (v === null) return null;
        hour = v;
        break;
      case 'h':
      case 'K':
        v = num(...width(t.count));
        if (v === null) return null;
        hour = v;
        h12 = true;
        break;
      case 'm':
        v = num(...width(t.count));
        if (v === null) return null;
        minute = v;
        break;
      case 's':
        v = num(...width(t.count));
        if (v === null) return null;
        second = v;
        break;
      case 'S': {
        const m = new RegExp(`^\\d{1,${t.count}}`).exec(text.slice(pos));
        if (!m) return null;
        pos += m[0].length;
        micros = Number(m[0].padEnd(6, '0').slice(0, 6));
        break;
      }
      case 'a': {
        const ap = text.slice(pos, pos + 2).toUpperCase();
        if (ap !== 'AM' && ap !== 'PM') return null;
        pm = ap === 'PM';
        pos += 2;
        break;
      }
      case 'E': {
        const rest = text.slice(pos).toLowerCase();
        const d = DAYS.find((x) => rest.startsWith((t.count >= 4 ? x : x.slice(0, 3)).toLowerCase()));
        if (!d) return null;
        pos += t.count >= 4 ? d.length : 3;
        break;
      }
      case 'X':
      case 'x':
      case 'Z': {
        const m = /^(Z|[+-]\d{2}(?::?\d{2})?)/.exec(text.slice(pos));
        if (!m) return null;
        pos += m[0].length;
        if (m[0] === 'Z') offset = 0;
        else {
          const mm = /^([+-])(\d{2}):?(\d{2})?$/.exec(m[0])!;
          offset = (mm[1] === '-' ? -1 : 1) * (Number(mm[2]) * 3600_000 + Number(mm[3] ?? 0) * 60_000);
        }
        break;
      }
      case 'z':
      case 'V': {
        const m = /^[A-Za-z_]+(?:\/[A-Za-z_]+)*/.exec(text.slice(pos));
        if (!m || !isValidTimeZone(m[0])) return null;
        zone = m[0];
        pos += m[0].length;
        break;
      }
      default:
        return null;
    }
  }
  if (pos !== text.length) return null;
  if (h12) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (pm ? 12 : 0);
  } else if (pm !== undefined && pm && hour < 12) hour += 12;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return null;
  const wall = utcMsOf(year, month, day, hour, minute, second);
  if (new Date(wall).getUTCDate() !== day) return null;
  const utc = offset !== undefined ? wall - offset : localToUtcMs(wall, zone ?? tz);
  return utc * 1000 + micros;
}
