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
} from '../index.js';
import { type ShellApiName, SHELL_API_NAMES } from './api-names.js';
import type { StreamingEvent } from '../engine/events.js';
import { failInterruptedBatch, markPipeline, undoPipeline, type PipelineMark } from '../engine/shell-access.js';
import { ContextTracker, type TrackedContext } from './context-tracker.js';
import { ErrorCollapser } from './error-collapser.js';
import type { StreamFacts } from './facts.js';
import type { InterruptSite } from './interrupt.js';
import type { StreamingSession } from './session.js';
import { createRemoteSpark } from './remote-spark.js';
import { ShellQueries } from './shell-queries.js';
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
  /**
   * A Spark Connect URL (`tspark --remote`, SPARK_REMOTE): `spark` runs on that server, and `sc`
   * and `ssc` (the local engine's) are refused with one line (remote-spark.ts).
   */
  readonly remote?: string;
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
  /** Waits until no Structured Streaming query runs; rejects with a query's failure (`tspark run`). */
  awaitQueries(): Promise<void>;
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
  // Structured Streaming queries: their own pausable clock, tracked for the commands.
  const queries = new ShellQueries();

  // `spark` is the SparkSession on the current `sc` (a new one when `sc` was replaced), printing
  // show()/printSchema()/explain() through the shell's writer.
  let spark: SparkSession | undefined;
  // A remote session's queries are tracked too: .status, .doctor and Ctrl-C act on them.
  const onRemoteSession = (s: SparkSession): void => {
    queries.watch(s);
    options.onSession?.(s);
  };
  const remote = options.remote === undefined ? undefined : createRemoteSpark(options.remote, out, err, onRemoteSession);
  // Connected (or why not) says the line under the banner; the prompt is already there.
  if (remote) out(remote.connect());
  const currentSpark = (): SparkSession => {
    if (remote) return remote.get();
    const c = currentSc();
    if (spark === undefined || spark.sparkContext !== c) {
      // Query errors and warnings print above the prompt too, and queries run on the shell's clock.
      spark = new SparkSession(c, { out, err, clock: queries.clock });
      queries.watch(spark);
      options.onSession?.(spark);
    }
    return spark;
  };

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
      queries: queries.tracker.facts(),
      queryNow: queries.clock.now(),
      queriesPaused: queries.paused,
      ...(remote ? { remote: remote.endpoint } : {}),
    };
  };
  // Remote queries trigger on the server's clock, which the shell cannot pause or step.
  const REMOTE_CLOCK = 'Queries on a Spark Connect server run on its clock: .pause, .step and .resume work on local streams only. query.stop() or Ctrl-C stops a query.';

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
      ['sc', remote ? () => remote.refuse('sc') : currentSc],
      ['ssc', remote ? () => remote.refuse('ssc') : current],
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
    isStreaming: () => queries.anyActive() || target().ctx.state === 'ACTIVE',
    stopStream(reason = 'Ctrl-C') {
      if (remote) return queries.stop(reason, 'spark stays connected') ?? 'No streaming query is running on the server.';
      const c = target().ctx;
      // Queries first: a second Ctrl-C then stops the DStream context, if one runs too.
      const stopped = queries.stop(reason);
      if (stopped !== undefined) {
        return c.state === 'ACTIVE' ? `${stopped}\nThe DStream context still runs: Ctrl-C again (on an empty line) or .stop stops it.` : stopped;
      }
      if (c.state !== 'ACTIVE') return 'No stream is running.';
      c.stop(false, true);
      return `Stopping the stream gracefully (${reason}): batches in flight finish, sc stays.`;
    },
    awaitQueries: () => queries.awaitAll(),
    running() {
      const t = target();
      const query = queries.running();
      if (query !== undefined) return query;
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
      // Code in a query's micro-batch (a foreachBatch function, a UDF): that query cannot go on.
      const failed = queries.interrupted(`${site.reason} stopped code that never returned${at}`, site.kind);
      if (failed !== undefined) return `Interrupted (${site.reason}): ${failed}`;
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
      if (remote) return REMOTE_CLOCK;
      const c = target().ctx;
      const q = queries.paused ? false : queries.pause();
      const d = c.state === 'ACTIVE' && !c.paused;
      if (d) c.pause();
      if (q || d) {
        if (!q) return 'Batch clock paused. .step runs exactly one batch; .resume lets batches run again.';
        const what = d ? 'Batch clocks of the queries and of ssc paused' : 'Query clock paused';
        return `${what}. .step runs exactly one micro-batch of each query${d ? ' and one DStream batch' : ''}; .resume lets them run again.`;
      }
      if (queries.paused || c.paused) return 'The batch clock is already paused: .step runs one batch, .resume lets it run.';
      return 'No stream or query is running: start one (ssc.start(), or writeStream…start()), then .pause';
    },
    async step() {
      if (remote) return REMOTE_CLOCK;
      const c = target().ctx;
      const lines: string[] = [];
      if (queries.paused && queries.anyActive()) lines.push(await queries.step());
      if (c.state === 'ACTIVE' && c.paused) {
        await c.step();
        lines.push(`Stepped to ${clockTime(c.clock.now())}.`);
      }
      if (lines.length > 0) return lines.join('\n');
      if (queries.anyActive() || c.state === 'ACTIVE') return 'The batch clock is running: .pause it first, then .step one batch at a time.';
      return 'No stream or query is running: start one (ssc.start(), or writeStream…start()), then .pause and .step';
    },
    resume() {
      if (remote) return REMOTE_CLOCK;
      const c = target().ctx;
      const q = queries.resume();
      const d = c.paused;
      if (d) c.resume();
      if (!q && !d) return 'The batch clock is not paused.';
      return q && !d ? 'Query clock running again.' : 'Batch clock running again.';
    },
    async close() {
      if (closing) return;
      closing = true;
      collapser.flush();
      remote?.close();
      const c = target().ctx;
      await queries.close();
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
