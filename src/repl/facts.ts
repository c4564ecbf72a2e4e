/**
 * A snapshot of the streaming context as `.status` and `.doctor` read it. Both are pure
 * functions of this snapshot, so their wording is tested with plain tables.
 */
import type { BatchInfo, ContextState, GraphNode, SourceInfo } from '../engine/events.js';

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
}
