/**
 * `+` and `-` on dates and timestamps, as Spark's ResolveBinaryArithmetic rewrites them:
 * `DATE + 1` is `date_add(DATE …, 1)`, `DATE - 1` is `date_sub`, `ts + INTERVAL …` adds the
 * interval in the session time zone (months and days on the wall clock, then the time part),
 * `date + INTERVAL 1 DAY` stays a date. tspark has one interval type where Spark 3.5 types
 * `INTERVAL 10 MINUTES` as a day-time interval, so a date plus an interval literal with a time
 * part is a timestamp, as in Spark.
 */
import { implicitCastTo } from './coercion.js';
import type { ResolveContext, ScalarFunction } from '../functions/function.js';
import { lookupFunction } from '../functions/registry.js';
import { scalarFn } from '../functions/define.js';
import { DateType, TimestampType } from '../types/data-types.js';
import { daysInMonth, localFields, localToUtcMs, utcMsOf } from '../types/datetime.js';
import type { Interval } from '../types/values.js';
import type { RExpr } from './resolved.js';

/** Spark's timestampAddInterval: months and days on the wall clock of `tz`, then the microseconds. */
export function timestampAddInterval(us: number, i: Interval, tz: string): number {
  if (i.months === 0 && i.days === 0) return us + i.microseconds;
  const f = localFields(us, tz);
  const m0 = f.year * 12 + (f.month - 1) + i.months;
  const year = Math.floor(m0 / 12);
  const month = m0 - year * 12 + 1;
  const day = Math.min(f.day, daysInMonth(year, month)) + i.days;
  const localMs = utcMsOf(year, month, day, f.hour, f.minute, f.second);
  return localToUtcMs(localMs, tz) * 1000 + f.micros + i.microseconds;
}

/** Spark's dateAddInterval (an interval without a time part): months, then days. */
export function dateAddInterval(days: number, i: Interval): number {
  const d = new Date(days * 86_400_000);
  const m0 = d.getUTCFullYear() * 12 + d.getUTCMonth() + i.months;
  const year = Math.floor(m0 / 12);
  const month = m0 - year * 12 + 1;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month)) + i.days;
  return Math.floor(utcMsOf(year, month, day, 0, 0, 0) / 86_400_000);
}

function negated(i: Interval): Interval {
  return { months: -i.months, days: -i.days, microseconds: -i.microseconds };
}

const TIME_ADD = (op: '+' | '-'): ScalarFunction =>
  scalarFn({
    name: op === '+' ? 'time_add' : 'datetime_sub',
    arity: [2, 2],
    inputs: ['timestamp', 'any'],
    result: new TimestampType(),
    gen: ([t, i], g) =>
      `${g.constant(timestampAddInterval)}(${t}, ${op === '+' ? i : `${g.constant(negated)}(${i})`}, ${JSON.stringify(g.options.timeZone)})`,
    sql: ([t, i]) => `${t} ${op} ${i}`,
  });

const DATE_ADD_INTERVAL = (op: '+' | '-'): ScalarFunction =>
  scalarFn({
    name: op === '+' ? 'date_add_interval' : 'datetime_sub',
    arity: [2, 2],
    inputs: ['date', 'any'],
    result: new DateType(),
    gen: ([d, i], g) => {
      // A time part (a non-literal interval) goes through the timestamp at midnight, as Spark's non-ANSI DateAddInterval.
      const tz = JSON.stringify(g.options.timeZone);
      const iv = op === '+' ? i! : `${g.constant(negated)}(${i})`;
      return `${g.constant(addToDate)}(${d}, ${iv}, ${tz})`;
    },
    sql: ([d, i]) => `${d} ${op} ${i}`,
  });

function addToDate(days: number, i: Interval, tz: string): number {
  if (i.microseconds === 0) return dateAddInterval(days, i);
  const midnight = localToUtcMs(days * 86_400_000, tz) * 1000;
  const us = timestampAddInterval(midnight, i, tz);
  const f = localFields(us, tz);
  return Math.floor(utcMsOf(f.year, f.month, f.day, 0, 0, 0) / 86_400_000);
}

const TIME_ADD_PLUS = TIME_ADD('+');
const TIME_ADD_MINUS = TIME_ADD('-');
const DATE_INTERVAL_PLUS = DATE_ADD_INTERVAL('+');
const DATE_INTERVAL_MINUS = DATE_ADD_INTERVAL('-');

function call(fn: ScalarFunction, args: readonly RExpr[], ctx: ResolveContext): RExpr {
  const r = fn.resolve(args, ctx);
  return { k: 'call', fn, args: r.args, dataType: r.dataType, nullable: r.nullable, ...(r.extra === undefined ? {} : { extra: r.extra }) };
}

/** An interval literal with a time part: Spark 3.5 types it as a day-time interval (a date plus it is a timestamp). */
function hasTimePart(e: RExpr): boolean {
  return e.k === 'lit' && e.value !== null && (e.value as Interval).microseconds !== 0;
}

/** `date/timestamp ± interval`, `date ± number`, as Spark rewrites them; undefined when `l op r` is plain arithmetic. */
export function resolveDatetimeArith(op: string, l: RExpr, r: RExpr, ctx: ResolveContext): RExpr | undefined {
  if (op !== '+' && op !== '-') return undefined;
  const lk = l.dataType.kind;
  const rk = r.dataType.kind;
  const isTs = (k: string): boolean => k === 'timestamp' || k === 'timestamp_ntz';
  if (op === '+' && lk === 'interval' && (rk === 'date' || isTs(rk))) return resolveDatetimeArith(op, r, l, ctx);
  if (rk === 'interval' && (lk === 'date' || isTs(lk))) {
    const plus = op === '+';
    if (isTs(lk) || hasTimePart(r)) {
      const t = isTs(lk) ? l : implicitCastTo(l, new TimestampType());
      return call(plus ? TIME_ADD_PLUS : TIME_ADD_MINUS, [t, r], ctx);
    }
    return call(plus ? DATE_INTERVAL_PLUS : DATE_INTERVAL_MINUS, [l, r], ctx);
  }
  const other = (k: string): boolean => k !== 'string' && k !== 'date' && k !== 'interval' && !isTs(k);
  if (lk === 'date' && other(rk)) return call(lookupFunction(op === '+' ? 'date_add' : 'date_sub') as ScalarFunction, [l, r], ctx);
  if (op === '+' && rk === 'date' && other(lk)) return call(lookupFunction('date_add') as ScalarFunction, [r, l], ctx);
  return undefined;
}
