/**
 * The rest of pyspark's functions: strings, math, dates, collections, generators, misc.
 */
import { Column, type ColumnOrName, toColumn, toColumnOrLiteral } from '../column.js';
import { toLiteralExpression } from '../literals.js';
import type { Expression } from '../plan/expressions.js';

function c(x: ColumnOrName): Expression {
  return toColumn(x).expr;
}
function l(v: unknown): Expression {
  return toLiteralExpression(v);
}
function f(name: string, ...args: Expression[]): Column {
  return new Column({ kind: 'function', name, args });
}
function cols(xs: ReadonlyArray<ColumnOrName | readonly ColumnOrName[]>): Expression[] {
  return (xs.flat() as ColumnOrName[]).map(c);
}

// Strings
/** Lower case. */
export const lower = (x: ColumnOrName): Column => f('lower', c(x));
/** Upper case. */
export const upper = (x: ColumnOrName): Column => f('upper', c(x));
/** Removes leading and trailing spaces. */
export const trim = (x: ColumnOrName): Column => f('trim', c(x));
/** Removes leading spaces. */
export const ltrim = (x: ColumnOrName): Column => f('ltrim', c(x));
/** Removes trailing spaces. */
export const rtrim = (x: ColumnOrName): Column => f('rtrim', c(x));
/** Length in characters (bytes for binary). */
export const length = (x: ColumnOrName): Column => f('length', c(x));
/** Concatenation (NULL if any input is NULL). */
export const concat = (...xs: ColumnOrName[]): Column => f('concat', ...xs.map(c));
/** Concatenation with a separator, skipping NULLs. */
export const concat_ws = (sep: string, ...xs: ColumnOrName[]): Column => f('concat_ws', l(sep), ...xs.map(c));
/** 1-based substring. */
export const substring = (x: ColumnOrName, pos: number, len: number): Column => f('substring', c(x), l(pos), l(len));
/** Splits around a Java regex (`limit` -1 keeps everything). */
export const split = (x: ColumnOrName, pattern: string, limit = -1): Column => f('split', c(x), l(pattern), l(limit));
/** The `idx`-th group of the first match of a Java regex ("" when none). */
export const regexp_extract = (x: ColumnOrName, pattern: string, idx: number): Column => f('regexp_extract', c(x), l(pattern), l(idx));
/** Replaces every match of a Java regex. */
export const regexp_replace = (x: ColumnOrName, pattern: string | Column, replacement: string | Column): Column =>
  f('regexp_replace', c(x), toColumnOrLiteral(pattern).expr, toColumnOrLiteral(replacement).expr);
/** Capitalises each word. */
export const initcap = (x: ColumnOrName): Column => f('initcap', c(x));
/** Reversed string. */
export const reverse = (x: ColumnOrName): Column => f('reverse', c(x));
/** The string repeated n times. */
export const repeat = (x: ColumnOrName, n: number): Column => f('repeat', c(x), l(n));
/** Left-pads to `len` with `pad`. */
export const lpad = (x: ColumnOrName, len: number, pad: string): Column => f('lpad', c(x), l(len), l(pad));
/** Right-pads to `len` with `pad`. */
export const rpad = (x: ColumnOrName, len: number, pad: string): Column => f('rpad', c(x), l(len), l(pad));
/** 1-based position of `substr` (0 when absent). */
export const instr = (x: ColumnOrName, substr: string): Column => f('instr', c(x), l(substr));
/** 1-based position of `substr` from `pos`. */
export const locate = (substr: string, x: ColumnOrName, pos = 1): Column => f('locate', l(substr), c(x), l(pos));
/** Replaces characters of `matching` by those of `replace`. */
export const translate = (x: ColumnOrName, matching: string, replace: string): Column => f('translate', c(x), l(matching), l(replace));
/** Code point of the first character. */
export const ascii = (x: ColumnOrName): Column => f('ascii', c(x));
/** Base64 text. */
export const base64 = (x: ColumnOrName): Column => f('base64', c(x));

