/**
 * RDD: an immutable, partitioned collection, computed lazily; pyspark's RDD in TypeScript.
 *
 * Evaluation is push-based: a partition is computed by pushing its elements into a sink, and a
 * narrow transformation (map, flatMap, filter …) wraps the sink. A chain such as
 * `flatMap → map → filter → reduceByKey` therefore runs as one pass over each partition with no
 * array between the steps, and the shuffle's map-side combine consumes the records as they are
 * pushed. Actions are synchronous and return plain values, as in pyspark.
 */
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SparkContext } from './spark-context.js';
import { copyRecord } from './copy.js';
import { IllegalArgumentError, TsparkError, describeValue } from './errors.js';
import { recordToText } from './format.js';
import { groupingKey } from './keys.js';
import { compareNatural } from './order.js';
import { Partitioner } from './partitioner.js';
import { type Aggregator, type CombinerTable, combiningSink, mergeTables } from './rdd/shuffle.js';
import { StatCounter } from './rdd/stat-counter.js';
import { filterStage, flatMapStage, flatMapValuesStage, mapStage, mapValuesStage } from './rdd/stages.js';

/** Receives the elements of a partition, one at a time. */
export type Sink<T> = (value: T) => void;

/** A key-value pair: a 2-element array, as pyspark's tuple. */
export type Pair<K, V> = [K, V];

/** Storage levels accepted by `persist`; tspark keeps everything in memory, so they differ only in name. */
export type StorageLevel = 'MEMORY_ONLY' | 'MEMORY_AND_DISK' | 'MEMORY_ONLY_2' | 'MEMORY_AND_DISK_2' | 'DISK_ONLY' | 'OFF_HEAP';

/** How an RDD computes its partitions: the one primitive every RDD kind is built from. */
export interface RDDSpec<T> {
  /** Operator name, shown by toDebugString and the UI ("map", "reduceByKey" …). */
  readonly name: string;
  readonly numPartitions: number;
  readonly parents: readonly RDD<unknown>[];
  /** True when this RDD reads its parents through a shuffle (a new stage in toDebugString). */
  readonly shuffle?: boolean;
  /** Number of elements when known without computing (parallelized data). */
  readonly size?: number;
  /** Known placement of keys, for pair RDDs produced by a shuffle (lets joins skip a shuffle). */
  readonly partitioner?: Partitioner | undefined;
  compute(index: number, sink: Sink<T>): void;
}

/** @internal Per-partition record counts of one RDD; `exact` when the total is known (after a shuffle). */
export interface RecordCounter {
  readonly perPartition: Array<number | undefined>;
  readonly partial: boolean[];
  exact?: number;
}

/** Thrown through a sink to stop computing a partition early (take, first, isEmpty). */
class StopSignal {}
const STOP = new StopSignal();

let nextId = 0;


/** An immutable, partitioned collection, computed lazily. Create one with `sc.parallelize` or `sc.textFile`. */
export class RDD<T> {
  /** Unique id, shown in toDebugString. */
  readonly id = nextId++;
  /** The SparkContext this RDD belongs to (pyspark's `rdd.context`). */
  readonly context: SparkContext;
  /** @internal */
  readonly spec: RDDSpec<T>;
  private storageLevel: StorageLevel | undefined;
  private stored: T[][] | undefined;

  /** @internal Use `sc.parallelize`, `sc.textFile` or a transformation. */
  constructor(context: SparkContext, spec: RDDSpec<T>) {
    this.context = context;
    this.spec = spec;
  }

  /** @internal Pushes partition `index` into `sink`, through the cache when persisted. */
  iterate(index: number, sink: Sink<T>): void {
    if (this.counter !== undefined) {
      this.iterateCounted(index, sink, this.counter);
      return;
    }
    if (this.storageLevel === undefined) {
      this.spec.compute(index, sink);
      return;
    }
    const stored = (this.stored ??= new Array<T[]>(this.spec.numPartitions));
    let data = stored[index];
    if (data === undefined) {
      const buf: T[] = [];
      this.spec.compute(index, (x) => {
        buf.push(x);
      });
      data = stored[index] = buf;
    }
    for (let i = 0; i < data.length; i++) sink(copyRecord(data[i]!));
  }

  /** @internal Set to count the records this RDD produces (for the UI's pipeline picture). */
  counter: RecordCounter | undefined;

  private iterateCounted(index: number, sink: Sink<T>, counter: RecordCounter): void {
    this.counter = undefined;
    let n = 0;
    try {
      this.iterate(index, (x) => {
        n++;
        sink(x);
      });
      counter.perPartition[index] = n;
      counter.partial[index] = false;
    } catch (e) {
      // take() stops early: what was counted is a lower bound, unless a full count exists.
      if (e === STOP && counter.perPartition[index] === undefined) {
        counter.perPartition[index] = n;
        counter.partial[index] = true;
      }
      throw e;
    } finally {
      this.counter = counter;
    }
  }

