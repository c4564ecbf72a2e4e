/**
 * Without `numPartitions`, shuffles take pyspark's default partition count: the parent's, and
 * for two parents the sum of theirs, or their count when both are placed by the same
 * partitioner. It decides `getNumPartitions`, the number of part files a save writes, and
 * where integer keys land; the partitions are compared whole with what PySpark 3.5 made for the
 * same data (../pyspark/expected.json). DStreams keep `defaultParallelism`, as pyspark's do.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, type RDD, SparkContext, StreamingContext } from '../../../src/index.js';
import { expected } from '../pyspark/expected.js';

const sc = new SparkContext('local[2]', 'default-partitions');
const add = (a: number, b: number): number => a + b;
const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
const sorted = (xs: number[]): number[] => [...xs].sort((a, b) => a - b);

const p3 = sc.parallelize(range(20).map((i): [number, number] => [i % 7, i]), 3);
const p2 = sc.parallelize(range(8).map((i): [number, number] => [i % 5, 0 - i]), 2); // 0 - i: no -0 for i = 0
const v3 = sc.parallelize(range(20).map((i) => i % 7), 3);
const v2 = sc.parallelize(range(8).map((i) => i % 5), 2);
const r3a = p3.reduceByKey(add);
const r3b = p3.mapValues((v) => v * 10).reduceByKey(add);

const cases: Record<string, () => RDD<unknown>> = {
  reduceByKey: () => p3.reduceByKey(add),
  groupByKey: () => p3.groupByKey().mapValues(sorted),
  aggregateByKey: () => p3.aggregateByKey(0, add, add),
  foldByKey: () => p3.foldByKey(0, add),
  combineByKey: () => p3.combineByKey((v) => v, add, add),
  distinct: () => v3.distinct(),
  groupBy: () => v3.groupBy((x) => x % 4).mapValues(sorted),
  join: () => p3.join(p2),
  leftOuterJoin: () => p3.leftOuterJoin(p2),
  rightOuterJoin: () => p3.rightOuterJoin(p2),
  fullOuterJoin: () => p3.fullOuterJoin(p2),
  cogroup: () => p3.cogroup(p2).mapValues((vs) => [sorted(vs[0]), sorted(vs[1])]),
  subtract: () => v3.subtract(v2),
  subtractByKey: () => p3.subtractByKey(p2),
  intersection: () => v3.intersection(v2),
  joinSamePartitioner: () => r3a.join(r3b),
  cogroupSamePartitioner: () => r3a.cogroup(r3b),
};
const recorded = expected.defaultPartitions as Record<string, { numPartitions: number; glom: unknown[][] }>;

describe('default partition counts of RDD shuffles', () => {
  it.each(Object.keys(cases))('%s: pyspark’s count, and the same records in the same partitions', (name) => {
    const rdd = (cases[name] as () => RDD<unknown>)();
    const want = recorded[name];
    expect(want).toBeDefined();
    expect(rdd.getNumPartitions()).toBe(want?.numPartitions);
    expect(rdd.glom().collect()).toEqual(want?.glom);
  });

  it('an explicit numPartitions still wins', () => {
    expect(p3.reduceByKey(add, 5).getNumPartitions()).toBe(5);
    expect(p3.join(p2, 1).getNumPartitions()).toBe(1);
    expect(() => p3.groupByKey(0)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});

describe('default partition counts of DStream shuffles', () => {
  it('stay defaultParallelism, as pyspark’s DStreams pass it explicitly', async () => {
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(new SparkContext('local[2]', 'dstream-partitions'), 1, { clock, out: () => undefined });
    const pairs = ssc.queueStream([sc.parallelize<[number, number]>([[1, 1], [2, 2]], 3)]);
    const seen: Record<string, number> = {};
    pairs.join(pairs).foreachRDD((rdd) => void (seen.join ??= rdd.getNumPartitions()));
    pairs.reduceByKey(add).foreachRDD((rdd) => void (seen.reduceByKey ??= rdd.getNumPartitions()));
    pairs.groupByKey().foreachRDD((rdd) => void (seen.groupByKey ??= rdd.getNumPartitions()));
    ssc.start();
    await clock.advance(1000);
    ssc.stop();
    expect(seen).toEqual(expected.stream?.['default partitions (local[2])']);
  });
});
