/**
 * StreamingContext: the entry point for streams, with Spark's lifecycle
 * (INITIALIZED → ACTIVE → STOPPED) and Spark's errors, in clear words.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { checkpointFile, hasCheckpoint, readCheckpoint } from './checkpoint/checkpoint-file.js';
import { CheckpointRegistry } from './checkpoint/registry.js';
import { type Clock, ManualClock, SystemClock } from './clock.js';
import { DStream, unionStreams } from './dstream.js';
import { pollingStream } from './dstream/polling-input.js';
import { queueStream } from './dstream/queue-input.js';
import { type ReceiverStreamOptions, receiverStream } from './dstream/receiver-input.js';
import {
  BatchFailedError,
  IllegalArgumentError,
  IllegalStateError,
  checkOptionKeys,
  describeValue,
  formatDurationMs,
} from './errors.js';
import { type BatchInfo, type ContextState, EventHub, type GraphNode, type SourceInfo } from './events.js';
import { formatBatchTime, formatClockTime } from './format.js';
import { DStreamGraph } from './graph.js';
import type { RDD } from './rdd.js';
import { JobScheduler } from './scheduler.js';
import type { PolledSource, Receiver } from './source.js';
import type { SparkContext } from './spark-context.js';
import type { StorageLevel } from './rdd.js';
import { DirectorySource, type BinaryRecordsStreamOptions, type TextFileStreamOptions } from '../sources/directory-source.js';
import { SocketReceiver, type SocketTextStreamOptions } from '../sources/socket-receiver.js';

/** Options of `new StreamingContext(sc, batchSeconds, options)`. */
export interface StreamingContextOptions {
  /** The clock that drives batches; a `ManualClock` for tests and step-by-step teaching. Default: the system clock. */
  clock?: Clock;
  /** Where pprint writes (whole blocks). Default: standard output. */
  out?: (text: string) => void;
  /** Where batch errors, warnings and source messages are written (whole lines). Default: standard error. */
  err?: (text: string) => void;
  /** Colour in pprint records. Default false. */
  colors?: boolean;
  /** What `stop()` does to the SparkContext when not told (Spark's `spark.streaming.stopSparkContextByDefault`). Default true. */
  stopSparkContextByDefault?: boolean;
}

const OPTION_KEYS = ['clock', 'out', 'err', 'colors', 'stopSparkContextByDefault'] as const;

let active: StreamingContext | undefined;

/** The entry point for streams: `new StreamingContext(sc, 1)` makes batches every second. */
export class StreamingContext {
  /** The SparkContext the batches run on. */
  readonly sparkContext: SparkContext;
  /** The batch interval in ms. */
  readonly batchDurationMs: number;
  /** The clock that drives batches. */
  readonly clock: Clock;
  /** Events for the shell and the UI: `ssc.events.on(e => …)`. */
  readonly events = new EventHub();
  /** @internal */
  readonly graphInternal = new DStreamGraph();
  /** @internal */
  readonly colors: boolean;
  /** Count the records through each stream per batch (for the UI's pipeline picture); costs a little per record. */
  recordCounting = true;
  private readonly out: (text: string) => void;
  private readonly err: (text: string) => void;
  private readonly stopSparkContextByDefault: boolean;
  private readonly scheduler: JobScheduler;
  private contextState: ContextState = 'INITIALIZED';
  /** null: turned off with `checkpoint(null)`; undefined: not set (the SparkContext's applies). */
  private checkpointDirectory: string | null | undefined;
  private pendingError: unknown;
  private terminationWaiters: Array<() => void> = [];
  /** Pending awaitTermination calls to wake when a batch fails. */
  private readonly errorWaiters = new Set<() => void>();
  private startedAt: number | undefined;
  private stopping: Promise<void> | undefined;
  private readonly afterBatchHooks = new Set<(time: number) => void | Promise<void>>();
  private readonly unsubscribeSc: () => void;

