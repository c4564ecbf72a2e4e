/**
 * `ssc.receiverStream(receiver)`: records pushed by a background receiver (a socket …) are
 * stored in blocks (blocks.ts); at each batch tick the blocks received so far become that
 * batch's RDD, one partition per block. Records that no finished batch has released count
 * against a limit; above it the receiver is told to pause (TCP backpressure).
 */
import { OptionReader, check, positiveInteger, rule } from '../checks.js';
import type { RDD } from '../rdd/rdd.js';
import type { StreamingRuntime } from '../runtime.js';
import type { Receiver, ReceiverSink } from '../source.js';
import type { StreamNode } from '../dstream/stream-node.js';
import { Blocks } from './blocks.js';
import type { EagerInput } from './eager-combine.js';
import { Input } from './input.js';

/** Options of a receiver stream. */
export interface ReceiverStreamOptions {
  /** Records held (received, not yet processed) above which the receiver is paused. Default 1,000,000. */
  maxBufferedRecords?: number;
  /** Block interval in ms (partitions per batch). Default 200. */
  blockIntervalMs?: number;
}

const RECEIVER = rule(
  'a Receiver: an object with a name, start(sink) and stop()',
  (v): v is Receiver<unknown> =>
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Receiver<unknown>).name === 'string' &&
    typeof (v as Receiver<unknown>).start === 'function' &&
    typeof (v as Receiver<unknown>).stop === 'function',
);

/** A receiver as an input of the graph. */
class ReceiverInput<T> extends Input<T> {
  private readonly blocks: Blocks<T>;
  /** Runs aggregations' map side as records arrive (planned by eager-combine.ts when the context starts). */
  readonly eager: EagerInput;
  private readonly sink: ReceiverSink<T>;
  private held = 0;
  private paused = false;
  private resumeWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(
    runtime: StreamingRuntime,
    private readonly receiver: Receiver<T>,
    private readonly maxBuffered: number,
    blockMs: number,
  ) {
    super(runtime, receiver.name.split(' ')[0] ?? 'receiverStream', receiver.name);
    this.blocks = new Blocks<T>(runtime.clock, blockMs);
    this.eager = this.blocks;
    const input = this;
    this.sink = {
      clock: runtime.clock,
      store: (records) => this.store(records),
      status: (state, message) => this.status(state, message),
      warn: (message) => this.warn(message),
      get backpressured() {
        return input.paused;
      },
      onResume: (cb) => {
        if (!this.paused) cb();
        else this.resumeWaiters.push(cb);
      },
    };
  }

  protected batch(time: number): RDD<T> {
    return this.runtime.sc.fromPartitions<T>(this.blocks.partitions(time), 'receiverBlocks');
  }

  private store(records: T[]): void {
    if (this.stopped || records.length === 0) return;
    this.info.recordsReceived += records.length;
    this.held += this.blocks.store(records);
    if (this.held > this.maxBuffered) this.paused = true;
  }

  start(): void {
    this.stopped = false;
    this.receiver.start(this.sink);
  }

  async stop(): Promise<void> {
    // Records a receiver hands over while stopping (a final partial line) still count.
    await this.receiver.stop();
    this.stopped = true;
    if (this.info.state !== 'stopped') {
      this.info.state = 'stopped';
      this.runtime.reportSourceStatus(this.info);
    }
  }

  cut(time: number): number {
    return this.blocks.cut(time);
  }

  release(time: number): void {
    this.held -= this.blocks.release(time);
    // Resume below half the limit, so a receiver near the edge does not flap.
    if (this.paused && this.held <= this.maxBuffered / 2) {
      this.paused = false;
      const waiters = this.resumeWaiters;
      this.resumeWaiters = [];
      for (const w of waiters) w();
    }
  }

  hasPendingData(): boolean {
    return this.blocks.hasPending;
  }
}

/** The stream of `ssc.receiverStream(receiver, options)`. */
export function receiverStream<T>(runtime: StreamingRuntime, receiver: Receiver<T>, options?: ReceiverStreamOptions): StreamNode<T> {
  check('receiverStream', 'receiver', receiver, RECEIVER);
  const o = new OptionReader<ReceiverStreamOptions>('receiverStream', options);
  const maxBuffered = o.get('maxBufferedRecords', positiveInteger) ?? 1_000_000;
  const blockMs = o.get('blockIntervalMs', positiveInteger) ?? 200;
  o.done();
  return new ReceiverInput(runtime, receiver, maxBuffered, blockMs).node;
}
