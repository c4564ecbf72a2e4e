/**
 * The local executor: compiles an analysed plan onto the engine. Every node becomes an engine
 * RDD of internal rows (the one primitive, `RDDSpec.compute(partition, sink)`); chains of
 * narrow nodes are fused into one generated function (pipeline.ts), and the operators that
 * need all their input (aggregation, join, sort, window) consume it through a fused pipeline
 * too, so a `groupBy().count()` is one generated loop over the input rows.
 */
import { RDD, type SparkContext } from '../engine.js';
import type { GenOptions } from '../codegen/gen.js';
import type { InternalRow } from '../types/values.js';
import type { PJoin, RPlan } from '../analysis/resolved.js';
import type { JoinTable } from './join-stream.js';
import { type Consumer, compilePipeline, compileRangePipeline, emitRow, splitNarrow } from './pipeline.js';
import { aggregateRows } from './aggregate-exec.js';
import { joinRows } from './join-exec.js';
import { joinTable } from './join-stream.js';
import { sortRows } from './sort-exec.js';
import { windowRows } from './window-exec.js';
import { rangePartitions, rangeSlice } from './range.js';
import { setOpRows } from './set-op-exec.js';
import { partitionOf } from '../codegen/murmur3.js';
import { Gen } from '../codegen/gen.js';
import { batchGroupsWithState, streamingActionError } from './streaming-hooks.js';
import { requiredScanColumns } from './prune.js';
import type { PScan } from '../analysis/resolved.js';

/** Rows computed once and kept for a query (an aggregation's result …). */
export type Partitions = InternalRow[][];

/** Where cached DataFrames keep their rows (the session's cache). */
export interface CacheStore {
  get(key: object): Partitions | undefined;
  set(key: object, rows: Partitions): void;
}

/** Session settings the executor needs. */
export interface ExecOptions extends GenOptions {
  readonly shufflePartitions: number;
  /** Adaptive execution coalesces small shuffle outputs into one partition, as Spark's AQE. */
  readonly adaptive: boolean;
  readonly cache: CacheStore;
}

class Stop {}
const STOP = new Stop();

/** Compiles plans for one query (one action): `current_timestamp()` is fixed across it. */
export class Executor {
  readonly options: ExecOptions;

  constructor(
    readonly sc: SparkContext,
    options: Omit<ExecOptions, 'runSubquery'>,
  ) {
    this.options = { ...options, runSubquery: (p) => this.collect(p) };
  }

  /** The columns each scan must read, from the first plan this executor is given (the query's root). */
  private required: Map<PScan, boolean[]> | undefined;

  private root(plan: RPlan): void {
    this.required ??= requiredScanColumns(plan);
  }

  /** The plan as an engine RDD of internal rows. */
  rdd(plan: RPlan): RDD<InternalRow> {
    this.root(plan);
    const { source, chain } = splitNarrow(plan);
    if (chain.length === 0) return this.sourceRDD(source);
    return this.pipelineRDD(plan, emitRow, () => undefined, chain.map((n) => n.k).join('+'));
  }

  /**
   * An RDD running `plan`'s narrow chain with `consumer` at its end; `$emit` is the RDD's sink
   * and `$state` comes from `state()` (called once, on first use).
   */
  pipelineRDD(plan: RPlan, consumer: Consumer, state: () => unknown, name: string, gen?: (source: RPlan) => Gen): RDD<InternalRow> {
    this.root(plan);
    const { source, chain } = splitNarrow(plan);
    let st: unknown;
    let got = false;
    const getState = (): unknown => {
      if (!got) {
        st = state();
        got = true;
      }
      return st;
    };
    if (source.k === 'range') {
      const make = compileRangePipeline(source.output[0]!, chain, consumer, this.options, gen?.(source), this.joinTables);
      return new RDD<InternalRow>(this.sc, {
        name,
        numPartitions: source.numPartitions,
        parents: [],
        compute: (i, sink) => {
          const { start, count } = rangeSlice(source, i);
          make(i, sink, getState())(start, count, source.step);
        },
      });
    }
    const src = this.sourceRDD(source);
    const make = compilePipeline(source.output, chain, consumer, this.options, gen?.(source), this.joinTables);
    return new RDD<InternalRow>(this.sc, {
      name,
      numPartitions: src.getNumPartitions(),
      parents: [src],
      compute: (i, sink) => src.iterate(i, make(i, sink, getState())),
    });
  }

