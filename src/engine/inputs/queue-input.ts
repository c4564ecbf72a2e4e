/**
 * `ssc.queueStream(rdds, oneAtATime, default)`: a stream fed from a list of RDDs (or arrays),
 * one per batch. Once the queue is empty, each batch is the default RDD, or an empty RDD with
 * one partition, as in Spark (so `count()` gives `[0]`).
 */
import { check, rule } from '../checks.js';
import { RDD } from '../rdd/rdd.js';
import type { StreamingRuntime } from '../runtime.js';
import type { StreamNode } from '../dstream/stream-node.js';
import { Input } from './input.js';

const RDDS = rule('an array of RDDs or arrays', (v): v is ReadonlyArray<RDD<unknown> | readonly unknown[]> => Array.isArray(v));
const ITEM = rule('an RDD or an array', (v): v is RDD<unknown> | readonly unknown[] => v instanceof RDD || Array.isArray(v));

/** The queue of RDDs behind `queueStream`. */
class QueueInput<T> extends Input<T> {
  /** What each tick took, by batch time (as Spark's QueueInputDStream takes the next RDD when it generates jobs). */
  private readonly allocated = new Map<number, RDD<T>>();

  constructor(
    runtime: StreamingRuntime,
    private readonly queue: RDD<T>[],
    private readonly oneAtATime: boolean,
    private readonly fallback: RDD<T> | undefined,
  ) {
    super(runtime, 'queueStream', 'queueStream', 'connected');
  }

  // Only batch times the tick allocated have an RDD (slice() may ask for other times).
  protected batch(time: number): RDD<T> | undefined {
    return this.allocated.get(time);
  }

  start(): void {}

  stop(): void {}

  cut(time: number): number {
    const sc = this.runtime.sc;
    const next = this.oneAtATime ? this.queue.splice(0, 1) : this.queue.splice(0, this.queue.length);
    const [first] = next;
    let rdd: RDD<T>;
    if (first === undefined) rdd = this.fallback ?? sc.fromPartitions<T>([[]], 'emptyBatch');
    else rdd = next.length === 1 ? first : sc.union(next);
    this.allocated.set(time, rdd);
    // Known without computing for parallelized data; an RDD derived by the user counts as 0 here.
    const n = rdd.spec.size ?? 0;
    this.info.recordsReceived += n;
    return n;
  }

  release(time: number): void {
    this.allocated.delete(time);
  }
}

/** The stream of `ssc.queueStream(rdds, oneAtATime, defaultRdd)`. */
export function queueStream<T>(
  runtime: StreamingRuntime,
  rdds: ReadonlyArray<RDD<T> | readonly T[]>,
  oneAtATime = true,
  defaultRdd?: RDD<T> | readonly T[],
): StreamNode<T> {
  check('queueStream', 'rdds', rdds, RDDS);
  const toRdd = (x: RDD<T> | readonly T[]): RDD<T> => {
    check('queueStream', 'rdds[i]', x, ITEM);
    return x instanceof RDD ? x : runtime.sc.parallelize(x);
  };
  // Copied into the queue now: later changes to the caller's array are not seen.
  const queue = rdds.map(toRdd);
  // An empty array as default is falsy in pyspark and ignored.
  const fallback = defaultRdd === undefined || (Array.isArray(defaultRdd) && defaultRdd.length === 0) ? undefined : toRdd(defaultRdd);
  return new QueueInput<T>(runtime, queue, oneAtATime, fallback).node;
}
