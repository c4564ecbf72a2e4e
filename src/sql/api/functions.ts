/**
 * pyspark's `functions` module (`import { functions as F } from "tspark"`): column builders
 * with pyspark's names and arguments. Where pyspark takes a column name or a Column, a string
 * is a column name; where it takes a literal (a pattern, a format, a count), a plain value.
 */
import { Column, type ColumnOrName, parseColumnName, toColumn, toColumnOrLiteral } from '../column.js';
import { SparkArgumentError } from '../errors.js';
import { toLiteralExpression } from '../literals.js';
import type { Expression } from '../plan/expressions.js';
import { type DataType, StringType, StructType } from '../types/data-types.js';
import { parseDataType, toDDL } from '../types/ddl.js';

export * from './functions-more.js';

/** A call of the SQL function `name` on columns. */
export function call(name: string, ...args: Array<Column | Expression>): Column {
  return new Column({ kind: 'function', name, args: args.map((a) => (a instanceof Column ? a.expr : a)) });
}

function c(x: ColumnOrName, param = 'col'): Expression {
  return toColumn(x, param).expr;
}

function l(v: unknown): Expression {
  return toLiteralExpression(v);
}

/** A column by name (`"age"`, `"p.name"`, `"*"`). */
export function col(name: string): Column {
  if (typeof name !== 'string') throw new SparkArgumentError('NOT_STR', { arg_name: 'col', arg_type: typeof name });
  return new Column(parseColumnName(name));
}
/** Same as `col`. */
export const column = col;
/** A literal column (a Column passes through). */
export function lit(value: unknown): Column {
  return value instanceof Column ? value : new Column(l(value));
}
/** An expression in SQL text (`F.expr("age * 2")`). */
export function expr(sqlText: string): Column {
  return new Column({ kind: 'expressionString', sql: sqlText });
}
/** `CASE WHEN condition THEN value`; chain `.when(…)` and `.otherwise(…)`. */
export function when(condition: Column, value: unknown): Column {
  if (!(condition instanceof Column)) throw new SparkArgumentError('NOT_COLUMN', { arg_name: 'condition', arg_type: typeof condition });
  return new Column({ kind: 'caseWhen', branches: [[condition.expr, toColumnOrLiteral(value).expr]] });
}
/** `NOT col` (pyspark's `~col`). */
export function not(x: ColumnOrName): Column {
  return new Column({ kind: 'unary', op: 'not', child: c(x) });
}
/** `-col`. */
export function negate(x: ColumnOrName): Column {
  return new Column({ kind: 'unary', op: 'negate', child: c(x) });
}
/** Same as `negate`. */
export const negative = negate;
/** Ascending order of a column. */
export function asc(x: ColumnOrName): Column {
  return toColumn(x).asc();
}
/** Descending order of a column. */
export function desc(x: ColumnOrName): Column {
  return toColumn(x).desc();
}
/** Ascending, NULLs first. */
export function asc_nulls_first(x: ColumnOrName): Column {
  return toColumn(x).asc_nulls_first();
}
/** Ascending, NULLs last. */
export function asc_nulls_last(x: ColumnOrName): Column {
  return toColumn(x).asc_nulls_last();
}
/** Descending, NULLs first. */
export function desc_nulls_first(x: ColumnOrName): Column {
  return toColumn(x).desc_nulls_first();
}
/** Descending, NULLs last. */
export function desc_nulls_last(x: ColumnOrName): Column {
  return toColumn(x).desc_nulls_last();
}

// Aggregates -------------------------------------------------------------------------------

