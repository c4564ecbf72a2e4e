/**
 * Date and time functions in the session time zone: `current_timestamp` (fixed per query),
 * `to_timestamp`/`to_date` (bad input → NULL), `date_format`, `unix_timestamp`,
 * `from_unixtime`, field extraction (`year` … `second`), date arithmetic.
 */
import { DateType, IntegerType, LongType, StringType, TimestampType } from '../types/data-types.js';
import { parseWithPattern, formatWithPattern } from '../types/date-pattern.js';
import { daysToTimestamp, localFields, localToUtcMs, parseDate, parseTimestamp, timestampToDays, utcMsOf } from '../types/datetime.js';
import { callSql, scalarFn } from './define.js';
import type { ScalarFunction } from './function.js';

const TS = new TimestampType();
const DATE = new DateType();
const INT = new IntegerType();
const LONG = new LongType();
const STRING = new StringType();

const DEFAULT_FMT = 'yyyy-MM-dd HH:mm:ss';

function field(name: string, pick: string): ScalarFunction {
  return scalarFn({
    name,
    arity: [1, 1],
    inputs: ['timestamp'],
    result: INT,
    gen: ([a], g) => `${g.constant(localFields)}(${a}, ${JSON.stringify(g.options.timeZone)}).${pick}`,
  });
}

function dateField(name: string, code: (f: string, days: string) => string): ScalarFunction {
  return scalarFn({
    name,
    arity: [1, 1],
    inputs: ['date'],
    result: INT,
    gen: ([a], g) => code(`${g.constant(localFields)}(${a} * 86400000000, "UTC")`, a!),
  });
}

function dayOfYear(days: number): number {
  const d = new Date(days * 86_400_000);
  return Math.floor((days * 86_400_000 - utcMsOf(d.getUTCFullYear(), 1, 1, 0, 0, 0)) / 86_400_000) + 1;
}

function weekOfYear(days: number): number {
  // ISO-8601 week number (Spark's weekofyear).
  const d = new Date(days * 86_400_000);
  const dow = (d.getUTCDay() + 6) % 7;
  const thursday = days - dow + 3;
  const t = new Date(thursday * 86_400_000);
  const jan1 = Math.floor(utcMsOf(t.getUTCFullYear(), 1, 1, 0, 0, 0) / 86_400_000);
  return Math.floor((thursday - jan1) / 7) + 1;
}

function addMonths(days: number, n: number): number {
  const d = new Date(days * 86_400_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + n;
  const target = new Date(Date.UTC(y, m, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), last);
  return Math.floor(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), day) / 86_400_000);
}

function truncTimestamp(us: number, unit: string, tz: string): number | null {
  const f = localFields(us, tz);
  const u = unit.toLowerCase();
  let ms: number;
  switch (u) {
    case 'year':
    case 'yyyy':
    case 'yy':
      ms = utcMsOf(f.year, 1, 1, 0, 0, 0);
      break;
    case 'quarter':
      ms = utcMsOf(f.year, Math.floor((f.month - 1) / 3) * 3 + 1, 1, 0, 0, 0);
      break;
    case 'month':
    case 'mon':
    case 'mm':
      ms = utcMsOf(f.year, f.month, 1, 0, 0, 0);
      break;
    case 'week': {
      const dow = (f.weekday + 6) % 7;
      ms = utcMsOf(f.year, f.month, f.day, 0, 0, 0) - dow * 86_400_000;
      break;
    }
    case 'day':
    case 'dd':
      ms = utcMsOf(f.year, f.month, f.day, 0, 0, 0);
      break;
    case 'hour':
      ms = utcMsOf(f.year, f.month, f.day, f.hour, 0, 0);
      break;
    case 'minute':
      ms = utcMsOf(f.year, f.month, f.day, f.hour, f.minute, 0);
      break;
    case 'second':
      ms = utcMsOf(f.year, f.month, f.day, f.hour, f.minute, f.second);
      break;
    default:
      return null;
  }
  // `ms` is a wall-clock time in the zone; back to an instant.
  return localToUtcMs(ms, tz) * 1000;
}

