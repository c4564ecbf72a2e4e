/**
 * DStream: a discretized stream, one RDD per batch; pyspark's DStream in TypeScript. This class
 * is the user's handle and the list of what a stream can do, a line or two a method; the engine
 * runs a `StreamNode` (stream-node.ts) behind each handle, and the work is in one file per
 * family: transform, aggregations, joins, union, window*, reduce-by-key-and-window,
 * update-state-by-key and map-with-state (on the stateful primitive), output, pprint and
 * save-as-text-files.
 */
import { check, checkFunction, durationMs, numPartitions as checkNumPartitions, optional, positiveInteger, rule } from '../checks.js';
import type { RDD } from '../rdd/rdd.js';
import type { StorageLevel } from '../rdd/rdd-base.js';
import { filterStage, flatMapStage, flatMapValuesStage, mapStage, mapValuesStage } from '../rdd/stages.js';
import type { StreamingContext } from '../streaming-context.js';
import { combineByKey, count, countByValue, groupByKey, reduce, reduceByKey } from './aggregations.js';
import { joinStreams } from './joins.js';
import { type MapWithStateStreams, mapWithStateStream } from './map-with-state.js';
import { foreachRDD } from './output.js';
import { pprint } from './pprint.js';
import { saveAsTextFiles } from './save-as-text-files.js';
import { slice } from './slice.js';
import type { StateSpec } from './state-spec.js';
import type { StreamNode } from './stream-node.js';
import { derive, narrow, transform, transformWith } from './transform.js';
import { checkSameSlide, unionStreams } from './union.js';
import { updateStateByKeyStream } from './update-state-by-key.js';
import { countByValueAndWindow, countByWindow, groupByKeyAndWindow, reduceByKeyAndWindow, reduceByWindow, window } from './window-aggregations.js';

/** The output of `mapWithState`: mapped records, plus `stateSnapshots()`. */
export type MapWithStateDStream<K, S, M> = DStream<M> & {
  /** A stream of every `[key, state]` pair after each batch. */
  stateSnapshots(): DStream<[K, S]>;
};

let wrapNode: <T>(node: StreamNode<T>, context: StreamingContext) => DStream<T>;
let nodeOfStream: <T>(stream: DStream<T>) => StreamNode<T>;

/** A stream of RDDs, one per batch. Create one from `ssc.socketTextStream`, `ssc.queueStream` … */
export class DStream<T> {
  readonly #node: StreamNode<T>;
  readonly #context: StreamingContext;

  static {
    wrapNode = (node, context) => new DStream(node, context);
    nodeOfStream = (stream) => stream.#node;
  }

  protected constructor(node: StreamNode<T>, context: StreamingContext) {
    this.#node = node;
    this.#context = context;
  }

  /** A handle on `node`, a stream of the same context. */
  #wrap<U>(node: StreamNode<U>): DStream<U> {
    return wrapNode(node, this.#context);
  }

  /** Unique id within the process; the pipeline picture and BatchInfo.streamCounts use it. */
  get id(): number {
    return this.#node.id;
  }

  /** Interval between this stream's RDDs, in ms. */
  get slideDurationMs(): number {
    return this.#node.slideMs;
  }

  /** True when `cache()`/`persist()` was called. */
  get is_cached(): boolean {
    return this.#node.storageLevel !== undefined;
  }

  /** True when `checkpoint()` was called. */
  get is_checkpointed(): boolean {
    return this.#node.checkpointMs !== undefined;
  }

  /** The StreamingContext this stream belongs to. */
  context(): StreamingContext {
    return this.#context;
  }

