/**
 * The direct stream's part in the engine's map-side combine as records arrive
 * (engine/inputs/eager-combine.ts): for `createDirectStream → map → flatMap → reduceByKey`, the
 * narrow steps and the map side of the aggregation run on each record as the batch's ranges are
 * fetched, into one combiner table per range (= per partition of the batch's RDD), and the raw
 * records are not kept when no job reads them. The result is exactly what computing the RDD
 * would give; the batch needs far less memory and no second pass over its records.
 */
import type { EagerConsumer, EagerInput } from '../../engine/inputs/eager-combine.js';
import { type Aggregator, type CombinerTable, combiningSink } from '../../engine/rdd/shuffle.js';
import type { Sink } from '../../engine/rdd/sink.js';
import type { Stage } from '../../engine/rdd/stages.js';

interface Consumer {
  readonly stages: ReadonlyArray<Stage<unknown, unknown>>;
  readonly aggregator: Aggregator<unknown, unknown>;
  /** The operator's name, for the message when a record is not a pair (ERR_NOT_A_PAIR). */
  readonly operator: string;
}

/** One consumer's work on one range of one batch. */
interface Part {
  readonly table: CombinerTable<unknown, unknown>;
  readonly sink: Sink<unknown>;
  error: unknown;
  readonly counts: ReadonlyArray<{ n: number }>;
}

/** One batch's tables: per consumer, per range. */
export class EagerBatch {
  constructor(
    private readonly consumers: readonly Consumer[],
    readonly parts: Array<Array<Part | undefined>>,
  ) {}

  /** Runs every consumer on `record`, which belongs to range `range`. */
  push(range: number, record: unknown): void {
    for (let c = 0; c < this.consumers.length; c++) {
      const row = this.parts[c];
      if (!row) continue;
      let p = row[range];
      if (p === undefined) {
        const consumer = this.consumers[c];
        if (!consumer) continue;
        const table: CombinerTable<unknown, unknown> = new Map();
        const counts = consumer.stages.map(() => ({ n: 0 }));
        p = row[range] = { table, sink: chain(consumer, table, counts, range), error: undefined, counts };
      }
      // After a throw the batch has failed for this consumer; its other records are not run.
      if (p.error !== undefined) continue;
      try {
        p.sink(record);
      } catch (e) {
        p.error = e;
      }
    }
  }

  /** Fails every consumer of the batch with `error` (a decoder that threw). */
  fail(error: unknown): void {
    for (const row of this.parts) for (let i = 0; i < row.length; i++) row[i] = { table: new Map(), sink: () => undefined, error, counts: [] };
  }
}

/** The consumers of one direct stream, and the batches' tables. */
export class EagerTables implements EagerInput {
  private readonly consumers: Consumer[] = [];
  private readonly batches = new Map<number, { batch: EagerBatch; ranges: number }>();
  private readonly counted = new Map<number, number[][]>();
  /** False when no job reads the raw records: they are then not kept. */
  rawNeeded = true;

  get active(): boolean {
    return this.consumers.length > 0;
  }

  setRawNeeded(needed: boolean): void {
    this.rawNeeded = needed;
  }

  /** A new batch of `ranges` ranges at `time`. */
  begin(time: number, ranges: number): EagerBatch {
    const batch = new EagerBatch(
      this.consumers,
      this.consumers.map(() => new Array<Part | undefined>(ranges).fill(undefined)),
    );
    this.batches.set(time, { batch, ranges });
    return batch;
  }

  /** Forgets batch `time`. */
  release(time: number): void {
    this.batches.delete(time);
    for (const t of this.counted.keys()) if (t < time) this.counted.delete(t);
  }

  addConsumer(stages: ReadonlyArray<Stage<unknown, unknown>>, aggregator: Aggregator<unknown, unknown>, operator: string): EagerConsumer {
    const c = this.consumers.push({ stages, aggregator, operator }) - 1;
    return {
      take: (time) => {
        const b = this.batches.get(time);
        if (!b) return undefined;
        let error: unknown;
        const counts = stages.map(() => 0);
        const row = b.batch.parts[c] ?? [];
        const tables = Array.from({ length: b.ranges }, (_, i) => {
          const p = row[i];
          if (p?.error !== undefined && error === undefined) error = p.error;
          p?.counts.forEach((k, s) => (counts[s] = (counts[s] ?? 0) + k.n));
          return p?.table ?? new Map();
        });
        const all = this.counted.get(time) ?? [];
        all[c] = counts;
        this.counted.set(time, all);
        return { tables, error };
      },
      countAt: (time, step) => this.counted.get(time)?.[c]?.[step],
    };
  }
}

/** The consumer's steps chained into the combining sink, each counting what it produces. */
function chain(consumer: Consumer, table: CombinerTable<unknown, unknown>, counts: ReadonlyArray<{ n: number }>, partition: number): Sink<unknown> {
  let sink = combiningSink(table, consumer.aggregator, consumer.operator) as Sink<unknown>;
  for (const [stage, counter] of consumer.stages.map((st, i) => [st, counts[i] ?? { n: 0 }] as const).reverse()) {
    const next = sink;
    sink = stage((x) => {
      counter.n++;
      next(x);
    }, partition);
  }
  return sink;
}
