/** Count, mean and variance of numbers in one pass (Welford), as pyspark's `StatCounter`. */
export class StatCounter {
  count = 0;
  mean = 0;
  private m2 = 0;
  max = -Infinity;
  min = Infinity;

  constructor(values: Iterable<number> = []) {
    for (const v of values) this.merge(v);
  }

  /** Adds one value. */
  merge(value: number): this {
    const delta = value - this.mean;
    this.count += 1;
    this.mean += delta / this.count;
    this.m2 += delta * (value - this.mean);
    if (value > this.max) this.max = value;
    if (value < this.min) this.min = value;
    return this;
  }

  /** Adds the values summarised by another counter. */
  mergeStats(other: StatCounter): this {
    if (other.count === 0) return this;
    if (this.count === 0) {
      Object.assign(this, { count: other.count, mean: other.mean, m2: other.m2, max: other.max, min: other.min });
      return this;
    }
    const delta = other.mean - this.mean;
    const n = this.count + other.count;
    this.mean += (delta * other.count) / n;
    this.m2 += other.m2 + (delta * delta * this.count * other.count) / n;
    this.count = n;
    this.max = Math.max(this.max, other.max);
    this.min = Math.min(this.min, other.min);
    return this;
  }

  get sum(): number {
    return this.mean * this.count;
  }

  /** Population variance; NaN when empty, as pyspark. */
  get variance(): number {
    return this.count === 0 ? NaN : this.m2 / this.count;
  }

  get sampleVariance(): number {
    return this.count <= 1 ? NaN : this.m2 / (this.count - 1);
  }

  get stdev(): number {
    return Math.sqrt(this.variance);
  }

  get sampleStdev(): number {
    return Math.sqrt(this.sampleVariance);
  }

  toString(): string {
    return `(count: ${this.count}, mean: ${this.mean}, stdev: ${this.stdev}, max: ${this.max}, min: ${this.min})`;
  }
}
