/**
 * `sample`, `takeSample` and `randomSplit` with a seed pick the same elements as pyspark on the
 * same partitions (../pyspark/expected.json), and refuse what pyspark refuses.
 */
import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/index.js';
import { expected, type Outcome } from '../pyspark/expected.js';

const sc = new SparkContext('local[2]', 'sampling-test');
const nums = sc.parallelize(Array.from({ length: 20 }, (_, i) => i), 2);
const recorded = expected.sampling as Record<string, unknown>;

describe('seeded sampling, as pyspark', () => {
  it.each([
    ['sample(False, 0.5, 42)', () => nums.sample(false, 0.5, 42).collect()],
    ['sample(False, 0.1, 7)', () => nums.sample(false, 0.1, 7).collect()],
    ['sample(True, 0.5, 42)', () => nums.sample(true, 0.5, 42).collect()],
    ['sample(True, 2.0, 3)', () => nums.sample(true, 2.0, 3).collect()],
    ['sample(True, 25.0, 3) count', () => nums.sample(true, 25.0, 3).count()],
    ['sample(False, 0.5, 2**40 + 5)', () => nums.sample(false, 0.5, 2 ** 40 + 5).collect()],
    ['sample(False, 0.5, 0)', () => nums.sample(false, 0.5, 0).collect()],
    ['takeSample(False, 5, 1)', () => nums.takeSample(false, 5, 1)],
    ['takeSample(True, 5, 1)', () => nums.takeSample(true, 5, 1)],
    ['takeSample(False, 50, 1)', () => nums.takeSample(false, 50, 1)],
    ['takeSample(False, 0, 1)', () => nums.takeSample(false, 0, 1)],
    ['randomSplit([2, 3], 17)', () => nums.randomSplit([2, 3], 17).map((r) => r.collect())],
    ['randomSplit([1, 1, 2], 5)', () => nums.randomSplit([1, 1, 2], 5).map((r) => r.collect())],
  ])('%s', (name, act) => {
    expect(act()).toEqual(recorded[name]);
  });

  it('takes bigint seeds as well', () => {
    expect(nums.sample(false, 0.5, 42n).collect()).toEqual(recorded['sample(False, 0.5, 42)']);
  });

  it('without a seed, draws differently each time but within the data', () => {
    const s = nums.takeSample(false, 5);
    expect(s).toHaveLength(5);
    expect(new Set(s).size).toBe(5);
    for (const x of s) expect(x).toBeGreaterThanOrEqual(0);
  });
});

describe('refused as pyspark refuses', () => {
  it.each([
    ['sample(False, -0.1)', () => nums.sample(false, -0.1, 1)],
    ['takeSample(False, -1)', () => nums.takeSample(false, -1, 1)],
    ['randomSplit([1, -1])', () => nums.randomSplit([1, -1], 1)],
    ['randomSplit([0, 0])', () => nums.randomSplit([0, 0], 1)],
  ])('%s', (name, act) => {
    expect((recorded[name] as Outcome).error).toMatch(/ValueError/);
    expect(act).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });

  it('a seed that is not an integer', () => {
    expect(() => nums.sample(false, 0.5, 1.5)).toThrow(/sample: "seed" must be an integer \(number or bigint\); got 1.5/);
  });
});