  constructor(sparkContext: SparkContext, batchDuration: number, options: StreamingContextOptions = {}) {
    if (!sparkContext || typeof (sparkContext as { parallelize?: unknown }).parallelize !== 'function') {
      throw new IllegalArgumentError(`StreamingContext: "sparkContext" must be a SparkContext; got ${describeValue(sparkContext)}`);
    }
    sparkContext.checkActive();
    if (typeof options !== 'object' || options === null) {
      throw new IllegalArgumentError(`StreamingContext: "options" must be an object; got ${describeValue(options)}`);
    }
    checkOptionKeys('StreamingContext', options, OPTION_KEYS);
    this.sparkContext = sparkContext;
    this.batchDurationMs = this.durationMs('StreamingContext', 'batchDuration', batchDuration);
    this.clock = options.clock ?? new SystemClock();
    this.out = options.out ?? ((t) => void process.stdout.write(t));
    this.err = options.err ?? ((t) => void process.stderr.write(t));
    this.colors = options.colors ?? false;
    this.stopSparkContextByDefault = options.stopSparkContextByDefault ?? true;
    this.scheduler = new JobScheduler(this, this.graphInternal);
    // Stopping the SparkContext stops the streams that run on it.
    this.unsubscribeSc = sparkContext.onStop(() => this.stop(false));
  }

  /** The started and not yet stopped context, if any (pyspark's classmethod). */
  static getActive(): StreamingContext | undefined {
    return active;
  }

  /**
   * The context for `checkpointPath`. Without a checkpoint there, `setupFunc()` (which must build
   * the whole pipeline) with the checkpoint directory set. With one, the context is recovered:
   * functions cannot be saved, so unlike Spark `setupFunc()` is called here too, to build the
   * same pipeline again; the saved state (running totals, window contents, input positions) is
   * then checked against it and loaded before the first batch, so the totals carry on. A
   * corrupt checkpoint, or one written by a different pipeline, is a CheckpointError naming the
   * file; it never silently starts from zero.
   */
  static getOrCreate(checkpointPath: string, setupFunc: () => StreamingContext): StreamingContext {
    if (typeof checkpointPath !== 'string' || checkpointPath === '') {
      throw new IllegalArgumentError(`getOrCreate: "checkpointPath" must be a directory path; got ${describeValue(checkpointPath)}`);
    }
    if (typeof setupFunc !== 'function') throw new IllegalArgumentError('getOrCreate: "setupFunc" should be callable.');
    const dir = resolve(checkpointPath);
    // Read (and verify) before building anything: a bad checkpoint fails before setup runs.
    const saved = hasCheckpoint(dir) ? readCheckpoint(dir) : undefined;
    const ssc = setupFunc();
    if (!(ssc instanceof StreamingContext)) {
      throw new IllegalArgumentError(`getOrCreate: "setupFunc" must return a StreamingContext; got ${describeValue(ssc)}`);
    }
    ssc.checkpoint(dir);
    if (saved) {
      try {
        CheckpointRegistry.of(ssc).recover(saved, checkpointFile(dir));
      } catch (e) {
        ssc.stop(false);
        throw e;
      }
    }
    return ssc;
  }

  /** The active context if there is one; else `getOrCreate(checkpointPath, setupFunc)`, or `setupFunc()` without a path. */
  static getActiveOrCreate(checkpointPath: string | null | undefined, setupFunc: () => StreamingContext): StreamingContext {
    if (typeof setupFunc !== 'function') throw new IllegalArgumentError('getActiveOrCreate: "setupFunc" should be callable.');
    if (active) return active;
    if (checkpointPath) return StreamingContext.getOrCreate(checkpointPath, setupFunc);
    return setupFunc();
  }

  /** 'INITIALIZED', 'ACTIVE' or 'STOPPED', as Spark's `getState()`. */
  get state(): ContextState {
    return this.contextState;
  }

  /** As `state` (Spark's method form). */
  getState(): ContextState {
    return this.contextState;
  }

  /** The checkpoint directory, if set here or on the SparkContext. */
  get checkpointDir(): string | undefined {
    return this.checkpointDirectory === null ? undefined : (this.checkpointDirectory ?? this.sparkContext.getCheckpointDir());
  }

