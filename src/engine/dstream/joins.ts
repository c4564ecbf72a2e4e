/**
 * Per-batch joins of two pair streams: `cogroup`, `join`, `leftOuterJoin`, `rightOuterJoin`,
 * `fullOuterJoin`. At each batch the two streams' RDDs are joined as RDDs; a side with no RDD
 * at that time joins as an empty RDD, and when neither has one there is none.
 */
import type { RDD } from '../rdd/rdd.js';
import { StreamNode } from './stream-node.js';

/** The join kinds, by the name a user types. */
export type JoinKind = 'cogroup' | 'join' | 'leftOuterJoin' | 'rightOuterJoin' | 'fullOuterJoin';

/** The per-batch `kind` join of `left` and `right`. */
export function joinStreams<K, V, W, R>(
  kind: JoinKind,
  left: StreamNode<readonly [K, V]>,
  right: StreamNode<readonly [K, W]>,
  numPartitions: number | undefined,
): StreamNode<R> {
  const sc = left.runtime.sc;
  return new StreamNode<R>(left.runtime, {
    name: kind,
    kind: 'transform',
    parents: [left, right],
    compute: (time) => {
      const a = left.getOrCompute(time);
      const b = right.getOrCompute(time);
      if (a === undefined && b === undefined) return undefined;
      return joinRDDs(kind, a ?? sc.emptyRDD(), b ?? sc.emptyRDD(), numPartitions) as RDD<R>;
    },
  });
}

function joinRDDs<K, V, W>(kind: JoinKind, a: RDD<readonly [K, V]>, b: RDD<readonly [K, W]>, numPartitions: number | undefined): RDD<unknown> {
  switch (kind) {
    case 'cogroup':
      return a.cogroup(b, numPartitions);
    case 'join':
      return a.join(b, numPartitions);
    case 'leftOuterJoin':
      return a.leftOuterJoin(b, numPartitions);
    case 'rightOuterJoin':
      return a.rightOuterJoin(b, numPartitions);
    case 'fullOuterJoin':
      return a.fullOuterJoin(b, numPartitions);
  }
}
