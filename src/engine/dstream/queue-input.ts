/**
 * `ssc.queueStream(rdds, oneAtATime, default)`: a stream fed from a list of RDDs (or arrays),
 * one per batch. Once the queue is empty, each batch is the default RDD, or an empty RDD with
 * one partition, as in Spark (so `count()` gives `[0]`).
 */
import type { StreamingContext } from '../context.js';
import { DStream } from '../dstream.js';
import { IllegalArgumentError } from '../errors.js';
import { RDD } from '../rdd.js';

export function queueStream<T>(
  ssc: StreamingContext,
  rdds: ReadonlyArray<RDD<T> | readonly T[]>,
  oneAtATime = true,
  defaultRdd?: RDD<T> | readonly T[],
): DStream<T> {
  if (!Array.isArray(rdds)) {
    throw new IllegalArgumentError(`queueStream: "rdds" must be an array of RDDs or arrays; got ${String(rdds)}`);
  }
  const sc = ssc.sparkContext;
  const toRdd = (x: RDD<T> | readonly T[]): RDD<T> => {
    if (x instanceof RDD) return x;
    if (Array.isArray(x)) return sc.parallelize(x);
    throw new IllegalArgumentError('queueStream: every item of "rdds" must be an RDD or an array');
  };
  // Copied into the queue now: later changes to the caller's array are not seen.
  const queue: RDD<T>[] = rdds.map(toRdd);
  // An empty array as default is falsy in pyspark and ignored.
  const fallback = defaultRdd === undefined || (Array.isArray(defaultRdd) && defaultRdd.length === 0) ? undefined : toRdd(defaultRdd);
  let lastTime = -Infinity;
  return new DStream<T>(ssc, {
    name: 'queueStream',
    kind: 'input',
    parents: [],
    compute: (time) => {
      // Only a new batch time takes from the queue (slice() may ask for older times).
      if (time <= lastTime) return undefined;
      lastTime = time;
      if (queue.length > 0) {
        if (oneAtATime) return queue.shift();
        const all = queue.splice(0, queue.length);
        return all.length === 1 ? all[0] : sc.union(all);
      }
      return fallback ?? sc.fromPartitions<T>([[]], 'emptyBatch');
    },
  });
}
