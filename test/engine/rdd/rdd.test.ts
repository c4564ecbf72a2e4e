import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SparkContext, compareNatural } from '../../../src/index.js';

const sc = new SparkContext('local[2]', 'rdd-test');
const sortN = <T>(xs: T[]): T[] => xs.sort(compareNatural);

describe('RDD partitioning', () => {
  it('slices parallelize input as Spark does', () => {
    expect(sc.parallelize([1, 2, 3, 4, 5], 2).glom().collect()).toEqual([[1, 2], [3, 4, 5]]);
    expect(sc.parallelize([1, 2, 3], 4).glom().collect()).toEqual([[], [1], [2], [3]]);
    expect(sc.parallelize([1, 2, 3, 4]).getNumPartitions()).toBe(2);
  });

  it('coalesces adjacent partitions without a shuffle and repartitions with one', () => {
    const r = sc.parallelize([1, 2, 3, 4, 5, 6], 3);
    expect(r.coalesce(1).glom().collect()).toEqual([[1, 2, 3, 4, 5, 6]]);
    expect(r.coalesce(5).getNumPartitions()).toBe(3);
    const re = r.repartition(4);
    expect(re.getNumPartitions()).toBe(4);
    expect(sortN(re.collect())).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('places integer keys with partitionBy as pyspark (key mod n)', () => {
    const r = sc.parallelize([[1, 'a'], [2, 'b'], [3, 'c'], [4, 'd']] as Array<[number, string]>).partitionBy(2);
    expect(r.glom().collect()).toEqual([[[2, 'b'], [4, 'd']], [[1, 'a'], [3, 'c']]]);
  });
});

describe('RDD narrow transformations', () => {
  it('maps, flatMaps and filters in one pass', () => {
    const r = sc.parallelize(['a b', 'c'], 1).flatMap((l) => l.split(' ')).map((w) => w.toUpperCase()).filter((w) => w !== 'B');
    expect(r.collect()).toEqual(['A', 'C']);
  });

  it('flatMaps over any iterable, generators included', () => {
    const r = sc.parallelize([2, 3], 1).flatMap(function* (n) {
      for (let i = 0; i < n; i++) yield n;
    });
    expect(r.collect()).toEqual([2, 2, 3, 3, 3]);
  });

  it('passes the partition index to mapPartitionsWithIndex', () => {
    const r = sc.parallelize([1, 2, 3, 4], 2).mapPartitionsWithIndex((i, it) => [...it].map((x) => [i, x] as const));
    expect(r.collect()).toEqual([[0, 1], [0, 2], [1, 3], [1, 4]]);
  });

  it('keys elements with keyBy and numbers them with zipWithIndex across partitions', () => {
    expect(sc.parallelize(['a', 'bb'], 2).keyBy((s) => s.length).collect()).toEqual([[1, 'a'], [2, 'bb']]);
    expect(sc.parallelize(['a', 'b', 'c'], 2).zipWithIndex().collect()).toEqual([['a', 0], ['b', 1], ['c', 2]]);
  });

  it('zips RDDs with the same partitions and refuses others with a clear code', () => {
    expect(sc.parallelize([1, 2], 2).zip(sc.parallelize(['a', 'b'], 2)).collect()).toEqual([[1, 'a'], [2, 'b']]);
    expect(() => sc.parallelize([1, 2], 2).zip(sc.parallelize([1, 2], 1))).toThrow(expect.objectContaining({ code: 'ERR_ZIP_MISMATCH' }));
  });

  it('computes distinct, union, intersection, subtract and cartesian by value', () => {
    expect(sortN(sc.parallelize([1, 1, 2, 3, 3]).distinct().collect())).toEqual([1, 2, 3]);
    expect(sortN(sc.parallelize([[1, 2], [1, 2], [2, 1]]).distinct().collect())).toEqual([[1, 2], [2, 1]]);
    expect(sc.parallelize([1, 2], 1).union(sc.parallelize([3], 1)).collect()).toEqual([1, 2, 3]);
    expect(sortN(sc.parallelize([1, 2, 3, 3]).intersection(sc.parallelize([3, 2, 5])).collect())).toEqual([2, 3]);
    expect(sortN(sc.parallelize([1, 2, 3, 4]).subtract(sc.parallelize([2, 4])).collect())).toEqual([1, 3]);
    expect(sortN(sc.parallelize([1, 2]).cartesian(sc.parallelize(['x'])).collect())).toEqual([[1, 'x'], [2, 'x']]);
  });

  it('groups by a function and sorts in natural order, numbers numerically', () => {
    expect(sortN(sc.parallelize([1, 2, 3, 4]).groupBy((x) => x % 2).collect())).toEqual([[0, [2, 4]], [1, [1, 3]]]);
    expect(sc.parallelize([10, 9, 100, 1]).sortBy((x) => x).collect()).toEqual([1, 9, 10, 100]);
    expect(sc.parallelize([10, 9, 100, 1]).sortBy((x) => x, false).collect()).toEqual([100, 10, 9, 1]);
    expect(sc.parallelize(['b', 'a', 'B', 'é'], 1).sortBy((x) => x).collect()).toEqual(['B', 'a', 'b', 'é']);
  });
});

describe('RDD pair transformations', () => {
  const pairs = (): ReturnType<typeof sc.parallelize<[string, number]>> =>
    sc.parallelize<[string, number]>([['a', 1], ['b', 1], ['a', 2]], 2);

  it('reduces, groups, aggregates and folds by key', () => {
    expect(sortN(pairs().reduceByKey((a, b) => a + b).collect())).toEqual([['a', 3], ['b', 1]]);
    expect(sortN(pairs().groupByKey().collect())).toEqual([['a', [1, 2]], ['b', [1]]]);
    expect(sortN(pairs().aggregateByKey([] as number[], (acc, v) => [...acc, v], (x, y) => [...x, ...y]).collect())).toEqual([
      ['a', [1, 2]],
      ['b', [1]],
    ]);
    expect(sortN(pairs().foldByKey(10, (a, b) => a + b).collect())).toEqual([['a', 23], ['b', 11]]);
  });

  it('groups tuple keys by value, not by reference', () => {
    const r = sc.parallelize([[['x', 1], 1], [['x', 1], 2]] as Array<[[string, number], number]>).reduceByKey((a, b) => a + b);
    expect(r.collect()).toEqual([[['x', 1], 3]]);
  });

  it('maps values, flatMaps values and splits keys from values', () => {
    expect(pairs().mapValues((v) => v * 10).collect()).toEqual([['a', 10], ['b', 10], ['a', 20]]);
    expect(pairs().flatMapValues((v) => [v, v]).count()).toBe(6);
    expect(pairs().keys().collect()).toEqual(['a', 'b', 'a']);
    expect(pairs().values().collect()).toEqual([1, 1, 2]);
  });

  it('sorts by key', () => {
    expect(sc.parallelize<[number, string]>([[3, 'c'], [1, 'a'], [2, 'b']]).sortByKey().collect()).toEqual([[1, 'a'], [2, 'b'], [3, 'c']]);
    expect(sc.parallelize<[number, string]>([[3, 'c'], [1, 'a']]).sortByKey(false).keys().collect()).toEqual([3, 1]);
  });

  it('joins and subtracts by key', () => {
    const other = sc.parallelize<[string, string]>([['a', 'x'], ['c', 'y']]);
    expect(sortN(pairs().join(other).collect())).toEqual([['a', [1, 'x']], ['a', [2, 'x']]]);
    expect(sortN(pairs().leftOuterJoin(other).collect())).toEqual([['a', [1, 'x']], ['a', [2, 'x']], ['b', [1, null]]]);
    expect(sortN(pairs().rightOuterJoin(other).collect())).toEqual([['a', [1, 'x']], ['a', [2, 'x']], ['c', [null, 'y']]]);
    expect(sortN(pairs().fullOuterJoin(other).collect())).toEqual([['a', [1, 'x']], ['a', [2, 'x']], ['b', [1, null]], ['c', [null, 'y']]]);
    expect(sortN(pairs().subtractByKey(other).collect())).toEqual([['b', 1]]);
    expect(sortN(pairs().cogroup(other).collect())).toEqual([['a', [[1, 2], ['x']]], ['b', [[1], []]], ['c', [[], ['y']]]]);
  });
});

describe('RDD actions', () => {
  it('returns plain values synchronously', () => {
    const r = sc.parallelize([5, 3, 8, 1], 2);
    expect(r.collect()).toEqual([5, 3, 8, 1]);
    expect(r.count()).toBe(4);
    expect(r.first()).toBe(5);
    expect(r.take(3)).toEqual([5, 3, 8]);
    expect(r.takeOrdered(2)).toEqual([1, 3]);
    expect(r.takeOrdered(2, (x) => -x)).toEqual([8, 5]);
    expect(r.top(2)).toEqual([8, 5]);
    expect(r.reduce((a, b) => a + b)).toBe(17);
    expect(r.fold(0, (a, b) => a + b)).toBe(17);
    expect(r.aggregate(0, (acc, x) => acc + x, (a, b) => a + b)).toBe(17);
    expect(r.sum()).toBe(17);
    expect(r.mean()).toBe(4.25);
    expect(r.max()).toBe(8);
    expect(r.min()).toBe(1);
    expect(r.isEmpty()).toBe(false);
  });

  it('summarises numbers with stats as pyspark StatCounter', () => {
    const s = sc.parallelize([1, 2, 3, 4]).stats();
    expect([s.count, s.mean, s.sum, s.max, s.min]).toEqual([4, 2.5, 10, 4, 1]);
    expect(s.variance).toBeCloseTo(1.25);
    expect(s.sampleStdev).toBeCloseTo(Math.sqrt(5 / 3));
  });

  it('counts by value and by key into Maps and looks up keys', () => {
    expect(sc.parallelize(['a', 'b', 'a']).countByValue()).toEqual(new Map([['a', 2], ['b', 1]]));
    const p = sc.parallelize<[string, number]>([['a', 1], ['a', 2], ['b', 3]]);
    expect(p.countByKey()).toEqual(new Map([['a', 2], ['b', 1]]));
    expect(p.lookup('a')).toEqual([1, 2]);
  });

  it('stops computing early for take', () => {
    let seen = 0;
    const r = sc.parallelize([1, 2, 3, 4, 5, 6], 1).map((x) => {
      seen++;
      return x;
    });
    expect(r.take(2)).toEqual([1, 2]);
    expect(seen).toBe(2);
  });

  it('refuses to reduce or take the first element of an empty RDD with a clear code', () => {
    expect(() => sc.emptyRDD<number>().reduce((a, b) => a + b)).toThrow(expect.objectContaining({ code: 'ERR_EMPTY_RDD' }));
    expect(() => sc.parallelize([], 2).first()).toThrow('RDD is empty');
    expect(sc.emptyRDD().isEmpty()).toBe(true);
  });

  it('runs foreach and foreachPartition for their side effects', () => {
    const seen: number[] = [];
    sc.parallelize([1, 2, 3]).foreach((x) => seen.push(x));
    const sizes: number[] = [];
    sc.parallelize([1, 2, 3], 2).foreachPartition((it) => sizes.push([...it].length));
    expect(seen).toEqual([1, 2, 3]);
    expect(sizes).toEqual([1, 2]);
  });
});

describe('RDD persistence and copies', () => {
  it('computes a cached RDD once', () => {
    let calls = 0;
    const r = sc.parallelize([1, 2, 3]).map((x) => {
      calls++;
      return x;
    }).cache();
    r.collect();
    r.collect();
    expect(calls).toBe(3);
    expect(r.is_cached).toBe(true);
    r.unpersist();
    r.collect();
    expect(calls).toBe(6);
  });

  it('never lets a user function change stored data', () => {
    const data = [{ n: 1 }];
    const r = sc.parallelize(data, 1);
    data[0]!.n = 99;
    r.map((o) => {
      o.n += 1;
      return o;
    }).collect();
    expect(r.collect()).toEqual([{ n: 1 }]);
    const cached = sc.parallelize([[1]], 1).cache();
    cached.foreach((a) => a.push(2));
    expect(cached.collect()).toEqual([[1]]);
  });
});

describe('RDD output and lineage', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0));

  it('saves one part file per partition and refuses an existing directory', () => {
    const base = mkdtempSync(join(tmpdir(), 'tspark-save-'));
    dirs.push(base);
    const out = join(base, 'out');
    sc.parallelize(['a', 'b', ['c', 1]], 2).saveAsTextFile(out);
    expect(readdirSync(out).sort()).toEqual(['_SUCCESS', 'part-00000', 'part-00001']);
    expect(readFileSync(join(out, 'part-00001'), 'utf8')).toBe("b\n[ 'c', 1 ]\n");
    expect(() => sc.parallelize([1]).saveAsTextFile(out)).toThrow(expect.objectContaining({ code: 'ERR_FILE_EXISTS' }));
  });

  it('describes the lineage with shuffles as new stages', () => {
    const r = sc.parallelize([1, 2], 2).map((x) => [x, 1] as [number, number]).reduceByKey((a, b) => a + b);
    const lines = r.toDebugString().split('\n');
    expect(lines[0]).toMatch(/^\(2\) reduceByKey \[\d+\]$/);
    expect(lines[1]).toMatch(/^ \+-\(2\) map \[\d+\]$/);
    expect(lines[2]).toMatch(/^ {4}\| {2}parallelize \[\d+\]$/);
  });

  it('rejects a non-function with the method, the parameter and the value', () => {
    expect(() => sc.parallelize([1]).map(42 as unknown as (x: number) => number)).toThrow('map: "f" must be a function; got 42');
  });
});
