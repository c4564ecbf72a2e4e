/**
 * `ssc.receiverStream(receiver)`: records pushed by a background receiver (a socket …) are
 * kept in blocks (one per block interval, 200 ms by default, as Spark's
 * `spark.streaming.blockInterval`); at each batch tick the blocks received so far become that
 * batch's RDD, one partition per block. Records that no finished batch has released count
 * against a limit; above it the receiver is told to pause (TCP backpressure).
 */
import type { StreamingContext } from '../context.js';
import { DStream } from '../dstream.js';
import type { SourceInfo, SourceState } from '../events.js';
import type { InputHandle } from '../graph.js';
import type { Sink } from '../rdd.js';
import { type Aggregator, type CombinerTable, combiningSink } from '../rdd/shuffle.js';
import type { Stage } from '../rdd/stages.js';
import type { Receiver, ReceiverSink } from '../source.js';
import type { EagerCapableInput } from './eager-combine.js';

/** Options of a receiver stream. */
export interface ReceiverStreamOptions {
  /** Records held (received, not yet processed) above which the receiver is paused. Default 1,000,000. */
  maxBufferedRecords?: number;
  /** Block interval in ms (partitions per batch). Default 200. */
  blockIntervalMs?: number;
}

interface Block<T> {
  readonly id: number;
  readonly chunks: T[][];
  count: number;
  /** Per eager consumer: the block's combiner table, the sink that fills it, the first error, records per step. */
  readonly eager: Array<{ table: CombinerTable<unknown, unknown>; sink: Sink<unknown>; error: unknown; counts: number[] } | undefined>;
}

interface Consumer {
  readonly stages: ReadonlyArray<Stage<unknown, unknown>>;
  readonly aggregator: Aggregator<unknown, unknown>;
}

/** The consumer's steps chained into the combining sink, counting what each step produces. */
function eagerSink(consumer: Consumer, table: CombinerTable<unknown, unknown>, counts: number[]): Sink<unknown> {
  let sink = combiningSink(table, consumer.aggregator) as Sink<unknown>;
  for (let i = consumer.stages.length - 1; i >= 0; i--) {
    const next = sink;
    const step = i;
    sink = consumer.stages[i]!((x) => {
      counts[step]!++;
      next(x);
    }, 0);
  }
  return sink;
}

export function receiverStream<T>(ssc: StreamingContext, receiver: Receiver<T>, options: ReceiverStreamOptions = {}): DStream<T> {
  const maxBuffered = options.maxBufferedRecords ?? 1_000_000;
  const blockMs = options.blockIntervalMs ?? 200;
  const clock = ssc.clock;
  let current: Block<T>[] = [];
  const allocated = new Map<number, { blocks: Block<T>[]; count: number }>();
  let held = 0;
  let paused = false;
  let resumeWaiters: Array<() => void> = [];
  let stopped = false;
  let rawNeeded = true;
  const consumers: Consumer[] = [];

  const info: SourceInfo = { id: 0, name: receiver.name, state: 'initialized', recordsReceived: 0 };

  const sink: ReceiverSink<T> = {
    clock,
    store(records) {
      if (stopped || records.length === 0) return;
      const id = Math.floor(clock.now() / blockMs);
      let block = current[current.length - 1];
      if (!block || block.id !== id) {
        block = { id, chunks: [], count: 0, eager: [] };
        current.push(block);
      }
      block.count += records.length;
      info.recordsReceived += records.length;
      for (let c = 0; c < consumers.length; c++) runEager(block, c, records);
      if (rawNeeded) {
        block.chunks.push(records);
        held += records.length;
        if (held > maxBuffered) paused = true;
      }
    },
    status(state: SourceState, message?: string) {
      info.state = state;
      if (message !== undefined) info.lastMessage = message;
      ssc.reportSourceStatus(info, message);
    },
    warn(message: string) {
      info.lastError = message;
      info.lastErrorTime = clock.now();
      ssc.reportSourceWarning(info, message);
    },
    get backpressured() {
      return paused;
    },
    onResume(cb) {
      if (!paused) cb();
      else resumeWaiters.push(cb);
    },
  };

  /** Runs consumer `c`'s narrow steps and map-side combine over `records`, into the block's table. */
  const runEager = (block: Block<T>, c: number, records: T[]): void => {
    let e = block.eager[c];
    if (e === undefined) {
      const consumer = consumers[c]!;
      const table: CombinerTable<unknown, unknown> = new Map();
      const counts = consumer.stages.map(() => 0);
      e = block.eager[c] = { table, sink: eagerSink(consumer, table, counts), error: undefined, counts };
    }
    // After a throw the batch has failed for this consumer; its remaining records are not run.
    if (e.error !== undefined) return;
    const sink = e.sink;
    try {
      for (let i = 0; i < records.length; i++) sink(records[i]);
    } catch (err) {
      e.error = err;
    }
  };

  const stream = new DStream<T>(ssc, {
    name: receiver.name.split(' ')[0] ?? 'receiverStream',
    kind: 'input',
    parents: [],
    compute: (time) => {
      const batch = allocated.get(time);
      const blocks = batch?.blocks ?? [];
      return ssc.sparkContext.fromPartitions<T>(
        blocks.map((b) => (b.chunks.length === 1 ? b.chunks[0]! : b.chunks.flat())),
        'receiverBlocks',
      );
    },
  });
  Object.assign(info, { id: stream.id });

  const handle: InputHandle = {
    streamId: stream.id,
    info,
    start() {
      stopped = false;
      receiver.start(sink);
    },
    async stop() {
      // Records a receiver hands over while stopping (a final partial line) still count.
      await receiver.stop();
      stopped = true;
      if (info.state !== 'stopped') {
        info.state = 'stopped';
        ssc.reportSourceStatus(info);
      }
    },
    cut(time) {
      const blocks = current;
      current = [];
      const count = blocks.reduce((n, b) => n + b.count, 0);
      allocated.set(time, { blocks, count });
      return count;
    },
    release(time) {
      const batch = allocated.get(time);
      if (!batch) return;
      allocated.delete(time);
      if (rawNeeded) held -= batch.count;
      // Resume below half the limit, so a receiver near the edge does not flap.
      if (paused && held <= maxBuffered / 2) {
        paused = false;
        const waiters = resumeWaiters;
        resumeWaiters = [];
        for (const w of waiters) w();
      }
    },
    hasPendingData() {
      return current.length > 0;
    },
  };
  const eagerCapable: EagerCapableInput = {
    addEagerConsumer(chain, stages, aggregator) {
      const c = consumers.push({ stages, aggregator }) - 1;
      return {
        chain,
        take(time) {
          const batch = allocated.get(time);
          if (!batch) return undefined;
          let error: unknown;
          const counts = stages.map(() => 0);
          const tables = batch.blocks.map((b) => {
            const e = b.eager[c];
            if (e?.error !== undefined && error === undefined) error = e.error;
            e?.counts.forEach((n, i) => (counts[i]! += n));
            return e?.table ?? new Map();
          });
          return { tables, error, counts };
        },
      };
    },
    setRawNeeded(needed) {
      rawNeeded = needed;
    },
  };
  Object.assign(handle, eagerCapable);
  ssc.graphInternal.addInput(handle);
  return stream;
}