  /** @internal Records produced, as far as they were computed: `partial` when some were not. */
  countedRecords(): { count: number; partial: boolean } | undefined {
    const c = this.counter;
    if (c === undefined) return undefined;
    if (c.exact !== undefined) return { count: c.exact, partial: false };
    let count = 0;
    let partial = false;
    for (let i = 0; i < this.spec.numPartitions; i++) {
      const n = c.perPartition[i];
      if (n === undefined) partial = true;
      else count += n;
      if (c.partial[i]) partial = true;
    }
    return { count, partial };
  }

  /** @internal The elements of one partition as an array. */
  partitionArray(index: number): T[] {
    const out: T[] = [];
    this.iterate(index, (x) => {
      out.push(x);
    });
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Narrow transformations
  // ---------------------------------------------------------------------------------------------

  /** @internal A narrow transformation: wraps the sink, one pass per partition. */
  pipe<U>(name: string, stage: (sink: Sink<U>, partition: number) => Sink<T>, preservesPartitioning = false): RDD<U> {
    const parent = this;
    return new RDD<U>(this.context, {
      name,
      numPartitions: this.spec.numPartitions,
      parents: [this],
      partitioner: preservesPartitioning ? this.spec.partitioner : undefined,
      compute: (i, sink) => parent.iterate(i, stage(sink, i)),
    });
  }

  /** Applies `f` to every element. A function returning `[k, v]` makes a pair RDD. */
  map<K, V>(f: (x: T) => [K, V], preservesPartitioning?: boolean): RDD<[K, V]>;
  map<U>(f: (x: T) => U, preservesPartitioning?: boolean): RDD<U>;
  map<U>(f: (x: T) => U, preservesPartitioning = false): RDD<U> {
    checkFunction('map', 'f', f);
    return this.pipe<U>('map', mapStage(f), preservesPartitioning);
  }

  /** Applies `f` to every element and flattens the iterables it returns. */
  flatMap<K, V>(f: (x: T) => Iterable<[K, V]>, preservesPartitioning?: boolean): RDD<[K, V]>;
  flatMap<U>(f: (x: T) => Iterable<U>, preservesPartitioning?: boolean): RDD<U>;
  flatMap<U>(f: (x: T) => Iterable<U>, preservesPartitioning = false): RDD<U> {
    checkFunction('flatMap', 'f', f);
    return this.pipe<U>('flatMap', flatMapStage(f), preservesPartitioning);
  }

  /** Keeps the elements for which `f` is truthy. */
  filter<S extends T>(f: (x: T) => x is S): RDD<S>;
  filter(f: (x: T) => unknown): RDD<T>;
  filter(f: (x: T) => unknown): RDD<T> {
    checkFunction('filter', 'f', f);
    return this.pipe<T>('filter', filterStage(f), true);
  }

  /** Applies `f` to the iterator of each partition. */
  mapPartitions<U>(f: (it: IterableIterator<T>) => Iterable<U>, preservesPartitioning = false): RDD<U> {
    checkFunction('mapPartitions', 'f', f);
    return this.mapPartitionsWithIndex((_, it) => f(it), preservesPartitioning, 'mapPartitions');
  }

  /** Applies `f(partitionIndex, iterator)` to each partition. */
  mapPartitionsWithIndex<U>(
    f: (index: number, it: IterableIterator<T>) => Iterable<U>,
    preservesPartitioning = false,
    name = 'mapPartitionsWithIndex',
  ): RDD<U> {
    checkFunction(name, 'f', f);
    const parent = this;
    return new RDD<U>(this.context, {
      name,
      numPartitions: this.spec.numPartitions,
      parents: [this],
      partitioner: preservesPartitioning ? this.spec.partitioner : undefined,
      compute: (i, sink) => {
        const out = f(i, parent.partitionArray(i)[Symbol.iterator]());
        if (out === undefined || out === null) return;
        for (const y of out) sink(y);
      },
    });
  }

  /** One array per partition. */
  glom(): RDD<T[]> {
    const parent = this;
    return new RDD<T[]>(this.context, {
      name: 'glom',
      numPartitions: this.spec.numPartitions,
      parents: [this],
      compute: (i, sink) => sink(parent.partitionArray(i)),
    });
  }

  /** Pairs each element with `f(element)` as its key: `[f(x), x]`. */
  keyBy<K>(f: (x: T) => K): RDD<[K, T]> {
    checkFunction('keyBy', 'f', f);
    return this.pipe<[K, T]>('keyBy', (sink) => (x) => sink([f(x), x]));
  }

  /** The elements of this RDD followed by those of `other` (partitions are concatenated). */
  union<U>(other: RDD<U>): RDD<T | U> {
    return this.context.union<T | U>([this, other]);
  }

  /** Pairs of every element of this RDD with every element of `other`. */
  cartesian<U>(other: RDD<U>): RDD<[T, U]> {
    const a = this;
    const nb = other.getNumPartitions();
    return new RDD<[T, U]>(this.context, {
      name: 'cartesian',
      numPartitions: this.getNumPartitions() * nb,
      parents: [this, other],
      compute: (i, sink) => {
        const left = a.partitionArray(Math.floor(i / nb));
        const right = other.partitionArray(i % nb);
        for (const x of left) for (const y of right) sink([copyRecord(x), copyRecord(y)]);
      },
    });
  }

  /** Pairs the i-th element of this RDD with the i-th of `other`; both need the same partitions and sizes. */
  zip<U>(other: RDD<U>): RDD<[T, U]> {
    if (other.getNumPartitions() !== this.getNumPartitions()) {
      throw new TsparkError(
        'ERR_ZIP_MISMATCH',
        `Can only zip RDDs with the same number of partitions; got ${this.getNumPartitions()} and ${other.getNumPartitions()}`,
      );
    }
    const a = this;
    return new RDD<[T, U]>(this.context, {
      name: 'zip',
      numPartitions: this.getNumPartitions(),
      parents: [this, other],
      compute: (i, sink) => {
        const left = a.partitionArray(i);
        const right = other.partitionArray(i);
        if (left.length !== right.length) {
          throw new TsparkError('ERR_ZIP_MISMATCH', 'Can only zip RDDs with the same number of elements in each partition');
        }
        for (let j = 0; j < left.length; j++) sink([left[j]!, right[j]!]);
      },
    });
  }

  /** Pairs each element with its index: `[x, i]`, numbered across partitions in order. */
  zipWithIndex(): RDD<[T, number]> {
    const counts: number[] = [];
    for (let i = 0; i < this.getNumPartitions(); i++) counts.push(this.partitionArray(i).length);
    const starts = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
    return this.pipe<[T, number]>('zipWithIndex', (sink, i) => {
      let k = starts[i]!;
      return (x) => sink([x, k++]);
    });
  }

  /** Distinct elements (by value: `[1, 2]` equals `[1, 2]`). */
  distinct(numPartitions?: number): RDD<T> {
    return this.map((x) => [x, null] as [T, null])
      .reduceByKey((x) => x, numPartitions)
      .pipe<T>('distinct', (sink) => (kv) => sink(kv[0]));
  }

  /** Elements present in both RDDs, without duplicates. */
  intersection(other: RDD<T>): RDD<T> {
    return this.map((v) => [v, null] as [T, null])
      .cogroup(other.map((v) => [v, null] as [T, null]))
      .pipe<T>('intersection', (sink) => (kv) => {
        if (kv[1][0].length > 0 && kv[1][1].length > 0) sink(kv[0]);
      });
  }

  /** Elements of this RDD that are not in `other`. */
  subtract(other: RDD<T>, numPartitions?: number): RDD<T> {
    return this.map((x) => [x, true] as [T, boolean])
      .subtractByKey(other.map((x) => [x, true] as [T, boolean]), numPartitions)
      .pipe<T>('subtract', (sink) => (kv) => sink(kv[0]));
  }

  /** Groups elements by `f(x)`: `[key, elements[]]`. */
  groupBy<K>(f: (x: T) => K, numPartitions?: number): RDD<[K, T[]]> {
    checkFunction('groupBy', 'f', f);
    return this.map((x) => [f(x), x] as [K, T]).groupByKey(numPartitions);
  }

  /** Sorts by `keyfunc(x)` in pyspark's natural order, into `numPartitions` ranges. */
  sortBy<K>(keyfunc: (x: T) => K, ascending = true, numPartitions?: number): RDD<T> {
    checkFunction('sortBy', 'keyfunc', keyfunc);
    const parent = this;
    const n = numPartitions ?? this.getNumPartitions();
    let sorted: T[][] | undefined;
    const compute = (): T[][] => {
      if (sorted) return sorted;
      const all = parent.collect().map((x) => [keyfunc(x), x] as [K, T]);
      all.sort((a, b) => (ascending ? compareNatural(a[0], b[0]) : compareNatural(b[0], a[0])));
      return (sorted = slices(
        all.map((kv) => kv[1]),
        n,
      ));
    };
    return new RDD<T>(this.context, {
      name: 'sortBy',
      numPartitions: n,
      parents: [this],
      shuffle: true,
      compute: (i, sink) => {
        for (const x of compute()[i]!) sink(copyRecord(x));
      },
    });
  }

  /** Redistributes the elements into `numPartitions` partitions (with a shuffle). */
  repartition(numPartitions: number): RDD<T> {
    return this.coalesce(numPartitions, true);
  }

  /** Fewer partitions without a shuffle (adjacent partitions merged); with `shuffle`, any number. */
  coalesce(numPartitions: number, shuffle = false): RDD<T> {
    checkPartitions('coalesce', numPartitions);
    const parent = this;
    const m = this.getNumPartitions();
    if (shuffle) {
      let out: T[][] | undefined;
      const compute = (): T[][] => {
        if (out) return out;
        const parts: T[][] = Array.from({ length: numPartitions }, () => []);
        for (let i = 0; i < m; i++) {
          // Round-robin from a start that depends on the source partition, as Spark's coalesce(shuffle=true).
          let k = i % numPartitions;
          parent.iterate(i, (x) => {
            parts[k]!.push(x);
            k = (k + 1) % numPartitions;
          });
        }
        return (out = parts);
      };
      return new RDD<T>(this.context, {
        name: 'repartition',
        numPartitions,
        parents: [this],
        shuffle: true,
        compute: (i, sink) => {
          for (const x of compute()[i]!) sink(copyRecord(x));
        },
      });
    }
    const n = Math.min(numPartitions, m);
    return new RDD<T>(this.context, {
      name: 'coalesce',
      numPartitions: n,
      parents: [this],
      compute: (i, sink) => {
        const from = Math.floor((i * m) / n);
        const to = Math.floor(((i + 1) * m) / n);
        for (let p = from; p < to; p++) parent.iterate(p, sink);
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Pair transformations (this RDD holds [key, value] pairs)
  // ---------------------------------------------------------------------------------------------

  /** Generic per-key aggregation with map-side combining; reduceByKey and groupByKey are built on it. */
  combineByKey<K, V, C>(
    this: RDD<readonly [K, V]>,
    createCombiner: (v: V) => C,
    mergeValue: (c: C, v: V) => C,
    mergeCombiners: (a: C, b: C) => C,
    numPartitions?: number,
    partitionFunc?: (key: K) => number,
    name = 'combineByKey',
  ): RDD<[K, C]> {
    checkFunction(name, 'createCombiner', createCombiner);
    checkFunction(name, 'mergeValue', mergeValue);
    checkFunction(name, 'mergeCombiners', mergeCombiners);
    const n = numPartitions ?? this.context.defaultParallelism;
    checkPartitions(name, n);
    const partitioner = new Partitioner(n, partitionFunc as ((key: unknown) => number) | undefined);
    const agg: Aggregator<V, C> = { createCombiner, mergeValue, mergeCombiners };
    const parent = this;
    return shuffledRDD<K, C>(this.context, name, [this], partitioner, () => {
      const tables: Array<CombinerTable<K, C>> = [];
      for (let p = 0; p < parent.getNumPartitions(); p++) {
        const table: CombinerTable<K, C> = new Map();
        parent.iterate(p, combiningSink(table, agg));
        tables.push(table);
      }
      return mergeTables(tables, partitioner, mergeCombiners);
    });
  }

  /** Merges the values of each key with an associative, commutative `func`. */
  reduceByKey<K, V>(
    this: RDD<readonly [K, V]>,
    func: (a: V, b: V) => V,
    numPartitions?: number,
    partitionFunc?: (key: K) => number,
  ): RDD<[K, V]> {
    return this.combineByKey<K, V, V>((v) => v, func, func, numPartitions, partitionFunc, 'reduceByKey');
  }

  /** Groups the values of each key into an array: `[key, values[]]`. */
  groupByKey<K, V>(this: RDD<readonly [K, V]>, numPartitions?: number, partitionFunc?: (key: K) => number): RDD<[K, V[]]> {
    return this.combineByKey<K, V, V[]>(
      (v) => [v],
      (c, v) => {
        c.push(v);
        return c;
      },
      (a, b) => {
        for (const v of b) a.push(v);
        return a;
      },
      numPartitions,
      partitionFunc,
      'groupByKey',
    );
  }

  /** Aggregates each key's values from a copy of `zeroValue` with `seqFunc`, merging partials with `combFunc`. */
  aggregateByKey<K, V, U>(
    this: RDD<readonly [K, V]>,
    zeroValue: U,
    seqFunc: (acc: U, v: V) => U,
    combFunc: (a: U, b: U) => U,
    numPartitions?: number,
    partitionFunc?: (key: K) => number,
  ): RDD<[K, U]> {
    checkFunction('aggregateByKey', 'seqFunc', seqFunc);
    const zero = copyRecord(zeroValue);
    return this.combineByKey<K, V, U>((v) => seqFunc(copyRecord(zero), v), seqFunc, combFunc, numPartitions, partitionFunc, 'aggregateByKey');
  }

  /** Folds each key's values with `func`, starting from a copy of `zeroValue`. */
  foldByKey<K, V>(
    this: RDD<readonly [K, V]>,
    zeroValue: V,
    func: (a: V, b: V) => V,
    numPartitions?: number,
    partitionFunc?: (key: K) => number,
  ): RDD<[K, V]> {
    checkFunction('foldByKey', 'func', func);
    const zero = copyRecord(zeroValue);
    return this.combineByKey<K, V, V>((v) => func(copyRecord(zero), v), func, func, numPartitions, partitionFunc, 'foldByKey');
  }

  /** Places pairs in `numPartitions` partitions by `partitionFunc(key)` (default: a portable hash). */
  partitionBy<K, V>(this: RDD<readonly [K, V]>, numPartitions: number, partitionFunc?: (key: K) => number): RDD<[K, V]> {
    checkPartitions('partitionBy', numPartitions);
    const partitioner = new Partitioner(numPartitions, partitionFunc as ((key: unknown) => number) | undefined);
    const parent = this;
    let output: Array<Array<[K, V]>> | undefined;
    const shuffle = (): Array<Array<[K, V]>> => {
      if (output) return output;
      const parts: Array<Array<[K, V]>> = Array.from({ length: numPartitions }, () => []);
      for (let p = 0; p < parent.getNumPartitions(); p++) {
        parent.iterate(p, (kv) => parts[partitioner.partition(kv[0])]!.push([kv[0], kv[1]]));
      }
      return (output = parts);
    };
    return new RDD<[K, V]>(this.context, {
      name: 'partitionBy',
      numPartitions,
      parents: [this],
      shuffle: true,
      partitioner,
      compute: (i, sink) => {
        for (const kv of shuffle()[i]!) sink(copyRecord(kv));
      },
    });
  }

  /** Sorts pairs by key in pyspark's natural order (optionally by `keyfunc(key)`). */
  sortByKey<K, V>(
    this: RDD<readonly [K, V]>,
    ascending = true,
    numPartitions?: number,
    keyfunc: (k: K) => unknown = (k) => k,
  ): RDD<[K, V]> {
    return (this as RDD<[K, V]>).sortBy((kv) => keyfunc(kv[0]), ascending, numPartitions);
  }

  /** Applies `f` to each value, keeping the key (and the partitioning). */
  mapValues<K, V, U>(this: RDD<readonly [K, V]>, f: (v: V) => U): RDD<[K, U]> {
    checkFunction('mapValues', 'f', f);
    return this.pipe<[K, U]>('mapValues', mapValuesStage<K, V, U>(f), true);
  }

  /** Applies `f` to each value and emits one pair per element of the iterable it returns. */
  flatMapValues<K, V, U>(this: RDD<readonly [K, V]>, f: (v: V) => Iterable<U>): RDD<[K, U]> {
    checkFunction('flatMapValues', 'f', f);
    return this.pipe<[K, U]>('flatMapValues', flatMapValuesStage<K, V, U>(f), true);
  }

  /** The keys of a pair RDD. */
  keys<K, V>(this: RDD<readonly [K, V]>): RDD<K> {
    return this.pipe<K>('keys', (sink) => (kv) => sink(kv[0]));
  }

  /** The values of a pair RDD. */
  values<K, V>(this: RDD<readonly [K, V]>): RDD<V> {
    return this.pipe<V>('values', (sink) => (kv) => sink(kv[1]));
  }

  /** For each key, the values from both RDDs: `[key, [values[], otherValues[]]]`. */
  cogroup<K, V, W>(this: RDD<readonly [K, V]>, other: RDD<readonly [K, W]>, numPartitions?: number): RDD<[K, [V[], W[]]]> {
    const tagged = (this as RDD<readonly [K, V]>)
      .pipe<[K, [0, V] | [1, W]]>('cogroup', (sink) => (kv) => sink([kv[0], [0, kv[1]]]))
      .union(other.pipe<[K, [0, V] | [1, W]]>('cogroup', (sink) => (kv) => sink([kv[0], [1, kv[1]]])));
    return tagged.combineByKey<K, [0, V] | [1, W], [V[], W[]]>(
      (t) => (t[0] === 0 ? [[t[1]], []] : [[], [t[1]]]),
      (c, t) => {
        if (t[0] === 0) c[0].push(t[1]);
        else c[1].push(t[1]);
        return c;
      },
      (a, b) => {
        a[0].push(...b[0]);
        a[1].push(...b[1]);
        return a;
      },
      numPartitions,
      undefined,
      'cogroup',
    );
  }

  /** Inner join on keys: `[key, [v, w]]` for every matching pair. */
  join<K, V, W>(this: RDD<readonly [K, V]>, other: RDD<readonly [K, W]>, numPartitions?: number): RDD<[K, [V, W]]> {
    return joinWith<K, V, W, [V, W]>(this, other, numPartitions, 'join', (vs, ws, emit) => {
      for (const v of vs) for (const w of ws) emit([v, w]);
    });
  }

  /** Left outer join: every key of this RDD, with `null` where `other` has no value. */
  leftOuterJoin<K, V, W>(this: RDD<readonly [K, V]>, other: RDD<readonly [K, W]>, numPartitions?: number): RDD<[K, [V, W | null]]> {
    return joinWith<K, V, W, [V, W | null]>(this, other, numPartitions, 'leftOuterJoin', (vs, ws, emit) => {
      for (const v of vs) {
        if (ws.length === 0) emit([v, null]);
        else for (const w of ws) emit([v, w]);
      }
    });
  }

  /** Right outer join: every key of `other`, with `null` where this RDD has no value. */
  rightOuterJoin<K, V, W>(this: RDD<readonly [K, V]>, other: RDD<readonly [K, W]>, numPartitions?: number): RDD<[K, [V | null, W]]> {
    return joinWith<K, V, W, [V | null, W]>(this, other, numPartitions, 'rightOuterJoin', (vs, ws, emit) => {
      for (const w of ws) {
        if (vs.length === 0) emit([null, w]);
        else for (const v of vs) emit([v, w]);
      }
    });
  }

  /** Full outer join: every key of either RDD, with `null` for the missing side. */
  fullOuterJoin<K, V, W>(
    this: RDD<readonly [K, V]>,
    other: RDD<readonly [K, W]>,
    numPartitions?: number,
  ): RDD<[K, [V | null, W | null]]> {
    return joinWith<K, V, W, [V | null, W | null]>(this, other, numPartitions, 'fullOuterJoin', (vs, ws, emit) => {
      if (vs.length === 0) for (const w of ws) emit([null, w]);
      else if (ws.length === 0) for (const v of vs) emit([v, null]);
      else for (const v of vs) for (const w of ws) emit([v, w]);
    });
  }

  /** Pairs whose key is not in `other`. */
  subtractByKey<K, V, W>(this: RDD<readonly [K, V]>, other: RDD<readonly [K, W]>, numPartitions?: number): RDD<[K, V]> {
    return this.cogroup(other, numPartitions).pipe<[K, V]>('subtractByKey', (sink) => (kv) => {
      if (kv[1][1].length === 0) for (const v of kv[1][0]) sink([kv[0], v]);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Persistence
  // ---------------------------------------------------------------------------------------------

  /** Keeps the computed partitions in memory (reads hand out copies, so user code cannot change them). */
  cache(): this {
    return this.persist('MEMORY_ONLY');
  }

  /** As `cache`; the storage level is recorded but everything stays in memory. */
  persist(storageLevel: StorageLevel = 'MEMORY_ONLY'): this {
    this.storageLevel = storageLevel;
    return this;
  }

  /** Drops the cached partitions. */
  unpersist(): this {
    this.storageLevel = undefined;
    this.stored = undefined;
    return this;
  }

  /** True once `cache`/`persist` was called. */
  get is_cached(): boolean {
    return this.storageLevel !== undefined;
  }

  /** The storage level set by `persist`, if any. */
  getStorageLevel(): StorageLevel | undefined {
    return this.storageLevel;
  }

  // ---------------------------------------------------------------------------------------------
  // Actions
  // ---------------------------------------------------------------------------------------------

  /** All elements, in partition order. */
  collect(): T[] {
    const out: T[] = [];
    const push: Sink<T> = (x) => {
      out.push(x);
    };
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, push);
    return out;
  }

  /** Number of elements. */
  count(): number {
    // Stored data (parallelized, a window's snapshot) knows its size: no pass, no copies.
    if (this.spec.size !== undefined && this.storageLevel === undefined) {
      if (this.counter) this.counter.exact = this.spec.size;
      return this.spec.size;
    }
    let n = 0;
    const inc: Sink<T> = () => {
      n++;
    };
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, inc);
    return n;
  }

  /** The first `num` elements, computing partitions one by one and stopping early. */
  take(num: number): T[] {
    const out: T[] = [];
    if (num <= 0) return out;
    const push: Sink<T> = (x) => {
      out.push(x);
      if (out.length >= num) throw STOP;
    };
    for (let i = 0; i < this.getNumPartitions() && out.length < num; i++) {
      try {
        this.iterate(i, push);
      } catch (e) {
        if (e !== STOP) throw e;
      }
    }
    return out;
  }

  /** The first element; throws on an empty RDD. */
  first(): T {
    const r = this.take(1);
    if (r.length === 0) throw new TsparkError('ERR_EMPTY_RDD', 'RDD is empty');
    return r[0]!;
  }

  /** True when the RDD has no element. */
  isEmpty(): boolean {
    return this.getNumPartitions() === 0 || this.take(1).length === 0;
  }

  /** The `num` smallest elements in natural order (or by `key(x)`). */
  takeOrdered(num: number, key?: (x: T) => unknown): T[] {
    const k = key ?? ((x: T) => x);
    return this.collect()
      .map((x) => [k(x), x] as const)
      .sort((a, b) => compareNatural(a[0], b[0]))
      .slice(0, Math.max(0, num))
      .map((kv) => kv[1]);
  }

  /** The `num` largest elements, largest first (or by `key(x)`). */
  top(num: number, key?: (x: T) => unknown): T[] {
    const k = key ?? ((x: T) => x);
    return this.collect()
      .map((x) => [k(x), x] as const)
      .sort((a, b) => compareNatural(b[0], a[0]))
      .slice(0, Math.max(0, num))
      .map((kv) => kv[1]);
  }

  /** Reduces the elements with an associative, commutative `f`; throws on an empty RDD. */
  reduce(f: (a: T, b: T) => T): T {
    checkFunction('reduce', 'f', f);
    const partials: T[] = [];
    for (let i = 0; i < this.getNumPartitions(); i++) {
      let has = false;
      let acc: T | undefined;
      this.iterate(i, (x) => {
        acc = has ? f(acc as T, x) : x;
        has = true;
      });
      if (has) partials.push(acc as T);
    }
    if (partials.length === 0) throw new TsparkError('ERR_EMPTY_RDD', 'Can not reduce() empty RDD');
    return partials.reduce((a, b) => f(a, b));
  }

  /** Folds each partition from a copy of `zeroValue`, then folds the results. */
  fold(zeroValue: T, op: (a: T, b: T) => T): T {
    return this.aggregate(zeroValue, op, op);
  }

  /** Aggregates each partition with `seqOp` from a copy of `zeroValue`, then merges with `combOp`. */
  aggregate<U>(zeroValue: U, seqOp: (acc: U, x: T) => U, combOp: (a: U, b: U) => U): U {
    checkFunction('aggregate', 'seqOp', seqOp);
    checkFunction('aggregate', 'combOp', combOp);
    const zero = copyRecord(zeroValue);
    let result = copyRecord(zero);
    for (let i = 0; i < this.getNumPartitions(); i++) {
      let acc = copyRecord(zero);
      this.iterate(i, (x) => {
        acc = seqOp(acc, x);
      });
      result = combOp(result, acc);
    }
    return result;
  }

  /** Sum of the elements (numbers). */
  sum(this: RDD<number>): number {
    return this.fold(0, (a, b) => a + b);
  }

  /** Mean of the elements (numbers); NaN when empty. */
  mean(this: RDD<number>): number {
    const s = this.stats();
    return s.count === 0 ? NaN : s.mean;
  }

  /** Count, mean, stdev, max and min in one pass. */
  stats(this: RDD<number>): StatCounter {
    const s = new StatCounter();
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, (x) => s.merge(x));
    return s;
  }

  /** Population variance. */
  variance(this: RDD<number>): number {
    return this.stats().variance;
  }

  /** Population standard deviation. */
  stdev(this: RDD<number>): number {
    return this.stats().stdev;
  }

  /** Sample standard deviation. */
  sampleStdev(this: RDD<number>): number {
    return this.stats().sampleStdev;
  }

  /** Sample variance. */
  sampleVariance(this: RDD<number>): number {
    return this.stats().sampleVariance;
  }

  /** The largest element in natural order (or by `key(x)`); throws on an empty RDD. */
  max(key?: (x: T) => unknown): T {
    const k = key ?? ((x: T) => x);
    return this.reduce((a, b) => (compareNatural(k(a), k(b)) >= 0 ? a : b));
  }

  /** The smallest element in natural order (or by `key(x)`); throws on an empty RDD. */
  min(key?: (x: T) => unknown): T {
    const k = key ?? ((x: T) => x);
    return this.reduce((a, b) => (compareNatural(k(a), k(b)) <= 0 ? a : b));
  }

  /** How many times each distinct element occurs, as a Map. */
  countByValue(): Map<T, number> {
    const counts = new Map<unknown, [T, number]>();
    for (let i = 0; i < this.getNumPartitions(); i++) {
      this.iterate(i, (x) => {
        const g = groupingKey(x);
        const e = counts.get(g);
        if (e) e[1]++;
        else counts.set(g, [x, 1]);
      });
    }
    return new Map([...counts.values()]);
  }

  /** How many pairs each key has, as a Map. */
  countByKey<K, V>(this: RDD<readonly [K, V]>): Map<K, number> {
    return this.keys().countByValue();
  }

  /** The values stored for `key`. */
  lookup<K, V>(this: RDD<readonly [K, V]>, key: K): V[] {
    const g = groupingKey(key);
    return this.pipe<V>('lookup', (sink) => (kv) => {
      if (groupingKey(kv[0]) === g) sink(kv[1]);
    }).collect();
  }

  /** Runs `f` on every element (for its side effects). */
  foreach(f: (x: T) => void): void {
    checkFunction('foreach', 'f', f);
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, (x) => void f(x));
  }

  /** Runs `f` on the iterator of each partition. */
  foreachPartition(f: (it: IterableIterator<T>) => void): void {
    checkFunction('foreachPartition', 'f', f);
    for (let i = 0; i < this.getNumPartitions(); i++) f(this.partitionArray(i)[Symbol.iterator]());
  }

  /** Number of partitions. */
  getNumPartitions(): number {
    return this.spec.numPartitions;
  }

  /** Writes one `part-NNNNN` text file per partition into the directory `path`, which must not exist. */
  saveAsTextFile(path: string): void {
    if (existsSync(path)) {
      throw new TsparkError('ERR_FILE_EXISTS', `Output directory ${path} already exists; choose another path or delete it first`);
    }
    mkdirSync(path, { recursive: true });
    for (let i = 0; i < this.getNumPartitions(); i++) {
      const file = join(path, `part-${String(i).padStart(5, '0')}`);
      writeFileSync(file, '');
      let buf = '';
      this.iterate(i, (x) => {
        buf += recordToText(x) + '\n';
        if (buf.length > 1 << 20) {
          appendFileSync(file, buf);
          buf = '';
        }
      });
      if (buf) appendFileSync(file, buf);
    }
    writeFileSync(join(path, '_SUCCESS'), '');
  }

  /** The lineage of this RDD, one line per step; shuffles start an indented stage, as Spark prints it. */
  toDebugString(): string {
    const lines: string[] = [];
    const label = (r: RDD<unknown>): string => `${r.spec.name} [${r.id}]${r.storageLevel ? ` [${r.storageLevel}]` : ''}`;
    const walk = (rdd: RDD<unknown>, stageIndent: string, line: string): void => {
      lines.push(line);
      for (const p of rdd.spec.parents) {
        if (rdd.spec.shuffle) walk(p, stageIndent + '   ', `${stageIndent} +-(${p.getNumPartitions()}) ${label(p)}`);
        else walk(p, stageIndent, `${stageIndent} |  ${label(p)}`);
      }
    };
    walk(this as RDD<unknown>, '', `(${this.getNumPartitions()}) ${label(this as RDD<unknown>)}`);
    return lines.join('\n');
  }

  /** `RDD[id] name`, as the REPL shows it. */
  toString(): string {
    return `${this.spec.name === 'parallelize' ? 'ParallelCollectionRDD' : 'RDD'}[${this.id}] ${this.spec.name}`;
  }

  /** Shown by the REPL and `console.log` instead of the internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

// -----------------------------------------------------------------------------------------------
// Helpers
// -----------------------------------------------------------------------------------------------

/**
 * @internal The RDD after a shuffle: `shuffle()` runs once, on first use, and its output
 * partitions are kept (as Spark keeps shuffle files); reads hand out copies of the values.
 */
export function shuffledRDD<K, C>(
  context: SparkContext,
  name: string,
  parents: readonly RDD<unknown>[],
  partitioner: Partitioner,
  shuffle: () => Array<Array<[K, C]>>,
): RDD<[K, C]> {
  let output: Array<Array<[K, C]>> | undefined;
  const rdd: RDD<[K, C]> = new RDD<[K, C]>(context, {
    name,
    numPartitions: partitioner.numPartitions,
    parents,
    shuffle: true,
    partitioner,
    compute: (i, sink) => {
      if (output === undefined) {
        output = shuffle();
        if (rdd.counter) rdd.counter.exact = output.reduce((n, p) => n + p.length, 0);
      }
      const part = output[i]!;
      for (let j = 0; j < part.length; j++) {
        const kv = part[j]!;
        sink([kv[0], copyRecord(kv[1])]);
      }
    },
  });
  return rdd;
}

function joinWith<K, V, W, R>(
  left: RDD<readonly [K, V]>,
  right: RDD<readonly [K, W]>,
  numPartitions: number | undefined,
  name: string,
  emitAll: (vs: V[], ws: W[], emit: (r: R) => void) => void,
): RDD<[K, R]> {
  return left.cogroup(right, numPartitions).pipe<[K, R]>(name, (sink) => (kv) => emitAll(kv[1][0], kv[1][1], (r) => sink([kv[0], r])));
}

/** Splits `data` into `n` slices as Spark's ParallelCollectionRDD does (`[i*len/n, (i+1)*len/n)`). */
export function slices<T>(data: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < n; i++) {
    out.push(data.slice(Math.floor((i * data.length) / n), Math.floor(((i + 1) * data.length) / n)));
  }
  return out;
}

/** @internal Rejects a non-function where a function is expected, naming the method and parameter. */
export function checkFunction(method: string, param: string, f: unknown): void {
  if (typeof f !== 'function') {
    throw new IllegalArgumentError(`${method}: "${param}" must be a function; got ${describeValue(f)}`);
  }
}

function checkPartitions(method: string, n: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new IllegalArgumentError(`${method}: "numPartitions" must be a positive integer; got ${describeValue(n)}`);
  }
}
