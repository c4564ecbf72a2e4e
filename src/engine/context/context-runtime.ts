/**
 * ContextRuntime: what a StreamingContext runs, behind the public class. It implements the
 * runtime contract (../runtime.ts) the engine's parts depend on, and holds the lifecycle
 * (INITIALIZED → ACTIVE → STOPPED) with Spark's rules and errors, in clear words.
 */
import { resolve } from 'node:path';
import { CheckpointRegistry } from '../checkpoint/registry.js';
import type { Clock } from '../clock.js';
import { makeDirectory } from '../directories.js';
import { BatchFailedError, IllegalArgumentError, IllegalStateError } from '../errors.js';
import { type ContextState, EventHub, type SourceInfo } from '../events.js';
import { formatBatchTime, formatClockTime } from '../format.js';
import { DStreamGraph } from '../graph.js';
import { JobScheduler } from '../scheduler.js';
import type { StreamingRuntime } from '../runtime.js';
import type { SparkContext } from '../spark-context.js';
import type { StreamingContext } from '../streaming-context.js';
import { TerminationLatch } from './termination.js';

/** How the public constructor configured the runtime. */
export interface RuntimeConfig {
  readonly batchMs: number;
  readonly clock: Clock;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly colors: boolean;
  readonly stopSparkContextByDefault: boolean;
}

/** The started and not yet stopped runtime, if any: Spark allows one active context per process. */
let active: ContextRuntime | undefined;

/** The active runtime, if any. */
export function activeRuntime(): ContextRuntime | undefined {
  return active;
}

/** The runtime of one StreamingContext. */
export class ContextRuntime implements StreamingRuntime {
  readonly batchMs: number;
  readonly clock: Clock;
  readonly colors: boolean;
  readonly stopSparkContextByDefault: boolean;
  readonly events = new EventHub();
  readonly graph = new DStreamGraph();
  readonly checkpoints: CheckpointRegistry;
  readonly scheduler: JobScheduler;
  readonly termination = new TerminationLatch(() => this.contextState === 'STOPPED');
  recordCounting = true;
  startedAt: number | undefined;
  private contextState: ContextState = 'INITIALIZED';
  /** null: turned off with `checkpoint(null)`; undefined: not set (the SparkContext's applies). */
  private checkpointDirectory: string | null | undefined;
  private stopping: Promise<void> | undefined;
  private readonly startHooks: Array<() => void> = [];
  private readonly afterBatchHooks = new Set<(time: number) => void | Promise<void>>();
  private readonly writeOut: (text: string) => void;
  private readonly writeErr: (text: string) => void;
  private readonly unsubscribeSc: () => void;

  constructor(
    readonly context: StreamingContext,
    readonly sc: SparkContext,
    config: RuntimeConfig,
  ) {
    this.batchMs = config.batchMs;
    this.clock = config.clock;
    this.colors = config.colors;
    this.stopSparkContextByDefault = config.stopSparkContextByDefault;
    this.writeOut = config.out;
    this.writeErr = config.err;
    this.scheduler = new JobScheduler(this, this.graph);
    this.checkpoints = new CheckpointRegistry(this);
    // Stopping the SparkContext stops the streams that run on it.
    this.unsubscribeSc = sc.onStop(() => this.stop(false));
  }

  get state(): ContextState {
    return this.contextState;
  }

  get checkpointDir(): string | undefined {
    return this.checkpointDirectory === null ? undefined : (this.checkpointDirectory ?? this.sc.getCheckpointDir());
  }

  /** Sets (or with `null` clears) the checkpoint directory, created if missing. */
  setCheckpointDir(directory: string | null): void {
    if (directory === null) {
      // Off for this context, even when the SparkContext has a directory (as Spark's null).
      this.checkpointDirectory = null;
      return;
    }
    makeDirectory('checkpoint', directory, 'choose another directory, e.g. ssc.checkpoint("checkpoint")');
    this.checkpointDirectory = resolve(directory);
    this.checkpoints.activate();
    this.sc.setCheckpointDir(directory);
  }

  // --- Lifecycle checks --------------------------------------------------------------------

  checkCanAddStream(): void {
    if (this.contextState === 'ACTIVE') {
      throw new IllegalStateError(
        'ERR_CONTEXT_STARTED',
        'Adding new inputs, transformations, and output operations after starting a context is not supported. ' +
          'Stop it first (ssc.stop()), then build the pipeline on a new context',
      );
    }
    if (this.contextState === 'STOPPED') {
      throw new IllegalStateError(
        'ERR_CONTEXT_STOPPED',
        'Adding new inputs, transformations, and output operations after stopping a context is not supported. ' +
          'Build the pipeline on a new context (in the tspark shell, `ssc` is already a new one)',
      );
    }
  }

  checkCanChangeStream(message: string): void {
    if (this.contextState !== 'INITIALIZED') throw new IllegalStateError('ERR_CONTEXT_STARTED', message);
  }

  checkStartedFor(method: string): void {
    if (this.contextState === 'INITIALIZED') {
      throw new IllegalStateError('ERR_CONTEXT_NOT_STARTED', `${method}: the streaming context has not been started yet; call ssc.start() first`);
    }
  }

  // --- Start and stop ------------------------------------------------------------------------

