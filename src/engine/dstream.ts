/**
 * DStream: a discretized stream, one RDD per batch; pyspark's DStream in TypeScript.
 *
 * One primitive does most of the work: every transformation is a `transform` of the RDD of
 * each batch (`map(f)` is `transform(rdd => rdd.map(f))`), so the RDD's fused, push-based
 * evaluation carries over to streams. Windows, state, union and output operations are the other
 * primitives.
 */
import type { StreamingContext } from './context.js';
import { IllegalArgumentError, formatDurationMs } from './errors.js';
import { formatBatchTime, formatRecord } from './format.js';
import { Partitioner } from './partitioner.js';
import { RDD, type StorageLevel, checkFunction, shuffledRDD } from './rdd.js';
import { type Aggregator, type CombinerTable, mergeTables } from './rdd/shuffle.js';
import { type Stage, filterStage, flatMapStage, mapStage, mapValuesStage, flatMapValuesStage } from './rdd/stages.js';
import type { EagerConsumer } from './dstream/eager-combine.js';
import { rddToFileName } from './dstream/file-names.js';
import { nextGraphId } from './graph.js';
import { type MapWithStateDStream, mapWithStateStream } from './ops/map-with-state.js';
import { reduceByKeyAndWindowStream } from './ops/reduce-by-key-and-window.js';
import type { StateSpec } from './ops/state-spec.js';
import { updateStateByKeyStream } from './ops/update-state-by-key.js';
import { checkNumPartitions, windowArgs } from './ops/window-args.js';
import { windowStream } from './ops/window.js';

/** How a DStream makes its RDD for a batch: the primitive every DStream kind is built from. */
export interface DStreamSpec<T> {
  /** Operator name, shown in the pipeline picture ("flatMap", "reduceByKey" …). */
  readonly name: string;
  readonly parents: readonly DStream<unknown>[];
  readonly kind: 'input' | 'transform';
  /** Interval between RDDs in ms; defaults to the first parent's (or the batch interval for inputs). */
  readonly slideMs?: number;
  /** For windows: how far back in time this stream reads its parent, in ms. */
  readonly windowMs?: number;
  /** True when the stream keeps the parent batches its window needs itself, so the parents need not remember them. */
  readonly storesWindow?: boolean;
  /** True for streams Spark requires a checkpoint directory for (state, inverse windows). */
  readonly mustCheckpoint?: boolean;
  /** For narrow steps (map, flatMap, filter …): the per-record step, so it can also run as records arrive. */
  readonly narrowStage?: Stage<unknown, T>;
  /** For per-key aggregations: the aggregator and placement, so the map side can run as records arrive. */
  readonly combine?: { readonly aggregator: Aggregator<unknown, unknown>; readonly partitioner: Partitioner };
  /** The RDD for batch `time`, or undefined when this stream has none at that time. */
  compute(time: number): RDD<T> | undefined;
}

/** A stream of RDDs, one per batch. Create one from `ssc.socketTextStream`, `ssc.queueStream` … */
export class DStream<T> {
  /** Unique id within the process; the pipeline picture and BatchInfo.streamCounts use it. */
  readonly id = nextGraphId();
  /** @internal */
  readonly ssc: StreamingContext;
  /** @internal */
  readonly spec: DStreamSpec<T>;
  /** @internal RDDs generated so far, by batch time. */
  readonly generatedRDDs = new Map<number, RDD<T> | undefined>();
  /** @internal How long generated RDDs are kept (ms); set when the context starts. */
  rememberMs = 0;
  /** @internal */
  zeroTime: number | undefined;
  private storageLevel: StorageLevel | undefined;
  /** @internal Interval for checkpointing this stream's RDDs (ms), if set by `checkpoint()`. */
  checkpointMs: number | undefined;
  /** @internal Set when the context starts, for aggregations whose map side runs as records arrive. */
  eager: EagerConsumer | undefined;
  /** @internal Records counted for this stream by an eager chain, by batch time. */
  readonly eagerCounts = new Map<number, number>();

  /** @internal Use the StreamingContext's input methods or a transformation. */
  constructor(ssc: StreamingContext, spec: DStreamSpec<T>) {
    ssc.checkCanAddStream();
    for (const p of spec.parents) {
      if (p.ssc !== ssc) throw new IllegalArgumentError('All DStreams of a pipeline must belong to the same StreamingContext');
    }
    this.ssc = ssc;
    this.spec = spec;
    ssc.graphInternal.addStream(this as DStream<unknown>);
  }

