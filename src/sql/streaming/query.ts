/**
 * StreamingQuery: the handle `writeStream.start()` returns, as pyspark's: `id` (kept in the
 * checkpoint across restarts), `runId` (new per start), `name`, `isActive`, `status`,
 * `lastProgress`, `recentProgress`, `stop()`, `awaitTermination(timeout)`,
 * `processAllAvailable()`, `exception()`, `explain(extended)`. Waiting methods return promises
 * (the shell awaits them). Timeouts are in seconds, as pyspark's.
 */
import { inspect } from 'node:util';
import { explainString } from '../format/explain.js';
import type { LogicalPlan } from '../plan/relations.js';
import type { StreamingQueryException } from '../errors.js';
import type { RPlan } from '../analysis/resolved.js';
import type { StreamingQueryStatus } from './listener.js';
import type { StreamingQueryProgress } from './progress.js';
import { prettyJson } from './progress.js';
import type { QueryUiDetail, UiDetailRecorder } from './ui-detail.js';

/**
 * What a StreamingQuery handle runs on: a micro-batch execution of the local engine
 * (StreamExecution), or a query on a Spark Connect server (src/sql/connect/remote/query-run.ts).
 */
export interface QueryRun {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly isActive: boolean;
  readonly status: StreamingQueryStatus;
  readonly recent: readonly StreamingQueryProgress[];
  /** The user's handle (set by StreamingQuery). */
  handle: StreamingQuery;
  stop(): Promise<void>;
  awaitTermination(timeoutMs?: number): Promise<boolean | undefined>;
  processAllAvailable(): Promise<void>;
  exception(): StreamingQueryException | null;
  /** The local engine's plan of the last micro-batch (explain prints it). */
  readonly lastPlan?: RPlan | undefined;
  /** A remote query's plan text, as the server prints it for `explain(extended)`. */
  explainText?(extended: boolean): string;
  /** What the local engine keeps for the web UI (rows per operator, windows, last result). */
  readonly uiDetail?: UiDetailRecorder;
}

/** A running (or finished) streaming query. */
export class StreamingQuery {
  readonly #run: QueryRun;
  readonly #logical: LogicalPlan;
  readonly #out: (text: string) => void;

  /** @internal Made by `DataStreamWriter.start()`. */
  constructor(run: QueryRun, logical: LogicalPlan, out: (text: string) => void) {
    this.#run = run;
    this.#logical = logical;
    this.#out = out;
    run.handle = this;
  }

  /** The query's id, the same after a restart from its checkpoint. */
  get id(): string {
    return this.#run.id;
  }
  /** This run's id (new at every start). */
  get runId(): string {
    return this.#run.runId;
  }
  /** The `queryName`, or null. */
  get name(): string | null {
    return this.#run.name;
  }
  /** True until the query stops or fails. */
  get isActive(): boolean {
    return this.#run.isActive;
  }
  /** What the query is doing now: `{ message, isDataAvailable, isTriggerActive }`. */
  get status(): StreamingQueryStatus {
    return { ...this.#run.status };
  }
  /** @internal The web UI's detail of this query (local engine only; null for a remote query). */
  uiDetail(): QueryUiDetail | null {
    return this.#run.uiDetail?.snapshot() ?? null;
  }
  /** The last progress (Spark's JSON shape), or null before the first batch. */
  get lastProgress(): StreamingQueryProgress | null {
    const r = this.#run.recent;
    return r.length === 0 ? null : r[r.length - 1]!;
  }
  /** The recent progress reports, oldest first (at most `spark.sql.streaming.numRecentProgressUpdates`). */
  get recentProgress(): StreamingQueryProgress[] {
    return [...this.#run.recent];
  }
  /** Stops the query after the batch in progress, if any. */
  stop(): Promise<void> {
    return this.#run.stop();
  }
  /** Waits until the query terminates; rejects with its exception if it failed. With a timeout (s): false if it is still running then. */
  awaitTermination(timeout?: number): Promise<boolean | undefined> {
    return this.#run.awaitTermination(timeout === undefined ? undefined : timeout * 1000);
  }
  /** Runs micro-batches until everything the sources have now is processed and committed. */
  processAllAvailable(): Promise<void> {
    return this.#run.processAllAvailable();
  }
  /** The exception the query terminated with, or null. */
  exception(): StreamingQueryException | null {
    return this.#run.exception();
  }
  /** Prints the plan of the last micro-batch (`extended` adds the logical plans). */
  explain(extended = false): void {
    if (this.#run.explainText) {
      this.#out(this.#run.explainText(extended));
      return;
    }
    const last = this.#run.lastPlan;
    if (last === undefined) {
      this.#out('No physical plan. Waiting for data.\n');
      return;
    }
    this.#out(explainString(this.#logical, last, extended ? 'extended' : 'simple', 200, false) + '\n');
  }

  toString(): string {
    return `<StreamingQuery id=${this.id} runId=${this.runId} name=${this.name ?? 'None'} isActive=${this.isActive}>`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /** @internal Spark's pretty JSON of the last progress (pyspark 4's `str(progress)`). */
  lastProgressJson(): string {
    const p = this.lastProgress;
    return p === null ? 'null' : prettyJson(p);
  }
}