  // --- Transformations of each batch (transform.ts, aggregations.ts) ---
  /** Applies `func` to the RDD of each batch, `func(rdd)` or `func(time, rdd)` by its parameter count as pyspark; it returns an RDD. */
  transform<U>(func: (rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(func: (time: Date, rdd: RDD<T>) => RDD<U>): DStream<U>;
  transform<U>(func: ((rdd: RDD<T>) => RDD<U>) | ((time: Date, rdd: RDD<T>) => RDD<U>)): DStream<U> {
    return this.#wrap(transform(this.#node, func));
  }

  /** Applies `func(a, b)` or `func(time, a, b)` to this stream's and `other`'s RDDs of each batch (an empty RDD for a side with none). */
  transformWith<U, R>(func: (a: RDD<T>, b: RDD<U>) => RDD<R>, other: DStream<U>): DStream<R>;
  transformWith<U, R>(func: (time: Date, a: RDD<T>, b: RDD<U>) => RDD<R>, other: DStream<U>): DStream<R>;
  transformWith<U, R>(func: ((a: RDD<T>, b: RDD<U>) => RDD<R>) | ((time: Date, a: RDD<T>, b: RDD<U>) => RDD<R>), other: DStream<U>): DStream<R> {
    checkFunction('transformWith', 'func', func);
    return this.#wrap(transformWith(this.#node, func, sameSlide('transformWith', this, other)));
  }

  /** Applies `f` to every element. A function returning `[k, v]` makes a pair stream. */
  map<K, V>(f: (x: T) => [K, V], preservesPartitioning?: boolean): DStream<[K, V]>;
  map<U>(f: (x: T) => U, preservesPartitioning?: boolean): DStream<U>;
  map<U>(f: (x: T) => U, preservesPartitioning = false): DStream<U> {
    checkFunction('map', 'f', f);
    return this.#wrap(narrow(this.#node, 'map', mapStage(f), preservesPartitioning));
  }

  /** Applies `f` to every element and flattens the iterables it returns. */
  flatMap<K, V>(f: (x: T) => Iterable<[K, V]>, preservesPartitioning?: boolean): DStream<[K, V]>;
  flatMap<U>(f: (x: T) => Iterable<U>, preservesPartitioning?: boolean): DStream<U>;
  flatMap<U>(f: (x: T) => Iterable<U>, preservesPartitioning = false): DStream<U> {
    checkFunction('flatMap', 'f', f);
    return this.#wrap(narrow(this.#node, 'flatMap', flatMapStage(f), preservesPartitioning));
  }

  /** Keeps the elements for which `f` is truthy. */
  filter<S extends T>(f: (x: T) => x is S): DStream<S>;
  filter(f: (x: T) => unknown): DStream<T>;
  filter(f: (x: T) => unknown): DStream<T> {
    checkFunction('filter', 'f', f);
    return this.#wrap(narrow(this.#node, 'filter', filterStage(f), true));
  }

  /** Applies `f` to the iterator of each partition. */
  mapPartitions<U>(f: (it: IterableIterator<T>) => Iterable<U>, preservesPartitioning = false): DStream<U> {
    checkFunction('mapPartitions', 'f', f);
    return this.#wrap(derive(this.#node, 'mapPartitions', (rdd) => rdd.mapPartitions(f, preservesPartitioning)));
  }

  /** Applies `f(partitionIndex, iterator)` to each partition. */
  mapPartitionsWithIndex<U>(f: (index: number, it: IterableIterator<T>) => Iterable<U>, preservesPartitioning = false): DStream<U> {
    checkFunction('mapPartitionsWithIndex', 'f', f);
    return this.#wrap(derive(this.#node, 'mapPartitionsWithIndex', (rdd) => rdd.mapPartitionsWithIndex(f, preservesPartitioning)));
  }

  /** One array per partition of each batch. */
  glom(): DStream<T[]> {
    return this.#wrap(derive(this.#node, 'glom', (rdd) => rdd.glom()));
  }

  /** One element per batch: the number of elements (nothing for a batch with no partitions, as pyspark). */
  count(): DStream<number> {
    return this.#wrap(count(this.#node));
  }

  /** One element per batch: the elements reduced with `func` (nothing for an empty batch). */
  reduce(func: (a: T, b: T) => T): DStream<T> {
    return this.#wrap(reduce(this.#node, func));
  }

  /** Each distinct element of each batch with its count: `[value, count]`. */
  countByValue(): DStream<[T, number]> {
    return this.#wrap(countByValue(this.#node));
  }

  /** Redistributes each batch into `numPartitions` partitions. */
  repartition(numPartitions: number): DStream<T> {
    const n = checkNumPartitions('repartition', numPartitions);
    return this.#wrap(derive(this.#node, 'repartition', (rdd) => rdd.repartition(n)));
  }

  /** This stream's elements followed by `other`'s, per batch. Both need the same slide duration. */
  union<U>(other: DStream<U>): DStream<T | U> {
    const b = sameSlide('union', this, other);
    return this.#wrap(unionStreams<T | U>(this.#node.runtime, [this.#node, b]));
  }

  // --- Pair transformations of each batch (aggregations.ts, joins.ts) ---
  /** Merges the values of each key within each batch. */
  reduceByKey<K, V>(this: DStream<readonly [K, V]>, func: (a: V, b: V) => V, numPartitions?: number): DStream<[K, V]> {
    return this.#wrap(reduceByKey(this.#node, func, numPartitions));
  }

  /** Groups the values of each key within each batch: `[key, values[]]`. */
  groupByKey<K, V>(this: DStream<readonly [K, V]>, numPartitions?: number): DStream<[K, V[]]> {
    return this.#wrap(groupByKey(this.#node, numPartitions));
  }

  /** Per-key aggregation within each batch, as RDD.combineByKey. */
  combineByKey<K, V, C>(
    this: DStream<readonly [K, V]>,
    createCombiner: (v: V) => C,
    mergeValue: (c: C, v: V) => C,
    mergeCombiners: (a: C, b: C) => C,
    numPartitions?: number,
  ): DStream<[K, C]> {
    return this.#wrap(combineByKey(this.#node, createCombiner, mergeValue, mergeCombiners, numPartitions));
  }

  /** Places each batch's pairs into partitions by `partitionFunc(key)`. */
  partitionBy<K, V>(this: DStream<readonly [K, V]>, numPartitions: number, partitionFunc?: (key: K) => number): DStream<[K, V]> {
    const n = checkNumPartitions('partitionBy', numPartitions);
    return this.#wrap(derive(this.#node, 'partitionBy', (rdd) => rdd.partitionBy(n, partitionFunc)));
  }

  /** Applies `f` to each value, keeping the key. */
  mapValues<K, V, U>(this: DStream<readonly [K, V]>, f: (v: V) => U): DStream<[K, U]> {
    checkFunction('mapValues', 'f', f);
    return this.#wrap(narrow(this.#node, 'mapValues', mapValuesStage<K, V, U>(f), true));
  }

  /** Applies `f` to each value and emits one pair per element it returns. */
  flatMapValues<K, V, U>(this: DStream<readonly [K, V]>, f: (v: V) => Iterable<U>): DStream<[K, U]> {
    checkFunction('flatMapValues', 'f', f);
    return this.#wrap(narrow(this.#node, 'flatMapValues', flatMapValuesStage<K, V, U>(f), true));
  }

  /** Per-batch cogroup with `other`: `[key, [values[], otherValues[]]]`. */
  cogroup<K, V, W>(this: DStream<readonly [K, V]>, other: DStream<readonly [K, W]>, numPartitions?: number): DStream<[K, [V[], W[]]]> {
    return this.#wrap(joinStreams('cogroup', this.#node, sameSlide('cogroup', this, other), numPartitions));
  }

  /** Per-batch inner join with `other`: `[key, [v, w]]`. */
  join<K, V, W>(this: DStream<readonly [K, V]>, other: DStream<readonly [K, W]>, numPartitions?: number): DStream<[K, [V, W]]> {
    return this.#wrap(joinStreams('join', this.#node, sameSlide('join', this, other), numPartitions));
  }

  /** Per-batch left outer join: `[key, [v, w | null]]`. */
  leftOuterJoin<K, V, W>(this: DStream<readonly [K, V]>, other: DStream<readonly [K, W]>, numPartitions?: number): DStream<[K, [V, W | null]]> {
    return this.#wrap(joinStreams('leftOuterJoin', this.#node, sameSlide('leftOuterJoin', this, other), numPartitions));
  }

  /** Per-batch right outer join: `[key, [v | null, w]]`. */
  rightOuterJoin<K, V, W>(this: DStream<readonly [K, V]>, other: DStream<readonly [K, W]>, numPartitions?: number): DStream<[K, [V | null, W]]> {
    return this.#wrap(joinStreams('rightOuterJoin', this.#node, sameSlide('rightOuterJoin', this, other), numPartitions));
  }

  /** Per-batch full outer join: `[key, [v | null, w | null]]`. */
  fullOuterJoin<K, V, W>(this: DStream<readonly [K, V]>, other: DStream<readonly [K, W]>, numPartitions?: number): DStream<[K, [V | null, W | null]]> {
    return this.#wrap(joinStreams('fullOuterJoin', this.#node, sameSlide('fullOuterJoin', this, other), numPartitions));
  }

  // --- Persistence ---
  /** Keeps each batch's RDD in memory once computed (useful when several outputs read it). */
  cache(): this {
    return this.persist('MEMORY_ONLY');
  }

  /** As `cache`, with a storage level (recorded; everything stays in memory). */
  persist(storageLevel: StorageLevel = 'MEMORY_ONLY'): this {
    this.#node.persist(storageLevel);
    return this;
  }

  /** Checkpoints this stream's RDDs every `interval` seconds (needs a checkpoint directory). */
  checkpoint(interval: number): this {
    this.#node.checkpoint(durationMs('checkpoint', 'interval', interval));
    return this;
  }

  /**
   * The RDDs this stream made between `begin` and `end` (Dates or epoch seconds, both ends
   * included), for batches still remembered (see `ssc.remember`).
   */
  slice(begin: Date | number, end: Date | number): RDD<T>[] {
    return slice(this.#node, begin, end);
  }

  // --- Output operations (output.ts, pprint.ts, save-as-text-files.ts) ---
  /**
   * Runs `func(rdd)` or `func(time, rdd)` (by its parameter count, as pyspark) on the RDD of every
   * batch, empty ones too; a returned promise is awaited before the batch counts as done.
   */
  foreachRDD(func: (rdd: RDD<T>) => unknown): void;
  foreachRDD(func: (time: Date, rdd: RDD<T>) => unknown): void;
  foreachRDD(func: ((rdd: RDD<T>) => unknown) | ((time: Date, rdd: RDD<T>) => unknown)): void {
    foreachRDD(this.#node, func);
  }

  /** Prints the first `num` elements of every batch in pyspark's shape: dashes, `Time: …`, dashes, the elements, `...` if more. */
  pprint(num = 10): void {
    pprint(this.#node, num);
  }

  /** Writes every batch as text files under `prefix-<batch time in ms>[.suffix]`. */
  saveAsTextFiles(prefix: string, suffix?: string): void {
    saveAsTextFiles(this.#node, prefix, suffix);
  }

  // --- Windows and state (window*.ts, reduce-by-key-and-window.ts, update-state-by-key.ts, map-with-state.ts) ---
  /**
   * Every `slideDuration` seconds (default: this stream's slide), the union of the batches in the
   * last `windowDuration` seconds, (t − window, t]; both must be multiples of this stream's slide.
   */
  window(windowDuration: number, slideDuration?: number): DStream<T> {
    return this.#wrap(window(this.#node, windowDuration, slideDuration));
  }

  /** The number of elements in each window, one per slide; kept incrementally, so it needs a checkpoint directory, as in Spark. */
  countByWindow(windowDuration: number, slideDuration: number): DStream<number> {
    return this.#wrap(countByWindow(this.#node, windowDuration, slideDuration));
  }

  /**
   * The elements of each window reduced with `reduceFunc`, one element per slide. With
   * `invReduceFunc` (the inverse of `reduceFunc`) the result is updated incrementally and a
   * checkpoint directory is needed; pass `null` to reduce each window from its batches.
   */
  reduceByWindow(reduceFunc: (a: T, b: T) => T, invReduceFunc: ((a: T, b: T) => T) | null | undefined, windowDuration: number, slideDuration: number): DStream<T> {
    return this.#wrap(reduceByWindow(this.#node, reduceFunc, invReduceFunc, windowDuration, slideDuration));
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
    return this.#wrap(reduceByKeyAndWindow(this.#node, func, invFunc, windowDuration, slideDuration, numPartitions, filterFunc));
  }

  /** Each distinct element of each window with its count, `[value, count]`; incremental, so it needs a checkpoint directory. */
  countByValueAndWindow(windowDuration: number, slideDuration: number, numPartitions?: number): DStream<[T, number]> {
    return this.#wrap(countByValueAndWindow(this.#node, windowDuration, slideDuration, numPartitions));
  }

  /** The values of each key over each window, `[key, values[]]` in batch order; needs a checkpoint directory. */
  groupByKeyAndWindow<K, V>(this: DStream<readonly [K, V]>, windowDuration: number, slideDuration: number, numPartitions?: number): DStream<[K, V[]]> {
    return this.#wrap(groupByKeyAndWindow(this.#node, windowDuration, slideDuration, numPartitions));
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
    const n = optional('updateStateByKey', 'numPartitions', numPartitions, positiveInteger);
    return this.#wrap(updateStateByKeyStream(this.#node, updateFunc, n, initialRDD));
  }

  /**
   * Spark's mapWithState: `spec`'s function `(key, value, state) => mapped` runs for every record
   * with the key's State; the returned stream holds the mapped records, and its
   * `stateSnapshots()` every `[key, state]`. Needs a checkpoint directory.
   */
  mapWithState<K, V, S, M>(this: DStream<readonly [K, V]>, spec: StateSpec<K, V, S, M>): MapWithStateDStream<K, S, M> {
    return new MapWithState(mapWithStateStream(this.#node, spec), this.#context);
  }

  /** `DStream[id] name`, as the REPL shows it. */
  toString(): string {
    return this.#node.toString();
  }

  /** Shown by the REPL and `console.log` instead of the internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<DStream ${this.#node.spec.name} #${this.#node.id}>`;
  }
}

/** What `mapWithState` returns: the mapped stream, with `stateSnapshots()`. */
class MapWithState<K, S, M> extends DStream<M> {
  readonly #streams: MapWithStateStreams<K, S, M>;
  #snapshots: DStream<[K, S]> | undefined;

  constructor(streams: MapWithStateStreams<K, S, M>, context: StreamingContext) {
    super(streams.mapped, context);
    this.#streams = streams;
  }

  /** A stream of every `[key, state]` pair after each batch. */
  stateSnapshots(): DStream<[K, S]> {
    return (this.#snapshots ??= wrapNode(this.#streams.stateSnapshots(), this.context()));
  }
}

/** The handle on `node` that user code gets, a stream of `context`. */
export function wrap<T>(node: StreamNode<T>, context: StreamingContext): DStream<T> {
  return wrapNode(node, context);
}

/** The node behind a DStream handle; refuses anything else, naming `method` and `param`. */
export function nodeOf<T>(stream: DStream<T>, method = 'DStream', param = 'stream'): StreamNode<T> {
  return nodeOfStream(check(method, param, stream, IS_DSTREAM) as DStream<T>);
}

const IS_DSTREAM = rule('a DStream', (v): v is DStream<unknown> => v instanceof DStream);

/** `other`'s node, after checking it is a DStream with the same slide duration as `a`. */
function sameSlide<U>(method: string, a: DStream<unknown>, other: DStream<U>): StreamNode<U> {
  const b = nodeOf(other, method, 'other');
  checkSameSlide(method, nodeOf(a), b);
  return b;
}