  /** Runs `plan`'s rows through `consumer` (code inlined after the plan's narrow chain), partition by partition. */
  consume(plan: RPlan, consumer: Consumer, state: unknown, gen?: Gen): void {
    const rdd = this.pipelineRDD(plan, consumer, () => state, 'consume', gen ? () => gen : undefined);
    const none = (): void => undefined;
    for (let i = 0; i < rdd.getNumPartitions(); i++) rdd.iterate(i, none);
  }

  /** All rows of a plan, in partition order. */
  collect(plan: RPlan): InternalRow[] {
    return this.rdd(plan).collect();
  }

  /** The first `n` rows, computing partitions one by one and stopping early. */
  take(plan: RPlan, n: number): InternalRow[] {
    this.root(plan);
    const rdd = this.rdd(plan);
    const out: InternalRow[] = [];
    if (n <= 0) return out;
    for (let i = 0; i < rdd.getNumPartitions() && out.length < n; i++) {
      try {
        rdd.iterate(i, (r) => {
          out.push(r);
          if (out.length >= n) throw STOP;
        });
      } catch (e) {
        if (e !== STOP) throw e;
      }
    }
    return out;
  }

  /** The hashed side of a streamed join, built on first use. */
  private readonly joinTables = (plan: PJoin): JoinTable => joinTable(plan, (p, c, s) => this.consume(p, c, s));

  /** Rows already computed, as an RDD. */
  fromPartitions(name: string, parts: Partitions, parents: readonly RDD<unknown>[] = []): RDD<InternalRow> {
    return new RDD<InternalRow>(this.sc, {
      name,
      numPartitions: parts.length,
      parents,
      size: parts.reduce((n, p) => n + p.length, 0),
      compute: (i, sink) => {
        const p = parts[i]!;
        for (let j = 0; j < p.length; j++) sink(p[j]!);
      },
    });
  }

  /** An RDD computed on first use (then kept for this query), for operators that need all their input. */
  lazy(name: string, parents: readonly RDD<unknown>[], numPartitions: number, compute: () => Partitions): RDD<InternalRow> {
    let parts: Partitions | undefined;
    return new RDD<InternalRow>(this.sc, {
      name,
      numPartitions,
      parents,
      shuffle: true,
      compute: (i, sink) => {
        parts ??= compute();
        const p = parts[i];
        if (p) for (let j = 0; j < p.length; j++) sink(p[j]!);
      },
    });
  }

  /**
   * Places rows in shuffle partitions as Spark's reducers see them: `buckets[i]` is row i's
   * shuffle partition and `mapParts[i]` the input partition (map task) it first came from. A
   * reducer reads map task by map task, so rows are ordered by (map task, bucket) when adaptive
   * execution coalesces all partitions into one, else kept per bucket in map-task order.
   */
  shuffleOut(rows: InternalRow[], buckets: number[] | undefined, mapParts?: number[]): Partitions {
    const n = this.options.shufflePartitions;
    if (buckets === undefined) return [rows];
    const idx = rows.map((_r, i) => i);
    const m = mapParts ?? [];
    if (this.options.adaptive) {
      idx.sort((a, b) => (m[a] ?? 0) - (m[b] ?? 0) || buckets[a]! - buckets[b]! || a - b);
      return [idx.map((i) => rows[i]!)];
    }
    idx.sort((a, b) => buckets[a]! - buckets[b]! || (m[a] ?? 0) - (m[b] ?? 0) || a - b);
    const parts: Partitions = Array.from({ length: n }, () => []);
    for (const i of idx) parts[buckets[i]!]!.push(rows[i]!);
    return parts;
  }

  /** Partitions after a shuffle: one when adaptive execution coalesces (small local data), else spark.sql.shuffle.partitions. */
  shuffleWidth(): number {
    return this.options.adaptive ? 1 : this.options.shufflePartitions;
  }

