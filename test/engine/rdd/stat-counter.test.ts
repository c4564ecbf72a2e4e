/**
 * `stats()`, `mean()` and StatCounter as pyspark has them: read through methods, `asDict`, the
 * same figures to the last digit (pyspark's merge formulas), and pyspark's text for
 * `str(stats())`, compared with PySpark 3.5's (../pyspark/expected.json).
 */
import { describe, expect, it } from 'vitest';
import { SparkContext, StatCounter } from '../../../src/index.js';
import { expected, num, type Outcome } from '../pyspark/expected.js';

const sc = new SparkContext('local[2]', 'stats-test');
const stats = expected.stats as Record<string, unknown>;

describe('str(stats()) as pyspark prints it', () => {
  it.each([
    ['str [5, 7, 9]', [5, 7, 9], undefined],
    ['str [1.5]', [1.5], undefined],
    ['str []', [], undefined],
    ['str [1, 2.5, 1e20, -3]', [1, 2.5, 1e20, -3], undefined],
    ['str [0.1, 0.2, 0.3] in 3', [0.1, 0.2, 0.3], 3],
  ] as Array<[string, number[], number | undefined]>)('%s', (key, data, slices) => {
    const s = sc.parallelize(data, slices).stats();
    expect(String(s)).toBe(stats[key]);
  });

  it('shows the same text in the shell (inspect)', async () => {
    const { inspect } = await import('node:util');
    expect(inspect(sc.parallelize([5, 7, 9]).stats())).toBe(stats['str [5, 7, 9]']);
  });
});

describe('StatCounter read through methods, as pyspark', () => {
  it('has count(), mean(), sum(), min(), max(), the variances and deviations', () => {
    const s = sc.parallelize([2, 4, 4, 4, 5, 5, 7, 9]).stats();
    const want = stats['methods [2, 4, 4, 4, 5, 5, 7, 9]'] as Record<string, number>;
    expect({
      count: s.count(),
      mean: s.mean(),
      sum: s.sum(),
      min: s.min(),
      max: s.max(),
      variance: s.variance(),
      sampleVariance: s.sampleVariance(),
      stdev: s.stdev(),
      sampleStdev: s.sampleStdev(),
    }).toEqual(want);
  });

  it('asDict(), with pyspark’s reading of the sample flag', () => {
    expect(sc.parallelize([1, 2, 3, 4]).stats().asDict()).toEqual(stats['asDict [1, 2, 3, 4]']);
    expect(sc.parallelize([1, 2, 3, 4]).stats().asDict(true)).toEqual(stats['asDict sample [1, 2, 3, 4]']);
  });

  it('merges partitions with pyspark’s formulas: the same digits', () => {
    const range = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(sc.parallelize(range, 3).mean()).toBe(stats['mean of 1..10 in 3 (merge order)']);
    const xs = Array.from({ length: 100 }, (_, i) => (i + 1) * 0.37);
    expect(sc.parallelize(xs, 7).stdev()).toBe(stats['stdev of 1..100 in 7']);
  });

  it('is built from values and merged like pyspark’s, including with itself', () => {
    const a = new StatCounter([1, 2, 3]);
    const b = a.copy().merge(10);
    expect(a.count()).toBe(3);
    expect(b.count()).toBe(4);
    expect(a.mergeStats(a).count()).toBe(6);
    expect(a.mean()).toBe(2);
  });
});

describe('empty RDDs', () => {
  it('mean() of an RDD with partitions and no elements is 0, as pyspark; stats of no partitions fails', () => {
    const empty = sc.parallelize<number>([]);
    expect(empty.mean()).toBe(num((stats['mean []'] as Outcome).value));
    expect(empty.sum()).toBe((stats['sum []'] as Outcome).value);
    expect(empty.variance()).toBeNaN();
    expect(num((stats['variance []'] as Outcome).value)).toBeNaN();
    expect((stats['mean emptyRDD'] as Outcome).error).toBe('ValueError: Can not reduce() empty RDD');
    expect(() => sc.emptyRDD<number>().mean()).toThrow(expect.objectContaining({ code: 'ERR_EMPTY_RDD', message: 'Can not reduce() empty RDD' }));
    expect(() => sc.emptyRDD<number>().stats()).toThrow(expect.objectContaining({ code: 'ERR_EMPTY_RDD' }));
  });
});
