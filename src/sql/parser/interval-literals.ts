/**
 * `INTERVAL …` literals: `INTERVAL 10 MINUTES`, `INTERVAL '10' MINUTE`, `INTERVAL 1 DAY 2 HOURS`,
 * `INTERVAL '1 day 2 hours'`, `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '1 02:03:04.5' DAY TO
 * SECOND`. tspark has one interval type (months, days, microseconds), so these all become
 * CalendarInterval literals; as Spark 3.5 does, a literal may not mix year-month and day-time units.
 */
import { literal, type Literal } from '../plan/index.js';
import { CalendarIntervalType } from '../types/data-types.js';
import type { Interval } from '../types/values.js';
import type { Cursor } from './cursor.js';
import type { Token } from './lexer.js';

const US_PER: Readonly<Record<string, number>> = {
  HOUR: 3_600_000_000,
  MINUTE: 60_000_000,
  SECOND: 1_000_000,
  MILLISECOND: 1_000,
  MICROSECOND: 1,
};
const UNITS = new Set(['YEAR', 'MONTH', 'WEEK', 'DAY', 'HOUR', 'MINUTE', 'SECOND', 'MILLISECOND', 'MICROSECOND']);
const TO_UNITS = new Set(['YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND']);

/** The unit a word names (`minutes` → `MINUTE`), or undefined. */
function unitOf(word: string): string | undefined {
  const u = word.toUpperCase();
  if (UNITS.has(u)) return u;
  if (u.endsWith('S') && UNITS.has(u.slice(0, -1))) return u.slice(0, -1);
  return undefined;
}

/** Adds `value` of `unit` to an interval under construction; null when the value does not fit the unit. */
function addUnit(acc: { months: number; days: number; micros: number }, unit: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  switch (unit) {
    case 'YEAR':
    case 'MONTH':
      if (!Number.isInteger(value)) return false;
      acc.months += unit === 'YEAR' ? value * 12 : value;
      return true;
    case 'WEEK':
    case 'DAY':
      if (!Number.isInteger(value)) return false;
      acc.days += unit === 'WEEK' ? value * 7 : value;
      return true;
    default:
      if (unit !== 'SECOND' && !Number.isInteger(value)) return false;
      acc.micros += Math.round(value * US_PER[unit]!);
      return true;
  }
}

function isYearMonth(unit: string): boolean {
  return unit === 'YEAR' || unit === 'MONTH';
}

function make(acc: { months: number; days: number; micros: number }): Literal {
  const v: Interval = { months: acc.months, days: acc.days, microseconds: acc.micros };
  return literal(v, new CalendarIntervalType());
}

/** Parses `'1 day 2 hours'` (what `INTERVAL '…'` holds without units); null when it is not an interval. */
export function parseIntervalString(text: string): Interval | null {
  const words = text.trim().split(/\s+/);
  let i = 0;
  if (words[0]?.toLowerCase() === 'interval') i++;
  if (i >= words.length || words[i] === '') return null;
  const acc = { months: 0, days: 0, micros: 0 };
  while (i < words.length) {
    const num = words[i]!;
    const unit = unitOf(words[i + 1] ?? '');
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(num) || unit === undefined) return null;
    if (!addUnit(acc, unit, Number(num))) return null;
    i += 2;
  }
  return { months: acc.months, days: acc.days, microseconds: acc.micros };
}

/** `'1-2' YEAR TO MONTH` and the day-time forms: the value text for `from TO to`, or null. */
function unitToUnit(text: string, from: string, to: string): Interval | null {
  const s = text.trim();
  const sign = s.startsWith('-') ? -1 : 1;
  const body = s.replace(/^[+-]/, '');
  const n = (x: string | undefined): number => Number(x ?? 0);
  let m: RegExpExecArray | null;
  const key = `${from} TO ${to}`;
  switch (key) {
    case 'YEAR TO MONTH':
      m = /^(\d+)-(\d{1,2})$/.exec(body);
      return m && n(m[2]) < 12 ? { months: sign * (n(m[1]) * 12 + n(m[2])), days: 0, microseconds: 0 } : null;
    case 'DAY TO HOUR':
      m = /^(\d+) (\d{1,2})$/.exec(body);
      return m ? { months: 0, days: sign * n(m[1]), microseconds: sign * n(m[2]) * US_PER['HOUR']! } : null;
    case 'DAY TO MINUTE':
      m = /^(\d+) (\d{1,2}):(\d{1,2})$/.exec(body);
      return m ? { months: 0, days: sign * n(m[1]), microseconds: sign * (n(m[2]) * 60 + n(m[3])) * US_PER['MINUTE']! } : null;
    case 'DAY TO SECOND':
      m = /^(\d+) (\d{1,2}):(\d{1,2}):(\d{1,2}(?:\.\d{1,9})?)$/.exec(body);
      return m ? { months: 0, days: sign * n(m[1]), microseconds: sign * Math.round(((n(m[2]) * 60 + n(m[3])) * 60 + Number(m[4])) * 1e6) } : null;
    case 'HOUR TO MINUTE':
      m = /^(\d+):(\d{1,2})$/.exec(body);
      return m ? { months: 0, days: 0, microseconds: sign * (n(m[1]) * 60 + n(m[2])) * US_PER['MINUTE']! } : null;
    case 'HOUR TO SECOND':
      m = /^(\d+):(\d{1,2}):(\d{1,2}(?:\.\d{1,9})?)$/.exec(body);
      return m ? { months: 0, days: 0, microseconds: sign * Math.round(((n(m[1]) * 60 + n(m[2])) * 60 + Number(m[3])) * 1e6) } : null;
    case 'MINUTE TO SECOND':
      m = /^(\d+):(\d{1,2}(?:\.\d{1,9})?)$/.exec(body);
      return m ? { months: 0, days: 0, microseconds: sign * Math.round((n(m[1]) * 60 + Number(m[2])) * 1e6) } : null;
    default:
      return null;
  }
}

