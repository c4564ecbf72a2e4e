/**
 * `sc.parallelize(list, n)` and `sc.range(...)` cut their data at pyspark's boundaries
 * (pyspark batches a list before Spark slices it: `parallelize(range(10), 4)` is
 * `[[0, 1], [2, 3], [4, 5], [6, 7, 8, 9]]`), compared with what PySpark 3.5 made.
 */
import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/index.js';
import { expected } from '../pyspark/expected.js';

const sc = new SparkContext('local[2]', 'slices-test');
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('sc.parallelize', () => {
  it('cuts [0..9] in 4 as pyspark does', () => {
    expect(sc.parallelize(range(10), 4).glom().collect()).toEqual([[0, 1], [2, 3], [4, 5], [6, 7, 8, 9]]);
  });

  it.each(Object.entries(expected.parallelize as Record<string, number[][]>))('%s (length/slices) as pyspark', (key, glom) => {
    const [n, k] = key.split('/').map(Number) as [number, number];
    expect(sc.parallelize(range(n), k).glom().collect()).toEqual(glom);
  });

  it.each(Object.entries(expected.parallelizeSizes as Record<string, number[]>))('%s: batches of at most 1024 before slicing, as pyspark', (key, sizes) => {
    const [n, k] = key.split('/').map(Number) as [number, number];
    expect(sc.parallelize(range(n), k).glom().map((p) => p.length).collect()).toEqual(sizes);
  });
});

describe('sc.range', () => {
  const calls: Record<string, () => number[][]> = {
    'range(10)': () => sc.range(10).glom().collect(),
    'range(1, 10, 3)': () => sc.range(1, 10, 3).glom().collect(),
    'range(10, 0, -3)': () => sc.range(10, 0, -3).glom().collect(),
    'range(0, 5, -1)': () => sc.range(0, 5, -1).glom().collect(),
    'range(7, numSlices=3)': () => sc.range(7, null, 1, 3).glom().collect(),
    'range(5, numSlices=1)': () => sc.range(5, undefined, 1, 1).glom().collect(),
  };
  it.each(Object.entries(expected.range as Record<string, number[][]>))('%s as pyspark', (call, glom) => {
    expect((calls[call] as () => number[][])()).toEqual(glom);
  });

  it('knows its size without computing, and computes only the partitions read', () => {
    const big = sc.range(0, 1e12, 1, 4);
    expect(big.count()).toBe(1e12);
    expect(big.take(3)).toEqual([0, 1, 2]);
  });

  it('refuses a zero step and numbers that are not integers', () => {
    expect(() => sc.range(0, 5, 0)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT', message: 'range: "step" must not be zero' }));
    expect(() => sc.range(1.5)).toThrow(/range: "end" must be an integer; got 1.5/);
  });
});
