/**
 * pyspark's `StatCounter`: count, mean and variance of numbers in one pass, read through methods
 * (`stats().mean()`), merged across partitions with pyspark's own formulas so the figures agree
 * to the last digit, and printed as pyspark prints it:
 * `(count: 3, mean: 7.0, stdev: 1.632993161855452, max: 9, min: 5)`.
 */
import { pythonNumber, pythonFloat } from '../python-format.js';

/** What `asDict()` returns. */
export interface StatCounterDict {
  count: number;
  mean: number;
  sum: number;
  min: number;
  max: number;
  stdev: number;
  variance: number;
}

/** Count, mean and variance of numbers in one pass (Welford), as pyspark's `StatCounter`. */
export class StatCounter {
  #n = 0;
  #mu = 0;
  #m2 = 0;
  #max = -Infinity;
  #min = Infinity;

  constructor(values: Iterable<number> = []) {
    for (const v of values) this.merge(v);
  }

  /** Adds one value. */
  merge(value: number): this {
    const delta = value - this.#mu;
    this.#n += 1;
    this.#mu += delta / this.#n;
    this.#m2 += delta * (value - this.#mu);
    // Math.max, as numpy's maximum: a NaN makes the maximum NaN.
    this.#max = Math.max(this.#max, value);
    this.#min = Math.min(this.#min, value);
    return this;
  }

  /** Adds the values summarised by another counter (pyspark's formulas, chosen by the two counts). */
  mergeStats(other: StatCounter): this {
    if (other === this) return this.mergeStats(other.copy());
    if (this.#n === 0) {
      this.#mu = other.#mu;
      this.#m2 = other.#m2;
      this.#n = other.#n;
      this.#max = other.#max;
      this.#min = other.#min;
    } else if (other.#n !== 0) {
      const delta = other.#mu - this.#mu;
      const n = this.#n + other.#n;
      if (other.#n * 10 < this.#n) this.#mu = this.#mu + (delta * other.#n) / n;
      else if (this.#n * 10 < other.#n) this.#mu = other.#mu - (delta * this.#n) / n;
      else this.#mu = (this.#mu * this.#n + other.#mu * other.#n) / n;
      this.#max = Math.max(this.#max, other.#max);
      this.#min = Math.min(this.#min, other.#min);
      this.#m2 += other.#m2 + (delta * delta * this.#n * other.#n) / n;
      this.#n = n;
    }
    return this;
  }

  /** An independent copy. */
  copy(): StatCounter {
    const c = new StatCounter();
    c.#n = this.#n;
    c.#mu = this.#mu;
    c.#m2 = this.#m2;
    c.#max = this.#max;
    c.#min = this.#min;
    return c;
  }

  /** Number of values. */
  count(): number {
    return this.#n;
  }

  /** Mean; 0 when there are no values, as pyspark. */
  mean(): number {
    return this.#mu;
  }

  /** Sum (count × mean, as pyspark computes it). */
  sum(): number {
    return this.#n * this.#mu;
  }

  /** Smallest value; Infinity when there are none. */
  min(): number {
    return this.#min;
  }

  /** Largest value; -Infinity when there are none. */
  max(): number {
    return this.#max;
  }

  /** Population variance; NaN when empty. */
  variance(): number {
    return this.#n === 0 ? NaN : this.#m2 / this.#n;
  }

  /** Sample variance (divides by n − 1); NaN for fewer than two values. */
  sampleVariance(): number {
    return this.#n <= 1 ? NaN : this.#m2 / (this.#n - 1);
  }

  /** Population standard deviation. */
  stdev(): number {
    return Math.sqrt(this.variance());
  }

  /** Sample standard deviation. */
  sampleStdev(): number {
    return Math.sqrt(this.sampleVariance());
  }

  /**
   * The figures as a plain object. As in pyspark, `stdev` and `variance` are the sample ones
   * unless `sample` is true, when they are the population ones (pyspark's own reading of the flag).
   */
  asDict(sample = false): StatCounterDict {
    return {
      count: this.count(),
      mean: this.mean(),
      sum: this.sum(),
      min: this.min(),
      max: this.max(),
      stdev: sample ? this.stdev() : this.sampleStdev(),
      variance: sample ? this.variance() : this.sampleVariance(),
    };
  }

  /** pyspark's text: `(count: 3, mean: 7.0, stdev: 1.632993161855452, max: 9, min: 5)`. */
  toString(): string {
    return `(count: ${this.#n}, mean: ${pythonFloat(this.#mu)}, stdev: ${pythonFloat(this.stdev())}, max: ${pythonNumber(this.#max)}, min: ${pythonNumber(this.#min)})`;
  }

  /** Shown by the REPL and `console.log` as pyspark shows it. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
