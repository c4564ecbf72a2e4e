/**
 * Spark's datetime patterns (Java `DateTimeFormatter` letters, as Spark 3 documents them in
 * "Datetime Patterns"): `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`, optional sections in `[…]`, quoted
 * literals. Used by the data sources' `dateFormat` / `timestampFormat` options and by
 * `date_format` / `to_timestamp`. Parsing is strict as Spark's (the whole text must match, fields
 * in range); a fraction `S…S` reads 1 to n digits, as Spark's parser does.
 */
import { daysInMonth, isValidTimeZone, localFields, localToUtcMs, utcMsOf, zoneOffsetMs } from './datetime.js';

/** One piece of a compiled pattern. */
type Item =
  | { readonly kind: 'lit'; readonly text: string }
  | { readonly kind: 'field'; readonly letter: string; readonly count: number }
  | { readonly kind: 'opt'; readonly items: readonly Item[] };

const LETTERS = new Set('GyuDMLdQqEeFaBhKkHmsSnVzOXxZ'.split(''));
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A compiled datetime pattern: formats timestamps/dates and parses text back. */
export class DatePattern {
  private readonly items: readonly Item[];
  constructor(readonly pattern: string) {
    this.items = compile(pattern);
  }

  /** Text of a timestamp (µs) shown in zone `tz`. */
  formatTimestamp(us: number, tz: string): string {
    const f = localFields(us, tz);
    const ms = Math.floor(us / 1000);
    return formatItems(this.items, { ...f, offsetMs: zoneOffsetMs(tz, ms), zone: tz });
  }

  /** Text of a date (days since the epoch). */
  formatDate(days: number): string {
    return this.formatTimestamp(days * 86_400_000_000, 'UTC');
  }

  /** µs of `text` read in zone `tz` (an offset or zone in the text wins), or null when it does not match. */
  parseTimestamp(text: string, tz: string): number | null {
    const p = this.parseFields(text);
    if (p === null) return null;
    const wall = utcMsOf(p.year, p.month, p.day, p.hour, p.minute, p.second);
    let utc: number;
    if (p.offsetMs !== undefined) utc = wall - p.offsetMs;
    else utc = localToUtcMs(wall, p.zone ?? tz);
    return utc * 1000 + p.micros;
  }

  /** Days of `text` (its date fields), or null when it does not match. */
  parseDate(text: string): number | null {
    const p = this.parseFields(text);
    if (p === null) return null;
    return Math.floor(utcMsOf(p.year, p.month, p.day, 0, 0, 0) / 86_400_000);
  }

  /** The fields of `text`, range-checked; null when the text does not match the whole pattern. */
  private parseFields(text: string): Parsed | null {
    const st: ParseState = { text, pos: 0, f: {} };
    if (!parseItems(this.items, st) || st.pos !== text.length) return null;
    const f = st.f;
    let hour = f.hour ?? 0;
    if (f.hour12 !== undefined) hour = (f.hour12 % 12) + (f.pm ? 12 : 0);
    const year = f.year ?? 1970;
    const month = f.month ?? 1;
    const day = f.day ?? 1;
    const minute = f.minute ?? 0;
    const second = f.second ?? 0;
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    if (hour > 23 || minute > 59 || second > 59) return null;
    const out: Parsed = { year, month, day, hour, minute, second, micros: f.micros ?? 0 };
    if (f.offsetMs !== undefined) out.offsetMs = f.offsetMs;
    if (f.zone !== undefined) out.zone = f.zone;
    return out;
  }
}

interface Parsed {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  offsetMs?: number;
  zone?: string;
}

interface ParseState {
  readonly text: string;
  pos: number;
  f: {
    year?: number;
    month?: number;
    day?: number;
    hour?: number;
    hour12?: number;
    pm?: boolean;
    minute?: number;
    second?: number;
    micros?: number;
    offsetMs?: number;
    zone?: string;
  };
}

function compile(pattern: string): Item[] {
  const stack: Item[][] = [[]];
  let i = 0;
  const top = (): Item[] => stack[stack.length - 1]!;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      if (end === i + 1) {
        top().push({ kind: 'lit', text: "'" });
        i += 2;
        continue;
      }
      if (end < 0) throw new RangeError(`Unterminated quote in datetime pattern ${JSON.stringify(pattern)}`);
      top().push({ kind: 'lit', text: pattern.slice(i + 1, end).replace(/''/g, "'") });
      i = end + 1;
    } else if (c === '[') {
      stack.push([]);
      i++;
    } else if (c === ']') {
      if (stack.length === 1) throw new RangeError(`Unbalanced ']' in datetime pattern ${JSON.stringify(pattern)}`);
      const items = stack.pop()!;
      top().push({ kind: 'opt', items });
      i++;
    } else if (LETTERS.has(c)) {
      let n = 1;
      while (pattern[i + n] === c) n++;
      top().push({ kind: 'field', letter: c, count: n });
      i += n;
    } else if (/[A-Za-z]/.test(c)) {
      throw new RangeError(`Illegal pattern character '${c}' in datetime pattern ${JSON.stringify(pattern)}`);
    } else {
      top().push({ kind: 'lit', text: c });
      i++;
    }
  }
  if (stack.length !== 1) throw new RangeError(`Unbalanced '[' in datetime pattern ${JSON.stringify(pattern)}`);
  return stack[0]!;
}