  private sourceRDD(plan: RPlan): RDD<InternalRow> {
    switch (plan.k) {
      case 'local':
        return this.fromPartitions('LocalTableScan', plan.partitions as Partitions);
      case 'rdd':
        return plan.rdd;
      case 'range':
        return new RDD<InternalRow>(this.sc, {
          name: 'Range',
          numPartitions: plan.numPartitions,
          parents: [],
          compute: (i, sink) => rangePartitions(plan, i, sink),
        });
      case 'scan': {
        const scan = plan.scan;
        const required = this.required?.get(plan);
        const pruned = required !== undefined && required.some((r) => !r) ? required : undefined;
        return new RDD<InternalRow>(this.sc, {
          name: `Scan ${plan.format}`,
          numPartitions: scan.numPartitions,
          parents: [],
          compute: (i, sink) => scan.readPartition(i, sink, pruned),
        });
      }
      case 'aggregate':
        return this.lazy('HashAggregate', [], this.shuffleWidth(), () => aggregateRows(plan, this));
      case 'join':
        return this.lazy('Join', [], this.shuffleWidth(), () => joinRows(plan, this));
      case 'sort':
        return this.lazy('Sort', [], 1, () => [sortRows(this.collect(plan.input), plan.order, plan.input.output, this.options)]);
      case 'window':
        return this.lazy('Window', [], this.shuffleWidth(), () => windowRows(plan, this));
      case 'intersect':
      case 'except':
        return this.lazy(plan.k, [], 1, () => [setOpRows(plan, this)]);
      case 'limit':
        return this.lazy('Limit', [], 1, () => [this.take(plan.input, plan.n)]);
      case 'offset':
        return this.lazy('Offset', [], 1, () => [this.collect(plan.input).slice(plan.n)]);
      case 'tail':
        return this.lazy('Tail', [], 1, () => {
          const all = this.collect(plan.input);
          return [all.slice(Math.max(0, all.length - plan.n))];
        });
      case 'union': {
        const rdds = plan.inputs.map((p) => this.rdd(p));
        const offsets: Array<[RDD<InternalRow>, number]> = [];
        for (const r of rdds) for (let i = 0; i < r.getNumPartitions(); i++) offsets.push([r, i]);
        return new RDD<InternalRow>(this.sc, {
          name: 'Union',
          numPartitions: offsets.length,
          parents: rdds,
          compute: (i, sink) => {
            const [r, p] = offsets[i]!;
            r.iterate(p, sink);
          },
        });
      }
      case 'repartition':
        return this.repartition(plan);
      case 'external':
        return this.lazy(plan.name, [], plan.numPartitions, () => plan.compute(this, plan.children));
      case 'groupsWithState':
        return this.lazy('FlatMapGroupsWithState', [], this.shuffleWidth(), () => batchGroupsWithState(plan, this));
      case 'streamSource':
        throw streamingActionError(plan);
      case 'cached': {
        const key = plan.key;
        const hit = this.options.cache.get(key);
        if (hit) return this.fromPartitions('InMemoryTableScan', hit);
        const inner = this.rdd(plan.input);
        const parts: Partitions = [];
        for (let i = 0; i < inner.getNumPartitions(); i++) parts.push(inner.partitionArray(i));
        this.options.cache.set(key, parts);
        return this.fromPartitions('InMemoryTableScan', parts);
      }
      default:
        throw new Error(`internal: ${plan.k} is not a source`);
    }
  }

  private repartition(plan: Extract<RPlan, { k: 'repartition' }>): RDD<InternalRow> {
    const n = plan.numPartitions;
    const input = this.rdd(plan.input);
    if (!plan.shuffle) {
      // coalesce(n): neighbouring partitions merged, no shuffle.
      const m = input.getNumPartitions();
      const target = Math.min(n, m);
      return new RDD<InternalRow>(this.sc, {
        name: 'Coalesce',
        numPartitions: target,
        parents: [input],
        compute: (i, sink) => {
          for (let p = Math.floor((i * m) / target); p < Math.floor(((i + 1) * m) / target); p++) input.iterate(p, sink);
        },
      });
    }
    return this.lazy('Exchange', [input], n, () => {
      const parts: Partitions = Array.from({ length: n }, () => []);
      if (plan.exprs.length === 0) {
        let k = 0;
        for (let i = 0; i < input.getNumPartitions(); i++) input.iterate(i, (r) => parts[k++ % n]!.push(r));
        return parts;
      }
      const g = Gen.forRow(plan.input.output, this.options);
      const keys = g.compile<(r: unknown[]) => unknown[]>(['r'], `return [${plan.exprs.map((e) => g.expr(e)).join(', ')}];`);
      const types = plan.exprs.map((e) => e.dataType);
      for (let i = 0; i < input.getNumPartitions(); i++) input.iterate(i, (r) => parts[partitionOf(keys(r), types, n)]!.push(r));
      return parts;
    });
  }
}
