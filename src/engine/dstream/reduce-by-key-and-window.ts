/**
 * `reduceByKeyAndWindow(func, invFunc, windowDuration, slideDuration, numPartitions, filterFunc)`
 * with pyspark's exact algorithm (PythonReducedWindowedDStream):
 *
 * - the parent is reduced per batch first (`reduceByKey(func)`), and only those per-batch
 *   results are kept for the window: one value per key per batch, never the raw records;
 * - when the previous window's result exists and the window is at least 5 slides long, the new
 *   result is the previous one with the batches that left inverse-reduced out (`invFunc`) and
 *   the batches that entered reduced in (`func`), then `filterFunc`: keys whose value falls to
 *   zero stay unless `filterFunc` drops them;
 * - otherwise (the first window, or a window shorter than 5 slides) the window is reduced from
 *   its batches, then `filterFunc`.
 *
 * Without `invFunc` it is `reduceByKey(func).window(w, s).reduceByKey(func)` and `filterFunc`
 * is ignored, as in pyspark.
 */
import { copyRecord } from '../copy.js';
import { groupingKey } from '../keys.js';
import { reduceByKey } from './aggregations.js';
import { BatchStore } from './batch-store.js';
import { type PairColumns, type PairTable, mergeInto, tableToRDD, toColumns } from './materialize.js';
import { statefulStream } from './stateful.js';
import type { StreamNode } from './stream-node.js';
import type { WindowSpec } from './window-args.js';
import { windowStream } from './window.js';

/** The incremental window needs at least this many slides per window (pyspark's rule). */
export const INCREMENTAL_MIN_SLIDES = 5;

/** Arguments after checking. */
export interface ReduceWindowArgs<K, V> {
  readonly func: (a: V, b: V) => V;
  readonly invFunc: ((a: V, b: V) => V) | null | undefined;
  readonly window: WindowSpec;
  readonly numPartitions: number | undefined;
  readonly filterFunc: ((kv: [K, V]) => unknown) | null | undefined;
}

/** The `reduceByKeyAndWindow` stream of `parent` (arguments already checked). */
export function reduceByKeyAndWindowStream<K, V>(parent: StreamNode<readonly [K, V]>, args: ReduceWindowArgs<K, V>): StreamNode<[K, V]> {
  const { func, invFunc, window, numPartitions, filterFunc } = args;
  const reduced = reduceByKey(parent, func, numPartitions);
  if (!invFunc) return reduceByKey(windowStream(reduced, window), func, numPartitions);

  const { windowMs, slideMs } = window;
  // The last window's result, kept as a table (not an RDD) so results never chain lineage.
  let previous: { time: number; table: PairTable<K, V> } | undefined;
  // Each stored batch refers to the result table's key objects: a key that appears in 300
  // batches is kept once, not 300 times (each record of a socket is a new string).
  const canonical = (k: K): K => previous?.table.get(groupingKey(k))?.[0] ?? k;
  const store = new BatchStore<[K, V], PairColumns<K, V>>(reduced, windowMs + slideMs, (rdd) => toColumns(rdd, canonical));

  // Keys whose value changed since filterFunc last ran. filterFunc is a function of the pair,
  // so a key it kept and that has not changed since would be kept again: only these need a look.
  let dirty = new Set<unknown>();
  const applyFilter = (table: PairTable<K, V>, keys: Iterable<unknown>): void => {
    if (!filterFunc) return;
    for (const g of keys) {
      const kv = table.get(g);
      if (kv !== undefined && !filterFunc([copyRecord(kv[0]), copyRecord(kv[1])])) table.delete(g);
    }
  };

  const compute = (time: number): PairTable<K, V> | undefined => {
    store.ensureRange(time - windowMs, time);
    if (previous && previous.time === time - slideMs && windowMs >= INCREMENTAL_MIN_SLIDES * slideMs) {
      // Updated in place: the previous result is only read here (outputs get their own arrays).
      // Only the keys of the batches that left and entered are visited, not the whole window.
      const table = previous.table;
      const left = store.between(time - slideMs - windowMs, time - windowMs);
      if (left.length > 0) {
        const old: PairTable<K, V> = new Map();
        for (const batch of left) mergeInto(old, batch, func);
        // pyspark's leftOuterJoin(previous, old): keys of `old` absent from the window are ignored.
        for (const [g, o] of old) {
          const kv = table.get(g);
          if (kv === undefined) continue;
          kv[1] = invFunc(copyRecord(kv[1]), o[1]);
          if (filterFunc) dirty.add(g);
        }
      }
      const entered = store.between(time - slideMs, time);
      if (entered.length > 0) {
        const fresh: PairTable<K, V> = new Map();
        for (const batch of entered) mergeInto(fresh, batch, func);
        for (const [g, kv] of fresh) {
          const prev = table.get(g);
          if (prev === undefined) table.set(g, kv);
          else prev[1] = func(copyRecord(prev[1]), kv[1]);
          if (filterFunc) dirty.add(g);
        }
        // As pyspark, filterFunc runs only in the step that adds the entering batches.
        applyFilter(table, dirty);
        dirty = new Set();
      }
      return table;
    }
    const batches = store.between(time - windowMs, time);
    dirty = new Set();
    if (batches.length === 0) return undefined;
    const table: PairTable<K, V> = new Map();
    for (const batch of batches) mergeInto(table, batch, func);
    applyFilter(table, [...table.keys()]);
    return table;
  };

  const sc = parent.runtime.sc;
  return statefulStream<[K, V]>(parent.runtime, {
    name: 'reduceByKeyAndWindow',
    parents: [reduced],
    slideMs,
    windowMs,
    storesWindow: true,
    mustCheckpoint: true,
    compute: (time) => {
      let table: PairTable<K, V> | undefined;
      try {
        table = compute(time);
      } catch (e) {
        // The previous result may be half updated: the next window is reduced from its batches.
        previous = undefined;
        throw e;
      }
      previous = table === undefined ? undefined : { time, table };
      return table === undefined ? undefined : tableToRDD(sc, table.values(), numPartitions, 'reduceByKeyAndWindow');
    },
    advance: (time, stream) => {
      store.ensure(time);
      stream.getOrCompute(time);
    },
    // The stored per-batch results are enough: after recovery the first window is reduced
    // from them, and later windows continue incrementally.
    snapshot: () => store.snapshot(),
    restore: (data, file) => {
      store.restore(data, file);
      previous = undefined;
    },
  });
}
