/**
 * A snapshot of the streaming context as `.status` and `.doctor` read it. Both are pure
 * functions of this snapshot, so their wording is tested with plain tables.
 */
import type { BatchInfo, ContextState, GraphNode, SourceInfo } from '../engine/events.js';
import type { StreamingQueryStatus } from '../sql/streaming/listener.js';
import type { StreamingQueryProgress } from '../sql/streaming/progress.js';
import type { QuerySettings } from '../sql/streaming/query-settings.js';

/** What the shell knows about one Structured Streaming query (`writeStream.start()`). */
export interface QueryFacts {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly active: boolean;
  readonly status: StreamingQueryStatus;
  /** The last micro-batch that ran (executed), if any. */
  readonly lastProgress: StreamingQueryProgress | undefined;
  /** Micro-batches run since the query started. */
  readonly batches: number;
  /** Rows read and rows written (where the sink counts them) over all its micro-batches. */
  readonly inputRows: number;
  readonly outputRows: number;
  /** Query-clock time of the last micro-batch, if any. */
  readonly lastBatchAt: number | undefined;
  /** Query-clock time it started. */
  readonly startedAt: number;
  /** The exception it terminated with (its message), if it failed. */
  readonly exception: string | undefined;
  /** What it was started with; undefined for a remote query. */
  readonly settings: QuerySettings | undefined;
}

/** What the shell knows about its streaming context at one moment. */
export interface StreamFacts {
  readonly state: ContextState;
  readonly batchMs: number;
  readonly master: string;
  readonly graph: readonly GraphNode[];
  readonly sources: readonly SourceInfo[];
  /** Completed batches, oldest first (the shell keeps the last few). */
  readonly recentBatches: readonly BatchInfo[];
  /** Engine-clock time the context started, if it did. */
  readonly startedAt: number | undefined;
  /** Engine-clock time now. */
  readonly now: number;
  /** The checkpoint directory, if one was set. */
  readonly checkpointDir: string | undefined;
  /** True while the batch clock is paused (teaching mode). */
  readonly paused: boolean;
  /** The last batch error report, if any. */
  readonly lastError: { readonly batchTime: number; readonly message: string } | undefined;
  /** Structured Streaming queries of the shell's `spark`: the active ones, then those that ended recently. */
  readonly queries?: readonly QueryFacts[];
  /** Query-clock time now (queries run on their own clock, paused by `.pause` too). */
  readonly queryNow?: number;
  /** True while the queries' clock is paused. */
  readonly queriesPaused?: boolean;
  /** `host:port` of the Spark Connect server `spark` runs on (`tspark --remote`); sc and ssc are not used then. */
  readonly remote?: string;
}
