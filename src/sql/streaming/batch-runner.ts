/**
 * One trigger of a streaming query, as Spark's MicroBatchExecution runs it: ask each source
 * for its latest offset (under its read limit), decide whether a batch is due (new data, or a
 * no-data batch because the watermark moved far enough for a stateful operator), write
 * `offsets/<N>`, let the sources commit the previous batch, get the batch's rows, run the
 * incremental plan on the executor, hand the result to the sink, commit the state, move the
 * watermark, write `commits/<N>`, and report progress. Recovery from a checkpoint
 * (`initialize`) follows Spark's populateStartOffsets: an uncommitted last batch runs again
 * with the same offsets; a committed one is followed by the next.
 */
import { randomUUID } from 'node:crypto';
import type { RPlan } from '../analysis/resolved.js';
import type { SparkSession } from '../api/session.js';
import type { Clock } from '../engine.js';
import { SparkRuntimeException } from '../errors.js';
import type { Offset, OutputMode, ReadLimit, RowPartitions, StreamSink, StreamSource } from '../sources/contract.js';
import { SourceOptions } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
import { StructField, StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import { type Checkpoint, RELEVANT_CONFS } from './checkpoint/checkpoint.js';
import { type StreamingPlan, batchPlan, planStreaming } from './incremental.js';
import type { StreamingQueryStatus } from './listener.js';
import type { BatchInfo } from './operators/operator.js';
import { type SourceProgress, type StreamingQueryProgress, compact, finite, isoTimestamp, sortedMap } from './progress.js';
import { checkStateSchemas } from './state/state-schema.js';
import type { Trigger } from './trigger.js';
import { WatermarkTracker } from './watermark.js';
import { UiDetailRecorder } from './ui-detail.js';
import { instrumentPlan } from '../exec/plan-metrics.js';

/** What a query runs: fixed at `start()`. */
export interface RunnerConfig {
  readonly session: SparkSession;
  readonly analyzed: RPlan;
  readonly sink: StreamSink;
  /** False for sinks whose row counts Spark does not know (file, foreachBatch): progress says -1. */
  readonly sinkCountsRows: boolean;
  readonly outputMode: OutputMode;
  readonly trigger: Trigger;
  readonly checkpoint: Checkpoint;
  readonly clock: Clock;
  readonly name: string | null;
  /** Writes warnings and errors (whole lines). */
  readonly err: (text: string) => void;
}

interface SourceEntry {
  readonly source: StreamSource;
  readonly description: string;
}

function sameOffset(a: Offset | undefined, b: Offset | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const EMPTY: (schema: RowPartitions['schema']) => RowPartitions = (schema) => ({ schema, numPartitions: 0, readPartition: () => undefined });

/** The batch machinery of one run of a query. */
export class BatchRunner {
  readonly id: string;
  readonly runId = randomUUID();
  protected readonly sp: StreamingPlan;
  protected sources: SourceEntry[] = [];
  private committed: Array<Offset | undefined> = [];
  private available: Array<Offset | undefined> = [];
  private latestSeen: Array<Offset | null> = [];
  /** The next batch to run. */
  protected batchId = 0;
  /** `offsets/<batchId>` exists without its commit: the batch runs again with those offsets. */
  private rerun = false;
  private readonly tracker: WatermarkTracker;
  private lastInfo: BatchInfo | undefined;
  /** The watermark the previous batch ran with (late rows are judged by it). */
  private previousBatchWatermark = 0;
  private readonly confs: Record<string, string>;
  protected readonly shufflePartitions: number;
  /** The last progress reports, oldest first. */
  readonly recent: StreamingQueryProgress[] = [];
  private lastTriggerStart = -1;
  private lastNoDataProgress: number;
  private idleReports = 0;
  /** The UI's record of recent batches (plans with rows per operator, windows, the last result). */
  readonly uiDetail = new UiDetailRecorder();
  /** The plan of the last batch that ran, for `explain()`. */
  lastPlan: RPlan | undefined;
  status: StreamingQueryStatus = { message: 'Initializing sources', isDataAvailable: false, isTriggerActive: false };

  constructor(protected readonly cfg: RunnerConfig) {
    this.id = cfg.checkpoint.queryId();
    // Confs recorded in the offset log win over the session's (a restart keeps its partitions).
    const latest = cfg.checkpoint.offsets.getLatest();
    this.confs = Object.fromEntries(RELEVANT_CONFS.map(([k, d]) => [k, latest?.value.metadata.conf[k] ?? cfg.session.conf.getOption(k) ?? d]));
    this.shufflePartitions = Number(this.confs['spark.sql.shuffle.partitions']);
    const policy = this.confs['spark.sql.streaming.multipleWatermarkPolicy']!.toLowerCase() === 'max' ? 'max' : 'min';
    this.sp = planStreaming(cfg.analyzed, { stateDir: (op) => cfg.checkpoint.stateDir(op), shufflePartitions: this.shufflePartitions, outputMode: cfg.outputMode });
    this.tracker = new WatermarkTracker(this.sp.watermarks, policy);
    // The first trigger without data reports an idle progress at once, as Spark's does.
    this.lastNoDataProgress = -Infinity;
  }

  /** The watermark the next batch runs with (ms). */
  get watermarkMs(): number {
    return this.tracker.current;
  }

  /** Creates and starts the sources, recovers offsets, state and watermark from the checkpoint. */
  protected async initialize(wake: () => void): Promise<void> {
    const { session, checkpoint, clock } = this.cfg;
    this.sources = this.sp.sources.map((node, i) => {
      const r = node.read;
      const provider = findDataSource(r.format);
      if (provider.createStreamSource === undefined) throw new SparkRuntimeException('UNSUPPORTED_DATA_SOURCE_USE', { provider: r.format, operation: 'streamed reading' });
      const source = provider.createStreamSource({
        format: r.format,
        paths: r.paths,
        options: new SourceOptions(r.options),
        ...(r.schema ? { userSchema: r.schema } : {}),
        session: session.sourceSession(),
        warn: (m) => this.cfg.err(`WARN ${m}\n`),
        metadataPath: checkpoint.sourceDir(i),
        clock,
      });
      return { source, description: source.describe() };
    });
    for (const s of this.sources) await s.source.start(wake);
    const n = this.sources.length;
    this.committed = new Array<Offset | undefined>(n).fill(undefined);
    this.available = new Array<Offset | undefined>(n).fill(undefined);
    this.latestSeen = new Array<Offset | null>(n).fill(null);
    const latest = checkpoint.offsets.getLatest();
    if (latest !== undefined) {
      const seq = latest.value;
      if (seq.offsets.length !== n) {
        throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', {
          message: `assertion failed: There are [${seq.offsets.length}] sources in the checkpoint offsets and now there are [${n}] sources requested by the query. Cannot continue.`,
        });
      }
      this.batchId = latest.batchId;
      this.available = [...seq.offsets];
      this.tracker.set(seq.metadata.batchWatermarkMs);
      const prev = latest.batchId > 0 ? checkpoint.offsets.get(latest.batchId - 1) : undefined;
      if (prev !== undefined) {
        this.committed = [...prev.offsets];
        this.previousBatchWatermark = prev.metadata.batchWatermarkMs;
      }
      const commit = checkpoint.commits.getLatest();
      if (commit !== undefined && commit.batchId === latest.batchId) {
        this.batchId = latest.batchId + 1;
        this.committed = [...this.available];
        this.previousBatchWatermark = seq.metadata.batchWatermarkMs;
        this.tracker.set(Math.max(this.tracker.current, commit.value.nextBatchWatermarkMs));
        this.lastInfo = this.info(latest.batchId, seq.metadata.batchTimestampMs, seq.metadata.batchWatermarkMs);
      } else {
        this.rerun = true;
      }
    }
    checkStateSchemas(this.sp.operators, checkpoint, this.batchId);
    for (const op of this.sp.operators) op.load(this.batchId);
    if (this.cfg.trigger.kind === 'availableNow') for (const s of this.sources) await s.source.prepareForAvailableNow?.();
  }

  private info(batchId: number, batchTimestampMs: number, watermarkMs: number): BatchInfo {
    return {
      batchId,
      batchTimestampMs,
      lateWatermarkMs: this.previousBatchWatermark,
      evictionWatermarkMs: watermarkMs,
      outputMode: this.cfg.outputMode,
      shufflePartitions: this.shufflePartitions,
    };
  }

  private readLimit(source: StreamSource): ReadLimit {
    void source;
    return this.cfg.trigger.kind === 'once' ? { kind: 'all' } : { kind: 'maxRows', rows: Number.MAX_SAFE_INTEGER };
  }

  /** True when a source has data the committed offsets do not cover. */
  private hasNewData(): boolean {
    return this.available.some((a, i) => a !== undefined && !sameOffset(a, this.committed[i]));
  }

  /** Runs one trigger: a batch when one is due. Returns whether a batch ran. */
  protected async runTrigger(): Promise<boolean> {
    const { clock, checkpoint } = this.cfg;
    const start = clock.now();
    const durations: Record<string, number> = {};
    const timed = async <T>(key: string, f: () => T | Promise<T>): Promise<T> => {
      const t0 = clock.now();
      const r = await f();
      durations[key] = (durations[key] ?? 0) + clock.now() - t0;
      return r;
    };
    this.status = { ...this.status, isTriggerActive: true };
    let newData = false;
    if (!this.rerun) {
      await timed('latestOffset', async () => {
        for (let i = 0; i < this.sources.length; i++) {
          const s = this.sources[i]!.source;
          const end = await s.latestOffset(this.committed[i] ?? null, this.readLimit(s));
          if (end !== null) this.available[i] = end;
          this.latestSeen[i] = s.reportLatestOffset ? s.reportLatestOffset() : end;
        }
      });
      newData = this.hasNewData();
      const noDataBatch =
        !newData &&
        this.lastInfo !== undefined &&
        this.cfg.session.conf.flag('spark.sql.streaming.noDataMicroBatches.enabled') &&
        this.sp.operators.some((op) => op.shouldRunAnotherBatch(this.tracker.current, this.lastInfo!));
      if (!newData && !noDataBatch) {
        this.finishIdle(start, durations);
        return false;
      }
      await timed('walCommit', () => {
        this.status = { message: 'Processing new data', isDataAvailable: newData, isTriggerActive: true };
        checkpoint.offsets.purgeAfter(this.batchId - 1);
        checkpoint.offsets.put(this.batchId, {
          metadata: { batchWatermarkMs: this.tracker.current, batchTimestampMs: start, conf: this.confs },
          offsets: this.available,
        });
      });
      // The previous batch is safely recorded: its sources may forget what it read.
      if (this.batchId > 0) {
        const prev = checkpoint.offsets.get(this.batchId - 1);
        for (let i = 0; i < this.sources.length; i++) {
          const o = prev?.offsets[i];
          if (o !== undefined) await this.sources[i]!.source.commit(o);
        }
      }
    } else {
      newData = this.hasNewData();
      this.rerun = false;
    }
    await this.runBatch(start, newData, durations, timed);
    return true;
  }

  private async runBatch(
    start: number,
    newData: boolean,
    durations: Record<string, number>,
    timed: <T>(key: string, f: () => T | Promise<T>) => Promise<T>,
  ): Promise<void> {
    const { clock, checkpoint, sink } = this.cfg;
    const batchId = this.batchId;
    const seq = checkpoint.offsets.get(batchId)!;
    const watermark = seq.metadata.batchWatermarkMs;
    const batchTs = seq.metadata.batchTimestampMs;
    this.status = { message: 'Processing new data', isDataAvailable: newData, isTriggerActive: true };
    const data = await timed('getBatch', async () => {
      const out: Array<{ rows: RowPartitions; description: string; count: number }> = [];
      for (let i = 0; i < this.sources.length; i++) {
        const { source, description } = this.sources[i]!;
        const end = this.available[i];
        const rows = end === undefined || sameOffset(end, this.committed[i]) ? EMPTY(source.schema) : materialize(await source.getBatch(this.committed[i] ?? null, end));
        out.push({ rows, description, count: countRows(rows) });
      }
      return out;
    });
    const info = this.info(batchId, batchTs, watermark);
    const observers = this.tracker.beginBatch();
    const plan = await timed('queryPlanning', () => batchPlan(this.sp, { data, observers }, info));
    this.lastPlan = plan;
    // While a web UI watches, the batch runs with a counter above each operator and windows traced.
    const watched = this.cfg.session.watchedByUi;
    if (watched) for (const op of this.sp.operators) op.traceWindows?.();
    const counted = watched ? instrumentPlan(plan) : undefined;
    let outputRows = 0;
    await timed('addBatch', async () => {
      const ex = this.cfg.session.executor({ nowMicros: batchTs * 1000, shufflePartitions: this.shufflePartitions, adaptive: false });
      const run = counted?.plan ?? plan;
      const result = materialize(rowPartitionsOf(ex.rdd(run), plan));
      outputRows = countRows(result);
      if (watched) {
        const traces = this.sp.operators.flatMap((op) => op.takeWindowTrace?.() ?? []);
        this.uiDetail.record(batchId, counted?.nodes ?? null, traces, result, this.cfg.outputMode, this.cfg.session.conf.getOption('spark.sql.session.timeZone') ?? 'UTC');
      }
      for (const op of this.sp.operators) op.commit(batchId + 1);
      await sink.addBatch(batchId, result);
    });
    this.tracker.update();
    await timed('commitOffsets', () => {
      checkpoint.commits.put(batchId, { nextBatchWatermarkMs: this.tracker.current });
      const keep = Number(this.cfg.session.conf.getOption('spark.sql.streaming.minBatchesToRetain') ?? 100);
      checkpoint.offsets.purge(batchId + 1 - keep);
      checkpoint.commits.purge(batchId + 1 - keep);
    });
    const sourceProgress: SourceProgress[] = this.sources.map((s, i) => ({
      description: s.description,
      startOffset: this.committed[i] ?? null,
      endOffset: this.available[i] ?? null,
      latestOffset: this.latestSeen[i] ?? null,
      numInputRows: data[i]!.count,
    }));
    this.committed = [...this.available];
    this.previousBatchWatermark = watermark;
    this.lastInfo = info;
    this.batchId = batchId + 1;
    durations['triggerExecution'] = clock.now() - start;
    const stats = this.tracker.combined();
    const eventTime: Record<string, string> = {};
    if (this.tracker.enabled) {
      if (stats.count > 0) {
        eventTime['avg'] = isoTimestamp(Math.trunc(stats.avg));
        eventTime['max'] = isoTimestamp(stats.max);
        eventTime['min'] = isoTimestamp(stats.min);
      }
      eventTime['watermark'] = isoTimestamp(watermark);
    }
    const progress = this.progress(start, batchId, durations, sourceProgress, {
      description: sink.describe(),
      numOutputRows: this.cfg.sinkCountsRows ? outputRows : -1,
    }, eventTime, this.sp.operators.map((op) => op.progress()));
    this.lastNoDataProgress = clock.now();
    this.idleReports = 0;
    this.record(progress, true);
  }

  private progress(
    start: number,
    batchId: number,
    durations: Record<string, number>,
    sources: SourceProgress[],
    sink: StreamingQueryProgress['sink'],
    eventTime: Record<string, string>,
    stateOperators: StreamingQueryProgress['stateOperators'],
  ): StreamingQueryProgress {
    const inputSec = this.lastTriggerStart >= 0 ? (start - this.lastTriggerStart) / 1000 : Infinity;
    const processingSec = (durations['triggerExecution'] ?? 0) / 1000;
    this.lastTriggerStart = start;
    const rows = sources.reduce((n, s) => n + s.numInputRows, 0);
    return compact({
      id: this.id,
      runId: this.runId,
      name: this.cfg.name,
      timestamp: isoTimestamp(start),
      batchId,
      numInputRows: rows,
      inputRowsPerSecond: finite(rows / inputSec),
      processedRowsPerSecond: finite(rows / processingSec),
      durationMs: sortedMap(durations) ?? {},
      eventTime: sortedMap(eventTime),
      stateOperators,
      sources: sources.map((s) => compact({ ...s, inputRowsPerSecond: finite(s.numInputRows / inputSec), processedRowsPerSecond: finite(s.numInputRows / processingSec) })),
      sink,
    });
  }

  /** A trigger without a batch: an idle progress every `noDataProgressEventInterval`, not posted as progress. */
  private finishIdle(start: number, durations: Record<string, number>): void {
    const { clock } = this.cfg;
    this.status = { message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false };
    const interval = parseMs(this.cfg.session.conf.getOption('spark.sql.streaming.noDataProgressEventInterval') ?? '10000ms');
    const now = clock.now();
    if (now - interval < this.lastNoDataProgress) return;
    this.lastNoDataProgress = now;
    durations['triggerExecution'] = now - start;
    const sources = this.sources.map((s, i) => ({ description: s.description, startOffset: this.committed[i] ?? null, endOffset: this.committed[i] ?? null, latestOffset: this.latestSeen[i] ?? null, numInputRows: 0 }));
    const eventTime: Record<string, string> = this.tracker.enabled ? { watermark: isoTimestamp(this.tracker.current) } : {};
    this.record(this.progress(start, this.batchId, durations, sources, { description: this.cfg.sink.describe(), numOutputRows: -1 }, eventTime, []), false);
    this.idleReports++;
    if (this.idleReports >= 2) this.onIdle(isoTimestamp(start));
  }

  private record(p: StreamingQueryProgress, executed: boolean): void {
    this.recent.push(p);
    const max = Number(this.cfg.session.conf.getOption('spark.sql.streaming.numRecentProgressUpdates') ?? 100);
    while (this.recent.length > max) this.recent.shift();
    if (executed) this.onProgress(p);
  }

  /** Called with each executed batch's progress (the query posts it). */
  protected onProgress(p: StreamingQueryProgress): void {
    void p;
  }

  /** Called when the query has been idle for two reporting intervals. */
  protected onIdle(timestamp: string): void {
    void timestamp;
  }

  /** True when every source's data has been processed (for processAllAvailable). */
  protected caughtUp(): boolean {
    return !this.hasNewData();
  }
}

