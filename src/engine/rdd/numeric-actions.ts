/**
 * Actions on RDDs of numbers (Spark's DoubleRDDFunctions): `sum`, `mean`, `stats`, the
 * variances and standard deviations. Each is typed `this: RDD<number>`, so calling one on an
 * RDD of strings is a compile error.
 */
import { RDDActions } from './actions.js';
import type { RDD } from './rdd.js';
import { StatCounter } from './stat-counter.js';

/** The actions of an RDD of numbers. Not used on its own: see `RDD`. */
export abstract class NumericRDDActions<T> extends RDDActions<T> {
  /** Sum of the elements (numbers). */
  sum(this: RDD<number>): number {
    return this.fold(0, (a, b) => a + b);
  }

  /** Mean of the elements (numbers); NaN when empty. */
  mean(this: RDD<number>): number {
    const s = this.stats();
    return s.count === 0 ? NaN : s.mean;
  }

  /** Count, mean, stdev, max and min in one pass. */
  stats(this: RDD<number>): StatCounter {
    const s = new StatCounter();
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, (x) => s.merge(x));
    return s;
  }

  /** Population variance. */
  variance(this: RDD<number>): number {
    return this.stats().variance;
  }

  /** Population standard deviation. */
  stdev(this: RDD<number>): number {
    return this.stats().stdev;
  }

  /** Sample standard deviation. */
  sampleStdev(this: RDD<number>): number {
    return this.stats().sampleStdev;
  }

  /** Sample variance. */
  sampleVariance(this: RDD<number>): number {
    return this.stats().sampleVariance;
  }
}