interface FormatFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  micros: number;
  weekday: number;
  offsetMs: number;
  zone: string;
}

function pad(n: number, w: number): string {
  const s = String(Math.abs(n)).padStart(w, '0');
  return n < 0 ? `-${s}` : s;
}

function offsetText(ms: number, colon: boolean, zForZero: boolean, withMinutes: 'always' | 'nonzero'): string {
  if (ms === 0 && zForZero) return 'Z';
  const sign = ms < 0 ? '-' : '+';
  const a = Math.abs(ms) / 60_000;
  const h = pad(Math.floor(a / 60), 2);
  const m = pad(a % 60, 2);
  if (withMinutes === 'nonzero' && a % 60 === 0) return sign + h;
  return sign + h + (colon ? ':' : '') + m;
}

function formatItems(items: readonly Item[], f: FormatFields): string {
  let out = '';
  for (const it of items) {
    if (it.kind === 'lit') out += it.text;
    else if (it.kind === 'opt') out += formatItems(it.items, f);
    else out += formatField(it.letter, it.count, f);
  }
  return out;
}

function formatField(letter: string, n: number, f: FormatFields): string {
  switch (letter) {
    case 'y':
    case 'u':
      return n === 2 ? pad(((f.year % 100) + 100) % 100, 2) : pad(f.year, n);
    case 'M':
    case 'L':
      return n >= 4 ? MONTHS[f.month - 1]! : n === 3 ? MONTHS[f.month - 1]!.slice(0, 3) : pad(f.month, n);
    case 'd':
      return pad(f.day, n);
    case 'D': {
      const doy = Math.round((utcMsOf(f.year, f.month, f.day, 0, 0, 0) - utcMsOf(f.year, 1, 1, 0, 0, 0)) / 86_400_000) + 1;
      return pad(doy, n);
    }
    case 'E':
      return n >= 4 ? DAYS[f.weekday]! : DAYS[f.weekday]!.slice(0, 3);
    case 'a':
      return f.hour < 12 ? 'AM' : 'PM';
    case 'H':
      return pad(f.hour, n);
    case 'k':
      return pad(f.hour === 0 ? 24 : f.hour, n);
    case 'h':
      return pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
    case 'K':
      return pad(f.hour % 12, n);
    case 'm':
      return pad(f.minute, n);
    case 's':
      return pad(f.second, n);
    case 'S':
      return String(f.micros).padStart(6, '0').padEnd(n, '0').slice(0, n);
    case 'X':
      return offsetText(f.offsetMs, n >= 3, true, n === 1 ? 'nonzero' : 'always');
    case 'x':
      return offsetText(f.offsetMs, n >= 3, false, n === 1 ? 'nonzero' : 'always');
    case 'Z':
      return n === 5 ? offsetText(f.offsetMs, true, true, 'always') : n === 4 ? `GMT${offsetText(f.offsetMs, true, true, 'always')}` : offsetText(f.offsetMs, false, false, 'always');
    case 'V':
      return f.zone;
    case 'z':
    case 'O':
      return f.offsetMs === 0 ? (letter === 'O' ? 'GMT' : f.zone) : `GMT${offsetText(f.offsetMs, true, false, 'nonzero')}`;
    case 'G':
      return f.year > 0 ? 'AD' : 'BC';
    default:
      throw new RangeError(`datetime pattern letter '${letter}' is not supported for formatting`);
  }
}

/** Parses items in order; an optional section restores the position when it does not match. */
function parseItems(items: readonly Item[], st: ParseState): boolean {
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === 'lit') {
      if (!st.text.startsWith(it.text, st.pos)) return false;
      st.pos += it.text.length;
    } else if (it.kind === 'opt') {
      const save = { pos: st.pos, f: { ...st.f } };
      if (!parseItems(it.items, st)) {
        st.pos = save.pos;
        st.f = save.f;
      }
    } else {
      // A numeric field directly followed by another takes exactly its width (Java's adjacent value parsing).
      const next = items[i + 1];
      const adjacent = next !== undefined && next.kind === 'field' && isNumericLetter(next.letter);
      if (!parseField(it.letter, it.count, adjacent, st)) return false;
    }
  }
  return true;
}

function isNumericLetter(l: string): boolean {
  return 'yuMLdDHkhKmsS'.includes(l);
}

function digits(st: ParseState, min: number, max: number): number | null {
  let end = st.pos;
  while (end < st.text.length && end - st.pos < max && st.text.charCodeAt(end) >= 48 && st.text.charCodeAt(end) <= 57) end++;
  if (end - st.pos < min) return null;
  const v = Number(st.text.slice(st.pos, end));
  st.pos = end;
  return v;
}

