/**
 * The internal runtime contract: what the parts of a running pipeline (the scheduler, the
 * checkpoint registry, the inputs and every operator) may ask of the context that runs them.
 *
 * The public `StreamingContext` is only the user's handle; it owns a `ContextRuntime`
 * (context/context-runtime.ts) that implements this interface, and everything inside the
 * engine depends on this interface instead. This file holds types only, so depending on it
 * adds no run-time import, and no part of the engine needs the public classes to run.
 */
import type { CheckpointRegistry } from './checkpoint/registry.js';
import type { Clock } from './clock.js';
import type { ContextState, EventHub, SourceInfo } from './events.js';
import type { DStreamGraph } from './graph.js';
import type { SparkContext } from './spark-context.js';

/** What the engine's parts may ask of the context that runs them. */
export interface StreamingRuntime {
  /** The SparkContext the batches run on. */
  readonly sc: SparkContext;
  /** The batch interval, in ms. */
  readonly batchMs: number;
  /** The clock that drives batches; the only time a part may read. */
  readonly clock: Clock;
  /** Events for the shell and the UI. */
  readonly events: EventHub;
  /** The streams, inputs and output operations of the pipeline. */
  readonly graph: DStreamGraph;
  /** The stateful parts whose state checkpoints save. */
  readonly checkpoints: CheckpointRegistry;
  readonly state: ContextState;
  /** The checkpoint directory, if set on the context or its SparkContext. */
  readonly checkpointDir: string | undefined;
  /** Colour in pprint records. */
  readonly colors: boolean;
  /** Count the records through each stream per batch (for the UI's pipeline picture). */
  readonly recordCounting: boolean;

  /** Refuses new streams and outputs once started or stopped, with Spark's message. */
  checkCanAddStream(): void;
  /** Refuses a change to a stream once the context has started. */
  checkCanChangeStream(message: string): void;
  /** Refuses `method` before the context has started. */
  checkStartedFor(method: string): void;

  /** Writes output (pprint's blocks). */
  out(text: string): void;
  /** Writes errors, warnings and source messages (whole lines). */
  err(text: string): void;
  /** A failed output operation: reported once with its batch time, kept for awaitTermination. */
  reportBatchError(time: number, outputOp: string, error: unknown): void;
  /** A source changed state; `message` is shown to the user once. */
  reportSourceStatus(info: SourceInfo, message?: string): void;
  /** A source met bad input or a recoverable problem. */
  reportSourceWarning(info: SourceInfo, message: string): void;

  /** Runs `hook` when the context starts, before the first batch (checks, checkpoint recovery). */
  onStart(hook: () => void): void;
  /** Runs `hook` after each completed batch (checkpoint writing); returns a function that removes it. */
  onAfterBatch(hook: (time: number) => void | Promise<void>): () => void;
  /** Called by the scheduler when batch `time` has completed. */
  batchCompleted(time: number): void;
}
