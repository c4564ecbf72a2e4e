/** Per-batch figures of a tspark run, read from the engine's own events (Spark's listener view). */
import type { BatchInfo, StreamingEvent } from '../../src/engine/events.js';
import { cpuMs } from '../lib/report.js';

/** Collects processing time, scheduling delay and CPU per completed batch, and the source's close. */
export class BatchLog {
  readonly processingMs: number[] = [];
  readonly schedulingDelayMs: number[] = [];
  readonly cpuMs: number[] = [];
  readonly records: number[] = [];
  readonly rssMB: number[] = [];
  /** Epoch ms at which the source's stream ended ('closed', or Spark's 'retrying' after a close). */
  closedAt: number | undefined;
  /** Batch time (epoch ms) of the last batch whose output ran. */
  lastBatchTime = 0;
  /** Epoch ms at which the last output ran. */
  lastOutputAt = 0;
  private connected = false;
  private lastCpu = cpuMs();
  private readonly waiters: ((b: BatchInfo) => void)[] = [];

  /** The listener to pass to `ssc.events.on`. */
  readonly listener = (e: StreamingEvent): void => {
    if (e.type === 'sourceStatus') {
      const st = e.source.state;
      if (st === 'connected') this.connected = true;
      if (this.connected && (st === 'closed' || st === 'retrying') && this.closedAt === undefined) this.closedAt = Date.now();
    }
    if (e.type !== 'batchCompleted') return;
    const b = e.batch;
    if (b.processingStartTime !== undefined && b.processingEndTime !== undefined) {
      this.processingMs.push(b.processingEndTime - b.processingStartTime);
      this.schedulingDelayMs.push(b.processingStartTime - b.submissionTime);
    }
    this.records.push(b.numRecords);
    const c = cpuMs();
    this.cpuMs.push(c - this.lastCpu);
    this.lastCpu = c;
    this.rssMB.push(process.memoryUsage.rss() / 1048576);
    for (const w of this.waiters.splice(0)) w(b);
  };

  /** Call from the contender's `foreachRDD` with the batch time, after it has taken the batch's output. */
  output(time: Date): void {
    this.lastBatchTime = time.getTime();
    this.lastOutputAt = Date.now();
  }

  /** True once a batch that began at or after the end of the stream has produced its output. */
  get drained(): boolean {
    return this.closedAt !== undefined && this.lastBatchTime >= this.closedAt;
  }

  /** Resolves with the next completed batch. */
  nextBatch(): Promise<BatchInfo> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}
