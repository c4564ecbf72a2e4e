/**
 * DataFrame: an immutable logical plan (plain data), checked when built (on the local engine,
 * analysed, so a wrong column fails at the call with Spark's error). Transformations return new
 * DataFrames; actions run the plan through the session's executor: the local engine, or a Spark
 * Connect server for a remote session. Columns are reachable as `df.age`, `df["age"]` and
 * `df.col("age")`.
 */
import { inspect } from 'node:util';
import type { RPlan } from '../analysis/resolved.js';
import { Column, type ColumnOrName, parseColumnName, pyType, toColumn } from '../column.js';
import { RDD, type StorageLevel } from '../engine.js';
import { AnalysisException, SparkArgumentError } from '../errors.js';
import { DataStreamWriter } from '../streaming/writer.js';
import type { Expression } from '../plan/expressions.js';
import { lit } from '../plan/build.js';
import type { ExplainMode, LogicalPlan } from '../plan/relations.js';
import type { Row } from '../row.js';
import { rowExternalizer } from '../types/convert.js';
import type { StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import { describeFrame } from './describe.js';
import { GroupedData } from './grouped-data.js';
import { DataFrameNaFunctions } from './na.js';
import type { SparkSession } from './session.js';
import { DataFrameWriter } from './writer.js';
import { toJSONLines } from './to-json.js';
import { exprOf, joinPlan, named, notColumn, randomSplitPlans, samplePlan, sortOrders } from './dataframe-args.js';
import type { SelectedName } from './column-names.js';


/**
 * Column access by name on a DataFrame: `df.age`, `df["age"]`. The names TypeScript knows (`C`,
 * see column-names.ts) are declared properties (`Column`); any other name reaches the index
 * signature.
 */
export type ColumnAccess<C extends string = string> = { readonly [column: string]: Column } & { readonly [K in Exclude<C, keyof DataFrameImpl>]: Column };

/** A DataFrame with its columns reachable as properties; `C` are the column names TypeScript knows. */
export type DataFrame<C extends string = string> = DataFrameImpl & ColumnAccess<C>;

type Cols = Array<ColumnOrName | readonly ColumnOrName[]>;

function flat(cols: Cols): ColumnOrName[] {
  return cols.flat() as ColumnOrName[];
}


/** The DataFrame implementation; use the `DataFrame` type, which adds column access. */
export class DataFrameImpl {
  /** @internal */
  readonly session: SparkSession;
  /** @internal The logical plan (plain data). */
  readonly plan: LogicalPlan;

  /** @internal Use `spark.createDataFrame`, `spark.range`, `spark.read`, `spark.sql`. */
  constructor(session: SparkSession, plan: LogicalPlan) {
    this.session = session;
    this.plan = plan;
    // Checked now, so a wrong column (or, remotely, what Spark cannot run) fails at the call that introduced it.
    session.execution.check(plan);
  }

  /** @internal The analysed plan (local engine). */
  get analyzed(): RPlan {
    return this.session.analyze(this.plan);
  }

  private derive(plan: LogicalPlan): DataFrame {
    return this.session.dataFrame(plan);
  }

  /** A DataFrame of `plan`, typed with this one's columns (for a plan that keeps them). */
  private same(plan: LogicalPlan): this {
    return this.session.dataFrame(plan) as unknown as this;
  }

  /** The schema. */
  get schema(): StructType {
    return this.session.execution.schema(this.plan);
  }
  /** Column names. */
  get columns(): string[] {
    return this.schema.fields.map((f) => f.name);
  }
  /** `[name, simpleString]` per column. */
  get dtypes(): Array<[string, string]> {
    return this.schema.fields.map((f) => [f.name, f.dataType.simpleString()]);
  }
  /** True for a DataFrame that reads a stream (`spark.readStream`): it runs with `writeStream.start()`. */
  get isStreaming(): boolean {
    return this.session.execution.isStreaming(this.plan);
  }

  /** Writes the stream: `df.writeStream.outputMode("complete").format("console").start()`. */
  get writeStream(): DataStreamWriter {
    if (!this.isStreaming) throw new AnalysisException('WRITE_STREAM_NOT_ALLOWED');
    return new DataStreamWriter(this as unknown as DataFrame);
  }
  /** The session. */
  get sparkSession(): SparkSession {
    return this.session;
  }

  /** A column of this DataFrame (`df.col("age")`; the same as `df.age` / `df["age"]`). */
  col(name: string): Column {
    return new Column(parseColumnName(name, this.plan.planId));
  }

  /** Projects columns: names, Columns, `"*"`. */
  select<K extends string>(...cols: K[]): DataFrame<SelectedName<K>>;
  select(...cols: Cols): DataFrame;
  select(...cols: Cols): DataFrame {
    const exprs = flat(cols).map((c) => (typeof c === 'string' ? parseColumnName(c) : named(exprOf(c))));
    return this.derive({ kind: 'project', input: this.plan, exprs });
  }
  /** Projects SQL expressions (`"age * 2 AS dbl"`). */
  selectExpr(...exprs: Array<string | readonly string[]>): DataFrame {
    return this.derive({ kind: 'project', input: this.plan, exprs: (exprs.flat() as string[]).map((s) => ({ kind: 'expressionString', sql: s })) });
  }
  /** Keeps rows where the condition (a Column or SQL text) is true. */
  filter(condition: Column | string): this {
    const e: Expression = typeof condition === 'string' ? { kind: 'expressionString', sql: condition } : notColumn(condition, 'condition').expr;
    return this.same({ kind: 'filter', input: this.plan, condition: e });
  }
  /** Same as `filter`. */
  where(condition: Column | string): this {
    return this.filter(condition);
  }
  /** Adds or replaces a column. */
  withColumn<N extends string>(colName: N, col: Column): this & ColumnAccess<N> {
    return this.same({ kind: 'withColumns', input: this.plan, names: [colName], exprs: [notColumn(col, 'col').expr] }) as this & ColumnAccess<N>;
  }
  /** Adds or replaces several columns (`{ name: Column }`). */
  withColumns(colsMap: Record<string, Column>): DataFrame {
    const names = Object.keys(colsMap);
    return this.derive({ kind: 'withColumns', input: this.plan, names, exprs: names.map((n) => notColumn(colsMap[n], 'col').expr) });
  }
  /** Renames a column (no-op when it does not exist). */
  withColumnRenamed(existing: string, newName: string): DataFrame {
    return this.derive({ kind: 'withColumnsRenamed', input: this.plan, renames: [[existing, newName]] });
  }
  /** Renames several columns (`{ old: "new" }`). */
  withColumnsRenamed(colsMap: Record<string, string>): DataFrame {
    return this.derive({ kind: 'withColumnsRenamed', input: this.plan, renames: Object.entries(colsMap) });
  }
  /** Drops columns by name (unknown names ignored) or by Column. */
  drop(...cols: Cols): DataFrame {
    const list = flat(cols);
    return this.derive({
      kind: 'drop',
      input: this.plan,
      names: list.filter((c): c is string => typeof c === 'string'),
      columns: list.filter((c): c is Column => c instanceof Column).map((c) => c.expr),
    });
  }
  /** Distinct rows. */
  distinct(): this {
    return this.same({ kind: 'deduplicate', input: this.plan });
  }
  /** Distinct rows, or one row per distinct `subset`. */
  dropDuplicates(subset?: readonly string[]): this {
    return this.same(subset === undefined ? { kind: 'deduplicate', input: this.plan } : { kind: 'deduplicate', input: this.plan, columns: subset });
  }
  /** On a stream with a watermark: one row per `subset` key while its event time + the delay is ahead of the watermark. */
  dropDuplicatesWithinWatermark(subset?: readonly string[]): DataFrame {
    return this.derive({ kind: 'deduplicate', input: this.plan, ...(subset === undefined ? {} : { columns: subset }), withinWatermark: true });
  }
  /** Same as `dropDuplicates`. */
  drop_duplicates(subset?: readonly string[]): this {
    return this.dropDuplicates(subset);
  }
  /** Sorts (ASC NULLS FIRST unless `.desc()`); a final `{ ascending }` object as pyspark's keyword. */
  orderBy(...cols: Array<ColumnOrName | readonly ColumnOrName[] | { ascending: boolean | boolean[] }>): this {
    return this.same({ kind: 'sort', input: this.plan, order: sortOrders(cols), global: true });
  }
  /** Same as `orderBy`. */
  sort(...cols: Array<ColumnOrName | readonly ColumnOrName[] | { ascending: boolean | boolean[] }>): this {
    return this.orderBy(...cols);
  }
  /** Sorts within each partition. */
  sortWithinPartitions(...cols: Array<ColumnOrName | readonly ColumnOrName[] | { ascending: boolean | boolean[] }>): this {
    return this.same({ kind: 'sort', input: this.plan, order: sortOrders(cols), global: false });
  }
  /** The first `num` rows. */
  limit(num: number): this {
    return this.same({ kind: 'limit', input: this.plan, n: num });
  }
  /** Skips `num` rows. */
  offset(num: number): this {
    return this.same({ kind: 'offset', input: this.plan, n: num });
  }
  /** Groups rows for aggregation. */
  groupBy(...cols: Cols): GroupedData {
    return new GroupedData(this as unknown as DataFrame, flat(cols).map((c) => toColumn(c).expr), 'groupBy');
  }
  /** Same as `groupBy`. */
  groupby(...cols: Cols): GroupedData {
    return this.groupBy(...cols);
  }
  /** Groups by each prefix of the columns and the grand total (`GROUP BY ROLLUP`), for subtotals. */
  rollup(...cols: Cols): GroupedData {
    return new GroupedData(this as unknown as DataFrame, flat(cols).map((c) => toColumn(c).expr), 'rollup');
  }
  /** Groups by every subset of the columns (`GROUP BY CUBE`). */
  cube(...cols: Cols): GroupedData {
    return new GroupedData(this as unknown as DataFrame, flat(cols).map((c) => toColumn(c).expr), 'cube');
  }
  /** Aggregates over all rows (`df.agg(F.max("age"))`, `df.agg({ age: "max" })`). */
  agg(...exprs: Array<Column | Record<string, string>>): DataFrame {
    return this.groupBy().agg(...exprs);
  }
  /** Joins with another DataFrame on column names (USING) or a condition; `how` as pyspark's. */
  join(other: DataFrame, on?: string | readonly string[] | Column | readonly Column[], how = 'inner'): DataFrame {
    return this.derive(joinPlan(this.plan, other.plan, on, how));
  }
  /** Every pair of rows. */
  crossJoin(other: DataFrame): DataFrame {
    return this.derive({ kind: 'join', left: this.plan, right: other.plan, joinType: 'cross' });
  }
  /** Rows of both, by position, duplicates kept. */
  union(other: DataFrame): this {
    return this.setOp(other, 'union', true, false, false);
  }
  /** Same as `union`. */
  unionAll(other: DataFrame): this {
    return this.union(other);
  }
  /** Rows of both, matched by column name. */
  unionByName(other: DataFrame, allowMissingColumns = false): this {
    return this.setOp(other, 'union', true, true, allowMissingColumns);
  }
  /** Distinct rows in both. */
  intersect(other: DataFrame): this {
    return this.setOp(other, 'intersect', false, false, false);
  }
  /** Rows in both, duplicates kept. */
  intersectAll(other: DataFrame): this {
    return this.setOp(other, 'intersect', true, false, false);
  }
  /** Distinct rows not in `other`. */
  subtract(other: DataFrame): this {
    return this.setOp(other, 'except', false, false, false);
  }
  /** Rows not in `other`, duplicates kept. */
  exceptAll(other: DataFrame): this {
    return this.setOp(other, 'except', true, false, false);
  }
  private setOp(other: DataFrame, op: 'union' | 'intersect' | 'except', all: boolean, byName: boolean, allowMissingColumns: boolean): this {
    return this.same({ kind: 'setOp', op, left: this.plan, right: other.plan, all, byName, allowMissingColumns });
  }
  /** Names this DataFrame for qualified columns (`df.alias("p")` then `"p.name"`). */
  alias(alias: string): this {
    return this.same({ kind: 'subqueryAlias', input: this.plan, alias });
  }
  /** Renames all columns by position. */
  toDF<K extends string>(...cols: K[]): DataFrame<K> {
    return this.derive({ kind: 'toDF', input: this.plan, names: cols }) as DataFrame<K>;
  }
  /** A random sample: `sample(fraction)`, `sample(fraction, seed)`, `sample(withReplacement, fraction, seed)`. */
  sample(a?: boolean | number, b?: number, c?: number): this {
    return this.same(samplePlan(this.plan, a, b, c));
  }
  /** Splits rows randomly by weights (normalised). */
  randomSplit(weights: readonly number[], seed?: number): DataFrame[] {
    return randomSplitPlans(this.plan, weights, seed).map((p) => this.derive(p));
  }
  /** Repartitions into `n` partitions (by hash of columns when given). */
  repartition(numPartitions: number | ColumnOrName, ...cols: ColumnOrName[]): this {
    const n = typeof numPartitions === 'number' ? numPartitions : undefined;
    const exprs = (typeof numPartitions === 'number' ? cols : [numPartitions, ...cols]).map((c) => toColumn(c).expr);
    return this.same({ kind: 'repartition', input: this.plan, ...(n === undefined ? {} : { numPartitions: n }), exprs, shuffle: true });
  }
  /** Fewer partitions without a shuffle. */
  coalesce(numPartitions: number): this {
    return this.same({ kind: 'repartition', input: this.plan, numPartitions, exprs: [], shuffle: false });
  }
  /** Declares an event-time watermark (no-op on batch DataFrames, checked as Spark does). */
  withWatermark(eventTime: string, delayThreshold: string): this {
    return this.same({ kind: 'withWatermark', input: this.plan, eventTime, delay: delayThreshold });
  }
  /** A hint for the planner (kept in the plan; the local engine may ignore it). */
  hint(name: string, ...parameters: unknown[]): this {
    void parameters;
    return this.same({ kind: 'hint', input: this.plan, name, parameters: [] });
  }
  /** `f(df, …args)`: chains custom transformations. */
  transform<A extends unknown[]>(func: (df: DataFrame, ...args: A) => DataFrame, ...args: A): DataFrame {
    return func(this as unknown as DataFrame, ...args);
  }
  /** NULL handling: `df.na.fill(0)`, `df.na.drop()`, `df.na.replace(…)`. */
  get na(): DataFrameNaFunctions {
    return new DataFrameNaFunctions(this as unknown as DataFrame);
  }
  /** Same as `na.fill`. */
  fillna(value: unknown, subset?: string | readonly string[]): this {
    return this.na.fill(value, subset) as unknown as this;
  }
  /** Same as `na.drop`. */
  dropna(how: 'any' | 'all' = 'any', thresh?: number, subset?: string | readonly string[]): this {
    return this.na.drop(how, thresh, subset) as unknown as this;
  }
  /** Same as `na.replace`. */
  replace(toReplace: unknown, value?: unknown, subset?: string | readonly string[]): this {
    return this.na.replace(toReplace, value, subset) as unknown as this;
  }
  /** count, mean, stddev, min, max of columns (all cells strings). */
  describe(...cols: Cols): DataFrame {
    return describeFrame(this as unknown as DataFrame, flat(cols).map(String), ['count', 'mean', 'stddev', 'min', 'max']);
  }
  /** As `describe`, with percentiles by default. */
  summary(...statistics: string[]): DataFrame {
    return describeFrame(this as unknown as DataFrame, [], statistics.length > 0 ? statistics : ['count', 'mean', 'stddev', 'min', '25%', '50%', '75%', 'max']);
  }

  // Actions ---------------------------------------------------------------------------------

  private rowsOf(internal: InternalRow[]): Row[] {
    const ext = rowExternalizer(this.schema);
    return internal.map(ext);
  }
  /** All rows. */
  collect(): Row[] {
    return this.rowsOf(this.session.execution.collect(this.plan));
  }
  /** The first `num` rows. */
  take(num: number): Row[] {
    return this.limit(num).collect();
  }
  /** The first row, or null when there is none; `head(n)` is `take(n)`. */
  head(): Row | null;
  head(n: number): Row[];
  head(n?: number): Row | Row[] | null {
    if (n === undefined) return this.take(1)[0] ?? null;
    return this.take(n);
  }
  /** The first row, or null. */
  first(): Row | null {
    return this.head();
  }
  /** The last `num` rows. */
  tail(num: number): Row[] {
    return this.derive({ kind: 'tail', input: this.plan, n: num }).collect();
  }
  /** Number of rows. */
  count(): number {
    const counted = this.session.dataFrame({
      kind: 'aggregate',
      input: this.plan,
      groupType: 'groupBy',
      grouping: [],
      aggregates: [{ kind: 'alias', child: { kind: 'function', name: 'count', args: [lit(1)] }, names: ['count'] }],
    });
    return Number(this.session.execution.collect(counted.plan)[0]![0]);
  }
  /** True when there are no rows. */
  isEmpty(): boolean {
    return this.take(1).length === 0;
  }
  /** The rows one partition at a time. */
  *toLocalIterator(): IterableIterator<Row> {
    const ext = rowExternalizer(this.schema);
    for (const r of this.session.execution.iterate(this.plan)) yield ext(r);
  }
  /** Calls `f` for every row (local engine: Spark cannot run a TypeScript function). */
  foreach(f: (row: Row) => void): void {
    this.rowRdd('df.foreach').foreach(f);
  }
  /** Calls `f` for each partition's rows (local engine). */
  foreachPartition(f: (rows: IterableIterator<Row>) => void): void {
    this.rowRdd('df.foreachPartition').foreachPartition(f);
  }
  /** The rows as an engine RDD of Rows (local engine). */
  get rdd(): RDD<Row> {
    return this.rowRdd('df.rdd');
  }
  private rowRdd(what: string): RDD<Row> {
    const rdd = this.session.execution.rdd(this.plan, what);
    const ext = rowExternalizer(this.schema);
    return rdd.map((r) => ext(r));
  }
  /** Each row as a JSON line (an RDD of strings). */
  toJSON(): RDD<string> {
    return toJSONLines(this as unknown as DataFrame);
  }
  /** Prints the first `n` rows as Spark's table (`truncate`: true = 20 characters, a number, or false). */
  show(n = 20, truncate: boolean | number = true, vertical = false): void {
    this.session.out(this.showString(n, truncate, vertical) + '\n');
  }
  /** @internal The text `show` prints. */
  showString(n = 20, truncate: boolean | number = true, vertical = false): string {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new SparkArgumentError('NOT_INT', { arg_name: 'n', arg_type: pyType(n) });
    const t = truncate === true ? 20 : truncate === false ? 0 : Math.floor(truncate);
    return this.session.execution.showString(this.plan, Math.max(n, 0), t, vertical);
  }
  /** Prints the schema tree. */
  printSchema(level?: number): void {
    this.session.out(this.session.execution.treeString(this.plan, level) + '\n');
  }
  /** Prints the plan (`simple`, `extended`/true, `formatted`, `codegen`, `cost`). */
  explain(mode: boolean | ExplainMode = 'simple'): void {
    this.session.out(this.session.execution.explainString(this.plan, mode === true ? 'extended' : mode === false ? 'simple' : mode) + '\n');
  }
  /** Keeps the rows in memory once computed. */
  cache(): this {
    return this.persist();
  }
  /** As `cache` (every storage level keeps rows in memory). */
  persist(storageLevel: StorageLevel = 'MEMORY_AND_DISK'): this {
    void storageLevel;
    this.session.execution.persist(this.plan, true);
    return this;
  }
  /** Drops the cached rows. */
  unpersist(): this {
    this.session.execution.persist(this.plan, false);
    return this;
  }
  /** True after `cache()`/`persist()`. */
  get is_cached(): boolean {
    return this.session.execution.isCached(this.plan);
  }
  /** Spark's text of the storage level. */
  get storageLevel(): string {
    return this.is_cached ? 'Disk Memory Deserialized 1x Replicated' : 'Serialized 1x Replicated';
  }
  /** Registers (or replaces) a temporary view. */
  createOrReplaceTempView(name: string): void {
    this.session.catalog.createTempView(name, this.plan, true, false);
  }
  /** Registers a temporary view (TEMP_TABLE_OR_VIEW_ALREADY_EXISTS if taken). */
  createTempView(name: string): void {
    this.session.catalog.createTempView(name, this.plan, false, false);
  }
  /** Registers a global temporary view (`global_temp.name`). */
  createGlobalTempView(name: string): void {
    this.session.catalog.createTempView(name, this.plan, false, true);
  }
  /** Registers or replaces a global temporary view. */
  createOrReplaceGlobalTempView(name: string): void {
    this.session.catalog.createTempView(name, this.plan, true, true);
  }
  /** Writes to a data source: `df.write.mode("overwrite").parquet(path)`. */
  get write(): DataFrameWriter {
    if (this.isStreaming) throw new AnalysisException('CALL_ON_STREAMING_DATASET_UNSUPPORTED', { methodName: '`write`' });
    return new DataFrameWriter(this as unknown as DataFrame);
  }

  /** pyspark's repr: `DataFrame[word: string, count: bigint]`. */
  toString(): string {
    return `DataFrame[${this.schema.fields.map((f) => `${f.name}: ${f.dataType.simpleString()}`).join(', ')}]`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

const dfHandler: ProxyHandler<DataFrameImpl> = {
  get(target, prop, receiver) {
    if (typeof prop === 'symbol' || prop in target) return Reflect.get(target, prop, receiver);
    const cols = target.columns;
    if (/^\d+$/.test(prop)) {
      const name = cols[Number(prop)];
      return name === undefined ? undefined : target.col(`\`${name.replace(/`/g, '``')}\``);
    }
    if (cols.includes(prop)) return target.col(`\`${prop.replace(/`/g, '``')}\``);
    // df["p.name"] / df["*"]: names pyspark's __getitem__ accepts beyond plain columns.
    if (prop === '*' || prop.includes('.')) return target.col(prop);
    return undefined;
  },
  has(target, prop) {
    return prop in target || (typeof prop === 'string' && target.columns.includes(prop));
  },
  // Column names are listed as properties, so the shell completes `df.` with them.
  ownKeys(target) {
    const own = Reflect.ownKeys(target);
    return [...own, ...target.columns.filter((c) => !own.includes(c))];
  },
  getOwnPropertyDescriptor(target, prop) {
    const d = Reflect.getOwnPropertyDescriptor(target, prop);
    if (d !== undefined || typeof prop !== 'string' || !target.columns.includes(prop)) return d;
    return { value: target.col(`\`${prop.replace(/`/g, '``')}\``), enumerable: true, configurable: true, writable: false };
  },
};

/** @internal A DataFrame of `plan` with column access. */
export function makeDataFrame(session: SparkSession, plan: LogicalPlan): DataFrame {
  return new Proxy(new DataFrameImpl(session, plan), dfHandler) as DataFrame;
}