/** Number of rows (`count("*")` counts all rows; `count(col)` non-NULL values). */
export function count(x: ColumnOrName): Column {
  return call('count', x === '*' ? { kind: 'star' } : c(x));
}
/** Number of distinct non-NULL values (`count(DISTINCT …)`). */
export function countDistinct(x: ColumnOrName, ...more: ColumnOrName[]): Column {
  return new Column({ kind: 'function', name: 'count', args: [x, ...more].map((y) => c(y)), distinct: true });
}
/** Same as `countDistinct`. */
export const count_distinct = countDistinct;
/** Sum of the values. */
export function sum(x: ColumnOrName): Column {
  return call('sum', c(x));
}
/** Sum of the distinct values. */
export function sum_distinct(x: ColumnOrName): Column {
  return new Column({ kind: 'function', name: 'sum', args: [c(x)], distinct: true });
}
/** Same as `sum_distinct`. */
export const sumDistinct = sum_distinct;
/** Average of the values. */
export function avg(x: ColumnOrName): Column {
  return call('avg', c(x));
}
/** Same as `avg`, named `mean(x)`. */
export function mean(x: ColumnOrName): Column {
  return call('mean', c(x));
}
/** Smallest value. */
export function min(x: ColumnOrName): Column {
  return call('min', c(x));
}
/** Largest value. */
export function max(x: ColumnOrName): Column {
  return call('max', c(x));
}
/** The first value of each group (`ignorenulls` skips NULLs). */
export function first(x: ColumnOrName, ignorenulls = false): Column {
  return call('first', c(x), l(ignorenulls));
}
/** The last value of each group. */
export function last(x: ColumnOrName, ignorenulls = false): Column {
  return call('last', c(x), l(ignorenulls));
}
/** All non-NULL values, duplicates kept. */
export function collect_list(x: ColumnOrName): Column {
  return call('collect_list', c(x));
}
/** The distinct non-NULL values. */
export function collect_set(x: ColumnOrName): Column {
  return call('collect_set', c(x));
}
/** Number of distinct values (exact in tspark; Spark's HyperLogLog++ is approximate). */
export function approx_count_distinct(x: ColumnOrName, rsd?: number): Column {
  return rsd === undefined ? call('approx_count_distinct', c(x)) : call('approx_count_distinct', c(x), l(rsd));
}
/** Same as `approx_count_distinct`. */
export const approxCountDistinct = approx_count_distinct;
/** Sample standard deviation. */
export function stddev(x: ColumnOrName): Column {
  return call('stddev', c(x));
}
/** Sample standard deviation. */
export function stddev_samp(x: ColumnOrName): Column {
  return call('stddev_samp', c(x));
}
/** Population standard deviation. */
export function stddev_pop(x: ColumnOrName): Column {
  return call('stddev_pop', c(x));
}
/** Sample variance. */
export function variance(x: ColumnOrName): Column {
  return call('variance', c(x));
}
/** Sample variance. */
export function var_samp(x: ColumnOrName): Column {
  return call('var_samp', c(x));
}
/** Population variance. */
export function var_pop(x: ColumnOrName): Column {
  return call('var_pop', c(x));
}
/** Any value of the group. */
export function any_value(x: ColumnOrName): Column {
  return call('any_value', c(x));
}
/** Number of rows where the condition is true. */
export function count_if(x: ColumnOrName): Column {
  return call('count_if', c(x));
}
/** The value of `x` at the row where `ord` is largest. */
export function max_by(x: ColumnOrName, ord: ColumnOrName): Column {
  return call('max_by', c(x), c(ord));
}
/** The value of `x` at the row where `ord` is smallest. */
export function min_by(x: ColumnOrName, ord: ColumnOrName): Column {
  return call('min_by', c(x), c(ord));
}
/** A percentile of the values (a value of the data). */
export function percentile_approx(x: ColumnOrName, percentage: number | number[], accuracy = 10000): Column {
  return call('percentile_approx', c(x), Array.isArray(percentage) ? { kind: 'literal', value: percentage, dataType: parseDataType('array<double>') } : l(percentage), l(accuracy));
}
/** True when every value is true. */
export function bool_and(x: ColumnOrName): Column {
  return call('bool_and', c(x));
}
/** True when some value is true. */
export function bool_or(x: ColumnOrName): Column {
  return call('bool_or', c(x));
}

