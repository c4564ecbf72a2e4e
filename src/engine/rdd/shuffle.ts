/**
 * The two halves of a shuffle with aggregation, kept apart so the map side can run either at
 * the batch tick (over an RDD's partitions) or as records arrive (see eager-combine.ts), with
 * the same result: one combiner table per input partition, merged in partition order.
 */
import { copyRecord } from '../copy.js';
import { groupingKey } from '../keys.js';
import type { Partitioner } from '../partitioner.js';
import type { RDDBase, RDDSpec } from './rdd-base.js';
import type { Sink } from './sink.js';

/** createCombiner / mergeValue / mergeCombiners, as pyspark's combineByKey takes them. */
export interface Aggregator<V, C> {
  readonly createCombiner: (v: V) => C;
  readonly mergeValue: (c: C, v: V) => C;
  readonly mergeCombiners: (a: C, b: C) => C;
}

/** One partition's map-side result: grouping key → [original key, combiner]. */
export type CombinerTable<K, C> = Map<unknown, [K, C]>;

/** A sink that combines the pairs pushed into it into `table`. */
export function combiningSink<K, V, C>(table: CombinerTable<K, C>, agg: Aggregator<V, C>): Sink<readonly [K, V]> {
  const { createCombiner, mergeValue } = agg;
  return (kv) => {
    const k = kv[0];
    // Primitive keys (the usual case) skip groupingKey's call.
    const g = typeof k === 'object' && k !== null ? groupingKey(k) : k;
    const entry = table.get(g);
    if (entry === undefined) table.set(g, [k, createCombiner(kv[1])]);
    else entry[1] = mergeValue(entry[1], kv[1]);
  };
}

/** The reduce side: merges the tables in order and places each key by the partitioner. */
export function mergeTables<K, C>(
  tables: Iterable<CombinerTable<K, C>>,
  partitioner: Partitioner,
  mergeCombiners: (a: C, b: C) => C,
): Array<Array<[K, C]>> {
  const n = partitioner.numPartitions;
  const merged: Array<CombinerTable<K, C>> = Array.from({ length: n }, () => new Map());
  for (const local of tables) {
    for (const [g, entry] of local) {
      // partition() is always in [0, n): the lookup cannot miss.
      const target = merged[n === 1 ? 0 : partitioner.partition(entry[0])] as CombinerTable<K, C>;
      const prev = target.get(g);
      if (prev === undefined) target.set(g, entry);
      else prev[1] = mergeCombiners(prev[1], entry[1]);
    }
  }
  return merged.map((m) => [...m.values()]);
}

/**
 * The RDD after a shuffle: `shuffle()` runs once, on first use, and its output partitions are
 * kept (as Spark keeps shuffle files); reads hand out copies of the values.
 */
export function shuffledSpec<K, C>(
  name: string,
  parents: readonly RDDBase<unknown>[],
  partitioner: Partitioner,
  shuffle: () => Array<Array<[K, C]>>,
): RDDSpec<[K, C]> {
  let output: Array<Array<[K, C]>> | undefined;
  return {
    name,
    numPartitions: partitioner.numPartitions,
    parents,
    shuffle: true,
    partitioner,
    compute: (i, sink) => {
      output ??= shuffle();
      for (const kv of output[i] ?? []) sink([kv[0], copyRecord(kv[1])]);
    },
  };
}