/** Date and time functions by name. */
export const DATETIME_FUNCTIONS: ScalarFunction[] = [
  scalarFn({ name: 'current_timestamp', arity: [0, 0], result: TS, nullable: false, gen: (_a, g) => `(${g.options.nowMicros})` }),
  scalarFn({ name: 'now', arity: [0, 0], result: TS, nullable: false, gen: (_a, g) => `(${g.options.nowMicros})`, sql: () => 'now()' }),
  scalarFn({ name: 'localtimestamp', arity: [0, 0], result: TS, nullable: false, gen: (_a, g) => `(${g.options.nowMicros})` }),
  scalarFn({
    name: 'current_date',
    arity: [0, 0],
    result: DATE,
    nullable: false,
    gen: (_a, g) => `(${timestampToDays(g.options.nowMicros, g.options.timeZone)})`,
  }),
  scalarFn({ name: 'current_timezone', arity: [0, 0], result: STRING, nullable: false, gen: (_a, g) => JSON.stringify(g.options.timeZone) }),
  scalarFn({
    name: 'to_timestamp',
    arity: [1, 2],
    coerce: (args) => [...args],
    result: TS,
    nullable: true,
    gen: ([a, fmt], g, call) => {
      const t = call.args[0]!.dataType.kind;
      const tz = JSON.stringify(g.options.timeZone);
      if (t === 'timestamp') return a!;
      if (t === 'date') return `${g.constant(daysToTimestamp)}(${a}, ${tz})`;
      if (fmt === undefined) return `${g.constant(parseTimestamp)}(String(${a}), ${tz})`;
      return `${g.constant(parseWithPattern)}(String(${a}), ${fmt}, ${tz})`;
    },
  }),
  scalarFn({
    name: 'to_date',
    arity: [1, 2],
    coerce: (args) => [...args],
    result: DATE,
    nullable: true,
    gen: ([a, fmt], g, call) => {
      const t = call.args[0]!.dataType.kind;
      const tz = JSON.stringify(g.options.timeZone);
      if (t === 'date') return a!;
      if (t === 'timestamp') return `${g.constant(timestampToDays)}(${a}, ${tz})`;
      if (fmt === undefined) return `${g.constant(parseDate)}(String(${a}))`;
      const u = g.temp();
      return `(${u} = ${g.constant(parseWithPattern)}(String(${a}), ${fmt}, ${tz}), ${u} === null ? null : ${g.constant(timestampToDays)}(${u}, ${tz}))`;
    },
  }),
  scalarFn({
    name: 'date_format',
    arity: [2, 2],
    inputs: ['timestamp', 'string'],
    result: STRING,
    gen: ([a, fmt], g) => `${g.constant(formatWithPattern)}(${a}, ${fmt}, ${JSON.stringify(g.options.timeZone)})`,
  }),
  scalarFn({
    name: 'unix_timestamp',
    arity: [0, 2],
    coerce: (args) => [...args],
    result: LONG,
    nullable: true,
    gen: ([a, fmt], g, call) => {
      if (a === undefined) return `(${Math.floor(g.options.nowMicros / 1_000_000)})`;
      const t = call.args[0]!.dataType.kind;
      const tz = JSON.stringify(g.options.timeZone);
      const u = g.temp();
      let us: string;
      if (t === 'timestamp') us = a;
      else if (t === 'date') us = `${g.constant(daysToTimestamp)}(${a}, ${tz})`;
      else us = `${g.constant(parseWithPattern)}(String(${a}), ${fmt ?? JSON.stringify(DEFAULT_FMT)}, ${tz})`;
      return `(${u} = ${us}, ${u} === null ? null : Math.floor(${u} / 1000000))`;
    },
    sql: (args) => callSql('unix_timestamp', args.length === 0 ? ['current_timestamp()', DEFAULT_FMT] : args.length === 1 ? [...args, DEFAULT_FMT] : args),
  }),
  scalarFn({
    name: 'from_unixtime',
    arity: [1, 2],
    inputs: [LONG, 'string'],
    result: STRING,
    gen: ([a, fmt], g) => `${g.constant(formatWithPattern)}($h.ltod(${a}) * 1000000, ${fmt ?? JSON.stringify(DEFAULT_FMT)}, ${JSON.stringify(g.options.timeZone)})`,
    sql: (args) => callSql('from_unixtime', args.length === 1 ? [...args, DEFAULT_FMT] : args),
  }),
  scalarFn({ name: 'timestamp_seconds', arity: [1, 1], inputs: ['numeric'], result: TS, gen: ([a]) => `Math.trunc($h.ltod(${a}) * 1000000)` }),
  scalarFn({ name: 'timestamp_millis', arity: [1, 1], inputs: [LONG], result: TS, gen: ([a]) => `($h.ltod(${a}) * 1000)` }),
  scalarFn({ name: 'unix_seconds', arity: [1, 1], inputs: ['timestamp'], result: LONG, gen: ([a]) => `Math.floor(${a} / 1000000)` }),
  scalarFn({ name: 'unix_millis', arity: [1, 1], inputs: ['timestamp'], result: LONG, gen: ([a]) => `Math.floor(${a} / 1000)` }),
  field('year', 'year'),
  field('month', 'month'),
  field('dayofmonth', 'day'),
  field('day', 'day'),
  field('hour', 'hour'),
  field('minute', 'minute'),
  field('second', 'second'),
  scalarFn({
    name: 'quarter',
    arity: [1, 1],
    inputs: ['date'],
    result: INT,
    gen: ([a], g) => `(Math.floor((${g.constant(localFields)}(${a} * 86400000000, "UTC").month - 1) / 3) + 1)`,
  }),
  dateField('dayofweek', (f) => `(${f}.weekday + 1)`),
  dateField('weekday', (f) => `((${f}.weekday + 6) % 7)`),
  scalarFn({ name: 'dayofyear', arity: [1, 1], inputs: ['date'], result: INT, gen: ([a], g) => `${g.constant(dayOfYear)}(${a})` }),
  scalarFn({ name: 'weekofyear', arity: [1, 1], inputs: ['date'], result: INT, gen: ([a], g) => `${g.constant(weekOfYear)}(${a})` }),
  scalarFn({ name: 'date_add', arity: [2, 2], inputs: ['date', INT], result: DATE, gen: ([a, n]) => `(${a} + ${n})` }),
  scalarFn({ name: 'date_sub', arity: [2, 2], inputs: ['date', INT], result: DATE, gen: ([a, n]) => `(${a} - ${n})` }),
  scalarFn({ name: 'datediff', arity: [2, 2], inputs: ['date', 'date'], result: INT, gen: ([a, b]) => `(${a} - ${b})` }),
  scalarFn({ name: 'add_months', arity: [2, 2], inputs: ['date', INT], result: DATE, gen: ([a, n], g) => `${g.constant(addMonths)}(${a}, ${n})` }),
  scalarFn({
    name: 'last_day',
    arity: [1, 1],
    inputs: ['date'],
    result: DATE,
    gen: ([a], g) => `(${g.constant(addMonths)}(${a} - new Date(${a} * 86400000).getUTCDate() + 1, 1) - 1)`,
  }),
  scalarFn({
    name: 'date_trunc',
    arity: [2, 2],
    inputs: ['string', 'timestamp'],
    result: TS,
    nullable: true,
    gen: ([u, a], g) => `${g.constant(truncTimestamp)}(${a}, ${u}, ${JSON.stringify(g.options.timeZone)})`,
  }),
  scalarFn({
    name: 'trunc',
    arity: [2, 2],
    inputs: ['date', 'string'],
    result: DATE,
    nullable: true,
    gen: ([a, u], g) => {
      const t = g.temp();
      return `(${t} = ${g.constant(truncTimestamp)}(${a} * 86400000000, ${u}, "UTC"), ${t} === null ? null : Math.floor(${t} / 86400000000))`;
    },
  }),
];