  /** Interval between this stream's RDDs, in ms. */
  get slideDurationMs(): number {
    return this.spec.slideMs ?? this.spec.parents[0]?.slideDurationMs ?? this.ssc.batchDurationMs;
  }

  /** True when `cache()`/`persist()` was called. */
  get is_cached(): boolean {
    return this.storageLevel !== undefined;
  }

  /** True when `checkpoint()` was called. */
  get is_checkpointed(): boolean {
    return this.checkpointMs !== undefined;
  }

  /** The StreamingContext this stream belongs to. */
  context(): StreamingContext {
    return this.ssc;
  }

  /** @internal The RDD of batch `time`, made once and remembered. */
  getOrCompute(time: number): RDD<T> | undefined {
    if (this.generatedRDDs.has(time)) return this.generatedRDDs.get(time);
    if (!this.isTimeValid(time)) return undefined;
    let rdd = this.spec.compute(time);
    if (rdd && this.storageLevel) rdd = rdd.persist(this.storageLevel);
    if (rdd && this.ssc.recordCounting && rdd.counter === undefined) rdd.counter = { perPartition: [], partial: [] };
    this.generatedRDDs.set(time, rdd);
    return rdd;
  }

  /** @internal Records this stream produced in batch `time` (partial: a lower bound, e.g. after pprint's take). */
  recordCount(time: number): { count: number; partial: boolean } | undefined {
    const eager = this.eagerCounts.get(time);
    if (eager !== undefined) return { count: eager, partial: false };
    return this.generatedRDDs.get(time)?.countedRecords();
  }

  /** @internal A time is valid when it is after the zero time and on this stream's slide grid. */
  isTimeValid(time: number): boolean {
    if (this.zeroTime === undefined || time <= this.zeroTime) return false;
    return (time - this.zeroTime) % this.slideDurationMs === 0;
  }

  /** @internal Forgets RDDs older than the remember duration. */
  clearMetadata(time: number): void {
    for (const t of this.generatedRDDs.keys()) {
      if (t <= time - this.rememberMs) this.generatedRDDs.delete(t);
    }
    for (const t of this.eagerCounts.keys()) if (t < time) this.eagerCounts.delete(t);
  }

  // ---------------------------------------------------------------------------------------------
  // The transform primitive
  // ---------------------------------------------------------------------------------------------

  /** @internal A stream whose RDD at each batch is `f(parentRDD, time)`; `name` is for the picture. */
  derive<U>(name: string, f: (rdd: RDD<T>, time: number) => RDD<U> | undefined): DStream<U> {
    const parent = this;
    return new DStream<U>(this.ssc, {
      name,
      kind: 'transform',
      parents: [this as DStream<unknown>],
      compute: (time) => {
        const rdd = parent.getOrCompute(time);
        return rdd === undefined ? undefined : f(rdd, time);
      },
    });
  }

