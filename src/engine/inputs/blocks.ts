/**
 * Blocks: what a receiver stores, cut into one block per block interval (200 ms by default, as
 * Spark's `spark.streaming.blockInterval`). At each batch tick the blocks received so far are
 * taken for that batch; each becomes one partition of its RDD.
 *
 * This is also where the eager combine runs (eager-combine.ts): each consumer's narrow steps
 * and map-side combine run over a block's records the moment they are stored, into one
 * combiner table per block, so at the tick only the reduce side is left.
 */
import type { Clock } from '../clock.js';
import { type Aggregator, type CombinerTable, combiningSink } from '../rdd/shuffle.js';
import type { Sink } from '../rdd/sink.js';
import type { Stage } from '../rdd/stages.js';
import type { EagerConsumer, EagerInput } from './eager-combine.js';

/** One block interval's records. */
export interface Block<T> {
  readonly id: number;
  readonly chunks: T[][];
  count: number;
  /** Per eager consumer: its table for this block (undefined until a record arrives for it). */
  readonly eager: Array<EagerTable | undefined>;
}

/** A consumer's map-side work on one block: the combiner table, the sink that fills it, the first error, records per step. */
interface EagerTable {
  readonly table: CombinerTable<unknown, unknown>;
  readonly sink: Sink<unknown>;
  error: unknown;
  readonly counts: ReadonlyArray<{ n: number }>;
}

interface Consumer {
  readonly stages: ReadonlyArray<Stage<unknown, unknown>>;
  readonly aggregator: Aggregator<unknown, unknown>;
}

/** The blocks of one receiver input, and the eager consumers that run on them. */
export class Blocks<T> implements EagerInput {
  private current: Block<T>[] = [];
  private readonly taken = new Map<number, { readonly blocks: Block<T>[]; readonly count: number }>();
  private readonly consumers: Consumer[] = [];
  /** False when no batch job reads the raw records, so they are not kept. */
  private rawNeeded = true;

  constructor(
    private readonly clock: Clock,
    private readonly blockMs: number,
  ) {}

  /** Adds records received now to the current block and runs the consumers on them; returns how many were kept raw. */
  store(records: T[]): number {
    const id = Math.floor(this.clock.now() / this.blockMs);
    let block = this.current[this.current.length - 1];
    if (!block || block.id !== id) {
      block = { id, chunks: [], count: 0, eager: [] };
      this.current.push(block);
    }
    block.count += records.length;
    for (let c = 0; c < this.consumers.length; c++) this.runEager(block, c, records);
    if (!this.rawNeeded) return 0;
    block.chunks.push(records);
    return records.length;
  }

  /** The tick of `time`: takes every block stored so far for that batch; returns the record count. */
  cut(time: number): number {
    const blocks = this.current;
    this.current = [];
    const count = blocks.reduce((n, b) => n + b.count, 0);
    this.taken.set(time, { blocks, count });
    return count;
  }

  /** The partitions of batch `time`: one per block. */
  partitions(time: number): T[][] {
    return (this.taken.get(time)?.blocks ?? []).map((b) => (b.chunks.length === 1 && b.chunks[0] ? b.chunks[0] : b.chunks.flat()));
  }

  /** Forgets batch `time`; returns how many raw records it held. */
  release(time: number): number {
    const batch = this.taken.get(time);
    if (!batch) return 0;
    this.taken.delete(time);
    return this.rawNeeded ? batch.count : 0;
  }

  /** True when records were stored that no tick has taken yet. */
  get hasPending(): boolean {
    return this.current.length > 0;
  }

  setRawNeeded(needed: boolean): void {
    this.rawNeeded = needed;
  }

  addConsumer(stages: ReadonlyArray<Stage<unknown, unknown>>, aggregator: Aggregator<unknown, unknown>): EagerConsumer {
    const c = this.consumers.push({ stages, aggregator }) - 1;
    const counted = new Map<number, number[]>();
    return {
      take: (time) => {
        const batch = this.taken.get(time);
        if (!batch) return undefined;
        let error: unknown;
        const counts = stages.map(() => 0);
        const tables = batch.blocks.map((b) => {
          const e = b.eager[c];
          if (e?.error !== undefined && error === undefined) error = e.error;
          e?.counts.forEach((counter, i) => (counts[i] = (counts[i] ?? 0) + counter.n));
          return e?.table ?? new Map();
        });
        for (const t of counted.keys()) if (t < time) counted.delete(t);
        counted.set(time, counts);
        return { tables, error };
      },
      countAt: (time, step) => counted.get(time)?.[step],
    };
  }

  /** Runs consumer `c`'s narrow steps and map-side combine over `records`, into the block's table. */
  private runEager(block: Block<T>, c: number, records: T[]): void {
    let e = block.eager[c];
    if (e === undefined) {
      const consumer = this.consumers[c];
      if (consumer === undefined) return;
      const table: CombinerTable<unknown, unknown> = new Map();
      const counts = consumer.stages.map(() => ({ n: 0 }));
      e = block.eager[c] = { table, sink: eagerSink(consumer, table, counts), error: undefined, counts };
    }
    // After a throw the batch has failed for this consumer; its remaining records are not run.
    if (e.error !== undefined) return;
    const sink = e.sink;
    try {
      for (const r of records) sink(r);
    } catch (err) {
      e.error = err;
    }
  }
}

/** The consumer's steps chained into the combining sink, each counting what it produces. */
function eagerSink(consumer: Consumer, table: CombinerTable<unknown, unknown>, counts: ReadonlyArray<{ n: number }>): Sink<unknown> {
  let sink = combiningSink(table, consumer.aggregator) as Sink<unknown>;
  for (const [stage, counter] of consumer.stages.map((st, i) => [st, counts[i] ?? { n: 0 }] as const).reverse()) {
    const next = sink;
    sink = stage((x) => {
      counter.n++;
      next(x);
    }, 0);
  }
  return sink;
}
