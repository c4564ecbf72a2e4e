/**
 * The job scheduler: one tick per batch interval on the context's clock. A tick takes what the
 * inputs received (synchronously, so later records go to the next batch) and queues the batch;
 * batches run one at a time, in time order. When processing falls behind, batches wait in the
 * queue and the delay is measured; none is dropped.
 */
import type { Cancel } from './clock.js';
import type { BatchInfo } from './events.js';
import type { DStreamGraph } from './graph.js';
import type { StreamingRuntime } from './runtime.js';

/** Ticks, queues and runs the batches of one context. */
export class JobScheduler {
  private cancelTick: Cancel | undefined;
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private running = false;
  nextBatchTime: number | undefined;
  readonly history: BatchInfo[] = [];
  /** Batches kept for `.status` and the UI (Spark's spark.streaming.ui.retainedBatches). */
  private readonly retained = 1000;
  lastCompleted: BatchInfo | undefined;

  constructor(
    private readonly runtime: StreamingRuntime,
    private readonly graph: DStreamGraph,
  ) {}

  /** Number of batches submitted but not finished (including the one running). */
  get backlog(): number {
    return this.pending;
  }

  /** First batch: the next multiple of the batch interval after now, as Spark. */
  start(): number {
    const batch = this.runtime.batchMs;
    const first = (Math.floor(this.runtime.clock.now() / batch) + 1) * batch;
    this.graph.start(first - batch);
    this.running = true;
    this.scheduleTick(first);
    return first;
  }

  private scheduleTick(time: number): void {
    this.nextBatchTime = time;
    this.cancelTick = this.runtime.clock.schedule(time, () => this.tick(time));
  }

  /** Submits the batch at `time` and returns a promise of its completion (ManualClock waits for it). */
  tick(time: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    const info: BatchInfo = {
      batchTime: time,
      submissionTime: this.runtime.clock.now(),
      numRecords: 0,
      streamRecords: {},
      outputOps: this.graph.outputs.map((o) => ({ id: o.id, name: o.name, status: 'queued' as const })),
      streamCounts: {},
    };
    for (const input of this.graph.inputs) {
      if (!input.cut) continue;
      const n = input.cut(time);
      info.streamRecords[input.streamId] = n;
      info.numRecords += n;
    }
    this.scheduleTick(time + this.runtime.batchMs);
    this.pending++;
    this.remember(info);
    this.runtime.events.emit({ type: 'batchSubmitted', batch: info });
    const done = this.queue.then(() => this.runBatch(info));
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async runBatch(info: BatchInfo): Promise<void> {
    const time = info.batchTime;
    try {
      if (!this.running) return;
      const clock = this.runtime.clock;
      info.processingStartTime = clock.now();
      for (const input of this.graph.inputs) {
        if (!input.prepare) continue;
        const n = await input.prepare(time);
        info.streamRecords[input.streamId] = n;
        info.numRecords += n;
      }
      this.runtime.events.emit({ type: 'batchStarted', batch: info });
      const jobs = this.graph.generateJobs(time);
      for (const [i, job] of jobs.entries()) {
        const op = info.outputOps[i];
        if (op === undefined) continue; // one entry per output, made at the tick
        op.startTime = clock.now();
        op.status = 'running';
        try {
          if (job.generationError !== undefined) throw job.generationError;
          if (job.run) await job.run();
          op.status = 'succeeded';
        } catch (e) {
          op.status = 'failed';
          op.error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
          this.runtime.reportBatchError(time, op.name, e);
        }
        op.endTime = clock.now();
        // A stop requested by an output operation ends the batch here.
        if (!this.running) break;
      }
      info.processingEndTime = clock.now();
      this.collectCounts(info);
      this.graph.clearMetadata(time);
      this.lastCompleted = info;
      this.runtime.events.emit({ type: 'batchCompleted', batch: info });
      this.runtime.batchCompleted(time);
    } finally {
      for (const input of this.graph.inputs) input.release?.(time);
      this.pending--;
    }
  }

  /** Records through each stream in this batch, for the pipeline picture. */
  private collectCounts(info: BatchInfo): void {
    const partial: number[] = [];
    for (const s of this.graph.streams) {
      const c = s.recordCount(info.batchTime);
      if (!c) continue;
      info.streamCounts[s.id] = c.count;
      if (c.partial) partial.push(s.id);
    }
    for (const input of this.graph.inputs) {
      const n = info.streamRecords[input.streamId];
      if (n !== undefined) {
        info.streamCounts[input.streamId] = n;
        const i = partial.indexOf(input.streamId);
        if (i >= 0) partial.splice(i, 1);
      }
    }
    if (partial.length > 0) info.partialCounts = partial;
  }

  private remember(info: BatchInfo): void {
    this.history.push(info);
    if (this.history.length > this.retained) this.history.splice(0, this.history.length - this.retained);
  }

  /**
   * After the clock jumped forward (a teaching pause ended), moves the next batch to the first
   * batch time after now, so batch times follow the clock again without a burst of catch-up batches.
   */
  realign(): void {
    const next = this.nextBatchTime;
    if (!this.running || next === undefined || !this.cancelTick) return;
    const batch = this.runtime.batchMs;
    const due = (Math.floor(this.runtime.clock.now() / batch) + 1) * batch;
    if (due <= next) return;
    this.cancelNextTick();
    this.scheduleTick(due);
  }

  /** Stops ticking; queued batches that have not started are dropped. */
  stop(): void {
    this.running = false;
    this.cancelNextTick();
  }

  /** Stops ticking after the batches already submitted have run; resolves when they have. */
  async drain(): Promise<void> {
    this.cancelNextTick();
    await this.queue;
    this.running = false;
  }

  /** Submits a final batch at the next batch time now, for a graceful stop with data still held. */
  async flush(): Promise<void> {
    const t = this.nextBatchTime;
    if (t === undefined) return;
    this.cancelNextTick();
    await this.tick(t);
    // tick() scheduled the following batch; a graceful stop wants none.
    this.cancelNextTick();
  }

  private cancelNextTick(): void {
    this.cancelTick?.();
    this.cancelTick = undefined;
  }
}
