/**
 * Per-batch aggregations of DStreams: `reduceByKey`, `groupByKey`, `combineByKey`, `count`,
 * `countByValue`, `reduce`. They share one primitive, {@link aggregate}, which also tells the
 * graph the aggregator and placement, so the map side can run as records arrive when the stream
 * reads a receiver through narrow steps only (inputs/eager-combine.ts).
 */
import { checkFunction, numPartitions as checkNumPartitions } from '../checks.js';
import { Partitioner } from '../partitioner.js';
import { RDD } from '../rdd/rdd.js';
import { type Aggregator, type CombinerTable, mergeTables, shuffledSpec } from '../rdd/shuffle.js';
import type { Stage } from '../rdd/stages.js';
import { StreamNode } from './stream-node.js';
import { derive } from './transform.js';

const add = (a: number, b: number): number => a + b;

/** Sums numbers: the aggregator of `count` and `countByValue`. */
const SUM: Aggregator<number, number> = { createCombiner: (v) => v, mergeValue: add, mergeCombiners: add };

/** The pair every record of `count()` becomes (read, never stored, by the combiner). */
const NULL_ONE = Object.freeze([null, 1] as const);

/**
 * The aggregation primitive: records become pairs through `toPair` (none for a pair stream),
 * pairs are aggregated per key, and `finish` shapes the result given the aggregated RDD and how
 * many partitions the input had.
 */
export function aggregate<T, K, V, C, U>(
  parent: StreamNode<T>,
  name: string,
  toPair: Stage<T, readonly [K, V]> | undefined,
  aggregator: Aggregator<V, C>,
  numPartitions: number | undefined,
  finish: (rdd: RDD<[K, C]>, inputPartitions: number) => RDD<U>,
): StreamNode<U> {
  const sc = parent.runtime.sc;
  const n = checkNumPartitions(name, numPartitions ?? sc.defaultParallelism);
  const partitioner = new Partitioner(n);
  const stream: StreamNode<U> = new StreamNode<U>(parent.runtime, {
    name,
    kind: 'transform',
    parents: [parent],
    combine: {
      aggregator: aggregator as Aggregator<unknown, unknown>,
      partitioner,
      ...(toPair ? { preStage: toPair as Stage<unknown, unknown> } : {}),
    },
    compute: (time) => {
      // The map side ran as records arrived: only the reduce side is left.
      const pre = stream.eager?.take(time);
      if (pre) {
        const tables = pre.tables as Array<CombinerTable<K, C>>;
        const rdd = new RDD(
          sc,
          shuffledSpec<K, C>(name, [], partitioner, () => {
            if (pre.error !== undefined) throw pre.error;
            return mergeTables(tables, partitioner, aggregator.mergeCombiners);
          }),
        );
        return finish(rdd, tables.length);
      }
      const input = parent.getOrCompute(time);
      if (input === undefined) return undefined;
      const pairs = (toPair ? input.pipe(name, toPair) : input) as RDD<readonly [K, V]>;
      const rdd = pairs.combineByKey(aggregator.createCombiner, aggregator.mergeValue, aggregator.mergeCombiners, n, undefined, name);
      return finish(rdd, input.getNumPartitions());
    },
  });
  return stream;
}

/** A per-key aggregation of a pair stream. */
function combined<K, V, C>(parent: StreamNode<readonly [K, V]>, name: string, aggregator: Aggregator<V, C>, numPartitions: number | undefined): StreamNode<[K, C]> {
  return aggregate<readonly [K, V], K, V, C, [K, C]>(parent, name, undefined, aggregator, numPartitions, (rdd) => rdd);
}

/** `reduceByKey(func, numPartitions)`: merges the values of each key within each batch. */
export function reduceByKey<K, V>(parent: StreamNode<readonly [K, V]>, func: (a: V, b: V) => V, numPartitions?: number): StreamNode<[K, V]> {
  checkFunction('reduceByKey', 'func', func);
  return combined<K, V, V>(parent, 'reduceByKey', { createCombiner: (v) => v, mergeValue: func, mergeCombiners: func }, numPartitions);
}

/** `groupByKey(numPartitions)`: the values of each key within each batch, `[key, values[]]`. */
export function groupByKey<K, V>(parent: StreamNode<readonly [K, V]>, numPartitions?: number): StreamNode<[K, V[]]> {
  const aggregator: Aggregator<V, V[]> = {
    createCombiner: (v) => [v],
    mergeValue: (c, v) => {
      c.push(v);
      return c;
    },
    mergeCombiners: (a, b) => {
      for (const v of b) a.push(v);
      return a;
    },
  };
  return combined(parent, 'groupByKey', aggregator, numPartitions);
}

/** `combineByKey(createCombiner, mergeValue, mergeCombiners, numPartitions)`, per batch. */
export function combineByKey<K, V, C>(
  parent: StreamNode<readonly [K, V]>,
  createCombiner: (v: V) => C,
  mergeValue: (c: C, v: V) => C,
  mergeCombiners: (a: C, b: C) => C,
  numPartitions?: number,
): StreamNode<[K, C]> {
  checkFunction('combineByKey', 'createCombiner', createCombiner);
  checkFunction('combineByKey', 'mergeValue', mergeValue);
  checkFunction('combineByKey', 'mergeCombiners', mergeCombiners);
  return combined<K, V, C>(parent, 'combineByKey', { createCombiner, mergeValue, mergeCombiners }, numPartitions);
}

/** `count()`: one element per batch, the number of elements (nothing for a batch with no partitions, as pyspark). */
export function count<T>(parent: StreamNode<T>): StreamNode<number> {
  return aggregate<T, null, number, number, number>(parent, 'count', (sink) => () => sink(NULL_ONE), SUM, 1, (rdd, inputPartitions) =>
    rdd.derive<number>({
      name: 'count',
      numPartitions: 1,
      parents: [rdd],
      compute: (_, sink) => {
        let counted = false;
        rdd.iterate(0, (kv) => {
          counted = true;
          sink(kv[1]);
        });
        // pyspark counts per partition: an empty batch with partitions says 0, one without says nothing.
        if (!counted && inputPartitions > 0) sink(0);
      },
    }),
  );
}

/** `countByValue()`: each distinct element of each batch with its count, `[value, count]`. */
export function countByValue<T>(parent: StreamNode<T>): StreamNode<[T, number]> {
  return aggregate<T, T, number, number, [T, number]>(parent, 'countByValue', (sink) => (x) => sink([x, 1]), SUM, undefined, (rdd) => rdd);
}

/** `reduce(func)`: one element per batch, the elements reduced with `func` (nothing for an empty batch). */
export function reduce<T>(parent: StreamNode<T>, func: (a: T, b: T) => T): StreamNode<T> {
  checkFunction('reduce', 'func', func);
  return derive(parent, 'reduce', (rdd) =>
    rdd
      .map((x) => [null, x] as [null, T])
      .reduceByKey(func, 1)
      .map((kv) => kv[1]),
  );
}
