/**
 * Windows as the DStream methods take them: `window` and `reduceByKeyAndWindow` (checked here,
 * computed in window.ts and reduce-by-key-and-window.ts), and what pyspark builds on them: `reduceByWindow`,
 * `countByWindow`, `countByValueAndWindow`, `groupByKeyAndWindow`. Arguments are checked at
 * the call, with pyspark's rules.
 */
import { checkFunction, optional, positiveInteger } from '../checks.js';
import { filterStage, mapStage, mapValuesStage } from '../rdd/stages.js';
import { reduceByKeyAndWindowStream } from './reduce-by-key-and-window.js';
import type { StreamNode } from './stream-node.js';
import { narrow } from './transform.js';
import { windowArgs } from './window-args.js';
import { windowStream } from './window.js';

const add = (a: number, b: number): number => a + b;
const subtract = (a: number, b: number): number => a - b;

/** `window(windowDuration, slideDuration)`, arguments checked with pyspark's rules. */
export function window<T>(parent: StreamNode<T>, windowDuration: number, slideDuration?: number): StreamNode<T> {
  return windowStream(parent, windowArgs(parent, 'window', windowDuration, slideDuration));
}

/** `reduceByKeyAndWindow(func, invFunc, windowDuration, slideDuration, numPartitions, filterFunc)`. */
export function reduceByKeyAndWindow<K, V>(
  parent: StreamNode<readonly [K, V]>,
  func: (a: V, b: V) => V,
  invFunc: ((a: V, b: V) => V) | null | undefined,
  windowDuration: number,
  slideDuration?: number | null,
  numPartitions?: number | null,
  filterFunc?: ((kv: [K, V]) => unknown) | null,
): StreamNode<[K, V]> {
  const window = windowArgs(parent, 'reduceByKeyAndWindow', windowDuration, slideDuration);
  checkFunction('reduceByKeyAndWindow', 'func', func);
  if (invFunc !== null && invFunc !== undefined) checkFunction('reduceByKeyAndWindow', 'invFunc', invFunc);
  if (filterFunc !== null && filterFunc !== undefined) checkFunction('reduceByKeyAndWindow', 'filterFunc', filterFunc);
  const n = optional('reduceByKeyAndWindow', 'numPartitions', numPartitions, positiveInteger);
  return reduceByKeyAndWindowStream(parent, { func, invFunc, window, numPartitions: n, filterFunc });
}

/** `reduceByWindow(reduceFunc, invReduceFunc, windowDuration, slideDuration)`: one element per slide. */
export function reduceByWindow<T>(
  parent: StreamNode<T>,
  reduceFunc: (a: T, b: T) => T,
  invReduceFunc: ((a: T, b: T) => T) | null | undefined,
  windowDuration: number,
  slideDuration: number,
): StreamNode<T> {
  windowArgs(parent, 'reduceByWindow', windowDuration, slideDuration);
  const keyed = narrow(parent, 'map', mapStage((x: T): [number, T] => [1, x]));
  const reduced = reduceByKeyAndWindow(keyed, reduceFunc, invReduceFunc, windowDuration, slideDuration, 1);
  return narrow(reduced, 'map', mapStage((kv: [number, T]) => kv[1]));
}

/** `countByWindow(windowDuration, slideDuration)`: the number of elements in each window, kept incrementally. */
export function countByWindow<T>(parent: StreamNode<T>, windowDuration: number, slideDuration: number): StreamNode<number> {
  windowArgs(parent, 'countByWindow', windowDuration, slideDuration);
  const ones = narrow(parent, 'map', mapStage((): number => 1));
  return reduceByWindow(ones, add, subtract, windowDuration, slideDuration);
}

/** `countByValueAndWindow(windowDuration, slideDuration, numPartitions)`: `[value, count]` per window, incrementally. */
export function countByValueAndWindow<T>(parent: StreamNode<T>, windowDuration: number, slideDuration: number, numPartitions?: number): StreamNode<[T, number]> {
  windowArgs(parent, 'countByValueAndWindow', windowDuration, slideDuration);
  const ones = narrow(parent, 'map', mapStage((x: T): [T, number] => [x, 1]));
  const counts = reduceByKeyAndWindow(ones, add, subtract, windowDuration, slideDuration, numPartitions);
  return narrow(counts, 'filter', filterStage((kv: [T, number]) => kv[1] > 0), true);
}

/** `groupByKeyAndWindow(windowDuration, slideDuration, numPartitions)`: `[key, values[]]` per window, in batch order. */
export function groupByKeyAndWindow<K, V>(
  parent: StreamNode<readonly [K, V]>,
  windowDuration: number,
  slideDuration: number,
  numPartitions?: number,
): StreamNode<[K, V[]]> {
  windowArgs(parent, 'groupByKeyAndWindow', windowDuration, slideDuration);
  const lists = narrow(parent, 'mapValues', mapValuesStage<K, V, V[]>((v) => [v]), true);
  return reduceByKeyAndWindow<K, V[]>(
    lists,
    (a, b) => {
      for (const x of b) a.push(x);
      return a;
    },
    (a, b) => a.slice(b.length),
    windowDuration,
    slideDuration,
    numPartitions,
  );
}
