/**
 * StreamingContext: the entry point for streams, with Spark's lifecycle
 * (INITIALIZED → ACTIVE → STOPPED) and Spark's errors, in clear words.
 *
 * This class is the user's handle and the list of what a context can do. What it runs lives
 * behind it: the runtime (context/context-runtime.ts) with the graph, the scheduler and the
 * checkpoint registry; the termination latch (context/termination.ts); recovery
 * (context/recovery.ts); and the inputs (inputs/).
 */
import { OptionReader, check, durationMs, isBoolean, isFunction, nonEmptyString, rule } from './checks.js';
import { type Clock, ManualClock, SystemClock } from './clock.js';
import { ContextRuntime, activeRuntime } from './context/context-runtime.js';
import { checkCallable, getOrCreate } from './context/recovery.js';
import { type DStream, nodeOf, wrap } from './dstream/dstream.js';
import { transformAll } from './dstream/transform.js';
import { unionStreams } from './dstream/union.js';
import { IllegalArgumentError, IllegalStateError } from './errors.js';
import type { BatchInfo, ContextState, EventHub, GraphNode, SourceInfo } from './events.js';
import { formatDurationMs } from './format.js';
import { pollingStream } from './inputs/polling-input.js';
import { queueStream } from './inputs/queue-input.js';
import { type ReceiverStreamOptions, receiverStream } from './inputs/receiver-input.js';
import type { RDD } from './rdd/rdd.js';
import type { StorageLevel } from './rdd/rdd-base.js';
import type { PolledSource, Receiver } from './source.js';
import type { SparkContext } from './spark-context.js';
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

// By shape, not instanceof: a SparkContext from another copy of the package works as well.
const IS_SPARK_CONTEXT = rule('a SparkContext', (v): v is SparkContext => typeof (v as Partial<SparkContext> | null)?.parallelize === 'function');
const IS_CLOCK = rule('a Clock (ManualClock or SystemClock)', (v): v is Clock => typeof (v as Partial<Clock> | null)?.schedule === 'function');
const WRITER = rule('a function (text) => void', (v): v is (text: string) => void => isFunction.test(v));

let runtimeOfHandle: (ssc: StreamingContext) => ContextRuntime;

/** The entry point for streams: `new StreamingContext(sc, 1)` makes batches every second. */
export class StreamingContext {
  /** The SparkContext the batches run on. */
  readonly sparkContext: SparkContext;
  /** The batch interval in ms. */
  readonly batchDurationMs: number;
  /** The clock that drives batches. */
  readonly clock: Clock;
  readonly #runtime: ContextRuntime;

  static {
    runtimeOfHandle = (ssc) => ssc.#runtime;
  }

  constructor(sparkContext: SparkContext, batchDuration: number, options: StreamingContextOptions = {}) {
    check('StreamingContext', 'sparkContext', sparkContext, IS_SPARK_CONTEXT);
    sparkContext.checkActive();
    const o = new OptionReader<StreamingContextOptions>('StreamingContext', options);
    const clock = o.get('clock', IS_CLOCK) ?? new SystemClock();
    const out = o.get('out', WRITER) ?? ((t: string) => void process.stdout.write(t));
    const err = o.get('err', WRITER) ?? ((t: string) => void process.stderr.write(t));
    const colors = o.get('colors', isBoolean) ?? false;
    const stopSparkContextByDefault = o.get('stopSparkContextByDefault', isBoolean) ?? true;
    o.done();
    this.sparkContext = sparkContext;
    this.batchDurationMs = durationMs('StreamingContext', 'batchDuration', batchDuration);
    this.clock = clock;
    this.#runtime = new ContextRuntime(this, sparkContext, { batchMs: this.batchDurationMs, clock, out, err, colors, stopSparkContextByDefault });
  }

