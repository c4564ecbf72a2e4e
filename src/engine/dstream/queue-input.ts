/**
 * `ssc.queueStream(rdds, oneAtATime, default)`: a stream fed from a list of RDDs (or arrays),
 * one per batch. Once the queue is empty, each batch is the default RDD, or an empty RDD with
 * one partition, as in Spark (so `count()` gives `[0]`).
 */
import type { StreamingContext } from '../context.js';
import { DStream } from '../dstream.js';
import { IllegalArgumentError } from '../errors.js';
import type { SourceInfo } from '../events.js';
import type { InputHandle } from '../graph.js';
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
  // The tick takes the next RDD (as Spark's QueueInputDStream does when it generates jobs).
  const allocated = new Map<number, RDD<T>>();
  const info: SourceInfo = { id: 0, name: 'queueStream', state: 'connected', recordsReceived: 0 };
  const stream = new DStream<T>(ssc, {
    name: 'queueStream',
    kind: 'input',
    parents: [],
    // Only batch times the tick allocated have an RDD (slice() may ask for other times).
    compute: (time) => allocated.get(time),
  });
  Object.assign(info, { id: stream.id });
  const handle: InputHandle = {
    streamId: stream.id,
    info,
    start: () => undefined,
    stop: () => undefined,
    cut(time) {
      let rdd: RDD<T>;
      if (queue.length > 0) {
        if (oneAtATime) rdd = queue.shift()!;
        else {
          const all = queue.splice(0, queue.length);
          rdd = all.length === 1 ? all[0]! : sc.union(all);
        }
      } else {
        rdd = fallback ?? sc.fromPartitions<T>([[]], 'emptyBatch');
      }
      allocated.set(time, rdd);
      // Known without computing for parallelized data; an RDD derived by the user counts as 0 here.
      const n = rdd.spec.size ?? 0;
      info.recordsReceived += n;
      return n;
    },
    release(time) {
      allocated.delete(time);
    },
  };
  ssc.graphInternal.addInput(handle);
  return stream;
}
