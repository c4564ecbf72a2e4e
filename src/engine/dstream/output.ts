/**
 * Output operations, the last primitive: they register on the graph, and at every batch the
 * scheduler runs them on their stream's RDD. `foreachRDD` is the general one; `pprint`
 * (pprint.ts) and `saveAsTextFiles` (save-as-text-files.ts) are built on {@link addOutput}.
 */
import { checkFunction } from '../checks.js';
import type { RDD } from '../rdd/rdd.js';
import type { StreamNode } from './stream-node.js';

/** Registers an output operation called `name` that runs `run(time, rdd)` at every batch with an RDD. */
export function addOutput<T>(stream: StreamNode<T>, name: string, run: (time: number, rdd: RDD<T>) => unknown): void {
  stream.runtime.checkCanAddStream();
  stream.runtime.graph.addOutput(stream as StreamNode<unknown>, name, run as (time: number, rdd: RDD<unknown>) => unknown);
}

/**
 * `foreachRDD(func)`: `func(rdd)` or `func(time, rdd)` (time as a Date), chosen by its number
 * of parameters as pyspark does. A returned promise is awaited before the batch counts as done.
 */
export function foreachRDD<T>(stream: StreamNode<T>, func: ((rdd: RDD<T>) => unknown) | ((time: Date, rdd: RDD<T>) => unknown)): void {
  checkFunction('foreachRDD', 'func', func);
  const run =
    func.length === 1
      ? (_time: number, rdd: RDD<T>) => (func as (rdd: RDD<T>) => unknown)(rdd)
      : (time: number, rdd: RDD<T>) => (func as (t: Date, rdd: RDD<T>) => unknown)(new Date(time), rdd);
  addOutput(stream, 'foreachRDD', run);
}