/** Reads a micro-batch's partitions into arrays once (sources and results are read once, then reused). */
function materialize(data: RowPartitions): RowPartitions {
  const parts: InternalRow[][] = [];
  for (let i = 0; i < data.numPartitions; i++) {
    const p: InternalRow[] = [];
    data.readPartition(i, (r) => p.push(r));
    parts.push(p);
  }
  return { schema: data.schema, numPartitions: parts.length, readPartition: (i, emit) => parts[i]!.forEach(emit) };
}

function countRows(data: RowPartitions): number {
  let n = 0;
  for (let i = 0; i < data.numPartitions; i++) data.readPartition(i, () => void n++);
  return n;
}

function rowPartitionsOf(rdd: { getNumPartitions(): number; iterate(i: number, f: (r: InternalRow) => void): void }, plan: RPlan): RowPartitions {
  return { schema: structOf(plan), numPartitions: rdd.getNumPartitions(), readPartition: (i, emit) => rdd.iterate(i, emit) };
}

/** The StructType of a plan's output. */
export function structOf(plan: RPlan): StructType {
  return new StructType(plan.output.map((a) => new StructField(a.name, a.dataType, a.nullable)));
}

/** `"10ms"`, `"10s"`, `"10000"` (ms) → ms. */
export function parseMs(text: string): number {
  const m = /^\s*(\d+)\s*(ms|s|m|min)?\s*$/i.exec(text);
  if (m === null) return 10_000;
  const n = Number(m[1]);
  const u = (m[2] ?? 'ms').toLowerCase();
  return u === 's' ? n * 1000 : u === 'm' || u === 'min' ? n * 60_000 : n;
}
