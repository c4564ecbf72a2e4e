/**
 * Sorting an RDD: `sortBy` and `sortByKey`. All records are ordered by their key in pyspark's
 * order (order.ts), then cut into `numPartitions` ranges of consecutive records. Keys of kinds
 * Python cannot compare fail the action, naming the operator.
 */
import { copyRecord } from '../copy.js';
import { orderFor } from '../order.js';
import type { RDD } from './rdd.js';
import { slices } from './slices.js';

/** `rdd` sorted by `keyfunc(x)` into `numPartitions` partitions (default: as many as `rdd` has). */
export function sortRDD<T, K>(rdd: RDD<T>, keyfunc: (x: T) => K, ascending: boolean, numPartitions: number | undefined, operator: string): RDD<T> {
  const n = numPartitions ?? rdd.getNumPartitions();
  const order = orderFor(operator, !ascending);
  let sorted: T[][] | undefined;
  const compute = (): T[][] => {
    if (sorted) return sorted;
    const all = rdd.collect().map((x) => [keyfunc(x), x] as [K, T]);
    all.sort((a, b) => order(a[0], b[0]));
    return (sorted = slices(
      all.map((kv) => kv[1]),
      n,
    ));
  };
  return rdd.derive<T>({
    name: operator,
    numPartitions: n,
    parents: [rdd],
    shuffle: true,
    compute: (i, sink) => {
      for (const x of compute()[i] ?? []) sink(copyRecord(x));
    },
  });
}