  /**
   * Applies `func` to the RDD of each batch; `func(rdd)` or `func(time, rdd)` (time as a Date),
   * chosen by its number of parameters as pyspark does. It must return an RDD.
   */
  transform<U>(func: (rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(func: (time: Date, rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(func: ((rdd: RDD<T>) => RDD<U>) | ((time: Date, rdd: RDD<T>) => RDD<U>)): DStream<U> {
    checkFunction('transform', 'func', func);
    if (func.length !== 1 && func.length !== 2) {
      throw new IllegalArgumentError(`transform: "func" should take one or two arguments (rdd) or (time, rdd); got ${func.length}`);
    }
    return this.derive<U>('transform', (rdd, time) => {
      const out = func.length === 1 ? (func as (rdd: RDD<T>) => RDD<U>)(rdd) : (func as (t: Date, rdd: RDD<T>) => RDD<U>)(new Date(time), rdd);
      return checkTransformResult(out);
    });
  }

  /**
   * Applies `func` to this stream's and `other`'s RDDs of each batch: `func(a, b)` or
   * `func(time, a, b)`. A side with no RDD at that time gets an empty RDD.
   */
  transformWith<U, R>(func: (a: RDD<T>, b: RDD<U>) => RDD<R>, other: DStream<U>): DStream<R>;
  transformWith<U, R>(func: (time: Date, a: RDD<T>, b: RDD<U>) => RDD<R>, other: DStream<U>): DStream<R>;
  transformWith<U, R>(
    func: ((a: RDD<T>, b: RDD<U>) => RDD<R>) | ((time: Date, a: RDD<T>, b: RDD<U>) => RDD<R>),
    other: DStream<U>,
  ): DStream<R> {
    checkFunction('transformWith', 'func', func);
    if (func.length !== 2 && func.length !== 3) {
      throw new IllegalArgumentError(`transformWith: "func" should take two or three arguments (a, b) or (time, a, b); got ${func.length}`);
    }
    checkSameSlide('transformWith', this, other);
    const left = this;
    const sc = this.ssc.sparkContext;
    return new DStream<R>(this.ssc, {
      name: 'transformWith',
      kind: 'transform',
      parents: [this as DStream<unknown>, other as DStream<unknown>],
      compute: (time) => {
        const a = left.getOrCompute(time) ?? sc.emptyRDD<T>();
        const b = other.getOrCompute(time) ?? sc.emptyRDD<U>();
        const out =
          func.length === 2
            ? (func as (a: RDD<T>, b: RDD<U>) => RDD<R>)(a, b)
            : (func as (t: Date, a: RDD<T>, b: RDD<U>) => RDD<R>)(new Date(time), a, b);
        return checkTransformResult(out);
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Transformations of each batch
  // ---------------------------------------------------------------------------------------------

  /** @internal A narrow step per record; it can also run as records arrive (see eager-combine.ts). */
  narrow<U>(name: string, stage: Stage<T, U>, preservesPartitioning = false): DStream<U> {
    const parent = this;
    return new DStream<U>(this.ssc, {
      name,
      kind: 'transform',
      parents: [this as DStream<unknown>],
      narrowStage: stage as Stage<unknown, U>,
      compute: (time) => parent.getOrCompute(time)?.pipe(name, stage, preservesPartitioning),
    });
  }

  /** @internal A per-key aggregation of each batch; its map side may run as records arrive. */
  combined<K, V, C>(this: DStream<readonly [K, V]>, name: string, aggregator: Aggregator<V, C>, numPartitions?: number): DStream<[K, C]> {
    const n = numPartitions ?? this.ssc.sparkContext.defaultParallelism;
    if (!Number.isInteger(n) || n < 1) {
      throw new IllegalArgumentError(`${name}: "numPartitions" must be a positive integer; got ${String(numPartitions)}`);
    }
    const partitioner = new Partitioner(n);
    const parent = this;
    const sc = this.ssc.sparkContext;
    const stream: DStream<[K, C]> = new DStream<[K, C]>(this.ssc, {
      name,
      kind: 'transform',
      parents: [this as DStream<unknown>],
      combine: { aggregator: aggregator as Aggregator<unknown, unknown>, partitioner },
      compute: (time) => {
        const pre = stream.eager?.take(time);
        if (pre) {
          stream.eager!.chain.forEach((s, i) => s.eagerCounts.set(time, pre.counts[i]!));
          const tables = pre.tables as Array<CombinerTable<K, C>>;
          return shuffledRDD<K, C>(sc, name, [], partitioner, () => {
            if (pre.error !== undefined) throw pre.error;
            return mergeTables(tables, partitioner, aggregator.mergeCombiners);
          });
        }
        return parent
          .getOrCompute(time)
          ?.combineByKey(aggregator.createCombiner, aggregator.mergeValue, aggregator.mergeCombiners, n, undefined, name);
      },
    });
    return stream;
  }

  /** Applies `f` to every element. A function returning `[k, v]` makes a pair stream. */
  map<K, V>(f: (x: T) => [K, V], preservesPartitioning?: boolean): DStream<[K, V]>;
  map<U>(f: (x: T) => U, preservesPartitioning?: boolean): DStream<U>;
  map<U>(f: (x: T) => U, preservesPartitioning = false): DStream<U> {
    checkFunction('map', 'f', f);
    return this.narrow('map', mapStage(f), preservesPartitioning);
  }

  /** Applies `f` to every element and flattens the iterables it returns. */
  flatMap<K, V>(f: (x: T) => Iterable<[K, V]>, preservesPartitioning?: boolean): DStream<[K, V]>;
  flatMap<U>(f: (x: T) => Iterable<U>, preservesPartitioning?: boolean): DStream<U>;
  flatMap<U>(f: (x: T) => Iterable<U>, preservesPartitioning = false): DStream<U> {
    checkFunction('flatMap', 'f', f);
    return this.narrow('flatMap', flatMapStage(f), preservesPartitioning);
  }

  /** Keeps the elements for which `f` is truthy. */
  filter<S extends T>(f: (x: T) => x is S): DStream<S>;
  filter(f: (x: T) => unknown): DStream<T>;
  filter(f: (x: T) => unknown): DStream<T> {
    checkFunction('filter', 'f', f);
    return this.narrow('filter', filterStage(f), true);
  }

  /** Applies `f` to the iterator of each partition. */
  mapPartitions<U>(f: (it: IterableIterator<T>) => Iterable<U>, preservesPartitioning = false): DStream<U> {
    checkFunction('mapPartitions', 'f', f);
    return this.derive('mapPartitions', (rdd) => rdd.mapPartitions(f, preservesPartitioning));
  }

  /** Applies `f(partitionIndex, iterator)` to each partition. */
  mapPartitionsWithIndex<U>(f: (index: number, it: IterableIterator<T>) => Iterable<U>, preservesPartitioning = false): DStream<U> {
    checkFunction('mapPartitionsWithIndex', 'f', f);
    return this.derive('mapPartitionsWithIndex', (rdd) => rdd.mapPartitionsWithIndex(f, preservesPartitioning));
  }

  /** One array per partition of each batch. */
  glom(): DStream<T[]> {
    return this.derive('glom', (rdd) => rdd.glom());
  }

  /** One element per batch: the number of elements (nothing for a batch with no partitions, as pyspark). */
  count(): DStream<number> {
    return this.derive('count', (rdd) =>
      rdd
        .mapPartitions((it) => {
          let n = 0;
          for (const _ of it) n++;
          return [n];
        })
        .map((n) => [null, n] as [null, number])
        .reduceByKey((a, b) => a + b, 1)
        .map((kv) => kv[1]),
    );
  }

  /** One element per batch: the elements reduced with `func` (nothing for an empty batch). */
  reduce(func: (a: T, b: T) => T): DStream<T> {
    checkFunction('reduce', 'func', func);
    return this.derive('reduce', (rdd) =>
      rdd
        .map((x) => [null, x] as [null, T])
        .reduceByKey(func, 1)
        .map((kv) => kv[1]),
    );
  }

  /** Each distinct element of each batch with its count: `[value, count]`. */
  countByValue(): DStream<[T, number]> {
    return this.derive('countByValue', (rdd) => rdd.map((x) => [x, 1] as [T, number]).reduceByKey((a, b) => a + b));
  }

  /** Redistributes each batch into `numPartitions` partitions. */
  repartition(numPartitions: number): DStream<T> {
    return this.derive('repartition', (rdd) => rdd.repartition(numPartitions));
  }

  /** This stream's elements followed by `other`'s, per batch. Both need the same slide duration. */
  union<U>(other: DStream<U>): DStream<T | U> {
    checkSameSlide('union', this, other);
    return unionStreams<T | U>(this.ssc, [this as DStream<T | U>, other as DStream<T | U>]);
  }

  // ---------------------------------------------------------------------------------------------
  // Pair transformations of each batch
  // ---------------------------------------------------------------------------------------------

  /** Merges the values of each key within each batch. */
  reduceByKey<K, V>(this: DStream<readonly [K, V]>, func: (a: V, b: V) => V, numPartitions?: number): DStream<[K, V]> {
    checkFunction('reduceByKey', 'func', func);
    return this.combined<K, V, V>('reduceByKey', { createCombiner: (v) => v, mergeValue: func, mergeCombiners: func }, numPartitions);
  }

  /** Groups the values of each key within each batch: `[key, values[]]`. */
  groupByKey<K, V>(this: DStream<readonly [K, V]>, numPartitions?: number): DStream<[K, V[]]> {
    return this.combined<K, V, V[]>(
      'groupByKey',
      {
        createCombiner: (v) => [v],
        mergeValue: (c, v) => {
          c.push(v);
          return c;
        },
        mergeCombiners: (a, b) => {
          for (const v of b) a.push(v);
          return a;
        },
      },
      numPartitions,
    );
  }

  /** Per-key aggregation within each batch, as RDD.combineByKey. */
  combineByKey<K, V, C>(
    this: DStream<readonly [K, V]>,
    createCombiner: (v: V) => C,
    mergeValue: (c: C, v: V) => C,
    mergeCombiners: (a: C, b: C) => C,
    numPartitions?: number,
  ): DStream<[K, C]> {
    checkFunction('combineByKey', 'createCombiner', createCombiner);
    checkFunction('combineByKey', 'mergeValue', mergeValue);
    checkFunction('combineByKey', 'mergeCombiners', mergeCombiners);
    return this.combined<K, V, C>('combineByKey', { createCombiner, mergeValue, mergeCombiners }, numPartitions);
  }

  /** Places each batch's pairs into partitions by `partitionFunc(key)`. */
  partitionBy<K, V>(this: DStream<readonly [K, V]>, numPartitions: number, partitionFunc?: (key: K) => number): DStream<[K, V]> {
    return this.derive('partitionBy', (rdd) => rdd.partitionBy(numPartitions, partitionFunc));
  }

  /** Applies `f` to each value, keeping the key. */
  mapValues<K, V, U>(this: DStream<readonly [K, V]>, f: (v: V) => U): DStream<[K, U]> {
    checkFunction('mapValues', 'f', f);
    return (this as DStream<readonly [K, V]>).narrow('mapValues', mapValuesStage<K, V, U>(f), true);
  }

  /** Applies `f` to each value and emits one pair per element it returns. */
  flatMapValues<K, V, U>(this: DStream<readonly [K, V]>, f: (v: V) => Iterable<U>): DStream<[K, U]> {
    checkFunction('flatMapValues', 'f', f);
    return (this as DStream<readonly [K, V]>).narrow('flatMapValues', flatMapValuesStage<K, V, U>(f), true);
  }

  /** Per-batch cogroup with `other`: `[key, [values[], otherValues[]]]`. */
  cogroup<K, V, W>(this: DStream<readonly [K, V]>, other: DStream<readonly [K, W]>, numPartitions?: number): DStream<[K, [V[], W[]]]> {
    return this.joinLike('cogroup', other, (a, b) => a.cogroup(b, numPartitions));
  }

  /** Per-batch inner join with `other`: `[key, [v, w]]`. */
  join<K, V, W>(this: DStream<readonly [K, V]>, other: DStream<readonly [K, W]>, numPartitions?: number): DStream<[K, [V, W]]> {
    return this.joinLike('join', other, (a, b) => a.join(b, numPartitions));
  }

  /** Per-batch left outer join: `[key, [v, w | null]]`. */
  leftOuterJoin<K, V, W>(
    this: DStream<readonly [K, V]>,
    other: DStream<readonly [K, W]>,
    numPartitions?: number,
  ): DStream<[K, [V, W | null]]> {
    return this.joinLike('leftOuterJoin', other, (a, b) => a.leftOuterJoin(b, numPartitions));
  }

  /** Per-batch right outer join: `[key, [v | null, w]]`. */
  rightOuterJoin<K, V, W>(
    this: DStream<readonly [K, V]>,
    other: DStream<readonly [K, W]>,
    numPartitions?: number,
  ): DStream<[K, [V | null, W]]> {
    return this.joinLike('rightOuterJoin', other, (a, b) => a.rightOuterJoin(b, numPartitions));
  }

  /** Per-batch full outer join: `[key, [v | null, w | null]]`. */
  fullOuterJoin<K, V, W>(
    this: DStream<readonly [K, V]>,
    other: DStream<readonly [K, W]>,
    numPartitions?: number,
  ): DStream<[K, [V | null, W | null]]> {
    return this.joinLike('fullOuterJoin', other, (a, b) => a.fullOuterJoin(b, numPartitions));
  }

  private joinLike<K, V, W, R>(
    this: DStream<readonly [K, V]>,
    name: string,
    other: DStream<readonly [K, W]>,
    f: (a: RDD<readonly [K, V]>, b: RDD<readonly [K, W]>) => RDD<R>,
  ): DStream<R> {
    checkSameSlide(name, this, other);
    const left = this;
    const sc = this.ssc.sparkContext;
    return new DStream<R>(this.ssc, {
      name,
      kind: 'transform',
      parents: [this as DStream<unknown>, other as DStream<unknown>],
      compute: (time) => {
        const a = left.getOrCompute(time);
        const b = other.getOrCompute(time);
        if (a === undefined && b === undefined) return undefined;
        return f(a ?? sc.emptyRDD(), b ?? sc.emptyRDD());
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Persistence
  // ---------------------------------------------------------------------------------------------

  /** Keeps each batch's RDD in memory once computed (useful when several outputs read it). */
  cache(): this {
    return this.persist('MEMORY_ONLY');
  }

  /** As `cache`, with a storage level (recorded; everything stays in memory). */
  persist(storageLevel: StorageLevel = 'MEMORY_ONLY'): this {
    this.ssc.checkCanChangeStream('Cannot change storage level of a DStream after streaming context has started');
    this.storageLevel = storageLevel;
    return this;
  }

  /** Checkpoints this stream's RDDs every `interval` seconds (needs a checkpoint directory). */
  checkpoint(interval: number): this {
    this.ssc.checkCanChangeStream('Cannot change checkpoint interval of a DStream after streaming context has started');
    this.checkpointMs = this.ssc.durationMs('checkpoint', 'interval', interval);
    if (!this.storageLevel) this.storageLevel = 'MEMORY_ONLY';
    return this;
  }

  /**
   * The RDDs this stream made between `begin` and `end` (Dates or epoch seconds, both ends
   * included), for batches still remembered (see `ssc.remember`).
   */
  slice(begin: Date | number, end: Date | number): RDD<T>[] {
    this.ssc.checkStartedFor('slice');
    const toMs = (t: Date | number, name: string): number => {
      if (t instanceof Date) return Math.floor(t.getTime() / 1000) * 1000;
      if (typeof t === 'number' && Number.isFinite(t)) return Math.floor(t * 1000);
      throw new IllegalArgumentError(`slice: "${name}" must be a Date or epoch seconds; got ${String(t)}`);
    };
    const zero = this.zeroTime!;
    const slide = this.slideDurationMs;
    const floorToGrid = (ms: number): number => zero + Math.floor((ms - zero) / slide) * slide;
    const from = floorToGrid(toMs(begin, 'begin'));
    const to = floorToGrid(toMs(end, 'end'));
    const last = this.ssc.graphInternal.lastGeneratedTime;
    const out: RDD<T>[] = [];
    for (let t = Math.max(from, zero + slide); t <= to && last !== undefined && t <= last; t += slide) {
      const rdd = this.getOrCompute(t);
      if (rdd) out.push(rdd);
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Output operations
  // ---------------------------------------------------------------------------------------------

  /**
   * Runs `func` on the RDD of every batch, empty ones too: `func(rdd)` or `func(time, rdd)`
   * (time as a Date), chosen by its number of parameters as pyspark does. A returned promise is
   * awaited before the batch counts as done.
   */
  foreachRDD(func: (rdd: RDD<T>) => unknown): void;
  foreachRDD(func: (time: Date, rdd: RDD<T>) => unknown): void;
  foreachRDD(func: ((rdd: RDD<T>) => unknown) | ((time: Date, rdd: RDD<T>) => unknown)): void {
    checkFunction('foreachRDD', 'func', func);
    const run =
      func.length === 1
        ? (time: number, rdd: RDD<T>) => (func as (rdd: RDD<T>) => unknown)(rdd)
        : (time: number, rdd: RDD<T>) => (func as (t: Date, rdd: RDD<T>) => unknown)(new Date(time), rdd);
    this.ssc.graphInternal.addOutput(this as DStream<unknown>, 'foreachRDD', run as (time: number, rdd: RDD<unknown>) => unknown);
  }

  /**
   * Prints the first `num` elements of every batch, in pyspark's shape: a line of dashes,
   * `Time: …`, dashes, the elements, `...` when there are more, and a blank line.
   */
  pprint(num = 10): void {
    if (!Number.isInteger(num) || num < 0) {
      throw new IllegalArgumentError(`pprint: "num" must be a whole number >= 0; got ${String(num)}`);
    }
    const ssc = this.ssc;
    this.ssc.graphInternal.addOutput(this as DStream<unknown>, 'pprint', (time, rdd) => {
      const taken = rdd.take(num + 1);
      ssc.writeOut(formatPprint(time, taken, num, ssc.colors));
    });
  }

  /** Writes every batch as text files under `prefix-<batch time in ms>[.suffix]`. */
  saveAsTextFiles(prefix: string, suffix?: string): void {
    if (typeof prefix !== 'string' || prefix === '') {
      throw new IllegalArgumentError(`saveAsTextFiles: "prefix" must be a path prefix; got ${String(prefix)}`);
    }
    this.ssc.graphInternal.addOutput(this as DStream<unknown>, 'saveAsTextFiles', (time, rdd) => {
      try {
        rdd.saveAsTextFile(rddToFileName(prefix, suffix, time));
      } catch (e) {
        // After recovery a batch may be written twice; Spark swallows "already exists" too.
        if (!(e instanceof Error && (e as { code?: string }).code === 'ERR_FILE_EXISTS')) throw e;
      }
    });
  }

  // --- Windows and state (src/engine/ops/window*.ts, src/engine/ops/state*.ts) ---

  /**
   * Every `slideDuration` seconds (default: this stream's slide), the union of this stream's
   * batches in the last `windowDuration` seconds: (t − window, t]. Both must be multiples of
   * this stream's slide.
   */
  window(windowDuration: number, slideDuration?: number): DStream<T> {
    return windowStream(this, windowArgs(this as DStream<unknown>, 'window', windowDuration, slideDuration));
  }

  /**
   * The number of elements in each window, one element per slide. Kept incrementally
   * (`reduceByWindow(add, sub, …)`), so it needs a checkpoint directory, as in Spark.
   */
  countByWindow(windowDuration: number, slideDuration: number): DStream<number> {
    windowArgs(this as DStream<unknown>, 'countByWindow', windowDuration, slideDuration);
    return this.map((): number => 1).reduceByWindow(add, subtract, windowDuration, slideDuration);
  }

  /**
   * The elements of each window reduced with `reduceFunc`, one element per slide. With
   * `invReduceFunc` (the inverse of `reduceFunc`) the result is updated incrementally and a
   * checkpoint directory is needed; pass `null` to reduce each window from its batches.
   */
  reduceByWindow(
    reduceFunc: (a: T, b: T) => T,
    invReduceFunc: ((a: T, b: T) => T) | null | undefined,
    windowDuration: number,
    slideDuration: number,
  ): DStream<T> {
    windowArgs(this as DStream<unknown>, 'reduceByWindow', windowDuration, slideDuration);
    return this.map((x): [number, T] => [1, x])
      .reduceByKeyAndWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration, 1)
      .map((kv) => kv[1]);
  }

  /**
   * `reduceByKey` over a sliding window. With `invFunc` (the inverse of `func`, e.g. `(a, b) =>
   * a - b` for `(a, b) => a + b`) the window is updated incrementally: what entered is reduced
   * in, what left is inverse-reduced out, and the state holds one value per key (a checkpoint
   * directory is needed). Keys whose value falls to zero stay unless `filterFunc([k, v])`
   * drops them. Without `invFunc` each window is reduced from its batches (`filterFunc` is
   * then ignored, as in pyspark).
   */
  reduceByKeyAndWindow<K, V>(
    this: DStream<readonly [K, V]>,
    func: (a: V, b: V) => V,
    invFunc: ((a: V, b: V) => V) | null | undefined,
    windowDuration: number,
    slideDuration?: number | null,
    numPartitions?: number | null,
    filterFunc?: ((kv: [K, V]) => unknown) | null,
  ): DStream<[K, V]> {
    const window = windowArgs(this as DStream<unknown>, 'reduceByKeyAndWindow', windowDuration, slideDuration);
    checkFunction('reduceByKeyAndWindow', 'func', func);
    if (invFunc !== null && invFunc !== undefined) checkFunction('reduceByKeyAndWindow', 'invFunc', invFunc);
    if (filterFunc !== null && filterFunc !== undefined) checkFunction('reduceByKeyAndWindow', 'filterFunc', filterFunc);
    return reduceByKeyAndWindowStream(this, { func, invFunc, window, numPartitions: checkNumPartitions('reduceByKeyAndWindow', numPartitions), filterFunc });
  }

  /** Each distinct element of each window with its count, `[value, count]`; incremental, so it needs a checkpoint directory. */
  countByValueAndWindow(windowDuration: number, slideDuration: number, numPartitions?: number): DStream<[T, number]> {
    windowArgs(this as DStream<unknown>, 'countByValueAndWindow', windowDuration, slideDuration);
    return this.map((x): [T, number] => [x, 1])
      .reduceByKeyAndWindow(add, subtract, windowDuration, slideDuration, numPartitions)
      .filter((kv) => kv[1] > 0);
  }

  /** The values of each key over each window, `[key, values[]]` in batch order; needs a checkpoint directory. */
  groupByKeyAndWindow<K, V>(this: DStream<readonly [K, V]>, windowDuration: number, slideDuration: number, numPartitions?: number): DStream<[K, V[]]> {
    windowArgs(this as DStream<unknown>, 'groupByKeyAndWindow', windowDuration, slideDuration);
    return this.mapValues((v): V[] => [v]).reduceByKeyAndWindow(
      (a: V[], b: V[]) => {
        for (const x of b) a.push(x);
        return a;
      },
      (a: V[], b: V[]) => a.slice(b.length),
      windowDuration,
      slideDuration,
      numPartitions,
    );
  }

  /**
   * A running state per key: `updateFunc(newValues, previousState)` returns the key's new state,
   * or `undefined`/`null` to remove it. Once a state exists, every key in it is updated every
   * batch (with `[]` when it got no values), as in pyspark. `initialRDD` (an RDD or an array of
   * `[key, state]` pairs) is the state to start from. Needs a checkpoint directory.
   */
  updateStateByKey<K, V, S>(
    this: DStream<readonly [K, V]>,
    updateFunc: (newValues: V[], previousState: S | undefined) => S | null | undefined,
    numPartitions?: number | null,
    initialRDD?: RDD<readonly [K, S]> | ReadonlyArray<readonly [K, S]> | null,
  ): DStream<[K, S]> {
    return updateStateByKeyStream(this, updateFunc, checkNumPartitions('updateStateByKey', numPartitions), initialRDD);
  }

  /**
   * Spark's mapWithState: `spec`'s function `(key, value, state) => mapped` runs for every record
   * with the key's State; the returned stream holds the mapped records, and its
   * `stateSnapshots()` every `[key, state]`. Needs a checkpoint directory.
   */
  mapWithState<K, V, S, M>(this: DStream<readonly [K, V]>, spec: StateSpec<K, V, S, M>): MapWithStateDStream<K, S, M> {
    return mapWithStateStream(this, spec);
  }

  /** `DStream[id] name`, as the REPL shows it. */
  toString(): string {
    return `DStream[${this.id}] ${this.spec.name}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<DStream ${this.spec.name} #${this.id}>`;
  }
}

const add = (a: number, b: number): number => a + b;
const subtract = (a: number, b: number): number => a - b;

/** The pprint block for one batch, exactly pyspark's shape. */
export function formatPprint(time: number, taken: readonly unknown[], num: number, colors = false): string {
  const dashes = '-'.repeat(43);
  let s = `${dashes}\nTime: ${formatBatchTime(time)}\n${dashes}\n`;
  for (let i = 0; i < Math.min(num, taken.length); i++) s += formatRecord(taken[i], colors) + '\n';
  if (taken.length > num) s += '...\n';
  return s + '\n';
}

/** @internal The union of several streams per batch (elements in argument order). */
export function unionStreams<T>(ssc: StreamingContext, streams: readonly DStream<T>[]): DStream<T> {
  const sc = ssc.sparkContext;
  return new DStream<T>(ssc, {
    name: 'union',
    kind: 'transform',
    parents: streams as readonly DStream<unknown>[],
    compute: (time) => {
      const rdds = streams.map((s) => s.getOrCompute(time)).filter((r): r is RDD<T> => r !== undefined);
      if (rdds.length === 0) return undefined;
      return rdds.length === 1 ? rdds[0] : sc.union(rdds);
    },
  });
}

/** @internal */
export function checkSameSlide(method: string, a: DStream<unknown>, b: DStream<unknown>): void {
  if (!(b instanceof DStream)) {
    throw new IllegalArgumentError(`${method}: "other" must be a DStream; got ${String(b)}`);
  }
  if (a.slideDurationMs !== b.slideDurationMs) {
    throw new IllegalArgumentError(
      `${method}: the two DStreams should have the same slide duration; got ${formatDurationMs(a.slideDurationMs)} and ${formatDurationMs(b.slideDurationMs)}`,
    );
  }
}

function checkTransformResult<U>(out: RDD<U> | undefined | null): RDD<U> | undefined {
  if (out === undefined || out === null) return undefined;
  if (!(out instanceof RDD)) {
    throw new IllegalArgumentError(`transform: "func" must return an RDD; got ${String(out)}`);
  }
  return out;
}
