/**
 * The batches a window still needs, stored as computed arrays by batch time. Spark persists a
 * window's parent for the same reason: a receiver releases a batch's records once the batch is
 * done, and a window reads that batch again at later slides.
 */
import { CheckpointError } from '../errors.js';
import type { RDD } from '../rdd/rdd.js';
import { materialize } from './materialize.js';
import type { StreamNode } from './stream-node.js';

/**
 * Computed parent batches in (now − keepMs, now], each packed by `pack` (by default
 * its partitions as arrays).
 */
export class BatchStore<T, P = T[][]> {
  private readonly batches = new Map<number, P>();
  private readonly failed = new Set<number>();

  constructor(
    private readonly parent: StreamNode<T>,
    private readonly keepMs: number,
    private readonly pack: (rdd: RDD<T>) => P = materialize as (rdd: RDD<T>) => P,
  ) {}

  /** Computes and stores the parent's batch at `time` if it has one and it is not stored yet. */
  ensure(time: number): void {
    if (this.batches.has(time) || this.failed.has(time)) return;
    this.prune(time);
    let rdd: RDD<T> | undefined;
    try {
      rdd = this.parent.getOrCompute(time);
      if (rdd !== undefined) this.batches.set(time, this.pack(rdd));
    } catch (e) {
      // The batch fails once, with the user's error; later windows go on without it, as a
      // failed batch's RDD is gone in Spark too.
      this.failed.add(time);
      throw e;
    }
  }

  /** Stores every parent batch on the grid in (from, to]. */
  ensureRange(from: number, to: number): void {
    const step = this.parent.slideMs;
    for (let t = to; t > from; t -= step) this.ensure(t);
  }

  /** Stored batches with time in (from, to], oldest first. */
  between(from: number, to: number): P[] {
    return [...this.batches]
      .filter(([t]) => t > from && t <= to)
      .sort((a, b) => a[0] - b[0])
      .map(([, packed]) => packed);
  }

  /** Number of stored batches (for tests and the memory benchmark). */
  get size(): number {
    return this.batches.size;
  }

  private prune(now: number): void {
    for (const t of this.batches.keys()) if (t <= now - this.keepMs) this.batches.delete(t);
    for (const t of this.failed) if (t <= now - this.keepMs) this.failed.delete(t);
  }

  /** The stored batches, for a checkpoint. */
  snapshot(): Array<[number, P]> {
    return [...this.batches];
  }

  /** Loads batches saved by `snapshot`. */
  restore(data: unknown, file: string): void {
    if (!Array.isArray(data) || !data.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'number')) {
      throw new CheckpointError('ERR_CHECKPOINT_INVALID', `Checkpoint ${file}: the saved window batches have an unexpected shape`, { file });
    }
    this.batches.clear();
    for (const [t, packed] of data as Array<[number, P]>) this.batches.set(t, packed);
  }
}
