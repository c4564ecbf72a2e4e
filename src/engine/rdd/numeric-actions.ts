/**
 * Actions on RDDs of numbers (Spark's DoubleRDDFunctions): `sum`, `mean`, `stats`, the
 * variances and standard deviations, `histogram`. Each is typed `this: RDD<number>`, so calling
 * one on an RDD of strings is a compile error.
 *
 * JavaScript numbers hold integers exactly only up to 2^53; pyspark's are unbounded. `sum` and
 * `max` say so once, on the user's error stream, when a result may have been rounded.
 */
import { TsparkError } from '../errors.js';
import { RDDActions } from './actions.js';
import { beyondSafeIntegers } from './big-numbers.js';
import { type Histogram, histogram } from './histogram.js';
import type { RDD } from './rdd.js';
import { StatCounter } from './stat-counter.js';

/** The actions of an RDD of numbers. Not used on its own: see `RDD`. */
export abstract class NumericRDDActions<T> extends RDDActions<T> {
  /** Sum of the elements (numbers); 0 when empty. Warns when integers above 2^53 make the total inexact. */
  sum(this: RDD<number>): number {
    let total = 0;
    let integers = true;
    let unsafe = false;
    for (let i = 0; i < this.getNumPartitions(); i++) {
      let partial = 0;
      this.iterate(i, (x) => {
        partial += x;
        if (integers && !Number.isSafeInteger(x)) {
          if (Number.isInteger(x)) unsafe = true;
          else integers = false;
        }
      });
      total += partial;
    }
    if (integers && (unsafe || !Number.isSafeInteger(total))) this.context.warn(beyondSafeIntegers('sum', total));
    return total;
  }

  /** Mean of the elements (numbers); 0 for an RDD with partitions but no elements, as pyspark. */
  mean(this: RDD<number>): number {
    return this.stats().mean();
  }

  /** Count, mean, stdev, max and min in one pass: one StatCounter per partition, merged in order (pyspark's figures). */
  stats(this: RDD<number>): StatCounter {
    if (this.getNumPartitions() === 0) throw new TsparkError('ERR_EMPTY_RDD', 'Can not reduce() empty RDD');
    const total = new StatCounter();
    for (let i = 0; i < this.getNumPartitions(); i++) {
      const s = new StatCounter();
      this.iterate(i, (x) => s.merge(x));
      total.mergeStats(s);
    }
    return total;
  }

  /** Population variance. */
  variance(this: RDD<number>): number {
    return this.stats().variance();
  }

  /** Population standard deviation. */
  stdev(this: RDD<number>): number {
    return this.stats().stdev();
  }

  /** Sample standard deviation. */
  sampleStdev(this: RDD<number>): number {
    return this.stats().sampleStdev();
  }

  /** Sample variance. */
  sampleVariance(this: RDD<number>): number {
    return this.stats().sampleVariance();
  }

  /**
   * A histogram: with a number `n`, `n` even buckets from the minimum to the maximum; with sorted
   * bucket edges, those (each bucket open on the right except the last). Returns
   * `[edges, counts]`, as pyspark's `(buckets, counts)`.
   */
  histogram<N extends number | string>(this: RDD<N>, buckets: number | readonly N[]): Histogram<N> {
    return histogram(this, buckets);
  }
}
