/**
 * `ssc.pollingStream(source)`: a pull source asked at each batch time for what is ready (a
 * directory listing). The answer becomes the batch's RDD, one partition per item it returned.
 */
import type { RDD } from '../rdd/rdd.js';
import type { StreamingRuntime } from '../runtime.js';
import type { PollContext, PolledSource } from '../source.js';
import type { StreamNode } from '../dstream/stream-node.js';
import { Input } from './input.js';

/** A polled source as an input of the graph. */
class PollingInput<T> extends Input<T> {
  private readonly allocated = new Map<number, T[][]>();
  private readonly ctx: PollContext;
  /** Only for sources that can resume: a checkpoint holds positions of inputs that have these. */
  readonly snapshot: (() => unknown) | undefined;
  readonly restore: ((snapshot: unknown) => void) | undefined;

  constructor(
    runtime: StreamingRuntime,
    private readonly source: PolledSource<T>,
  ) {
    super(runtime, source.name.split(' ')[0] ?? 'pollingStream', source.name);
    this.ctx = { clock: runtime.clock, status: (state, message) => this.status(state, message), warn: (message) => this.warn(message) };
    this.snapshot = source.snapshot ? () => source.snapshot?.() : undefined;
    this.restore = source.restore ? (snapshot) => source.restore?.(snapshot) : undefined;
  }

  protected batch(time: number): RDD<T> {
    return this.runtime.sc.fromPartitions<T>(this.allocated.get(time) ?? [], 'polledBatch');
  }

  start(): void | Promise<void> {
    return this.source.start(this.ctx);
  }

  stop(): void | Promise<void> {
    return this.source.stop();
  }

  async prepare(time: number): Promise<number> {
    let parts: T[][];
    try {
      parts = await this.source.poll(time, this.ctx);
    } catch (e) {
      // A source must report its own problems; one that throws still must not stop the stream.
      this.warn(`${this.source.name}: ${e instanceof Error ? e.message : String(e)}`);
      parts = [];
    }
    this.allocated.set(time, parts);
    const n = parts.reduce((k, p) => k + p.length, 0);
    this.info.recordsReceived += n;
    return n;
  }

  release(time: number): void {
    this.allocated.delete(time);
  }
}

/** The stream of `ssc.pollingStream(source)`. */
export function pollingStream<T>(runtime: StreamingRuntime, source: PolledSource<T>): StreamNode<T> {
  return new PollingInput(runtime, source).node;
}
