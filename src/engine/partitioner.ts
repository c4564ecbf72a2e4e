/**
 * Where a key goes in a shuffle: `partitionFunc(key) mod numPartitions`, as pyspark's
 * `partitionBy(numPartitions, partitionFunc=portable_hash)`.
 */
import { nonNegativeMod, portableHash } from './keys.js';

export class Partitioner {
  constructor(
    readonly numPartitions: number,
    readonly partitionFunc: (key: unknown) => number = portableHash,
  ) {}

  partition(key: unknown): number {
    return this.numPartitions === 1 ? 0 : nonNegativeMod(Number(this.partitionFunc(key)) || 0, this.numPartitions);
  }

  /** Two partitioners place keys alike: the same count and the same function. */
  equals(other: Partitioner | undefined): boolean {
    return !!other && other.numPartitions === this.numPartitions && other.partitionFunc === this.partitionFunc;
  }
}