function word(st: ParseState, words: readonly string[], short: boolean): number | null {
  const rest = st.text.slice(st.pos).toLowerCase();
  for (let i = 0; i < words.length; i++) {
    const w = (short ? words[i]!.slice(0, 3) : words[i]!).toLowerCase();
    if (rest.startsWith(w)) {
      st.pos += w.length;
      return i;
    }
  }
  return null;
}

function parseOffset(st: ParseState, zAllowed: boolean): boolean {
  const t = st.text;
  if (zAllowed && t[st.pos] === 'Z') {
    st.pos++;
    st.f.offsetMs = 0;
    return true;
  }
  const m = /^([+-])(\d{2}):?(\d{2})?(?::?(\d{2}))?/.exec(t.slice(st.pos));
  if (!m) return false;
  st.pos += m[0].length;
  st.f.offsetMs = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3_600_000 + Number(m[3] ?? 0) * 60_000 + Number(m[4] ?? 0) * 1000);
  return true;
}

function parseField(letter: string, n: number, adjacent: boolean, st: ParseState): boolean {
  // `M` reads 1 or 2 digits (1 when a numeric field follows directly); `MM` exactly 2, as Java's.
  const width = (variableMax: number): [number, number] => (n === 1 ? [1, adjacent ? 1 : variableMax] : [n, n]);
  let v: number | null;
  switch (letter) {
    case 'y':
    case 'u': {
      if (n === 2) {
        v = digits(st, 2, 2);
        if (v === null) return false;
        st.f.year = 2000 + v;
        return true;
      }
      let sign = 1;
      if (st.text[st.pos] === '-' || st.text[st.pos] === '+') {
        sign = st.text[st.pos] === '-' ? -1 : 1;
        st.pos++;
      }
      v = digits(st, n, adjacent ? n : Math.max(n, 9));
      if (v === null) return false;
      st.f.year = sign * v;
      return true;
    }
    case 'M':
    case 'L':
      if (n >= 3) {
        v = word(st, MONTHS, n === 3);
        if (v === null) return false;
        st.f.month = v + 1;
        return true;
      }
      v = digits(st, ...width(2));
      if (v === null) return false;
      st.f.month = v;
      return true;
    case 'd':
      v = digits(st, ...width(2));
      if (v === null) return false;
      st.f.day = v;
      return true;
    case 'E':
      return word(st, DAYS, n < 4) !== null;
    case 'a': {
      const r = word(st, ['AM', 'PM'], false);
      if (r === null) return false;
      st.f.pm = r === 1;
      return true;
    }
    case 'H':
    case 'k':
      v = digits(st, ...width(2));
      if (v === null) return false;
      st.f.hour = letter === 'k' && v === 24 ? 0 : v;
      return true;
    case 'h':
    case 'K':
      v = digits(st, ...width(2));
      if (v === null) return false;
      st.f.hour12 = v;
      return true;
    case 'm':
      v = digits(st, ...width(2));
      if (v === null) return false;
      st.f.minute = v;
      return true;
    case 's':
      v = digits(st, ...width(2));
      if (v === null) return false;
      st.f.second = v;
      return true;
    case 'S': {
      const start = st.pos;
      v = digits(st, 1, n);
      if (v === null) return false;
      const text = st.text.slice(start, st.pos);
      st.f.micros = Number(text.padEnd(6, '0').slice(0, 6));
      return true;
    }
    case 'X':
      return parseOffset(st, true);
    case 'x':
    case 'Z':
      return parseOffset(st, n >= 4);
    case 'V':
    case 'z': {
      const m = /^[A-Za-z][A-Za-z0-9_/+-]*/.exec(st.text.slice(st.pos));
      if (!m || !isValidTimeZone(m[0])) return false;
      st.pos += m[0].length;
      st.f.zone = m[0];
      return true;
    }
    case 'G':
      return word(st, ['AD', 'BC'], false) !== null;
    default:
      return false;
  }
}

const patternCache = new Map<string, DatePattern>();

/** The compiled pattern, cached (patterns come from SQL text and options, so there are few). */
export function datePattern(pattern: string): DatePattern {
  let p = patternCache.get(pattern);
  if (p === undefined) {
    p = new DatePattern(pattern);
    if (patternCache.size > 1000) patternCache.clear();
    patternCache.set(pattern, p);
  }
  return p;
}

/** Formats µs in `tz` with a Spark datetime pattern (`date_format`, `from_unixtime`). */
export function formatWithPattern(us: number, pattern: string, tz: string): string {
  return datePattern(pattern).formatTimestamp(us, tz);
}

/**
 * Parses `text` with a Spark datetime pattern; a missing date defaults to 1970-01-01, a
 * missing zone is `tz`. Returns µs, or null when the text does not match (Spark's non-ANSI NULL).
 */
export function parseWithPattern(text: string, pattern: string, tz: string): number | null {
  return datePattern(pattern).parseTimestamp(text, tz);
}
