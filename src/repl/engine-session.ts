/**
 * The shell's streaming session on the real engine: `sc` and `ssc` as the user sees them.
 * `ssc` prints pprint blocks and engine events through the shell's line writer, and after a
 * stop the next read of `ssc` is a fresh context on the same `sc` (Spark cannot restart a
 * stopped context; the shell gives the user a ready one instead of a restart). Contexts the
 * user makes are tracked too (context-tracker.ts): the commands act on the one that runs.
 */
import * as engine from '../index.js';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  Column,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  KafkaUtils,
  LongType,
  ManualClock,
  MapType,
  NullType,
  OffsetRange,
  Row,
  ShortType,
  SparkConf,
  SparkContext,
  SparkSession,
  StateSpec,
  StreamingContext,
  StreamingListener,
  StringType,
  StructField,
  StructType,
  SystemClock,
  TimestampNTZType,
  TimestampType,
  TopicAndPartition,
  Window,
  functions,
  MQTTUtils,
  saveToJdbc,
  saveToRedis,
  type StreamingQuery,
} from '../index.js';
import { type ShellApiName, SHELL_API_NAMES } from './api-names.js';
import type { StreamingEvent } from '../engine/events.js';
import { failInterruptedBatch, markPipeline, undoPipeline, type PipelineMark } from '../engine/shell-access.js';
import { ContextTracker, type TrackedContext } from './context-tracker.js';
import { ErrorCollapser } from './error-collapser.js';
import type { StreamFacts } from './facts.js';
import type { InterruptSite } from './interrupt.js';
import type { StreamingSession } from './session.js';
import { clockTime } from './status.js';

/** How to build the session. */
export interface EngineSessionOptions {
  readonly master: string;
  readonly batchSeconds: number;
  readonly appName?: string;
  /** Where pprint, batch errors and source messages go (the line writer above the prompt). */
  readonly out: (text: string) => void;
  /** Colour in pprint records. */
  readonly colors?: boolean;
  /** Called with every new `spark` session. */
  readonly onSession?: (spark: SparkSession) => void;
  /** Called with every context the web UI should show: each new `ssc`, and any context that starts. */
  readonly onContext?: (ssc: StreamingContext) => void;
  /**
   * For `tspark run`: the job may declare its own `sc` and `ssc` (a standalone program does);
   * the shell's bindings then step aside instead of refusing.
   */
  readonly replaceableBindings?: boolean;
}

/** The shell's session, plus the live contexts for hooks such as the web UI. */
export interface EngineSession extends StreamingSession {
  readonly sc: SparkContext;
  readonly ssc: StreamingContext;
  readonly spark: SparkSession;
  /** The context the commands act on: the running one, else the newest not stopped, else `ssc`. */
  readonly target: StreamingContext;
  /** What runs now, for a one-line report: `batch 10:04:18 (pprint)`; undefined without a running stream. */
  running(): string | undefined;
}

function isStopped(sc: SparkContext): boolean {
  return sc.isStopped;
}

