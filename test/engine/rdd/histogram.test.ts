/** `rdd.histogram(buckets)` with pyspark's buckets, counts and errors (../pyspark/expected.json). */
import { describe, expect, it } from 'vitest';
import { type RDD, SparkContext } from '../../../src/index.js';
import { outcomes } from '../pyspark/expected.js';

const sc = new SparkContext('local[2]', 'histogram-test');
const r51 = (): RDD<number> => sc.parallelize(Array.from({ length: 51 }, (_, i) => i));
const recorded = outcomes('histogram');
type Call = () => unknown;

const results: Record<string, Call> = {
  'range(51) 2': () => r51().histogram(2),
  'range(51) [0, 5, 25, 50]': () => r51().histogram([0, 5, 25, 50]),
  'range(51) [0, 15, 30, 45, 60]': () => r51().histogram([0, 15, 30, 45, 60]),
  "strings ['a', 'b', 'c']": () => sc.parallelize(['ab', 'ac', 'b', 'bd', 'ef']).histogram(['a', 'b', 'c']),
  '[1.0, 2.5, 4.0, 10.0] 3': () => sc.parallelize([1.0, 2.5, 4.0, 10.0]).histogram(3),
  '[1, 2, 3, 4, 5, 6] 4': () => sc.parallelize([1, 2, 3, 4, 5, 6]).histogram(4),
  '[7, 7, 7] 3': () => sc.parallelize([7, 7, 7]).histogram(3),
  '[1, 2] 1': () => sc.parallelize([1, 2]).histogram(1),
  '[1, NaN, None, 3] 2': () => sc.parallelize([1, NaN, null, 3] as number[]).histogram(2),
  '[-1, 0, 1, 100] [0, 10]': () => sc.parallelize([-1, 0, 1, 10, 100]).histogram([0, 10]),
};

const failures: Record<string, [Call, string]> = {
  '[] 2': [() => sc.parallelize<number>([]).histogram(2), 'ERR_EMPTY_RDD'],
  '[1, 2] 0': [() => sc.parallelize([1, 2]).histogram(0), 'ERR_INVALID_ARGUMENT'],
  '[1, 2] [1]': [() => sc.parallelize([1, 2]).histogram([1]), 'ERR_INVALID_ARGUMENT'],
  '[1, 2] [2, 1]': [() => sc.parallelize([1, 2]).histogram([2, 1]), 'ERR_INVALID_ARGUMENT'],
  '[1, 2] [1, 1, 2]': [() => sc.parallelize([1, 2]).histogram([1, 1, 2]), 'ERR_INVALID_ARGUMENT'],
  '[1, inf] 2': [() => sc.parallelize([1, Infinity]).histogram(2), 'ERR_INVALID_ARGUMENT'],
  "['a', 'b'] 2": [() => sc.parallelize(['a', 'b']).histogram(2), 'ERR_INVALID_ARGUMENT'],
};

describe('RDD.histogram', () => {
  it.each(Object.keys(results))('%s: pyspark’s buckets and counts', (name) => {
    expect((results[name] as Call)()).toEqual(recorded[name]?.value);
  });

  it.each(Object.keys(failures))('%s: refused where pyspark raises', (name) => {
    const [act, code] = failures[name] as [Call, string];
    expect(recorded[name]?.error).toMatch(/Error/);
    expect(act).toThrow(expect.objectContaining({ code }));
  });

  it('says what to pass instead', () => {
    expect(() => sc.parallelize([1, 2]).histogram([2, 1])).toThrow('histogram: "buckets" should be sorted; got [2,1]');
    expect(() => sc.parallelize([1]).histogram(2.5)).toThrow(/"buckets" must be a whole number of buckets or an array of bucket edges; got 2.5/);
  });
});
