/**
 * Records that are not `[key, value]` pairs given to a pair operation fail the action with
 * ERR_NOT_A_PAIR, naming the operator and showing the record, where pyspark raises too
 * (recorded in ../pyspark/expected.json). The classic case: `map(w => (w, 1))`, a Python tuple
 * typed literally, is JavaScript's comma operator and gives 1.
 */
import { describe, expect, it } from 'vitest';
import { DataError, type RDD, SparkContext } from '../../../src/index.js';
import { outcomes } from '../pyspark/expected.js';

const sc = new SparkContext('local[2]', 'pairs-test');
const add = (a: number, b: number): number => a + b;
/** An RDD of numbers handed to pair operations, as the comma operator makes it. */
const ints = (): RDD<readonly [number, number]> => sc.parallelize([1, 2, 3], 2) as unknown as RDD<readonly [number, number]>;
const recorded = outcomes('notPairs');

describe('a pair operation given records that are not pairs', () => {
  it.each([
    ['reduceByKey', () => ints().reduceByKey(add).collect()],
    ['groupByKey', () => ints().groupByKey().collect()],
    ['combineByKey', () => ints().combineByKey((v) => v, add, add).collect()],
    ['aggregateByKey', () => ints().aggregateByKey(0, add, add).collect()],
    ['foldByKey', () => ints().foldByKey(0, add).collect()],
    ['join', () => ints().join(ints()).collect()],
    ['leftOuterJoin', () => ints().leftOuterJoin(ints()).collect()],
    ['cogroup', () => ints().cogroup(ints()).collect()],
    ['subtractByKey', () => ints().subtractByKey(ints()).collect()],
    ['partitionBy', () => ints().partitionBy(2).collect()],
    ['sortByKey', () => ints().sortByKey().collect()],
    ['mapValues', () => ints().mapValues((v) => v).collect()],
    ['keys', () => ints().keys().collect()],
    ['countByKey', () => ints().countByKey()],
    ['collectAsMap', () => ints().collectAsMap()],
  ])('%s fails with ERR_NOT_A_PAIR naming the operator and one record, where pyspark raises', (op, act) => {
    expect(recorded[op]?.error).toMatch(/TypeError/);
    expect(act).toThrow(expect.objectContaining({ name: 'DataError', code: 'ERR_NOT_A_PAIR', message: expect.stringContaining(`${op}: every record must be a [key, value] pair`) }));
    expect(act).toThrow(/got [123]\b/);
  });

  it('explains the comma operator for `map(w => (w, 1))`', () => {
    // What a user copying `words.map(lambda w: (w, 1))` from a pyspark tutorial types.
    // @ts-expect-error -- the comma operator: the left side is unused (TypeScript says so; the shell does not)
    const pairs = sc.parallelize(['a', 'b', 'a']).map((w) => (w, 1)) as unknown as RDD<readonly [string, number]>;
    let error: unknown;
    try {
      pairs.reduceByKey(add).collect();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataError);
    expect((error as Error).message).toBe(
      'reduceByKey: every record must be a [key, value] pair (an array of two); got 1. To fix it, write a pair as [key, value], ' +
        "e.g. map(w => [w, 1]); (w, 1) is JavaScript's comma operator and gives only its last value",
    );
  });

  it('refuses arrays of another length (pyspark: too many values to unpack), and null', () => {
    expect(recorded.triples?.error).toMatch(/ValueError: too many values to unpack/);
    expect(recorded.nulls?.error).toMatch(/TypeError: cannot unpack non-iterable NoneType/);
    const triples = sc.parallelize([[1, 2, 3]]) as unknown as RDD<readonly [number, number]>;
    expect(() => triples.reduceByKey(add).collect()).toThrow(/got \[1,2,3\] \(an array of 3\)\. To fix it, keep exactly two elements/);
    const nulls = sc.parallelize([null]) as unknown as RDD<readonly [number, number]>;
    expect(() => nulls.groupByKey().collect()).toThrow(/groupByKey: .* got null/);
  });

  it('shows a long record cut short', () => {
    const long = sc.parallelize(['x'.repeat(1000)], 1) as unknown as RDD<readonly [string, string]>;
    expect(() => long.groupByKey().collect()).toThrow(/got "x{199}…/);
  });

  it('still takes pairs of any kind: tuple keys, null keys, nested values', () => {
    const r = sc.parallelize<[unknown, number]>([[['k', 1], 1], [null, 2], [['k', 1], 3]], 2).reduceByKey(add);
    expect(r.collect().sort()).toEqual([[['k', 1], 4], [null, 2]].sort());
  });
});
