/**
 * RDD: an immutable, partitioned collection, computed lazily; pyspark's RDD in TypeScript.
 *
 * Evaluation is push-based: a partition is computed by pushing its elements into a sink, and a
 * narrow transformation (map, flatMap, filter …) wraps the sink. A chain such as
 * `flatMap → map → filter → reduceByKey` therefore runs as one pass over each partition with no
 * array between the steps, and the shuffle's map-side combine consumes the records as they are
 * pushed. This file holds the transformations; the class is assembled from one family a file
 * (rdd-base.ts explains the chain): actions.ts, numeric-actions.ts, pair-functions.ts.
 */
import type { SparkContext } from '../spark-context.js';
import { checkFunction, numPartitions as checkNumPartitions } from '../checks.js';
import { copyRecord } from '../copy.js';
import { TsparkError } from '../errors.js';
import { compareNatural } from '../order.js';
import { PairRDDFunctions } from './pair-functions.js';
import type { RDDSpec } from './rdd-base.js';
import { filterStage, flatMapStage, mapStage } from './stages.js';

/** An immutable, partitioned collection, computed lazily. Create one with `sc.parallelize` or `sc.textFile`. */
export class RDD<T> extends PairRDDFunctions<T> {
  /** @internal Use `sc.parallelize`, `sc.textFile` or a transformation. */
  constructor(context: SparkContext, spec: RDDSpec<T>) {
    super(context, spec);
  }

  /** @internal */
  derive<U>(spec: RDDSpec<U>): RDD<U> {
    return new RDD<U>(this.context, spec);
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
  mapPartitionsWithIndex<U>(f: (index: number, it: IterableIterator<T>) => Iterable<U>, preservesPartitioning = false, name = 'mapPartitionsWithIndex'): RDD<U> {
    checkFunction(name, 'f', f);
    return this.derive<U>({
      name,
      numPartitions: this.spec.numPartitions,
      parents: [this],
      partitioner: preservesPartitioning ? this.spec.partitioner : undefined,
      compute: (i, sink) => {
        const out = f(i, this.partitionArray(i)[Symbol.iterator]());
        if (out === undefined || out === null) return;
        for (const y of out) sink(y);
      },
    });
  }

  /** One array per partition. */
  glom(): RDD<T[]> {
    return this.derive<T[]>({
      name: 'glom',
      numPartitions: this.spec.numPartitions,
      parents: [this],
      compute: (i, sink) => sink(this.partitionArray(i)),
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
    const nb = other.getNumPartitions();
    return this.derive<[T, U]>({
      name: 'cartesian',
      numPartitions: this.getNumPartitions() * nb,
      parents: [this, other],
      compute: (i, sink) => {
        const left = this.partitionArray(Math.floor(i / nb));
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
    return this.derive<[T, U]>({
      name: 'zip',
      numPartitions: this.getNumPartitions(),
      parents: [this, other],
      compute: (i, sink) => {
        const left = this.partitionArray(i);
        const right = other.partitionArray(i);
        if (left.length !== right.length) {
          throw new TsparkError('ERR_ZIP_MISMATCH', 'Can only zip RDDs with the same number of elements in each partition');
        }
        left.forEach((x, j) => sink([x, right[j] as U]));
      },
    });
  }

  /** Pairs each element with its index: `[x, i]`, numbered across partitions in order. */
  zipWithIndex(): RDD<[T, number]> {
    const starts: number[] = [];
    let total = 0;
    for (let i = 0; i < this.getNumPartitions(); i++) {
      starts.push(total);
      total += this.partitionArray(i).length;
    }
    return this.pipe<[T, number]>('zipWithIndex', (sink, i) => {
      let k = starts[i] ?? 0;
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
    const n = numPartitions ?? this.getNumPartitions();
    let sorted: T[][] | undefined;
    const compute = (): T[][] => {
      if (sorted) return sorted;
      const all = this.collect().map((x) => [keyfunc(x), x] as [K, T]);
      all.sort((a, b) => (ascending ? compareNatural(a[0], b[0]) : compareNatural(b[0], a[0])));
      return (sorted = slices(
        all.map((kv) => kv[1]),
        n,
      ));
    };
    return this.derive<T>({
      name: 'sortBy',
      numPartitions: n,
      parents: [this],
      shuffle: true,
      compute: (i, sink) => {
        for (const x of compute()[i] ?? []) sink(copyRecord(x));
      },
    });
  }

  /** Redistributes the elements into `numPartitions` partitions (with a shuffle). */
  repartition(numPartitions: number): RDD<T> {
    return this.coalesce(checkNumPartitions('repartition', numPartitions), true);
  }

  /** Fewer partitions without a shuffle (adjacent partitions merged); with `shuffle`, any number. */
  coalesce(numPartitions: number, shuffle = false): RDD<T> {
    const wanted = checkNumPartitions('coalesce', numPartitions);
    const m = this.getNumPartitions();
    if (shuffle) {
      let out: T[][] | undefined;
      const compute = (): T[][] => {
        if (out) return out;
        const parts: T[][] = Array.from({ length: wanted }, () => []);
        for (let i = 0; i < m; i++) {
          // Round-robin from a start that depends on the source partition, as Spark's coalesce(shuffle=true).
          let k = i % wanted;
          this.iterate(i, (x) => {
            parts[k]?.push(x);
            k = (k + 1) % wanted;
          });
        }
        return (out = parts);
      };
      return this.derive<T>({
        name: 'repartition',
        numPartitions: wanted,
        parents: [this],
        shuffle: true,
        compute: (i, sink) => {
          for (const x of compute()[i] ?? []) sink(copyRecord(x));
        },
      });
    }
    const n = Math.min(wanted, m);
    return this.derive<T>({
      name: 'coalesce',
      numPartitions: n,
      parents: [this],
      compute: (i, sink) => {
        const from = Math.floor((i * m) / n);
        const to = Math.floor(((i + 1) * m) / n);
        for (let p = from; p < to; p++) this.iterate(p, sink);
      },
    });
  }
}

/** Splits `data` into `n` slices as Spark's ParallelCollectionRDD does (`[i*len/n, (i+1)*len/n)`). */
export function slices<T>(data: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < n; i++) {
    out.push(data.slice(Math.floor((i * data.length) / n), Math.floor(((i + 1) * data.length) / n)));
  }
  return out;
}
