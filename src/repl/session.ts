/**
 * The streaming side of the shell as the REPL sees it: the names it binds (`sc`, `ssc`) and the
 * few things the prompt and the dot-commands do with them. engine-session.ts implements it with
 * the real engine; keeping the REPL on this interface keeps `src/repl` free of engine internals.
 */
import type { StreamFacts } from './facts.js';
import type { InterruptSite } from './interrupt.js';

/** A running Structured Streaming query, as the shell sees it. */
export interface RunningQuery {
  /** Resolves when the query stops; rejects with its failure. */
  awaitTermination(): Promise<unknown>;
}

/** What the REPL needs from the streaming context it exposes. */
export interface StreamingSession {
  /** The master the Spark context runs on, e.g. `local[2]`. */
  readonly master: string;
  /** The batch interval in seconds. */
  readonly batchSeconds: number;
  /** Names bound in the shell (`sc`, `ssc`), read afresh at every access. */
  readonly bindings: ReadonlyMap<string, () => unknown>;
  /** Bindings a job may replace by declaring them (`tspark run` of a standalone program); absent in the shell. */
  readonly replaceable?: ReadonlySet<string>;
  /** What `import … from "tspark"` gives: the running engine's API. */
  tsparkModule?(): Record<string, unknown>;
  /** A mark of every pipeline not started yet, taken before an entry runs (see undoPipeline). */
  pipelineMark?(): unknown;
  /** Removes what was added to the pipelines since `mark`; returns the operators removed. */
  undoPipeline?(mark: unknown): string[];
  /** True while a stream runs (Ctrl-C on an empty line then stops it). */
  isStreaming(): boolean;
  /** The Structured Streaming queries running now (`spark.readStream…start()`), which `tspark run` waits for as for `ssc`. */
  queries?(): readonly RunningQuery[];
  /** Stops the running stream gracefully, keeping `sc`; `reason` names what asked ("Ctrl-C", "SIGTERM"). Returns the line to show the user. */
  stopStream(reason?: string): string;
  /**
   * Code that never returned was stopped (interrupt.ts): fail the batch it belonged to and stop
   * the stream. Returns the line to show the user.
   */
  interrupted?(site: InterruptSite): string;
  /** A snapshot for `.status` and `.doctor`. */
  facts(): StreamFacts;
  /** Teaching mode: freezes the batch clock; returns the line to show. */
  pause(): string;
  /** Teaching mode: runs exactly one batch (its output prints as usual); returns the line to show. */
  step(): Promise<string>;
  /** Teaching mode: lets the batch clock run again; returns the line to show. */
  resume(): string;
  /** Resolves when `sc`/`ssc` can be used (the engine may load after the prompt); absent when at once. */
  readonly ready?: Promise<void>;
  /** Stops everything (stream, sources, Spark context); safe to call twice. */
  close(): Promise<void>;
}
