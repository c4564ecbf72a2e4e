/**
 * Records counted per partition as an RDD is computed, for the UI's pipeline picture. A stream
 * puts a meter on the RDD of each batch when counting is on; a partition that `take` stopped
 * early counts as a lower bound (`partial`), unless the total became known another way (a
 * `count()` that knew the size without a pass).
 */
import { STOP, type Sink } from './sink.js';

/** What a meter read: the records produced, and whether that is only a lower bound. */
export interface RecordCount {
  readonly count: number;
  readonly partial: boolean;
}

/** The record counter of one RDD. */
export class RecordMeter {
  private readonly perPartition: Array<number | undefined> = [];
  private readonly partialAt: boolean[] = [];
  private exact: number | undefined;

  /** The total is known without counting (e.g. `count()` of stored data). */
  setExact(n: number): void {
    this.exact = n;
  }

  /** Runs `compute` for partition `index` with a sink that counts what passes into `sink`. */
  run<T>(index: number, sink: Sink<T>, compute: (sink: Sink<T>) => void): void {
    let n = 0;
    try {
      compute((x) => {
        n++;
        sink(x);
      });
      this.perPartition[index] = n;
      this.partialAt[index] = false;
    } catch (e) {
      // take() stops early: what was counted is a lower bound, unless a full count exists.
      if (e === STOP && this.perPartition[index] === undefined) {
        this.perPartition[index] = n;
        this.partialAt[index] = true;
      }
      throw e;
    }
  }

  /** The count over `numPartitions` partitions. */
  read(numPartitions: number): RecordCount {
    const exact = this.exact;
    if (exact !== undefined) return { count: exact, partial: false };
    let count = 0;
    let partial = false;
    for (let i = 0; i < numPartitions; i++) {
      const n = this.perPartition[i];
      if (n === undefined) partial = true;
      else count += n;
      if (this.partialAt[i]) partial = true;
    }
    return { count, partial };
  }
}