  /** When `start()` was called (clock ms), if it was. */
  get startTime(): number | undefined {
    return this.startedAt;
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs
  // ---------------------------------------------------------------------------------------------

  /**
   * A stream fed from a list of RDDs or arrays: one per batch (`oneAtATime`), or all in the first
   * batch. Once empty, each batch is `defaultRdd`, or an empty RDD with one partition.
   */
  queueStream<T>(rdds: ReadonlyArray<RDD<T> | readonly T[]>, oneAtATime = true, defaultRdd?: RDD<T> | readonly T[]): DStream<T> {
    return queueStream(this, rdds, oneAtATime, defaultRdd);
  }

  /** A stream of the records a background `Receiver` pushes (Spark's `receiverStream`). */
  receiverStream<T>(receiver: Receiver<T>, options?: ReceiverStreamOptions): DStream<T> {
    this.checkCanAddStream();
    return receiverStream(this, receiver, options);
  }

  /** A stream of what a `PolledSource` returns at each batch time. */
  pollingStream<T>(source: PolledSource<T>): DStream<T> {
    this.checkCanAddStream();
    return pollingStream(this, source);
  }

  // --- Sources: socketTextStream, textFileStream, binaryRecordsStream (src/sources) ---

  /**
   * Lines of UTF-8 text from a TCP server such as `nc -lk 9999` (this is the client, as in Spark).
   * Retries every 2 s while the server is absent or gone; see docs/SOURCES.md.
   *
   * @example
   * ssc.socketTextStream("localhost", 9999).flatMap((l) => l.split(" ")).pprint()
   */
  socketTextStream(
    hostname: string,
    port: number,
    storageLevel?: StorageLevel | SocketTextStreamOptions,
    options?: SocketTextStreamOptions,
  ): DStream<string> {
    // pyspark's third argument is a storage level; everything is kept in memory here, so it is accepted and has no effect.
    const opts = typeof storageLevel === 'object' && storageLevel !== null ? storageLevel : options;
    return this.receiverStream(new SocketReceiver(hostname, port, opts ?? {}));
  }

  /**
   * Lines of each new file that appears in `directory` after the stream starts (moved in, or
   * written in place and complete); names starting with "." or "_" are ignored.
   */
  textFileStream(directory: string, options?: TextFileStreamOptions): DStream<string> {
    return this.pollingStream(DirectorySource.text(directory, options ?? {}));
  }

  /** Fixed-length records (`Uint8Array`s of `recordLength` bytes) of each new file in `directory`. */
  binaryRecordsStream(directory: string, recordLength: number, options?: BinaryRecordsStreamOptions): DStream<Uint8Array> {
    return this.pollingStream(DirectorySource.binary(directory, recordLength, options ?? {}));
  }

  // ---------------------------------------------------------------------------------------------
  // Combining streams
  // ---------------------------------------------------------------------------------------------

  /** The per-batch union of `streams`, elements in argument order; all need the same slide duration. */
  union<T>(...streams: DStream<T>[]): DStream<T> {
    if (streams.length === 0) throw new IllegalArgumentError('union: should have at least one DStream to union');
    if (streams.length === 1) return streams[0]!;
    for (const s of streams) {
      if (!(s instanceof DStream)) throw new IllegalArgumentError(`union: every argument must be a DStream; got ${describeValue(s)}`);
    }
    const slide = streams[0]!.slideDurationMs;
    if (streams.some((s) => s.slideDurationMs !== slide)) {
      throw new IllegalArgumentError('union: All DStreams should have same slide duration');
    }
    return unionStreams(this, streams);
  }

  /** A stream whose RDD at each batch is `transformFunc(rdds)`, with the batch RDDs of `dstreams` in order. */
  transform<T>(dstreams: readonly DStream<unknown>[], transformFunc: (rdds: RDD<unknown>[]) => RDD<T>): DStream<T> {
    if (!Array.isArray(dstreams) || dstreams.length === 0) {
      throw new IllegalArgumentError('transform: "dstreams" must be a non-empty array of DStreams');
    }
    if (typeof transformFunc !== 'function') {
      throw new IllegalArgumentError(`transform: "transformFunc" must be a function; got ${describeValue(transformFunc)}`);
    }
    const sc = this.sparkContext;
    return new DStream<T>(this, {
      name: 'transform',
      kind: 'transform',
      parents: dstreams,
      compute: (time) => {
        const rdds = dstreams.map((s) => s.getOrCompute(time) ?? sc.emptyRDD());
        return transformFunc(rdds) ?? undefined;
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Configuration
  // ---------------------------------------------------------------------------------------------

  /** Keeps every stream's RDDs at least `duration` seconds (for `slice` on older batches). Once per context. */
  remember(duration: number): void {
    const ms = this.durationMs('remember', 'duration', duration);
    if (this.graphInternal.rememberMs !== undefined) {
      throw new IllegalStateError(
        'ERR_REMEMBER_ALREADY_SET',
        `Remember duration already set as ${formatDurationMs(this.graphInternal.rememberMs)}. Cannot set it again.`,
      );
    }
    this.graphInternal.rememberMs = ms;
  }

  /** Sets the checkpoint directory (created if missing); stateful streams need one. `null` turns it off. */
  checkpoint(directory: string | null): void {
    if (directory === null) {
      // Off for this context, even when the SparkContext has a directory (as Spark's null).
      this.checkpointDirectory = null;
      return;
    }
    if (typeof directory !== 'string' || directory === '') {
      throw new IllegalArgumentError(`checkpoint: "directory" must be a directory path; got ${describeValue(directory)}`);
    }
    mkdirSync(directory, { recursive: true });
    this.checkpointDirectory = resolve(directory);
    // Checkpoints are written after batches (input positions even without stateful streams).
    CheckpointRegistry.of(this);
    this.sparkContext.setCheckpointDir(directory);
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle
  // ---------------------------------------------------------------------------------------------

  /**
   * Starts the streams. Unlike Spark, a context that fails its start-up checks stays
   * INITIALIZED, so the missing piece (an output operation, a checkpoint directory) can be
   * added and `start()` called again.
   */
  start(): void {
    if (this.contextState === 'ACTIVE') {
      this.writeErr('StreamingContext has already been started\n');
      return;
    }
    if (this.contextState === 'STOPPED') {
      throw new IllegalStateError(
        'ERR_CONTEXT_STOPPED',
        'StreamingContext has already been stopped; a stopped context cannot be restarted. ' +
          'Create a new one: new StreamingContext(sc, batchSeconds) (in the tspark shell, `ssc` is already a new one)',
      );
    }
    this.sparkContext.checkActive();
    if (this.graphInternal.outputs.length === 0) {
      throw new IllegalArgumentError(
        'No output operations registered, so nothing to execute. Add one (e.g. stream.pprint() or stream.foreachRDD(...)), then call start() again',
        'ERR_NO_OUTPUT_OPERATIONS',
      );
    }
    const needsCheckpoint = this.graphInternal.streams.find((s) => s.spec.mustCheckpoint || s.checkpointMs !== undefined);
    if (needsCheckpoint && !this.checkpointDir) {
      throw new IllegalArgumentError(
        `The checkpoint directory has not been set. Please set it by StreamingContext.checkpoint() ` +
          `(${needsCheckpoint.spec.name} keeps state between batches), e.g. ssc.checkpoint("checkpoint"), then call start() again`,
        'ERR_CHECKPOINT_DIR_NOT_SET',
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
    this.startedAt = this.clock.now();
    this.scheduler.start();
    for (const input of this.graphInternal.inputs) {
      void Promise.resolve()
        .then(() => input.start())
        .catch((e: unknown) => {
          if (input.info) this.reportSourceWarning(input.info, `could not start: ${e instanceof Error ? e.message : String(e)}`);
        });
    }
    this.events.emit({ type: 'contextStarted', time: this.startedAt, batchMs: this.batchDurationMs, graph: this.graph() });
  }

  /**
   * Stops the streams. `stopSparkContext` defaults to true as in pyspark (the shell's `ssc` is
   * made with `stopSparkContextByDefault: false`). With `stopGracefully`, records already
   * received are processed first; that finishes in the background (await `awaitTermination()`).
   * A second stop is harmless.
   */
  stop(stopSparkContext: boolean = this.stopSparkContextByDefault, stopGracefully = false): void {
    const state = this.contextState;
    if (state === 'INITIALIZED') {
      this.contextState = 'STOPPED';
      this.finishStop(false);
    } else if (state === 'ACTIVE' && !this.stopping) {
      if (stopGracefully) {
        this.stopping = this.stopGracefully().finally(() => this.finishStop(true));
      } else {
        this.scheduler.stop();
        this.contextState = 'STOPPED';
        for (const input of this.graphInternal.inputs) void Promise.resolve(input.stop()).catch(() => undefined);
        this.finishStop(false);
      }
    }
    if (stopSparkContext) {
      const sc = this.sparkContext;
      if (this.stopping) void this.stopping.then(() => sc.stop());
      else sc.stop();
    }
  }

  private async stopGracefully(): Promise<void> {
    await Promise.all(this.graphInternal.inputs.map((i) => Promise.resolve(i.stop()).catch(() => undefined)));
    if (this.graphInternal.inputs.some((i) => i.hasPendingData?.())) await this.scheduler.flush();
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
    const waiters = this.terminationWaiters;
    this.terminationWaiters = [];
    for (const w of waiters) w();
  }

  /**
   * Resolves when the context stops, or after `timeout` seconds. Rejects with the first batch
   * error reported since the last call (then that error is cleared).
   */
  async awaitTermination(timeout?: number): Promise<void> {
    await this.awaitTerminationOrTimeout(timeout);
  }

  /** Resolves true if the context stopped, false if `timeout` seconds passed first; rejects with a pending batch error. */
  awaitTerminationOrTimeout(timeout?: number): Promise<boolean> {
    const ms = timeout === undefined ? undefined : Math.max(0, timeout * 1000);
    if (timeout !== undefined && (typeof timeout !== 'number' || !Number.isFinite(timeout))) {
      throw new IllegalArgumentError(`awaitTerminationOrTimeout: "timeout" must be a number of seconds; got ${describeValue(timeout)}`);
    }
    return new Promise<boolean>((resolveWait, rejectWait) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (stopped: boolean): void => {
        if (timer) clearTimeout(timer);
        this.errorWaiters.delete(onError);
        const err = this.takePendingError();
        if (err !== undefined) rejectWait(err);
        else resolveWait(stopped);
      };
      const onStop = (): void => settle(true);
      const onError = (): void => {
        this.terminationWaiters = this.terminationWaiters.filter((w) => w !== onStop);
        settle(this.contextState === 'STOPPED');
      };
      if (this.pendingError !== undefined) return settle(this.contextState === 'STOPPED');
      if (this.contextState === 'STOPPED') return settle(true);
      this.terminationWaiters.push(onStop);
      this.errorWaiters.add(onError);
      if (ms !== undefined) {
        // Waiting is wall-clock time, as pyspark's timeout; batches themselves follow the context's clock.
        timer = setTimeout(() => {
          this.terminationWaiters = this.terminationWaiters.filter((w) => w !== onStop);
          settle(false);
        }, ms);
      }
    });
  }

  private takePendingError(): unknown {
    const e = this.pendingError;
    this.pendingError = undefined;
    return e;
  }

  // ---------------------------------------------------------------------------------------------
  // Teaching clock
  // ---------------------------------------------------------------------------------------------

  /** Pauses the batch clock (time stands still for the engine; records keep arriving). */
  pause(): void {
    this.teachingClock('pause').pause();
  }

  /** Resumes a paused batch clock; batch times follow the wall clock again. */
  resume(): void {
    this.teachingClock('resume').resume();
    this.scheduler.realign();
  }

  /** While paused, runs exactly the next batch and resolves when it has finished; returns its time. */
  async step(): Promise<Date | undefined> {
    const clock = this.clock;
    if (clock instanceof ManualClock) {
      const next = clock.nextTimerAt();
      if (next === undefined) return undefined;
      await clock.advanceTo(next);
      return new Date(next);
    }
    const t = await this.teachingClock('step').step();
    return t === undefined ? undefined : new Date(t);
  }

  /** True while the batch clock is paused. */
  get paused(): boolean {
    return this.clock instanceof SystemClock ? this.clock.paused : false;
  }

  private teachingClock(method: string): SystemClock {
    if (this.clock instanceof SystemClock) return this.clock;
    throw new IllegalStateError(
      'ERR_INVALID_ARGUMENT',
      `${method}() needs the system clock; this context runs on another clock (with a ManualClock, call clock.advance(ms))`,
    );
  }

  // ---------------------------------------------------------------------------------------------
  // Status for the shell and the UI
  // ---------------------------------------------------------------------------------------------

  /** The pipeline as nodes (inputs, transformations, outputs), for pictures. */
  graph(): GraphNode[] {
    return this.graphInternal.nodes();
  }

  /** Every input with its connection state and records received. */
  sources(): SourceInfo[] {
    return this.graphInternal.inputs.flatMap((i) => (i.info ? [i.info] : []));
  }

  /** The last completed batch, with its timings. */
  lastBatch(): BatchInfo | undefined {
    return this.scheduler.lastCompleted;
  }

  /** Recent batches (up to 1000), oldest first. */
  batches(): readonly BatchInfo[] {
    return this.scheduler.history;
  }

  /** Time of the next batch, while active. */
  get nextBatchTime(): number | undefined {
    return this.contextState === 'ACTIVE' ? this.scheduler.nextBatchTime : undefined;
  }

  /** Batches submitted and not yet finished. */
  get backlog(): number {
    return this.scheduler.backlog;
  }

  toString(): string {
    return `StreamingContext(batch=${formatDurationMs(this.batchDurationMs)}, state=${this.contextState})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<StreamingContext batch=${formatDurationMs(this.batchDurationMs)} state=${this.contextState}>`;
  }

  // ---------------------------------------------------------------------------------------------
  // Internal
  // ---------------------------------------------------------------------------------------------

  /** @internal Hooks run by `start()` before the first batch (checkpoint recovery, validation). */
  readonly startHooks = new Set<() => void>();

  /** @internal Called after each completed batch (checkpoint writing). */
  onAfterBatch(hook: (time: number) => void | Promise<void>): () => void {
    this.afterBatchHooks.add(hook);
    return () => this.afterBatchHooks.delete(hook);
  }

  /** @internal */
  afterBatch(time: number): void {
    for (const h of this.afterBatchHooks) {
      try {
        const r = h(time);
        if (r && typeof (r as Promise<void>).catch === 'function') {
          (r as Promise<void>).catch((e: unknown) => this.writeErr(`after batch ${formatClockTime(time)}: ${errorText(e)}\n`));
        }
      } catch (e) {
        this.writeErr(`after batch ${formatClockTime(time)}: ${errorText(e)}\n`);
      }
    }
  }

  /** @internal Seconds → ms with pyspark's truncation, checked. */
  durationMs(method: string, param: string, seconds: unknown): number {
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
      throw new IllegalArgumentError(
        `${method}: "${param}" must be a positive number of seconds (durations are in seconds, as in pyspark); got ${describeValue(seconds)}`,
        'ERR_INVALID_DURATION',
      );
    }
    const ms = Math.trunc(Math.round(seconds * 1e6) / 1e3);
    if (ms < 1) {
      throw new IllegalArgumentError(`${method}: "${param}" must be at least 1 ms; got ${seconds} s`, 'ERR_INVALID_DURATION');
    }
    return ms;
  }

  /** @internal Refuses new streams and outputs once started or stopped, with Spark's message. */
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

  /** @internal */
  checkCanChangeStream(message: string): void {
    if (this.contextState !== 'INITIALIZED') throw new IllegalStateError('ERR_CONTEXT_STARTED', message);
  }

  /** @internal */
  checkStartedFor(method: string): void {
    if (this.contextState === 'INITIALIZED') {
      throw new IllegalStateError('ERR_CONTEXT_NOT_STARTED', `${method}: the streaming context has not been started yet; call ssc.start() first`);
    }
  }

  /** @internal */
  writeOut(text: string): void {
    this.out(text);
  }

  /** @internal */
  writeErr(text: string): void {
    this.err(text);
  }

  /** @internal A failed output operation: reported once with its batch time, kept for awaitTermination. */
  reportBatchError(time: number, outputOp: string, error: unknown): void {
    const wrapped = new BatchFailedError(time, `Batch ${formatBatchTime(time)} failed in ${outputOp}: ${errorText(error)}`, error);
    if (this.pendingError === undefined) this.pendingError = wrapped;
    this.events.emit({ type: 'batchError', batchTime: time, outputOp, error });
    this.writeErr(`Error in batch ${formatBatchTime(time)} (${outputOp}): ${userStack(error)}\n`);
    for (const w of [...this.errorWaiters]) w();
  }

  /** @internal */
  reportSourceStatus(info: SourceInfo, message?: string): void {
    this.events.emit({ type: 'sourceStatus', source: { ...info } });
    if (message) this.writeErr(`[${info.name}] ${message}\n`);
  }

  /** @internal */
  reportSourceWarning(info: SourceInfo, message: string): void {
    this.events.emit({ type: 'sourceWarning', source: { ...info }, message });
    this.writeErr(`[${info.name}] ${message}\n`);
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
