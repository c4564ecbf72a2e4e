/**
 * Functions of RDDs of `[key, value]` pairs (Spark's PairRDDFunctions): per-key aggregation
 * (`combineByKey` and what is built on it), placement, joins and per-key actions. Each is typed
 * `this: RDD<readonly [K, V]>`, so calling one on an RDD that does not hold pairs is a compile
 * error.
 */
import { checkFunction, numPartitions as checkNumPartitions } from '../checks.js';
import { copyRecord } from '../copy.js';
import { groupingKey } from '../keys.js';
import { Partitioner } from '../partitioner.js';
import { NumericRDDActions } from './numeric-actions.js';
import type { RDD } from './rdd.js';
import { type Aggregator, type CombinerTable, combiningSink, mergeTables, shuffledSpec } from './shuffle.js';
import { flatMapValuesStage, mapValuesStage } from './stages.js';

/** The functions of a pair RDD. Not used on its own: see `RDD`. */
export abstract class PairRDDFunctions<T> extends NumericRDDActions<T> {
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
    const n = checkNumPartitions(name, numPartitions ?? this.context.defaultParallelism);
    const partitioner = new Partitioner(n, partitionFunc as ((key: unknown) => number) | undefined);
    const agg: Aggregator<V, C> = { createCombiner, mergeValue, mergeCombiners };
    return this.derive(
      shuffledSpec<K, C>(name, [this], partitioner, () => {
        const tables: Array<CombinerTable<K, C>> = [];
        for (let p = 0; p < this.getNumPartitions(); p++) {
          const table: CombinerTable<K, C> = new Map();
          this.iterate(p, combiningSink(table, agg));
          tables.push(table);
        }
        return mergeTables(tables, partitioner, mergeCombiners);
      }),
    );
  }

  /** Merges the values of each key with an associative, commutative `func`. */
  reduceByKey<K, V>(this: RDD<readonly [K, V]>, func: (a: V, b: V) => V, numPartitions?: number, partitionFunc?: (key: K) => number): RDD<[K, V]> {
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
    const n = checkNumPartitions('partitionBy', numPartitions);
    const partitioner = new Partitioner(n, partitionFunc as ((key: unknown) => number) | undefined);
    let output: Array<Array<[K, V]>> | undefined;
    const shuffle = (): Array<Array<[K, V]>> => {
      if (output) return output;
      const parts: Array<Array<[K, V]>> = Array.from({ length: n }, () => []);
      for (let p = 0; p < this.getNumPartitions(); p++) {
        this.iterate(p, (kv) => parts[partitioner.partition(kv[0])]?.push([kv[0], kv[1]]));
      }
      return (output = parts);
    };
    return this.derive<[K, V]>({
      name: 'partitionBy',
      numPartitions: n,
      parents: [this],
      shuffle: true,
      partitioner,
      compute: (i, sink) => {
        for (const kv of shuffle()[i] ?? []) sink(copyRecord(kv));
      },
    });
  }

  /** Sorts pairs by key in pyspark's natural order (optionally by `keyfunc(key)`). */
  sortByKey<K, V>(this: RDD<readonly [K, V]>, ascending = true, numPartitions?: number, keyfunc: (k: K) => unknown = (k) => k): RDD<[K, V]> {
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
    const tagged = this.pipe<[K, [0, V] | [1, W]]>('cogroup', (sink) => (kv) => sink([kv[0], [0, kv[1]]])).union(
      other.pipe<[K, [0, V] | [1, W]]>('cogroup', (sink) => (kv) => sink([kv[0], [1, kv[1]]])),
    );
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
  fullOuterJoin<K, V, W>(this: RDD<readonly [K, V]>, other: RDD<readonly [K, W]>, numPartitions?: number): RDD<[K, [V | null, W | null]]> {
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
