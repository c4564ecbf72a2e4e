/**
 * Turning lazy RDDs into stored arrays and back. Windows and state keep computed data, never
 * the lineage, so an old batch stays readable after its input has released its records, and a
 * state that is updated every batch does not grow an ever-longer chain of RDDs.
 */
import { copyRecord } from '../copy.js';
import { groupingKey } from '../keys.js';
import { Partitioner } from '../partitioner.js';
import type { RDD } from '../rdd/rdd.js';
import type { SparkContext } from '../spark-context.js';

/** The partitions of `rdd`, computed now. */
export function materialize<T>(rdd: RDD<T>): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rdd.getNumPartitions(); i++) out.push(rdd.partitionArray(i));
  return out;
}

/** A keyed table: grouping key → the pair as the user wrote it (composite keys compare by value). */
export type PairTable<K, V> = Map<unknown, [K, V]>;

/**
 * Pairs stored column-wise: two arrays instead of one small array per pair, which keeps a
 * window of per-batch results several times smaller and far cheaper for the garbage collector.
 */
export interface PairColumns<K, V> {
  readonly keys: K[];
  readonly values: V[];
}

/**
 * The pairs of `rdd`, computed now, as columns. `canonical` may swap a key for an equal one
 * already held elsewhere, so many batches share one key object instead of each keeping a copy.
 */
export function toColumns<K, V>(rdd: RDD<readonly [K, V]>, canonical: (key: K) => K = (k) => k): PairColumns<K, V> {
  const keys: K[] = [];
  const values: V[] = [];
  for (let i = 0; i < rdd.getNumPartitions(); i++) {
    rdd.iterate(i, (kv) => {
      keys.push(canonical(kv[0]));
      values.push(kv[1]);
    });
  }
  // Arrays grown by push keep spare capacity; a window holds hundreds of these, so trim them.
  return { keys: keys.slice(), values: values.slice() };
}

/** Merges the pairs of `cols` into `table` with `func(existing, incoming)`, in order. */
export function mergeInto<K, V>(table: PairTable<K, V>, cols: PairColumns<K, V>, func: (a: V, b: V) => V): void {
  const { keys, values } = cols;
  keys.forEach((k, i) => {
    const v = values[i] as V;
    const g = groupingKey(k);
    const prev = table.get(g);
    // Stored values are handed to user functions as copies: a function that mutates its
    // argument (list.push) must not change data an earlier batch's output still shows.
    table.set(g, prev === undefined ? [k, copyRecord(v)] : [k, func(copyRecord(prev[1]), copyRecord(v))]);
  });
}

/** An RDD of the table's pairs, placed in `numPartitions` partitions by key hash. */
export function tableToRDD<K, V>(sc: SparkContext, table: Iterable<readonly [K, V]>, numPartitions: number | undefined, name: string): RDD<[K, V]> {
  const n = numPartitions ?? sc.defaultParallelism;
  const partitioner = new Partitioner(n);
  const parts: Array<Array<[K, V]>> = Array.from({ length: n }, () => []);
  for (const kv of table) parts[partitioner.partition(kv[0])]?.push([kv[0], kv[1]]);
  return sc.fromPartitions(parts, name);
}
