/**
 * RDD methods tutorials use that pyspark has: zipWithUniqueId, collectAsMap, toLocalIterator,
 * setName/name/id, countApproxDistinct (values from PySpark 3.5, ../pyspark/expected.json), and
 * the warning when integers above 2^53 make a sum or a maximum inexact.
 */
import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/index.js';
import { expected, type Outcome } from '../pyspark/expected.js';

const api = expected.api as Record<string, unknown>;

function context(): { sc: SparkContext; warnings: string[] } {
  const sc = new SparkContext('local[2]', 'rdd-api');
  const warnings: string[] = [];
  sc.setWarningWriter((t) => warnings.push(t));
  return { sc, warnings };
}

describe('RDD methods pyspark has', () => {
  const { sc } = context();

  it('zipWithUniqueId numbers elements i * n + k without a pass to count', () => {
    expect(sc.parallelize(['a', 'b', 'c', 'd', 'e'], 3).zipWithUniqueId().collect()).toEqual(api.zipWithUniqueId);
  });

  it('collectAsMap: the last value of a key wins; keys compare by value', () => {
    const m = sc.parallelize<[number, string]>([[1, 'a'], [2, 'b'], [1, 'c']]).collectAsMap();
    expect(Object.fromEntries(m)).toEqual(api.collectAsMap);
    const tuples = sc.parallelize<[[string, number], number]>([[['k', 1], 1], [['k', 1], 2]]).collectAsMap();
    expect([...tuples]).toEqual([[['k', 1], 2]]);
  });

  it('toLocalIterator computes one partition at a time', () => {
    let computed = 0;
    const r = sc.parallelize(Array.from({ length: 7 }, (_, i) => i), 3).map((x) => {
      computed++;
      return x;
    });
    const it = r.toLocalIterator();
    expect(it.next().value).toBe(0);
    expect(computed).toBe(2); // the first partition only
    expect([0, ...it]).toEqual(api.toLocalIterator);
  });

  it('setName / name() / id() as pyspark (id is a method)', () => {
    const r = sc.parallelize([1, 2]);
    expect(r.name()).toBe(api['name before setName'] ?? undefined);
    expect(r.setName('numbers')).toBe(r);
    expect(r.name()).toBe(api['name after setName']);
    expect(typeof r.id).toBe('function');
    expect(api['id is a method']).toBe(true);
    expect(r.id()).not.toBe(sc.parallelize([1]).id());
    expect(r.toDebugString()).toMatch(new RegExp(`^\\(2\\) numbers parallelize \\[${r.id()}\\]$`));
    expect(String(r)).toBe(`numbers ParallelCollectionRDD[${r.id()}] parallelize`);
  });

  it('countApproxDistinct estimates within pyspark’s doctest bounds', () => {
    const strings = sc.parallelize(Array.from({ length: 1000 }, (_, i) => String(i))).countApproxDistinct();
    expect(strings).toBeGreaterThan(900);
    expect(strings).toBeLessThan(1100);
    const few = sc.parallelize(Array.from({ length: 1000 }, (_, i) => i % 20)).countApproxDistinct();
    expect(few).toBeGreaterThan(16);
    expect(few).toBeLessThan(24);
    expect((api['countApproxDistinct relativeSD 0.00001'] as Outcome).error).toMatch(/relativeSD should be greater than 0.000017/);
    expect(() => sc.parallelize([1]).countApproxDistinct(0.00001)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });

  it('countApproxDistinct counts equal tuples once', () => {
    expect(sc.parallelize([[1, 2], [1, 2], [2, 1]]).countApproxDistinct()).toBe(2);
  });
});

describe('integers above 2^53', () => {
  const big = expected.bigIntegers as Record<string, string>;

  it('sum warns once that the total may be rounded (pyspark’s is exact)', () => {
    const { sc, warnings } = context();
    // In one partition, as a running total: 2^53 + 1 is 2^53 in a JavaScript number.
    const total = sc.parallelize([2 ** 53, 1, 1], 1).sum();
    expect(String(total)).not.toBe(big['sum [2**53, 1, 1]']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^WARN sum: the result 9007199254740992 is beyond 2\^53 .* use BigInt, e\.g\. rdd\.map\(BigInt\)\.reduce/);
  });

  it('max warns for a result beyond 2^53; small sums and floats do not warn', () => {
    const { sc, warnings } = context();
    expect(big['max [2**53 + 1, 3]']).toBe('9007199254740993');
    sc.parallelize([2 ** 53 + 2, 3]).max();
    expect(warnings).toHaveLength(1);
    expect(sc.parallelize([1, 2, 3]).sum()).toBe(6);
    expect(sc.parallelize([0.1, 0.2]).sum()).toBeCloseTo(0.3);
    expect(warnings).toHaveLength(1);
  });

  it('setLogLevel("ERROR") hides the warning', () => {
    const { sc, warnings } = context();
    sc.setLogLevel('error');
    sc.parallelize([2 ** 60, 1]).sum();
    expect(warnings).toEqual([]);
  });
});