/** A signed number or string value before a unit: `10`, `-1.5`, `'10'`. */
function intervalValue(c: Cursor): { text: string; isString: boolean } | undefined {
  let sign = '';
  let k = 0;
  if (c.isOp('-') || c.isOp('+')) {
    sign = c.peek().value === '-' ? '-' : '';
    k = 1;
  }
  const t = c.peek(k);
  if (t.type === 'number' && /^(\d+(\.\d*)?|\.\d+)$/.test(t.value)) {
    c.pos += k + 1;
    return { text: sign + t.value, isString: false };
  }
  if (t.type === 'string') {
    c.pos += k + 1;
    return { text: sign === '-' ? `-${t.value.trim()}`.replace(/^--/, '') : t.value, isString: k === 0 };
  }
  return undefined;
}

/** After the INTERVAL keyword (`intervalToken`): the interval literal. */
export function intervalLiteral(c: Cursor, intervalToken: Token): Literal {
  const first = intervalValue(c);
  if (first === undefined) c.fail();
  const unitWord = c.peek();
  const unit = unitWord.type === 'word' ? unitOf(unitWord.value) : undefined;
  if (unit === undefined) {
    // `INTERVAL '1 day 2 hours'`: the string alone carries the units; a number needs a unit.
    if (!first.isString) c.fail();
    const v = parseIntervalString(first.text);
    if (v === null) return invalid(c, intervalToken, first.text);
    return literal(v, new CalendarIntervalType());
  }
  c.next();
  if (c.isWord('TO') && TO_UNITS.has(unitWord.value)) {
    c.next();
    const toWord = c.peek();
    if (toWord.type !== 'word' || !TO_UNITS.has(toWord.value)) c.fail();
    c.next();
    const v = unitToUnit(first.text, unitWord.value, toWord.value);
    if (v === null) return invalid(c, intervalToken, first.text);
    return literal(v, new CalendarIntervalType());
  }
  // Collect every `value unit` pair first: Spark reports a bad one with the whole list.
  const firstValue = c.tokens[c.pos - 2]!;
  const pairs = [{ value: first.text, unitText: unitWord.text, unit }];
  for (;;) {
    const save = c.pos;
    const nextValue = intervalValue(c);
    const w = c.peek();
    const nu = nextValue !== undefined && w.type === 'word' ? unitOf(w.value) : undefined;
    if (nextValue === undefined || nu === undefined) {
      c.pos = save;
      break;
    }
    c.next();
    pairs.push({ value: nextValue.text, unitText: w.text, unit: nu });
  }
  const acc = { months: 0, days: 0, micros: 0 };
  for (const p of pairs) {
    const num = Number(p.value.trim());
    if (p.value.trim() === '' || Number.isNaN(num)) return invalid(c, intervalToken, p.value);
    if (!addUnit(acc, p.unit, num)) {
      const text = pairs.map((q) => ` ${q.value} ${q.unitText}`).join('');
      c.failWith('_LEGACY_ERROR_TEMP_0062', { msg: `Error parsing '${text}' to interval, '${p.unitText.toLowerCase()}' cannot have fractional part` }, firstValue);
    }
  }
  if (pairs.some((p) => isYearMonth(p.unit)) && pairs.some((p) => !isYearMonth(p.unit))) {
    c.failWith('_LEGACY_ERROR_TEMP_0029', { literal: c.textFrom(c.tokens.indexOf(intervalToken)) }, intervalToken);
  }
  return make(acc);
}

function invalid(c: Cursor, intervalToken: Token, value: string): never {
  return c.failWith('INVALID_TYPED_LITERAL', { valueType: '"INTERVAL"', value: `'${value}'` }, intervalToken);
}