/** Creates the session with a `SystemClock` (so `.pause`/`.step`/`.resume` work). */
export function createEngineSession(options: EngineSessionOptions): EngineSession {
  const out = options.out;
  // Errors that repeat every batch are printed once, then counted (error-collapser.ts).
  const collapser = new ErrorCollapser(out);
  const err = (text: string): void => collapser.write(text);
  const appName = options.appName ?? 'tspark';
  // sc's warnings (a sum beyond 2^53) print above the prompt, like the streams' messages.
  const newSparkContext = (): SparkContext => {
    const c = new SparkContext(options.master, appName);
    c.setWarningWriter(err);
    return c;
  };
  let sc = newSparkContext();
  let closing = false;
  /** A checkpoint directory set by a context that stopped: the next fresh ssc must not inherit it. */
  let staleCheckpointDir: string | undefined;

  const onEvent = (t: TrackedContext, event: StreamingEvent): void => {
    if (event.type === 'contextStarted' && !t.own) options.onContext?.(t.ctx);
    if (event.type !== 'contextStopped' || closing) return;
    collapser.flush();
    if (t.ctx.checkpointDir !== undefined) staleCheckpointDir = t.ctx.checkpointDir;
    // stop(true) stops sc just after this event: look once that has happened.
    setImmediate(() => {
      if (closing) return;
      if (!t.own) {
        out(isStopped(sc) ? 'Stream and sc stopped; fresh sc and ssc are ready.\n' : 'Stream stopped; sc is still running.\n');
        return;
      }
      out(
        isStopped(sc)
          ? 'Stream and sc stopped (ssc.stop(true)); fresh sc and ssc are ready for a new pipeline.\n'
          : 'Stream stopped; sc is still running and ssc is ready for a new pipeline.\n',
      );
    });
  };

  const defaults = { out, err, colors: options.colors ?? false, stopSparkContextByDefault: false };
  const tracker = new ContextTracker({ defaults, out, onEvent });

  const makeContext = (): StreamingContext => {
    const fresh = new StreamingContext(sc, options.batchSeconds, { ...defaults, clock: new SystemClock() });
    // Spark gives a new context no checkpoint directory; sc keeps the old one for RDDs only.
    if (staleCheckpointDir !== undefined && sc.getCheckpointDir() === staleCheckpointDir) fresh.checkpoint(null);
    staleCheckpointDir = undefined;
    tracker.track(fresh, true);
    options.onContext?.(fresh);
    return fresh;
  };
  let ssc = makeContext();

  const current = (): StreamingContext => {
    if (ssc.state === 'STOPPED' && !closing) {
      if (isStopped(sc)) sc = newSparkContext();
      ssc = makeContext();
    }
    return ssc;
  };
  const currentSc = (): SparkContext => {
    if (isStopped(sc) && !closing) {
      sc = newSparkContext();
      if (ssc.state !== 'ACTIVE') ssc = makeContext();
    }
    return sc;
  };
  const target = (): TrackedContext => tracker.target() ?? tracker.track(current(), true);

  // `spark` is the SparkSession on the current `sc` (a new one when `sc` was replaced), printing
  // show()/printSchema()/explain() through the shell's writer.
  let spark: SparkSession | undefined;
  const currentSpark = (): SparkSession => {
    const c = currentSc();
    if (spark === undefined || spark.sparkContext !== c) {
      spark = new SparkSession(c, { out });
      options.onSession?.(spark);
    }
    return spark;
  };

  /** The Structured Streaming queries running on `spark` (none before `spark` is first used). */
  const activeQueries = (): StreamingQuery[] => (spark === undefined ? [] : spark.streams.active);

  const facts = (): StreamFacts => {
    const t = target();
    const c = t.ctx;
    return {
      state: c.state,
      batchMs: c.batchDurationMs,
      master: c.sparkContext.master,
      graph: c.graph(),
      sources: c.sources(),
      recentBatches: [...t.recent],
      startedAt: t.startedAt,
      now: c.clock.now(),
      checkpointDir: c.checkpointDir,
      paused: c.paused,
      lastError: t.lastError,
    };
  };

  const api: Record<ShellApiName, unknown> = {
    SparkContext,
    StreamingContext: tracker.StreamingContext,
    StateSpec,
    ManualClock,
    SystemClock,
    SparkConf,
    StreamingListener,
    KafkaUtils,
    OffsetRange,
    TopicAndPartition,
    SparkSession,
    F: functions,
    Window,
    Row,
    Column,
    StructType,
    StructField,
    StringType,
    IntegerType,
    LongType,
    DoubleType,
    FloatType,
    ShortType,
    ByteType,
    BooleanType,
    BinaryType,
    DecimalType,
    DateType,
    TimestampType,
    TimestampNTZType,
    ArrayType,
    MapType,
    NullType,
    MQTTUtils,
    saveToJdbc,
    saveToRedis,
  };
  /** What `import … from "tspark"` gives in the shell: the running engine, with the tracked class. */
  const moduleObject: Record<string, unknown> = { ...engine, StreamingContext: tracker.StreamingContext };

  return {
    master: options.master,
    batchSeconds: options.batchSeconds,
    bindings: new Map<string, () => unknown>([
      ['sc', currentSc],
      ['ssc', current],
      ['spark', currentSpark],
      ...SHELL_API_NAMES.map((name) => [name, () => api[name]] as const),
    ]),
    replaceable: options.replaceableBindings ? new Set(['sc', 'ssc']) : undefined,
    tsparkModule: () => moduleObject,
    pipelineMark() {
      return new Map<StreamingContext, PipelineMark>(
        tracker.contexts().filter((t) => t.ctx.state === 'INITIALIZED').map((t) => [t.ctx, markPipeline(t.ctx)]),
      );
    },
    undoPipeline(mark) {
      const removed: string[] = [];
      if (!(mark instanceof Map)) return removed;
      for (const [ctx, m] of mark as Map<StreamingContext, PipelineMark>) removed.push(...(undoPipeline(ctx, m) ?? []));
      return removed;
    },
    get sc() {
      return currentSc();
    },
    get ssc() {
      return current();
    },
    get spark() {
      return currentSpark();
    },
    get target() {
      return target().ctx;
    },
    isStreaming: () => target().ctx.state === 'ACTIVE' || activeQueries().length > 0,
    stopStream(reason = 'Ctrl-C') {
      const queries = activeQueries();
      // A query stops after its trigger in flight; its checkpoint keeps where it was.
      for (const q of queries) void q.stop();
      const c = target().ctx;
      if (c.state !== 'ACTIVE') {
        if (queries.length === 0) return 'No stream is running.';
        return `Stopping ${queries.length === 1 ? 'the streaming query' : `${queries.length} streaming queries`} gracefully (${reason}): the batch in flight finishes, sc stays.`;
      }
      c.stop(false, true);
      return `Stopping the stream gracefully (${reason}): batches in flight finish, sc stays.`;
    },
    queries: activeQueries,
    running() {
      const t = target();
      if (t.ctx.state !== 'ACTIVE') return undefined;
      const op = t.running?.outputOps.find((o) => o.status === 'running');
      if (t.running) return `batch ${clockTime(t.running.batchTime)}${op ? ` (${op.name})` : ''}`;
      return 'the stream (processing records as they arrived)';
    },
    interrupted(site: InterruptSite) {
      const t = target();
      const c = t.ctx;
      const at = site.where ? ` at ${site.where}` : '';
      const stopped = `Interrupted (${site.reason}): the code${at} never returned; it was stopped.`;
      if (c.state !== 'ACTIVE') return stopped;
      // Code of the user's own outside the stream: a timer leaves the stream's promises intact.
      if (!t.running && site.kind === 'timer') return stopped;
      if (!t.running && site.kind === 'other') {
        c.stop(false);
        return `${stopped} The stream was stopped too: promise callbacks it relied on may have been dropped.`;
      }
      const error = new Error(`${site.reason} stopped code that never returned${at}`);
      error.name = 'Interrupted';
      error.stack = `Interrupted: ${error.message}`;
      // The batch in flight, or, when records were being processed as they arrived, the next one.
      const time = failInterruptedBatch(c, t.running, error);
      // Its promise callbacks may be gone (see interrupt.ts): this stream cannot go on.
      c.stop(false);
      return `Interrupted (${site.reason}): batch ${clockTime(time)} failed and the stream was stopped.`;
    },
    facts,
    pause() {
      const c = target().ctx;
      if (c.state !== 'ACTIVE') return 'No stream is running: start one with ssc.start(), then .pause';
      if (c.paused) return 'The batch clock is already paused: .step runs one batch, .resume lets it run.';
      c.pause();
      return 'Batch clock paused. .step runs exactly one batch; .resume lets batches run again.';
    },
    async step() {
      const c = target().ctx;
      if (c.state !== 'ACTIVE') return 'No stream is running: start one with ssc.start(), then .pause and .step';
      if (!c.paused) return 'The batch clock is running: .pause it first, then .step one batch at a time.';
      await c.step();
      return `Stepped to ${clockTime(c.clock.now())}.`;
    },
    resume() {
      const c = target().ctx;
      if (!c.paused) return 'The batch clock is not paused.';
      c.resume();
      return 'Batch clock running again.';
    },
    async close() {
      if (closing) return;
      closing = true;
      collapser.flush();
      await Promise.all(activeQueries().map((q) => q.stop().catch(() => undefined)));
      const c = target().ctx;
      try {
        if (c.state === 'ACTIVE') c.stop(true, false);
        else sc.stop();
        await c.awaitTerminationOrTimeout(5);
      } catch {
        // Already stopped: nothing left to close.
      }
    },
  };
}
