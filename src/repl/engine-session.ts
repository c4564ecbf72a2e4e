/**
 * The shell's streaming session on the real engine: `sc` and `ssc` as the user sees them.
 * `ssc` prints pprint blocks and engine events through the shell's line writer, and after a
 * stop the next read of `ssc` is a fresh context on the same `sc` (Spark cannot restart a
 * stopped context; the shell gives the user a ready one instead of a restart).
 */
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
  LongType,
  ManualClock,
  MapType,
  NullType,
  Row,
  ShortType,
  SparkContext,
  SparkSession,
  StateSpec,
  StreamingContext,
  StringType,
  StructField,
  StructType,
  SystemClock,
  TimestampNTZType,
  TimestampType,
  Window,
  functions,
} from '../index.js';
import { type ShellApiName, SHELL_API_NAMES } from './api-names.js';
import type { BatchInfo, StreamingEvent } from '../engine/events.js';
import type { StreamFacts } from './facts.js';
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
  /** Called with every new `ssc` (the web UI attaches to it). */
  readonly onContext?: (ssc: StreamingContext) => void;
}

/** The shell's session, plus the live contexts for hooks such as the web UI. */
export interface EngineSession extends StreamingSession {
  readonly sc: SparkContext;
  readonly ssc: StreamingContext;
  readonly spark: SparkSession;
}

const RECENT_BATCHES = 20;

const SHELL_API: Record<ShellApiName, unknown> = {
  SparkContext,
  StreamingContext,
  StateSpec,
  ManualClock,
  SystemClock,
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
};

function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}

function isStopped(sc: SparkContext): boolean {
  // Read defensively: the flag's name is the engine's business.
  const probe = sc as unknown as { isStopped?: boolean | (() => boolean); stopped?: boolean };
  if (typeof probe.isStopped === 'function') return probe.isStopped();
  return Boolean(probe.isStopped ?? probe.stopped);
}

/** Creates the session with a `SystemClock` (so `.pause`/`.step`/`.resume` work). */
export function createEngineSession(options: EngineSessionOptions): EngineSession {
  const out = options.out;
  let sc = new SparkContext(options.master, options.appName ?? 'tspark');
  let clock = new SystemClock();
  let recent: BatchInfo[] = [];
  let startedAt: number | undefined;
  let lastError: { batchTime: number; message: string } | undefined;
  let closing = false;

  const onEvent = (event: StreamingEvent): void => {
    switch (event.type) {
      case 'contextStarted':
        startedAt = event.time;
        recent = [];
        break;
      case 'batchCompleted':
        recent.push(event.batch);
        if (recent.length > RECENT_BATCHES) recent.shift();
        break;
      case 'batchError':
        // The engine reports the error itself (through `err`); keep it for .status and .doctor.
        lastError = { batchTime: event.batchTime, message: firstLine(describeError(event.error)) };
        break;
      case 'contextStopped':
        if (closing) break;
        // stop(true) stops sc just after this event: look once that has happened.
        setImmediate(() => {
          if (closing) return;
          out(
            isStopped(sc)
              ? 'Stream and sc stopped (ssc.stop(true)); fresh sc and ssc are ready for a new pipeline.\n'
              : 'Stream stopped; sc is still running and ssc is ready for a new pipeline.\n',
          );
        });
        break;
    }
  };

  const makeContext = (): StreamingContext => {
    clock = new SystemClock();
    startedAt = undefined;
    lastError = undefined;
    recent = [];
    const ssc = new StreamingContext(sc, options.batchSeconds, {
      out,
      err: out,
      colors: options.colors ?? false,
      clock,
      stopSparkContextByDefault: false,
    });
    ssc.events.on(onEvent);
    options.onContext?.(ssc);
    return ssc;
  };
  let ssc = makeContext();

  const current = (): StreamingContext => {
    if (ssc.state === 'STOPPED' && !closing) {
      if (isStopped(sc)) sc = new SparkContext(options.master, options.appName ?? 'tspark');
      ssc = makeContext();
    }
    return ssc;
  };
  const currentSc = (): SparkContext => {
    if (isStopped(sc) && !closing) {
      sc = new SparkContext(options.master, options.appName ?? 'tspark');
      if (ssc.state !== 'ACTIVE') ssc = makeContext();
    }
    return sc;
  };

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

  const facts = (): StreamFacts => {
    const c = current();
    const checkpointDir = (c as unknown as { checkpointDir?: unknown }).checkpointDir;
    return {
      state: c.state,
      batchMs: c.batchDurationMs,
      master: options.master,
      graph: c.graph(),
      sources: c.sources(),
      recentBatches: [...recent],
      startedAt,
      now: clock.now(),
      checkpointDir: typeof checkpointDir === 'string' ? checkpointDir : undefined,
      paused: clock.paused,
      lastError,
    };
  };

  return {
    master: options.master,
    batchSeconds: options.batchSeconds,
    bindings: new Map<string, () => unknown>([
      ['sc', currentSc],
      ['ssc', current],
      ['spark', currentSpark],
      ...SHELL_API_NAMES.map((name) => [name, () => SHELL_API[name]] as const),
    ]),
    get sc() {
      return currentSc();
    },
    get ssc() {
      return current();
    },
    get spark() {
      return currentSpark();
    },
    isStreaming: () => ssc.state === 'ACTIVE',
    stopStream() {
      if (ssc.state !== 'ACTIVE') return 'No stream is running.';
      ssc.stop(false, true);
      return 'Stopping the stream gracefully (Ctrl-C): batches in flight finish, sc stays.';
    },
    facts,
    pause() {
      const c = current();
      if (c.state !== 'ACTIVE') return 'No stream is running: start one with ssc.start(), then .pause';
      if (clock.paused) return 'The batch clock is already paused: .step runs one batch, .resume lets it run.';
      c.pause();
      return 'Batch clock paused. .step runs exactly one batch; .resume lets batches run again.';
    },
    async step() {
      const c = current();
      if (c.state !== 'ACTIVE') return 'No stream is running: start one with ssc.start(), then .pause and .step';
      if (!clock.paused) return 'The batch clock is running: .pause it first, then .step one batch at a time.';
      await c.step();
      return `Stepped to ${clockTime(clock.now())}.`;
    },
    resume() {
      const c = current();
      if (!clock.paused) return 'The batch clock is not paused.';
      c.resume();
      return 'Batch clock running again.';
    },
    async close() {
      if (closing) return;
      closing = true;
      try {
        if (ssc.state === 'ACTIVE') ssc.stop(true, false);
        else sc.stop();
        await ssc.awaitTerminationOrTimeout(5);
      } catch {
        // Already stopped: nothing left to close.
      }
    },
  };
}