  /** Starts the streams, or says why not; a context that fails its start-up checks stays INITIALIZED. */
  start(): void {
    if (this.contextState === 'ACTIVE') {
      this.err('StreamingContext has already been started\n');
      return;
    }
    if (this.contextState === 'STOPPED') {
      throw new IllegalStateError(
        'ERR_CONTEXT_STOPPED',
        'StreamingContext has already been stopped; a stopped context cannot be restarted. ' +
          'Create a new one: new StreamingContext(sc, batchSeconds) (in the tspark shell, `ssc` is already a new one)',
      );
    }
    this.sc.checkActive();
    if (this.graph.outputs.length === 0) {
      throw new IllegalArgumentError(
        'ERR_NO_OUTPUT_OPERATIONS',
        'No output operations registered, so nothing to execute. Add one (e.g. stream.pprint() or stream.foreachRDD(...)), then call start() again',
      );
    }
    const needsCheckpoint = this.graph.streams.find((s) => s.spec.mustCheckpoint || s.checkpointMs !== undefined);
    if (needsCheckpoint && !this.checkpointDir) {
      throw new IllegalArgumentError(
        'ERR_CHECKPOINT_DIR_NOT_SET',
        `The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint() ` +
          `(${needsCheckpoint.spec.name} keeps state between batches), e.g. ssc.checkpoint("checkpoint"), then call start() again`,
      );
    }
    if (active && active !== this) {
      throw new IllegalStateError(
        'ERR_ANOTHER_CONTEXT_ACTIVE',
        'Only one StreamingContext may be started at a time; stop the running one first (StreamingContext.getActive()?.stop(false))',
      );
    }
    for (const hook of this.startHooks) hook();
    this.contextState = 'ACTIVE';
    active = this;
    const startedAt = this.clock.now();
    this.startedAt = startedAt;
    this.scheduler.start();
    for (const input of this.graph.inputs) {
      void Promise.resolve()
        .then(() => input.start())
        .catch((e: unknown) => this.reportSourceWarning(input.info, `could not start: ${e instanceof Error ? e.message : String(e)}`));
    }
    this.events.emit({ type: 'contextStarted', time: startedAt, batchMs: this.batchMs, graph: this.graph.nodes() });
  }

  /** Stops the streams; with `stopGracefully`, records already received are processed first (in the background). */
  stop(stopSparkContext: boolean = this.stopSparkContextByDefault, stopGracefully = false): void {
    const state = this.contextState;
    if (state === 'INITIALIZED') {
      this.contextState = 'STOPPED';
      this.finishStop(false);
    } else if (state === 'ACTIVE' && !this.stopping) {
      if (stopGracefully) {
        this.stopping = this.drainAndStop().finally(() => this.finishStop(true));
      } else {
        this.scheduler.stop();
        this.contextState = 'STOPPED';
        for (const input of this.graph.inputs) void Promise.resolve(input.stop()).catch(() => undefined);
        this.finishStop(false);
      }
    }
    if (stopSparkContext) {
      const sc = this.sc;
      if (this.stopping) void this.stopping.then(() => sc.stop());
      else sc.stop();
    }
  }

  private async drainAndStop(): Promise<void> {
    await Promise.all(this.graph.inputs.map((i) => Promise.resolve(i.stop()).catch(() => undefined)));
    if (this.graph.inputs.some((i) => i.hasPendingData?.())) await this.scheduler.flush();
    await this.scheduler.drain();
    this.scheduler.stop();
    this.contextState = 'STOPPED';
  }

  private finishStop(graceful: boolean): void {
    this.contextState = 'STOPPED';
    this.stopping = undefined;
    if (active === this) active = undefined;
    this.unsubscribeSc();
    this.events.emit({ type: 'contextStopped', time: this.clock.now(), graceful });
    this.termination.stopped();
  }

  // --- Hooks ---------------------------------------------------------------------------------

  onStart(hook: () => void): void {
    this.startHooks.push(hook);
  }

  onAfterBatch(hook: (time: number) => void | Promise<void>): () => void {
    this.afterBatchHooks.add(hook);
    return () => this.afterBatchHooks.delete(hook);
  }

  batchCompleted(time: number): void {
    const report = (e: unknown): void => this.err(`after batch ${formatClockTime(time)}: ${errorText(e)}\n`);
    for (const hook of this.afterBatchHooks) {
      try {
        void Promise.resolve(hook(time)).catch(report);
      } catch (e) {
        report(e);
      }
    }
  }

  // --- Reporting -----------------------------------------------------------------------------

  out(text: string): void {
    this.writeOut(text);
  }

  err(text: string): void {
    this.writeErr(text);
  }

  reportBatchError(time: number, outputOp: string, error: unknown): void {
    const wrapped = new BatchFailedError('ERR_BATCH_FAILED', `Batch ${formatBatchTime(time)} failed in ${outputOp}: ${errorText(error)}`, {
      cause: error,
      batchTime: time,
    });
    this.termination.fail(wrapped, () => {
      this.events.emit({ type: 'batchError', batchTime: time, outputOp, error });
      this.err(`Error in batch ${formatBatchTime(time)} (${outputOp}): ${userStack(error)}\n`);
    });
  }

  reportSourceStatus(info: SourceInfo, message?: string): void {
    this.events.emit({ type: 'sourceStatus', source: { ...info } });
    if (message) this.err(`[${info.name}] ${message}\n`);
  }

  reportSourceWarning(info: SourceInfo, message: string): void {
    this.events.emit({ type: 'sourceWarning', source: { ...info }, message });
    this.err(`[${info.name}] ${message}\n`);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** The error with its stack cut to the user's frames (the engine's own frames say nothing to a user). */
function userStack(e: unknown): string {
  if (!(e instanceof Error) || typeof e.stack !== 'string') return String(e);
  const lines = e.stack.split('\n');
  const head = lines.filter((l) => !/^\s+at /.test(l));
  const frames = lines.filter((l) => /^\s+at /.test(l) && !/[/\\](src|dist[/\\]src)[/\\]engine[/\\]|node:internal|node:vm|node:repl/.test(l));
  return [...head, ...frames.slice(0, 5)].join('\n');
}
