/**
 * `union`: the per-batch union of streams with the same slide duration, elements in argument
 * order (`ssc.union(a, b, c)` and `a.union(b)`).
 */
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