// Math
/** HALF_UP rounding to `scale` digits. */
export const round = (x: ColumnOrName, scale = 0): Column => f('round', c(x), l(scale));
/** HALF_EVEN rounding. */
export const bround = (x: ColumnOrName, scale = 0): Column => f('bround', c(x), l(scale));
/** Absolute value. */
export const abs = (x: ColumnOrName): Column => f('abs', c(x));
/** Square root. */
export const sqrt = (x: ColumnOrName): Column => f('sqrt', c(x));
/** e^x. */
export const exp = (x: ColumnOrName): Column => f('exp', c(x));
/** Natural log, or `log(base, x)`. */
export const log = (a: ColumnOrName | number, b?: ColumnOrName): Column => (b === undefined ? f('ln', c(a as ColumnOrName)) : f('log', toColumnOrLiteral(a).expr, c(b)));
/** Base-10 log. */
export const log10 = (x: ColumnOrName): Column => f('log10', c(x));
/** Base-2 log. */
export const log2 = (x: ColumnOrName): Column => f('log2', c(x));
/** x^y. */
export const pow = (x: ColumnOrName | number, y: ColumnOrName | number): Column => f('pow', toColumnOrLiteral(typeof x === 'string' ? toColumn(x) : x).expr, toColumnOrLiteral(typeof y === 'string' ? toColumn(y) : y).expr);
/** Smallest integer ≥ x (bigint). */
export const ceil = (x: ColumnOrName): Column => f('ceil', c(x));
/** Largest integer ≤ x (bigint). */
export const floor = (x: ColumnOrName): Column => f('floor', c(x));
/** Sign (-1.0, 0.0, 1.0). */
export const signum = (x: ColumnOrName): Column => f('signum', c(x));
/** Largest of the values (NULLs skipped). */
export const greatest = (...xs: ColumnOrName[]): Column => f('greatest', ...xs.map(c));
/** Smallest of the values. */
export const least = (...xs: ColumnOrName[]): Column => f('least', ...xs.map(c));
/** Uniform random in [0, 1). */
export const rand = (seed?: number): Column => (seed === undefined ? f('rand') : f('rand', l(seed)));
/** Standard normal random. */
export const randn = (seed?: number): Column => (seed === undefined ? f('randn') : f('randn', l(seed)));
/** Positive modulo. */
export const pmod = (a: ColumnOrName | number, b: ColumnOrName | number): Column => f('pmod', toColumnOrLiteral(typeof a === 'string' ? toColumn(a) : a).expr, toColumnOrLiteral(typeof b === 'string' ? toColumn(b) : b).expr);
/** Spark's Murmur3 hash of the columns. */
export const hash = (...xs: ColumnOrName[]): Column => f('hash', ...xs.map(c));
/** True for NaN. */
export const isnan = (x: ColumnOrName): Column => f('isnan', c(x));
/** True for NULL. */
export const isnull = (x: ColumnOrName): Column => f('isnull', c(x));
/** x, or y when x is NaN. */
export const nanvl = (x: ColumnOrName, y: ColumnOrName): Column => f('nanvl', c(x), c(y));
/** The first non-NULL value. */
export const coalesce = (...xs: ColumnOrName[]): Column => f('coalesce', ...xs.map(c));
/** x, or y when x is NULL. */
export const nvl = (x: ColumnOrName, y: ColumnOrName): Column => f('nvl', c(x), c(y));
/** Same as `nvl`. */
export const ifnull = (x: ColumnOrName, y: ColumnOrName): Column => f('ifnull', c(x), c(y));