  /** The started and not yet stopped context, if any (pyspark's classmethod). */
  static getActive(): StreamingContext | undefined {
    return activeRuntime()?.context;
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
    return getOrCreate(checkpointPath, setupFunc, (ssc) => (ssc instanceof StreamingContext ? ssc.#runtime : undefined));
  }

  /** The active context if there is one; else `getOrCreate(checkpointPath, setupFunc)`, or `setupFunc()` without a path. */
  static getActiveOrCreate(checkpointPath: string | null | undefined, setupFunc: () => StreamingContext): StreamingContext {
    checkCallable('getActiveOrCreate', setupFunc);
    const current = StreamingContext.getActive();
    if (current) return current;
    if (checkpointPath) return StreamingContext.getOrCreate(checkpointPath, setupFunc);
    return setupFunc();
  }

  /** Events for the shell and the UI: `ssc.events.on(e => …)`. */
  get events(): EventHub {
    return this.#runtime.events;
  }

  /** Count the records through each stream per batch (for the UI's pipeline picture); costs a little per record. */
  get recordCounting(): boolean {
    return this.#runtime.recordCounting;
  }

  set recordCounting(on: boolean) {
    this.#runtime.recordCounting = on;
  }

  /** 'INITIALIZED', 'ACTIVE' or 'STOPPED', as Spark's `getState()`. */
  get state(): ContextState {
    return this.#runtime.state;
  }

  /** As `state` (Spark's method form). */
  getState(): ContextState {
    return this.#runtime.state;
  }

  /** The checkpoint directory, if set here or on the SparkContext. */
  get checkpointDir(): string | undefined {
    return this.#runtime.checkpointDir;
  }

  /** When `start()` was called (clock ms), if it was. */
  get startTime(): number | undefined {
    return this.#runtime.startedAt;
  }

  // --- Inputs (inputs/, and src/sources for sockets and directories) ---

  /**
   * A stream fed from a list of RDDs or arrays: one per batch (`oneAtATime`), or all in the first
   * batch. Once empty, each batch is `defaultRdd`, or an empty RDD with one partition.
   */
  queueStream<T>(rdds: ReadonlyArray<RDD<T> | readonly T[]>, oneAtATime = true, defaultRdd?: RDD<T> | readonly T[]): DStream<T> {
    return wrap(queueStream(this.#runtime, rdds, oneAtATime, defaultRdd), this);
  }

  /** A stream of the records a background `Receiver` pushes (Spark's `receiverStream`). */
  receiverStream<T>(receiver: Receiver<T>, options?: ReceiverStreamOptions): DStream<T> {
    this.#runtime.checkCanAddStream();
    return wrap(receiverStream(this.#runtime, receiver, options), this);
  }

  /** A stream of what a `PolledSource` returns at each batch time. */
  pollingStream<T>(source: PolledSource<T>): DStream<T> {
    this.#runtime.checkCanAddStream();
    return wrap(pollingStream(this.#runtime, source), this);
  }

  /**
   * Lines of UTF-8 text from a TCP server such as `nc -lk 9999` (this is the client, as in Spark).
   * Retries every 2 s while the server is absent or gone; see docs/SOURCES.md.
   *
   * @example
   * ssc.socketTextStream("localhost", 9999).flatMap((l) => l.split(" ")).pprint()
   */
  socketTextStream(hostname: string, port: number, storageLevel?: StorageLevel | SocketTextStreamOptions, options?: SocketTextStreamOptions): DStream<string> {
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

  // --- Combining streams ---

  /** The per-batch union of `streams`, elements in argument order; all need the same slide duration. */
  union<T>(...streams: DStream<T>[]): DStream<T> {
    const [first] = streams;
    if (first === undefined) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', 'union: should have at least one DStream to union');
    const nodes = streams.map((s, i) => nodeOf(s, 'union', `streams[${i}]`));
    if (streams.length === 1) return first;
    if (nodes.some((n) => n.slideMs !== first.slideDurationMs)) {
      throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', 'union: All DStreams should have same slide duration');
    }
    return wrap(unionStreams(this.#runtime, nodes), this);
  }

  /** A stream whose RDD at each batch is `transformFunc(rdds)`, with the batch RDDs of `dstreams` in order. */
  transform<T>(dstreams: readonly DStream<unknown>[], transformFunc: (rdds: RDD<unknown>[]) => RDD<T>): DStream<T> {
    if (!Array.isArray(dstreams) || dstreams.length === 0) {
      throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', 'transform: "dstreams" must be a non-empty array of DStreams');
    }
    const nodes = dstreams.map((s, i) => nodeOf(s, 'transform', `dstreams[${i}]`));
    return wrap(transformAll(this.#runtime, nodes, transformFunc), this);
  }

  // --- Configuration ---

  /** Keeps every stream's RDDs at least `duration` seconds (for `slice` on older batches). Once per context. */
  remember(duration: number): void {
    const ms = durationMs('remember', 'duration', duration);
    const graph = this.#runtime.graph;
    if (graph.rememberMs !== undefined) {
      throw new IllegalStateError('ERR_REMEMBER_ALREADY_SET', `Remember duration already set as ${formatDurationMs(graph.rememberMs)}. Cannot set it again.`);
    }
    graph.rememberMs = ms;
  }

  /** Sets the checkpoint directory (created if missing); stateful streams need one. `null` turns it off. */
  checkpoint(directory: string | null): void {
    if (directory !== null) check('checkpoint', 'directory', directory, nonEmptyString('a directory path'));
    this.#runtime.setCheckpointDir(directory);
  }

  // --- Lifecycle ---

  /**
   * Starts the streams. Unlike Spark, a context that fails its start-up checks stays
   * INITIALIZED, so the missing piece (an output operation, a checkpoint directory) can be
   * added and `start()` called again.
   */
  start(): void {
    this.#runtime.start();
  }

  /**
   * Stops the streams. `stopSparkContext` defaults to true as in pyspark (the shell's `ssc` is
   * made with `stopSparkContextByDefault: false`). With `stopGracefully`, records already
   * received are processed first; that finishes in the background (await `awaitTermination()`).
   * A second stop is harmless.
   */
  stop(stopSparkContext: boolean = this.#runtime.stopSparkContextByDefault, stopGracefully = false): void {
    this.#runtime.stop(stopSparkContext, stopGracefully);
  }

  /**
   * Resolves when the context stops, or after `timeout` seconds. Rejects with the first batch
   * error reported since the last call (then that error is cleared).
   */
  async awaitTermination(timeout?: number): Promise<void> {
    await this.#runtime.termination.wait(timeout);
  }

  /** Resolves true if the context stopped, false if `timeout` seconds passed first; rejects with a pending batch error. */
  awaitTerminationOrTimeout(timeout?: number): Promise<boolean> {
    return this.#runtime.termination.wait(timeout);
  }

  // --- Teaching clock ---

  /** Pauses the batch clock (time stands still for the engine; records keep arriving). */
  pause(): void {
    this.teachingClock('pause').pause();
  }

  /** Resumes a paused batch clock; batch times follow the wall clock again. */
  resume(): void {
    this.teachingClock('resume').resume();
    this.#runtime.scheduler.realign();
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
      'ERR_NEEDS_SYSTEM_CLOCK',
      `${method}() needs the system clock; this context runs on another clock (with a ManualClock, call clock.advance(ms))`,
    );
  }

  // --- Status for the shell and the UI ---

  /** The pipeline as nodes (inputs, transformations, outputs), for pictures. */
  graph(): GraphNode[] {
    return this.#runtime.graph.nodes();
  }

  /** Every input with its connection state and records received. */
  sources(): SourceInfo[] {
    return this.#runtime.graph.inputs.map((i) => i.info);
  }

  /** The last completed batch, with its timings. */
  lastBatch(): BatchInfo | undefined {
    return this.#runtime.scheduler.lastCompleted;
  }

  /** Recent batches (up to 1000), oldest first. */
  batches(): readonly BatchInfo[] {
    return this.#runtime.scheduler.history;
  }

  /** Time of the next batch, while active. */
  get nextBatchTime(): number | undefined {
    return this.#runtime.state === 'ACTIVE' ? this.#runtime.scheduler.nextBatchTime : undefined;
  }

  /** Batches submitted and not yet finished. */
  get backlog(): number {
    return this.#runtime.scheduler.backlog;
  }

  /** `StreamingContext(batch=…, state=…)`. */
  toString(): string {
    return `StreamingContext(batch=${formatDurationMs(this.batchDurationMs)}, state=${this.state})`;
  }

  /** Shown by the REPL and `console.log` instead of the internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<StreamingContext batch=${formatDurationMs(this.batchDurationMs)} state=${this.state}>`;
  }
}

/**
 * The runtime behind a context, for the engine's own modules that serve the shell
 * (shell-access.ts). Not exported from the package's entry point.
 */
export function runtimeOf(ssc: StreamingContext): ContextRuntime {
  return runtimeOfHandle(ssc);
}
