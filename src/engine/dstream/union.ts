/**
 * `union`: the per-batch union of streams with the same slide duration, elements in argument
 * order (`ssc.union(a, b, c)` and `a.union(b)`).
 */
import { IllegalArgumentError } from '../errors.js';
import { formatDurationMs } from '../format.js';
import type { RDD } from '../rdd/rdd.js';
import type { StreamingRuntime } from '../runtime.js';
import { StreamNode } from './stream-node.js';

/** The union of `streams` per batch; a batch where none has an RDD has none. */
export function unionStreams<T>(runtime: StreamingRuntime, streams: readonly StreamNode<T>[]): StreamNode<T> {
  const sc = runtime.sc;
  return new StreamNode<T>(runtime, {
    name: 'union',
    kind: 'transform',
    parents: streams,
    compute: (time) => {
      const rdds = streams.map((s) => s.getOrCompute(time)).filter((r): r is RDD<T> => r !== undefined);
      const [only] = rdds;
      if (only === undefined) return undefined;
      return rdds.length === 1 ? only : sc.union(rdds);
    },
  });
}

/** Spark's rule for combining two streams per batch (union, joins, transformWith): the same slide duration. */
export function checkSameSlide(method: string, a: StreamNode<unknown>, b: StreamNode<unknown>): void {
  if (a.slideMs === b.slideMs) return;
  throw new IllegalArgumentError(
    'ERR_INVALID_ARGUMENT',
    `${method}: the two DStreams should have the same slide duration; got ${formatDurationMs(a.slideMs)} and ${formatDurationMs(b.slideMs)}`,
  );
}