// Dates and times
/** The query's start time. */
export const current_timestamp = (): Column => f('current_timestamp');
/** Today in the session time zone. */
export const current_date = (): Column => f('current_date');
/** Parses a timestamp (NULL when it does not parse). */
export const to_timestamp = (x: ColumnOrName, format?: string): Column => (format === undefined ? f('to_timestamp', c(x)) : f('to_timestamp', c(x), l(format)));
/** Parses a date. */
export const to_date = (x: ColumnOrName, format?: string): Column => (format === undefined ? f('to_date', c(x)) : f('to_date', c(x), l(format)));
/** Formats a timestamp with a Spark datetime pattern. */
export const date_format = (x: ColumnOrName, format: string): Column => f('date_format', c(x), l(format));
/** Seconds since the epoch (now, or of a time/text). */
export const unix_timestamp = (x?: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column => (x === undefined ? f('unix_timestamp') : f('unix_timestamp', c(x), l(format)));
/** Seconds since the epoch as text. */
export const from_unixtime = (x: ColumnOrName, format = 'yyyy-MM-dd HH:mm:ss'): Column => f('from_unixtime', c(x), l(format));
/** The year. */
export const year = (x: ColumnOrName): Column => f('year', c(x));
/** The month (1–12). */
export const month = (x: ColumnOrName): Column => f('month', c(x));
/** The day of the month. */
export const dayofmonth = (x: ColumnOrName): Column => f('dayofmonth', c(x));
/** The day of the week (1 = Sunday). */
export const dayofweek = (x: ColumnOrName): Column => f('dayofweek', c(x));
/** The day of the year. */
export const dayofyear = (x: ColumnOrName): Column => f('dayofyear', c(x));
/** The ISO week of the year. */
export const weekofyear = (x: ColumnOrName): Column => f('weekofyear', c(x));
/** The quarter (1–4). */
export const quarter = (x: ColumnOrName): Column => f('quarter', c(x));
/** The hour. */
export const hour = (x: ColumnOrName): Column => f('hour', c(x));
/** The minute. */
export const minute = (x: ColumnOrName): Column => f('minute', c(x));
/** The second. */
export const second = (x: ColumnOrName): Column => f('second', c(x));
/** A date plus days. */
export const date_add = (x: ColumnOrName, days: number | Column): Column => f('date_add', c(x), toColumnOrLiteral(days).expr);
/** A date minus days. */
export const date_sub = (x: ColumnOrName, days: number | Column): Column => f('date_sub', c(x), toColumnOrLiteral(days).expr);
/** Days from `start` to `end`. */
export const datediff = (end: ColumnOrName, start: ColumnOrName): Column => f('datediff', c(end), c(start));
/** A date plus months. */
export const add_months = (x: ColumnOrName, months: number | Column): Column => f('add_months', c(x), toColumnOrLiteral(months).expr);
/** The last day of the date's month. */
export const last_day = (x: ColumnOrName): Column => f('last_day', c(x));
/** A timestamp truncated to a unit (`"hour"`, `"day"`, `"month"` …). */
export const date_trunc = (format: string, x: ColumnOrName): Column => f('date_trunc', l(format), c(x));
/** A date truncated to a unit (`"year"`, `"month"`). */
export const trunc = (x: ColumnOrName, format: string): Column => f('trunc', c(x), l(format));
/** Event-time windows of a timestamp: `window(col, "10 minutes", "5 minutes")`. */
export const window = (timeColumn: ColumnOrName, windowDuration: string, slideDuration?: string, startTime?: string): Column =>
  f('window', c(timeColumn), l(windowDuration), ...(slideDuration !== undefined ? [l(slideDuration)] : startTime !== undefined ? [l(windowDuration)] : []), ...(startTime !== undefined ? [l(startTime)] : []));
/** The session a timestamp opens (`{start, end = start + gap}`), merged per key when grouped by: `session_window(col, "5 minutes")`. */
export const session_window = (timeColumn: ColumnOrName, gapDuration: string): Column => f('session_window', c(timeColumn), l(gapDuration));

// Collections
/** An array of the columns. */
export const array = (...xs: Array<ColumnOrName | readonly ColumnOrName[]>): Column => f('array', ...cols(xs));
/** A struct of the columns (fields named after them). */
export const struct = (...xs: Array<ColumnOrName | readonly ColumnOrName[]>): Column => f('struct', ...cols(xs));
/** A map from key/value columns in turn. */
export const create_map = (...xs: Array<ColumnOrName | readonly ColumnOrName[]>): Column => f('map', ...cols(xs));
/** Number of elements (-1 for NULL, as Spark 3.5's default). */
export const size = (x: ColumnOrName): Column => f('size', c(x));
/** True when the array holds the value. */
export const array_contains = (x: ColumnOrName, value: unknown): Column => f('array_contains', c(x), toColumnOrLiteral(value).expr);
/** The element at a 1-based index (or a map's value). */
export const element_at = (x: ColumnOrName, extraction: unknown): Column => f('element_at', c(x), toColumnOrLiteral(extraction).expr);
/** The distinct elements. */
export const array_distinct = (x: ColumnOrName): Column => f('array_distinct', c(x));
/** Sorted elements (NULLs first ascending). */
export const sort_array = (x: ColumnOrName, asc = true): Column => f('sort_array', c(x), l(asc));
/** Sorted elements (NULLs last). */
export const array_sort = (x: ColumnOrName): Column => f('array_sort', c(x));
/** Elements joined with a delimiter. */
export const array_join = (x: ColumnOrName, delimiter: string, nullReplacement?: string): Column =>
  nullReplacement === undefined ? f('array_join', c(x), l(delimiter)) : f('array_join', c(x), l(delimiter), l(nullReplacement));
/** The largest element. */
export const array_max = (x: ColumnOrName): Column => f('array_max', c(x));
/** The smallest element. */
export const array_min = (x: ColumnOrName): Column => f('array_min', c(x));
/** 1-based position of a value (0 when absent). */
export const array_position = (x: ColumnOrName, value: unknown): Column => f('array_position', c(x), toColumnOrLiteral(value).expr);
/** The array without a value. */
export const array_remove = (x: ColumnOrName, element: unknown): Column => f('array_remove', c(x), toColumnOrLiteral(element).expr);
/** A slice from a 1-based start. */
export const slice = (x: ColumnOrName, start: number, len: number): Column => f('slice', c(x), l(start), l(len));
/** An array of arrays flattened. */
export const flatten = (x: ColumnOrName): Column => f('flatten', c(x));
/** A map's keys. */
export const map_keys = (x: ColumnOrName): Column => f('map_keys', c(x));
/** A map's values. */
export const map_values = (x: ColumnOrName): Column => f('map_values', c(x));
/** One row per element (`col`), or per entry (`key`, `value`). */
export const explode = (x: ColumnOrName): Column => f('explode', c(x));
/** As `explode`, with a NULL row for an empty or NULL input. */
export const explode_outer = (x: ColumnOrName): Column => f('explode_outer', c(x));
/** As `explode`, with the position (`pos`) first. */
export const posexplode = (x: ColumnOrName): Column => f('posexplode', c(x));
/** As `posexplode`, with a NULL row for an empty or NULL input. */
export const posexplode_outer = (x: ColumnOrName): Column => f('posexplode_outer', c(x));
/** One row per struct of an array, its fields as columns. */
export const inline = (x: ColumnOrName): Column => f('inline', c(x));

function lambda(fn: (...xs: Column[]) => Column, n: number): Expression {
  const names = ['x', 'y', 'z'].slice(0, n).map((v, i) => `${v}_${i}`);
  const body = fn(...names.map((name) => new Column({ kind: 'lambdaVariable', name })));
  return { kind: 'lambda', params: names, body: body.expr };
}
/** Each element mapped by a function of columns. */
export const transform = (x: ColumnOrName, fn: (e: Column) => Column): Column => f('transform', c(x), lambda(fn, 1));
/** The elements a predicate holds for. */
export const filter = (x: ColumnOrName, fn: (e: Column) => Column): Column => f('filter', c(x), lambda(fn, 1));
/** True when the predicate holds for some element. */
export const exists = (x: ColumnOrName, fn: (e: Column) => Column): Column => f('exists', c(x), lambda(fn, 1));
/** True when the predicate holds for every element. */
export const forall = (x: ColumnOrName, fn: (e: Column) => Column): Column => f('forall', c(x), lambda(fn, 1));
/** Folds the elements from `initialValue`. */
export const aggregate = (x: ColumnOrName, initialValue: unknown, merge: (acc: Column, e: Column) => Column): Column => f('aggregate', c(x), toColumnOrLiteral(initialValue).expr, lambda(merge, 2));

// Misc
/** Increasing 64-bit ids (partition index in the upper bits). */
export const monotonically_increasing_id = (): Column => f('monotonically_increasing_id');
/** The partition index of the row. */
export const spark_partition_id = (): Column => f('spark_partition_id');
/** The file the row was read from ("" when not from a file). */
export const input_file_name = (): Column => f('input_file_name');
/** Marks a DataFrame to be broadcast in joins (a hint; the local engine may ignore it). */
export const broadcast = <T>(df: T): T => df;

// Grouping sets
/** 1 when a ROLLUP / CUBE row aggregates over all values of the column, else 0. */
export const grouping = (x: ColumnOrName): Column => f('grouping', c(x));
/** The grouping bits of the columns (all grouping columns when none) in a ROLLUP / CUBE row. */
export const grouping_id = (...cols: ColumnOrName[]): Column => f('grouping_id', ...cols.map((x) => c(x)));