// Window functions -------------------------------------------------------------------------

/** 1, 2, 3 … within the window partition. */
export function row_number(): Column {
  return call('row_number');
}
/** Rank with gaps. */
export function rank(): Column {
  return call('rank');
}
/** Rank without gaps. */
export function dense_rank(): Column {
  return call('dense_rank');
}
/** (rank − 1) / (rows − 1). */
export function percent_rank(): Column {
  return call('percent_rank');
}
/** Fraction of rows up to and including the current row's peers. */
export function cume_dist(): Column {
  return call('cume_dist');
}
/** The bucket number (1…n) of the row. */
export function ntile(n: number): Column {
  return call('ntile', l(n));
}
/** The value `offset` rows before (NULL or `defaultValue` when there is none). */
export function lag(x: ColumnOrName, offset = 1, defaultValue: unknown = null): Column {
  return call('lag', c(x), l(offset), l(defaultValue));
}
/** The value `offset` rows after. */
export function lead(x: ColumnOrName, offset = 1, defaultValue: unknown = null): Column {
  return call('lead', c(x), l(offset), l(defaultValue));
}
/** The value at the n-th row of the frame. */
export function nth_value(x: ColumnOrName, offset: number, ignoreNulls = false): Column {
  return call('nth_value', c(x), l(offset), l(ignoreNulls));
}

// UDFs --------------------------------------------------------------------------------------

/** A function of columns made from a TypeScript function, as returned by `F.udf`. */
export interface UserDefinedFunction {
  (...cols: ColumnOrName[]): Column;
  readonly func: (...args: never[]) => unknown;
  readonly returnType: DataType;
  readonly udfName: string;
  /** The UDF marked nondeterministic (never folded or deduplicated). */
  asNondeterministic(): UserDefinedFunction;
}

/** A UDF: `F.udf((s: string) => s.length, "int")(df.name)`; the return type defaults to string. */
export function udf<A extends unknown[], R>(f: (...args: A) => R, returnType: DataType | string = new StringType(), deterministic = true): UserDefinedFunction {
  if (typeof f !== 'function') throw new SparkArgumentError('INVALID_ARGUMENT', { message: `udf: "f" must be a function; got ${typeof f}` });
  const rt = typeof returnType === 'string' ? parseDataType(returnType) : returnType;
  const name = f.name || '<lambda>';
  const make = ((...cols: ColumnOrName[]) =>
    new Column({ kind: 'udf', name, fn: f as (...args: unknown[]) => unknown, returnType: rt, args: cols.map((x) => c(x)), deterministic })) as UserDefinedFunction;
  Object.defineProperties(make, {
    func: { value: f },
    returnType: { value: rt },
    udfName: { value: name },
    asNondeterministic: { value: () => udf(f, rt, false) },
  });
  return make;
}

// JSON --------------------------------------------------------------------------------------

/**
 * Parses JSON text into a struct of `schema` (DDL text or StructType). Of the JSON options,
 * `mode` is applied: `PERMISSIVE` (the default: unparsable text gives NULLs) or `FAILFAST`
 * (unparsable text fails the query with Spark's MALFORMED_RECORD_IN_PARSING).
 */
export function from_json(x: ColumnOrName, schema: string | StructType | DataType, options?: Record<string, string>): Column {
  const ddl = typeof schema === 'string' ? schema : schema instanceof StructType ? toDDL(schema) : schema.simpleString();
  const mode = options === undefined ? undefined : Object.entries(options).find(([k]) => k.toLowerCase() === 'mode')?.[1];
  return mode === undefined ? call('from_json', c(x), l(ddl)) : call('from_json', c(x), l(ddl), l(String(mode)));
}
/** JSON text of a struct, map or array. */
export function to_json(x: ColumnOrName): Column {
  return call('to_json', c(x));
}
/** The value at a JSON path (`$.a.b`), as text. */
export function get_json_object(x: ColumnOrName, path: string): Column {
  return call('get_json_object', c(x), l(path));
}
