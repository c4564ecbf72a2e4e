/**
 * Logical plans as plain data: what a DataFrame is (an immutable tree of these nodes), what the
 * SQL parser produces, what `explain()` prints and what the executor compiles. Names inside are
 * unresolved; the analyser resolves them against the catalog and the children's output.
 *
 * Shape: one interface per operator, discriminated by `kind`, children in `input` (or
 * `left`/`right`). `planId` is set on nodes a DataFrame method created, so a column taken from
 * that DataFrame (`df.value`) can name it (see `Attribute.planId`); Spark Connect's
 * `RelationCommon.plan_id` is the same idea. Nodes map one-to-one to Spark Connect relations
 * where Connect has one (read, project, filter, join, set_op, sort, limit, aggregate,
 * local_relation, deduplicate, range, sample, with_columns, with_columns_renamed, drop, to_df,
 * subquery_alias, with_watermark, repartition …); the rest are noted.
 */
import type { RDD } from '../engine.js';
import type { SaveMode } from '../sources/contract.js';
import type { StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import type { Expression, SortOrder } from './expressions.js';

/** Fields every relation carries. */
interface RelationBase {
  /** Set when a DataFrame method made this node; unique per session (Connect's `plan_id`). */
  readonly planId?: number;
}

/** Rows given by the program: `createDataFrame`, inline `VALUES` after analysis. Connect: `local_relation`. */
export interface LocalRelation extends RelationBase {
  readonly kind: 'localRelation';
  readonly schema: StructType;
  /** Internal rows, already split into partitions as `sc.parallelize` would. */
  readonly partitions: readonly (readonly InternalRow[])[];
}

/** An engine RDD of internal rows (`rdd.toDF()`, `createDataFrame(rdd)`); local only (Spark's LogicalRDD). */
export interface RDDRelation extends RelationBase {
  readonly kind: 'rddRelation';
  readonly schema: StructType;
  readonly rdd: RDD<InternalRow>;
}

/** `spark.range(start, end, step, numPartitions)`: one column `id: bigint` not null. */
export interface Range extends RelationBase {
  readonly kind: 'range';
  readonly start: number;
  readonly end: number;
  readonly step: number;
  readonly numPartitions?: number;
}

/** No columns, one row: the FROM of `SELECT 1`. */
export interface OneRowRelation extends RelationBase {
  readonly kind: 'oneRow';
}

/** `VALUES (1, 'a'), (2, 'b') AS t(x, y)` before analysis: rows of expressions. */
export interface InlineTable extends RelationBase {
  readonly kind: 'inlineTable';
  readonly rows: readonly (readonly Expression[])[];
  readonly names?: readonly string[];
}

/**
 * A data source read: `spark.read.format(f).options(o).schema(s).load(paths)` and
 * `spark.readStream…load()` (`isStreaming`). Options keep the user's keys (Spark compares them
 * case-insensitively); the source registry turns this into a scan. Connect: `read.data_source`.
 */
export interface DataSourceRead extends RelationBase {
  readonly kind: 'read';
  readonly format: string;
  readonly options: Readonly<Record<string, string>>;
  readonly paths: readonly string[];
  /** The user's schema (`.schema(…)`), if any; otherwise the source infers one. */
  readonly schema?: StructType;
  readonly isStreaming: boolean;
}

/** A table or view by name (`spark.table("t")`, `FROM t`, `global_temp.t`). Connect: `read.named_table`. */
export interface UnresolvedRelation extends RelationBase {
  readonly kind: 'table';
  readonly name: readonly string[];
  readonly isStreaming?: boolean;
}

/** `SELECT exprs`. */
export interface Project extends RelationBase {
  readonly kind: 'project';
  readonly input: LogicalPlan;
  readonly exprs: readonly Expression[];
}

/** `WHERE condition`; a NULL condition drops the row. */
export interface Filter extends RelationBase {
  readonly kind: 'filter';
  readonly input: LogicalPlan;
  readonly condition: Expression;
}

/** How an aggregation groups: plain GROUP BY, ROLLUP, CUBE, GROUPING SETS, or a pivot. */
export type GroupType = 'groupBy' | 'rollup' | 'cube' | 'groupingSets' | 'pivot';

/** `df.groupBy(…).pivot(col, values)`: one output column per value (values found by a first pass when omitted). */
export interface Pivot {
  readonly column: Expression;
  readonly values?: readonly Expression[];
}

/** `GROUP BY grouping` with `aggregates` (grouping columns included, as Spark's Aggregate). */
export interface Aggregate extends RelationBase {
  readonly kind: 'aggregate';
  readonly input: LogicalPlan;
  readonly groupType: GroupType;
  readonly grouping: readonly Expression[];
  readonly aggregates: readonly Expression[];
  readonly pivot?: Pivot;
  /** For `groupingSets`: each set as indices into `grouping`. */
  readonly groupingSets?: readonly (readonly number[])[];
  /** SQL's HAVING before analysis (the analyser turns it into a Filter above). */
  readonly having?: Expression;
}

/** Join types, by pyspark's canonical names. */
export type JoinType = 'inner' | 'cross' | 'full' | 'left' | 'right' | 'semi' | 'anti';

/** `left JOIN right ON condition` or `USING (columns)` (the using list keeps one copy of each key). */
export interface Join extends RelationBase {
  readonly kind: 'join';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly joinType: JoinType;
  readonly condition?: Expression;
  readonly using?: readonly string[];
}

/** `ORDER BY` (`global`) or `sortWithinPartitions` (not global). */
export interface Sort extends RelationBase {
  readonly kind: 'sort';
  readonly input: LogicalPlan;
  readonly order: readonly SortOrder[];
  readonly global: boolean;
}

/** `LIMIT n`. */
export interface Limit extends RelationBase {
  readonly kind: 'limit';
  readonly input: LogicalPlan;
  readonly n: number;
}

/** `OFFSET n`. */
export interface Offset extends RelationBase {
  readonly kind: 'offset';
  readonly input: LogicalPlan;
  readonly n: number;
}

/** `df.tail(n)`: the last n rows. */
export interface Tail extends RelationBase {
  readonly kind: 'tail';
  readonly input: LogicalPlan;
  readonly n: number;
}

/**
 * `distinct()` (all columns, `columns` undefined) and `dropDuplicates(columns)`;
 * `withinWatermark` is Structured Streaming's `dropDuplicatesWithinWatermark`. Connect: `deduplicate`.
 */
export interface Deduplicate extends RelationBase {
  readonly kind: 'deduplicate';
  readonly input: LogicalPlan;
  readonly columns?: readonly string[];
  readonly withinWatermark?: boolean;
}

/** UNION / INTERSECT / EXCEPT, by position or by name (`unionByName`). Connect: `set_op`. */
export interface SetOperation extends RelationBase {
  readonly kind: 'setOp';
  readonly op: 'union' | 'intersect' | 'except';
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  /** UNION ALL keeps duplicates (the DataFrame `union` is ALL). */
  readonly all: boolean;
  readonly byName: boolean;
  readonly allowMissingColumns: boolean;
}

/** `df.alias("p")`, `FROM t AS p`: names the relation for qualified columns (`p.name`). */
export interface SubqueryAlias extends RelationBase {
  readonly kind: 'subqueryAlias';
  readonly input: LogicalPlan;
  readonly alias: string;
}

/** `WITH name AS (…) query`: names visible inside `input` (and in later definitions). */
export interface WithCTE extends RelationBase {
  readonly kind: 'with';
  readonly input: LogicalPlan;
  readonly definitions: ReadonlyArray<{ readonly name: string; readonly plan: LogicalPlan; readonly columns?: readonly string[] }>;
}

/**
 * Window functions computed over `input` and appended as columns (the analyser extracts them
 * from a Project, as Spark's ExtractWindowExpressions; the parser need not build this node).
 */
export interface WindowRelation extends RelationBase {
  readonly kind: 'windowRel';
  readonly input: LogicalPlan;
  readonly windowExprs: readonly Expression[];
}

/**
 * A generator (`explode`, `posexplode`, `inline`, …) producing rows per input row: LATERAL VIEW
 * in SQL; the analyser also extracts generators from a Project into this node.
 */
export interface Generate extends RelationBase {
  readonly kind: 'generate';
  readonly input: LogicalPlan;
  readonly generator: Expression;
  readonly outer: boolean;
  readonly aliases: readonly string[];
  readonly qualifier?: string;
}

/** `sample(withReplacement, fraction, seed)`: the rows whose draw lies in [lower, upper). */
export interface Sample extends RelationBase {
  readonly kind: 'sample';
  readonly input: LogicalPlan;
  readonly lower: number;
  readonly upper: number;
  readonly withReplacement: boolean;
  readonly seed: number;
}

/** `withColumn(s)`: replaces columns of the same names or appends. Connect: `with_columns`. */
export interface WithColumns extends RelationBase {
  readonly kind: 'withColumns';
  readonly input: LogicalPlan;
  readonly names: readonly string[];
  readonly exprs: readonly Expression[];
}

/** `withColumnRenamed(s)`; unknown names are ignored. Connect: `with_columns_renamed`. */
export interface WithColumnsRenamed extends RelationBase {
  readonly kind: 'withColumnsRenamed';
  readonly input: LogicalPlan;
  readonly renames: ReadonlyArray<readonly [from: string, to: string]>;
}

/** `drop(…)`: by name (unknown names ignored) or by column. Connect: `drop`. */
export interface Drop extends RelationBase {
  readonly kind: 'drop';
  readonly input: LogicalPlan;
  readonly columns: readonly Expression[];
  readonly names: readonly string[];
}

/** `toDF(names)`: renames all columns by position. Connect: `to_df`. */
export interface ToDF extends RelationBase {
  readonly kind: 'toDF';
  readonly input: LogicalPlan;
  readonly names: readonly string[];
}

/** `repartition(n[, cols])`, `coalesce(n)` (no shuffle). Connect: `repartition` / `repartition_by_expression`. */
export interface Repartition extends RelationBase {
  readonly kind: 'repartition';
  readonly input: LogicalPlan;
  readonly numPartitions?: number;
  readonly exprs: readonly Expression[];
  readonly shuffle: boolean;
}

/** `withWatermark(eventTime, delay)`: a no-op on batch DataFrames. Connect: `with_watermark`. */
export interface WithWatermark extends RelationBase {
  readonly kind: 'withWatermark';
  readonly input: LogicalPlan;
  readonly eventTime: string;
  readonly delay: string;
}

/** Timeouts of `flatMapGroupsWithState`, as Spark's `GroupStateTimeout`. */
export type GroupStateTimeout = 'NoTimeout' | 'ProcessingTimeTimeout' | 'EventTimeTimeout';

/** What a `flatMapGroupsWithState` / `mapGroupsWithState` call runs. */
export interface GroupsWithStateSpec {
  /** The user's function: `(key, rows, state) => rows` (one row for mapGroupsWithState). */
  readonly func: (key: unknown[], rows: IterableIterator<unknown>, state: unknown) => unknown;
  readonly outputSchema: StructType;
  /** The operation's output mode (Spark's `outputMode` argument): append or update. */
  readonly outputMode: 'append' | 'update';
  readonly timeout: GroupStateTimeout;
  /** `mapGroupsWithState`: exactly one output row per call. */
  readonly isMap: boolean;
}

/** `df.groupBy(cols).flatMapGroupsWithState(…)`: arbitrary state per key (Scala's API; pyspark's applyInPandasWithState). */
export interface GroupsWithState extends RelationBase {
  readonly kind: 'groupsWithState';
  readonly input: LogicalPlan;
  readonly grouping: readonly Expression[];
  readonly spec: GroupsWithStateSpec;
}

/** `df.hint("broadcast")` and SQL hints: kept for explain and the remote mode; the local executor may ignore them. */
export interface Hint extends RelationBase {
  readonly kind: 'hint';
  readonly input: LogicalPlan;
  readonly name: string;
  readonly parameters: readonly Expression[];
}

/**
 * Statements `spark.sql` runs at once (Spark runs commands eagerly): views, SET, SHOW, DESCRIBE,
 * CACHE. The result is a small DataFrame (`SHOW TABLES` rows, or none).
 */
export type Command =
  | {
      readonly kind: 'createView';
      readonly name: readonly string[];
      readonly plan: LogicalPlan;
      readonly replace: boolean;
      readonly global: boolean;
      readonly ifNotExists: boolean;
      readonly columns?: readonly string[];
      /** The view's SQL text, for DESCRIBE / SHOW CREATE TABLE. */
      readonly sqlText?: string;
    }
  | { readonly kind: 'dropView'; readonly name: readonly string[]; readonly ifExists: boolean }
  | { readonly kind: 'showTables'; readonly database?: string; readonly pattern?: string }
  | { readonly kind: 'showFunctions'; readonly pattern?: string }
  | { readonly kind: 'showColumns'; readonly table: readonly string[] }
  | { readonly kind: 'setConf'; readonly key?: string; readonly value?: string }
  | { readonly kind: 'resetConf'; readonly key?: string }
  | { readonly kind: 'describe'; readonly table?: readonly string[]; readonly query?: LogicalPlan; readonly extended: boolean }
  | { readonly kind: 'cacheTable'; readonly name: readonly string[]; readonly plan?: LogicalPlan; readonly lazy: boolean }
  | { readonly kind: 'uncacheTable'; readonly name: readonly string[]; readonly ifExists: boolean }
  | { readonly kind: 'clearCache' }
  | { readonly kind: 'explain'; readonly plan: LogicalPlan; readonly mode: ExplainMode }
  | {
      /** `df.write…save(path)` / `saveAsTable` / `INSERT`; Connect: `write_operation`. */
      readonly kind: 'write';
      readonly plan: LogicalPlan;
      readonly format: string;
      readonly mode: SaveMode;
      readonly options: Readonly<Record<string, string>>;
      readonly partitionBy: readonly string[];
      readonly path?: string;
      readonly table?: readonly string[];
    };

/** `explain(mode)` modes, as pyspark's. */
export type ExplainMode = 'simple' | 'extended' | 'codegen' | 'cost' | 'formatted';

/** A statement in the plan tree (what `spark.sql("CREATE TEMP VIEW …")` parses to). */
export interface CommandRelation extends RelationBase {
  readonly kind: 'command';
  readonly command: Command;
}

/** Every logical plan node, discriminated by `kind`. */
/**
 * A relation a Spark Connect server handed back (`spark.sql(…)` on a remote session: the query,
 * or a statement's result rows), sent back to it as it is. Remote sessions only.
 */
export interface RemoteRelation extends RelationBase {
  readonly kind: 'remoteRelation';
  /** The Spark Connect `Relation` message, as the server sent it. */
  readonly relation: object;
}

export type LogicalPlan =
  | LocalRelation
  | RemoteRelation
  | RDDRelation
  | Range
  | OneRowRelation
  | InlineTable
  | DataSourceRead
  | UnresolvedRelation
  | Project
  | Filter
  | Aggregate
  | Join
  | Sort
  | Limit
  | Offset
  | Tail
  | Deduplicate
  | SetOperation
  | SubqueryAlias
  | WithCTE
  | WindowRelation
  | Generate
  | Sample
  | WithColumns
  | WithColumnsRenamed
  | Drop
  | ToDF
  | Repartition
  | WithWatermark
  | GroupsWithState
  | Hint
  | CommandRelation;

/** The `kind` of a plan node. */
export type LogicalPlanKind = LogicalPlan['kind'];

/** The children of a plan node, in order (left before right). */
export function children(plan: LogicalPlan): LogicalPlan[] {
  switch (plan.kind) {
    case 'join':
    case 'setOp':
      return [plan.left, plan.right];
    case 'localRelation':
    case 'remoteRelation':
    case 'rddRelation':
    case 'range':
    case 'oneRow':
    case 'inlineTable':
    case 'read':
    case 'table':
    case 'command':
      return [];
    case 'with':
      return [plan.input];
    default:
      return [plan.input];
  }
}
