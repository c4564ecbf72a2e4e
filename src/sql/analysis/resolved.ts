/**
 * The analysed plan: what the analyser makes of a logical plan. Every name is bound to an
 * attribute with an id (Spark's `name#id`), every expression has a type, every function call
 * its implementation. The executor compiles this, `explain()` prints it. Internal to
 * `src/sql` (the contract others build on is the unresolved plan in `plan/`).
 */
import type { RDD } from '../engine.js';
import type { AggregateFunction, GeneratorFunction, ScalarFunction, WindowFunction } from '../functions/function.js';
import type { JoinType } from '../plan/relations.js';
import type { BatchScan, DataSourceProvider } from '../sources/contract.js';
import type { DataSourceRead } from '../plan/relations.js';
import type { DataType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';

/** A column of some relation's output: Spark's `AttributeReference` (`name#id`). */
export interface AttributeRef {
  readonly id: number;
  readonly name: string;
  readonly dataType: DataType;
  readonly nullable: boolean;
  /** The relation names it can be qualified with (`p` after `df.alias("p")`, a table name). */
  readonly qualifier: readonly string[];
  /**
   * Set on an event-time column after `withWatermark` (and on what is derived from it by
   * `window`, aliases): Spark's `spark.watermarkDelayMs` metadata. The attribute taken from the
   * DataFrame before `withWatermark` has the same id but no delay, as in Spark.
   */
  readonly watermarkDelayMs?: number;
}

interface Typed {
  readonly dataType: DataType;
  readonly nullable: boolean;
}

/** A reference to an input column. */
export interface RRef extends Typed {
  readonly k: 'ref';
  readonly attr: AttributeRef;
}
/** A constant (internal value). */
export interface RLit extends Typed {
  readonly k: 'lit';
  readonly value: unknown;
}
/** An expression named for the output (`expr AS name#id`). */
export interface RAlias extends Typed {
  readonly k: 'alias';
  readonly child: RExpr;
  readonly name: string;
  readonly id: number;
  /** All names of a multi-column alias (`posexplode(x) AS (p, v)`). */
  readonly names?: readonly string[];
}
/** A scalar function or operator call with its implementation. */
export interface RCall extends Typed {
  readonly k: 'call';
  readonly fn: ScalarFunction;
  readonly args: readonly RExpr[];
  /** Function-specific constant data computed at analysis (a compiled regex, a format …). */
  readonly extra?: unknown;
}
/** A cast; `implicit` when the analyser inserted it (it then prints as its child in names). */
export interface RCast extends Typed {
  readonly k: 'cast';
  readonly child: RExpr;
  readonly mode: 'legacy' | 'ansi' | 'try';
  readonly implicit: boolean;
}
/** An aggregate function call (inside an Aggregate, or under `over`). */
export interface RAgg extends Typed {
  readonly k: 'agg';
  readonly fn: AggregateFunction;
  readonly args: readonly RExpr[];
  readonly distinct: boolean;
  readonly ignoreNulls: boolean;
  readonly filter?: RExpr;
  readonly extra?: unknown;
}
/** A ranking / offset window function (`row_number()`, `lag(x, 1)`), only valid under `over`. */
export interface RWinFn extends Typed {
  readonly k: 'winfn';
  readonly fn: WindowFunction;
  readonly args: readonly RExpr[];
  readonly ignoreNulls: boolean;
  readonly extra?: unknown;
}
/** A window frame bound with its offset evaluated. */
export type RFrameBound =
  | 'unboundedPreceding'
  | 'unboundedFollowing'
  | 'currentRow'
  /** `sqlPreceding` when written `n PRECEDING` in SQL (Spark then prints it so; an API offset prints as `-n FOLLOWING`). */
  | { readonly offset: number | bigint; readonly sqlPreceding?: boolean };
/** A resolved window spec. */
export interface RWindowSpec {
  readonly partitionBy: readonly RExpr[];
  readonly orderBy: readonly RSortOrder[];
  readonly frame: { readonly type: 'rows' | 'range'; readonly lower: RFrameBound; readonly upper: RFrameBound };
  /** True when the user gave no frame (Spark then picks RANGE … CURRENT ROW with ORDER BY, else the whole partition). */
  readonly defaultFrame: boolean;
}
/** `fn OVER (spec)`. */
export interface ROver extends Typed {
  readonly k: 'over';
  readonly fn: RAgg | RWinFn;
  readonly spec: RWindowSpec;
}
/** A generator (`explode`), only valid as a Generate node's generator. */
export interface RGen extends Typed {
  readonly k: 'gen';
  readonly fn: GeneratorFunction;
  readonly args: readonly RExpr[];
  /** The columns each generated row adds (`col`, or `pos` + `col`, or `key` + `value`). */
  readonly fields: ReadonlyArray<{ readonly name: string; readonly dataType: DataType; readonly nullable: boolean }>;
  readonly extra?: unknown;
}
/** A TypeScript UDF call. */
export interface RUdf extends Typed {
  readonly k: 'udf';
  readonly name: string;
  readonly fn: (...args: unknown[]) => unknown;
  readonly args: readonly RExpr[];
  /** Called directly on internal values, without conversion or error wrapping (the web UI's row counters). */
  readonly raw?: boolean;
}
/** A higher-order function's lambda; its parameters are attributes referenced inside `body`. */
export interface RLambda extends Typed {
  readonly k: 'lambda';
  readonly params: readonly AttributeRef[];
  readonly body: RExpr;
}
/** A scalar subquery: the single value of a one-column plan (NULL when empty). */
export interface RScalarSubquery extends Typed {
  readonly k: 'scalarSubquery';
  readonly plan: RPlan;
}
/** `x IN (SELECT …)` / `EXISTS (…)`: the subquery's values, computed once per query. */
export interface RInSubquery extends Typed {
  readonly k: 'inSubquery';
  readonly child: RExpr | undefined;
  readonly plan: RPlan;
}

/** Every analysed expression, discriminated by `k`. */
export type RExpr = RRef | RLit | RAlias | RCall | RCast | RAgg | RWinFn | ROver | RGen | RUdf | RLambda | RScalarSubquery | RInSubquery;

/** A resolved sort order. */
export interface RSortOrder {
  readonly child: RExpr;
  readonly direction: 'asc' | 'desc';
  readonly nulls: 'first' | 'last';
}

interface PlanBase {
  /** The columns this node produces, in order. */
  readonly output: readonly AttributeRef[];
}

/** Rows held in memory. */
export interface PLocal extends PlanBase {
  readonly k: 'local';
  readonly partitions: readonly (readonly InternalRow[])[];
  /** Rows of SQL `VALUES` (Spark's LocalRelation, explained as LocalTableScan). */
  readonly inline?: boolean;
}
/** An engine RDD of internal rows. */
export interface PRdd extends PlanBase {
  readonly k: 'rdd';
  readonly rdd: RDD<InternalRow>;
}
/** `range`. */
export interface PRange extends PlanBase {
  readonly k: 'range';
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly numPartitions: number;
}
/** A data source scan. */
export interface PScan extends PlanBase {
  readonly k: 'scan';
  readonly format: string;
  readonly scan: BatchScan;
  /** A micro-batch's rows of a streaming source: of unknown size to the join planner, as Spark's stream sides. */
  readonly streaming?: boolean;
}
/** SELECT: each expr is a ref or an alias. */
export interface PProject extends PlanBase {
  readonly k: 'project';
  readonly input: RPlan;
  readonly exprs: readonly RExpr[];
}
/** WHERE. */
export interface PFilter extends PlanBase {
  readonly k: 'filter';
  readonly input: RPlan;
  readonly condition: RExpr;
}
/** GROUP BY: `groupings` keys, `aggregates` the output expressions over keys and aggregate calls. */
export interface PAggregate extends PlanBase {
  readonly k: 'aggregate';
  readonly input: RPlan;
  readonly groupings: readonly RExpr[];
  readonly aggregates: readonly RExpr[];
  /** Set for `distinct`/`dropDuplicates`, printed as Spark's Deduplicate. */
  readonly dedup?: boolean;
  /** `dropDuplicatesWithinWatermark`: a key is kept until its event time + the delay passes the watermark. */
  readonly withinWatermark?: boolean;
  /** Index of a `session_window(…)` grouping: the rows' sessions are merged per key (Spark's MergingSessions). */
  readonly session?: number;
}
/** A join; `leftKeys`/`rightKeys` are the equi-join keys found in the condition, `condition` what remains. */
export interface PJoin extends PlanBase {
  readonly k: 'join';
  readonly left: RPlan;
  readonly right: RPlan;
  readonly joinType: JoinType;
  readonly leftKeys: readonly RExpr[];
  readonly rightKeys: readonly RExpr[];
  readonly condition: RExpr | undefined;
  /** The condition as written, for explain. */
  readonly fullCondition: RExpr | undefined;
}
/** ORDER BY. */
export interface PSort extends PlanBase {
  readonly k: 'sort';
  readonly input: RPlan;
  readonly order: readonly RSortOrder[];
  readonly global: boolean;
}
/** LIMIT / OFFSET / tail. */
export interface PLimit extends PlanBase {
  readonly k: 'limit' | 'offset' | 'tail';
  readonly input: RPlan;
  readonly n: number;
}
/** UNION ALL (by position; names from the first child). */
export interface PUnion extends PlanBase {
  readonly k: 'union';
  readonly inputs: readonly RPlan[];
}
/** INTERSECT / EXCEPT [ALL]. */
export interface PSetOp extends PlanBase {
  readonly k: 'intersect' | 'except';
  readonly left: RPlan;
  readonly right: RPlan;
  readonly all: boolean;
}
/** Window functions over one spec, appended to the input's columns. */
export interface PWindow extends PlanBase {
  readonly k: 'window';
  readonly input: RPlan;
  /** Aliases of `over` expressions, all with the same partitioning and ordering. */
  readonly windowExprs: readonly RAlias[];
  readonly partitionBy: readonly RExpr[];
  readonly orderBy: readonly RSortOrder[];
}
/** A generator appending its columns to each input row (or replacing them when `keepInput` is false). */
export interface PGenerate extends PlanBase {
  readonly k: 'generate';
  readonly input: RPlan;
  readonly generator: RGen;
  readonly outer: boolean;
  readonly generatorOutput: readonly AttributeRef[];
}
/** Bernoulli / Poisson sampling. */
export interface PSample extends PlanBase {
  readonly k: 'sample';
  readonly input: RPlan;
  readonly lower: number;
  readonly upper: number;
  readonly withReplacement: boolean;
  readonly seed: number;
}
/** A relation renamed (`df.alias`, a view's name): changes qualifiers only. */
export interface PAlias extends PlanBase {
  readonly k: 'alias';
  readonly input: RPlan;
  readonly alias: string;
}
/** `repartition` / `coalesce`. */
export interface PRepartition extends PlanBase {
  readonly k: 'repartition';
  readonly input: RPlan;
  readonly numPartitions: number;
  readonly exprs: readonly RExpr[];
  readonly shuffle: boolean;
}
/** A node whose result the session caches (`df.cache()`); `key` identifies the cached plan. */
export interface PCached extends PlanBase {
  readonly k: 'cached';
  readonly input: RPlan;
  readonly key: object;
}
/** `withWatermark`: passes rows through on batch queries; streaming uses `eventTime` and `delayMs`. */
export interface PWatermark extends PlanBase {
  readonly k: 'watermark';
  readonly input: RPlan;
  readonly eventTime: AttributeRef;
  readonly delayMs: number;
  /** Set in a micro-batch's plan: sees each row's event time (µs, or null), for the batch's max/min/avg. */
  readonly observe?: (eventTimeMicros: unknown) => void;
}
/** A streaming source (`spark.readStream…load()`): replaced by the batch's rows in each micro-batch. */
export interface PStreamSource extends PlanBase {
  readonly k: 'streamSource';
  readonly read: DataSourceRead;
  readonly provider: DataSourceProvider;
}
/**
 * An operator computed by code outside the executor's switch: a micro-batch's stateful
 * operators (StateStoreSave, StreamingDeduplicate, a stream-stream join …). `compute` runs once
 * per query execution and returns the output rows by partition; `children` are shown by explain.
 */
export interface PExternal extends PlanBase {
  readonly k: 'external';
  /** Spark's operator name in explain (`StateStoreSave`). */
  readonly name: string;
  /** The operator's explain line. */
  readonly text: string;
  readonly children: readonly RPlan[];
  readonly numPartitions: number;
  /** True when `compute` reads the `children` it is given (so counters wrapped around them see the rows). */
  readonly computesGivenChildren?: boolean;
  /** `children` are the node's children as the executed plan has them (the UI wraps them in row counters). */
  compute(ex: import('../exec/executor.js').Executor, children: readonly RPlan[]): InternalRow[][];
}
/**
 * `groupBy(…).flatMapGroupsWithState(func, outputMode, timeoutConf)` (and mapGroupsWithState):
 * a TypeScript function over each key's rows with a GroupState. Batch plans run it once with
 * empty states; streaming keeps the states between micro-batches.
 */
export interface PGroupsWithState extends PlanBase {
  readonly k: 'groupsWithState';
  readonly input: RPlan;
  readonly groupings: readonly RExpr[];
  readonly spec: import('../plan/relations.js').GroupsWithStateSpec;
}

/** Every analysed plan node, discriminated by `k`. */
export type RPlan =
  | PLocal
  | PRdd
  | PRange
  | PScan
  | PProject
  | PFilter
  | PAggregate
  | PJoin
  | PSort
  | PLimit
  | PUnion
  | PSetOp
  | PWindow
  | PGenerate
  | PSample
  | PAlias
  | PRepartition
  | PCached
  | PWatermark
  | PStreamSource
  | PExternal
  | PGroupsWithState;

/** The children of an analysed node. */
export function planChildren(p: RPlan): RPlan[] {
  switch (p.k) {
    case 'local':
    case 'rdd':
    case 'range':
    case 'scan':
    case 'streamSource':
      return [];
    case 'external':
      return [...p.children];
    case 'join':
    case 'intersect':
    case 'except':
      return [p.left, p.right];
    case 'union':
      return [...p.inputs];
    default:
      return [p.input];
  }
}

let nextExprId = 0;

/** A fresh expression id (Spark's `#n`), unique in the process. */
export function newExprId(): number {
  return nextExprId++;
}

/** A new attribute. */
export function makeAttr(name: string, dataType: DataType, nullable: boolean, qualifier: readonly string[] = []): AttributeRef {
  return { id: newExprId(), name, dataType, nullable, qualifier };
}

/** The attribute an output expression (ref or alias) defines. */
export function toAttribute(e: RExpr, qualifier: readonly string[] = []): AttributeRef {
  if (e.k === 'ref') return e.attr;
  if (e.k === 'alias') {
    const delay = e.child.k === 'ref' ? e.child.attr.watermarkDelayMs : undefined;
    return { id: e.id, name: e.name, dataType: e.dataType, nullable: e.nullable, qualifier, ...(delay === undefined ? {} : { watermarkDelayMs: delay }) };
  }
  throw new Error(`internal: ${e.k} is not a named expression`);
}

/** A reference expression to an attribute. */
export function ref(attr: AttributeRef): RRef {
  return { k: 'ref', attr, dataType: attr.dataType, nullable: attr.nullable };
}
