/**
 * The transform primitive: a stream whose RDD at each batch is a function of its parents'
 * RDDs. Nearly every DStream operation is one (`map(f)` is `transform(rdd => rdd.map(f))`),
 * so the RDD's fused, push-based evaluation carries over to streams. Narrow steps also carry
 * their stage, so the same step can run as records arrive (inputs/eager-combine.ts).
 */
import { check, checkFunction, describeValue, rule } from '../checks.js';
import { IllegalArgumentError } from '../errors.js';
import { RDD } from '../rdd/rdd.js';
import type { Stage } from '../rdd/stages.js';
import type { StreamingRuntime } from '../runtime.js';
import { StreamNode } from './stream-node.js';

/** A stream whose RDD at each batch is `f(parentRDD, time)`; `name` is for the picture. */
export function derive<T, U>(parent: StreamNode<T>, name: string, f: (rdd: RDD<T>, time: number) => RDD<U> | undefined): StreamNode<U> {
  return new StreamNode<U>(parent.runtime, {
    name,
    kind: 'transform',
    parents: [parent],
    compute: (time) => {
      const rdd = parent.getOrCompute(time);
      return rdd === undefined ? undefined : f(rdd, time);
    },
  });
}

/** A narrow step per record; it can also run as records arrive (see inputs/eager-combine.ts). */
export function narrow<T, U>(parent: StreamNode<T>, name: string, stage: Stage<T, U>, preservesPartitioning = false): StreamNode<U> {
  return new StreamNode<U>(parent.runtime, {
    name,
    kind: 'transform',
    parents: [parent],
    narrowStage: stage as Stage<unknown, U>,
    compute: (time) => parent.getOrCompute(time)?.pipe(name, stage, preservesPartitioning),
  });
}

/** `transform(func)`: `func(rdd)` or `func(time, rdd)` (time as a Date), chosen by its number of parameters as pyspark does. */
export function transform<T, U>(parent: StreamNode<T>, func: ((rdd: RDD<T>) => RDD<U>) | ((time: Date, rdd: RDD<T>) => RDD<U>)): StreamNode<U> {
  checkFunction('transform', 'func', func);
  if (func.length !== 1 && func.length !== 2) {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `transform: "func" should take one or two arguments (rdd) or (time, rdd); got ${func.length}`);
  }
  return derive<T, U>(parent, 'transform', (rdd, time) => {
    const out = func.length === 1 ? (func as (rdd: RDD<T>) => RDD<U>)(rdd) : (func as (t: Date, rdd: RDD<T>) => RDD<U>)(new Date(time), rdd);
    return checkTransformResult('transform', out);
  });
}

/** `transformWith(func, other)`: `func(a, b)` or `func(time, a, b)`; a side with no RDD at that time gets an empty RDD. */
export function transformWith<T, U, R>(
  left: StreamNode<T>,
  func: ((a: RDD<T>, b: RDD<U>) => RDD<R>) | ((time: Date, a: RDD<T>, b: RDD<U>) => RDD<R>),
  right: StreamNode<U>,
): StreamNode<R> {
  checkFunction('transformWith', 'func', func);
  if (func.length !== 2 && func.length !== 3) {
    throw new IllegalArgumentError(
      'ERR_INVALID_ARGUMENT',
      `transformWith: "func" should take two or three arguments (a, b) or (time, a, b); got ${func.length}`,
    );
  }
  const sc = left.runtime.sc;
  return new StreamNode<R>(left.runtime, {
    name: 'transformWith',
    kind: 'transform',
    parents: [left, right],
    compute: (time) => {
      const a = left.getOrCompute(time) ?? sc.emptyRDD<T>();
      const b = right.getOrCompute(time) ?? sc.emptyRDD<U>();
      const out =
        func.length === 2
          ? (func as (a: RDD<T>, b: RDD<U>) => RDD<R>)(a, b)
          : (func as (t: Date, a: RDD<T>, b: RDD<U>) => RDD<R>)(new Date(time), a, b);
      return checkTransformResult('transformWith', out);
    },
  });
}

const TRANSFORM_FUNC = rule('a function (rdds) => rdd', (v): v is (rdds: RDD<unknown>[]) => RDD<unknown> => typeof v === 'function');

/** `ssc.transform(dstreams, transformFunc)`: `transformFunc(rdds)` with the batch RDDs of `parents` in order. */
export function transformAll<T>(runtime: StreamingRuntime, parents: readonly StreamNode<unknown>[], transformFunc: (rdds: RDD<unknown>[]) => RDD<T>): StreamNode<T> {
  check('transform', 'transformFunc', transformFunc, TRANSFORM_FUNC);
  const sc = runtime.sc;
  return new StreamNode<T>(runtime, {
    name: 'transform',
    kind: 'transform',
    parents,
    compute: (time) => {
      const rdds = parents.map((s) => s.getOrCompute(time) ?? sc.emptyRDD());
      return transformFunc(rdds) ?? undefined;
    },
  });
}

function checkTransformResult<U>(method: string, out: RDD<U> | undefined | null): RDD<U> | undefined {
  if (out === undefined || out === null) return undefined;
  if (!(out instanceof RDD)) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `${method}: "func" must return an RDD; got ${describeValue(out)}`);
  return out;
}
