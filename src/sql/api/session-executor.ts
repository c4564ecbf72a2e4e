/**
 * How a session runs what its DataFrames ask for. A SparkSession holds one: the local engine
 * (`LocalSessionExecutor`), or a Spark Connect server (`RemoteSessionExecutor` in
 * `src/sql/connect/remote/`). DataFrames build the same plans either way; only this changes, so
 * `show()`, `collect()`, `printSchema()` and friends are one API over both.
 */
import type { RDD } from '../engine.js';
import type { ExplainMode, LogicalPlan } from '../plan/relations.js';
import type { SaveMode } from '../sources/contract.js';
import type { StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';

/** A `df.write…save()` / `saveAsTable()` as the executor gets it. */
export interface WriteSpec {
  readonly format: string;
  readonly mode: SaveMode;
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  readonly path?: string;
  /** `saveAsTable(name)` / `insertInto(name)` (remote sessions only: tspark has no metastore). */
  readonly table?: { readonly name: string; readonly method: 'saveAsTable' | 'insertInto' };
}

/** What a DataFrame action needs from wherever the session runs. */
export interface SessionExecutor {
  readonly kind: 'local' | 'remote';
  /** Checks a new DataFrame's plan at the call (local: analysis; remote: translation, which refuses what Spark cannot run). */
  check(plan: LogicalPlan): void;
  /** The plan's output schema. */
  schema(plan: LogicalPlan): StructType;
  /** Whether the plan reads a stream. */
  isStreaming(plan: LogicalPlan): boolean;
  /** All rows, in internal form. */
  collect(plan: LogicalPlan): InternalRow[];
  /** At most `n` rows. */
  take(plan: LogicalPlan, n: number): InternalRow[];
  /** Rows for `toLocalIterator()`, a partition at a time where the executor can. */
  iterate(plan: LogicalPlan): Iterable<InternalRow>;
  /** The text `show(n, truncate, vertical)` prints, as Spark's showString makes it. */
  showString(plan: LogicalPlan, n: number, truncate: number, vertical: boolean): string;
  /** The text `explain(mode)` prints. */
  explainString(plan: LogicalPlan, mode: ExplainMode): string;
  /** The text `printSchema(level)` prints. */
  treeString(plan: LogicalPlan, level?: number): string;
  /** The rows as an engine RDD; `what` names the call, for the remote refusal. */
  rdd(plan: LogicalPlan, what: string): RDD<InternalRow>;
  /** `cache()`/`persist()` (true) and `unpersist()` (false). */
  persist(plan: LogicalPlan, cache: boolean): void;
  /** Whether the plan's rows are cached. */
  isCached(plan: LogicalPlan): boolean;
  /** Runs `df.write…`. */
  write(plan: LogicalPlan, spec: WriteSpec): void;
}
