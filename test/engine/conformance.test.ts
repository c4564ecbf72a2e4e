/**
 * pyspark's own streaming tests (python/pyspark/streaming/tests/test_dstream.py,
 * BasicOperationTests), with the same inputs and the same expected outputs per batch.
 */
import { describe, expect, it } from 'vitest';
import { range, runBatches, runBatches2, newContext } from '../support/run-batches.js';

const add = (a: number, b: number): number => a + b;

describe('pyspark BasicOperationTests', () => {
  it('test_map', async () => {
    const input = [range(1, 5), range(5, 9), range(9, 13)];
    expect(await runBatches(input, (s) => s.map(String), 3)).toEqual(input.map((x) => x.map(String)));
  });

  it('test_flatMap', async () => {
    const input = [range(1, 5), range(5, 9), range(9, 13)];
    expect(await runBatches(input, (s) => s.flatMap((x) => [x, x * 2]), 3)).toEqual(input.map((x) => x.flatMap((y) => [y, y * 2])));
  });

  it('test_filter', async () => {
    const input = [range(1, 5), range(5, 9), range(9, 13)];
    expect(await runBatches(input, (s) => s.filter((x) => x % 2 === 0), 3)).toEqual(input.map((x) => x.filter((y) => y % 2 === 0)));
  });

  it('test_count', async () => {
    const input = [range(5), range(10), range(20)];
    expect(await runBatches(input, (s) => s.count(), 3)).toEqual([[5], [10], [20]]);
  });

  it('test_reduce', async () => {
    const input = [range(1, 5), range(5, 9), range(9, 13)];
    expect(await runBatches(input, (s) => s.reduce(add), 3)).toEqual([[10], [26], [42]]);
  });

  it('test_reduceByKey', async () => {
    const input: Array<Array<[string | number, number]>> = [
      [['a', 1], ['a', 1], ['b', 1], ['b', 1]],
      [['', 1], ['', 1], ['', 1], ['', 1]],
      [[1, 1], [1, 1], [2, 1], [2, 1], [3, 1]],
    ];
    expect(await runBatches(input, (s) => s.reduceByKey(add), 3, { sort: true })).toEqual([
      [['a', 2], ['b', 2]],
      [['', 4]],
      [[1, 2], [2, 2], [3, 1]],
    ]);
  });

  it('test_mapValues', async () => {
    const input: Array<Array<[string | number, number]>> = [
      [['a', 2], ['b', 2], ['c', 1], ['d', 1]],
      [[0, 4], [1, 1], [2, 2], [3, 3]],
      [[1, 1], [2, 1], [3, 1], [4, 1]],
    ];
    expect(await runBatches(input, (s) => s.mapValues((x) => x + 10), 3, { sort: true })).toEqual([
      [['a', 12], ['b', 12], ['c', 11], ['d', 11]],
      [[0, 14], [1, 11], [2, 12], [3, 13]],
      [[1, 11], [2, 11], [3, 11], [4, 11]],
    ]);
  });

  it('test_flatMapValues', async () => {
    const input: Array<Array<[string | number, number]>> = [
      [['a', 2], ['b', 2], ['c', 1], ['d', 1]],
      [[0, 4], [1, 1], [2, 1], [3, 1]],
      [[1, 1], [2, 1], [3, 1], [4, 1]],
    ];
    expect(await runBatches(input, (s) => s.flatMapValues((x) => [x, x + 10]), 3)).toEqual([
      [['a', 2], ['a', 12], ['b', 2], ['b', 12], ['c', 1], ['c', 11], ['d', 1], ['d', 11]],
      [[0, 4], [0, 14], [1, 1], [1, 11], [2, 1], [2, 11], [3, 1], [3, 11]],
      [[1, 1], [1, 11], [2, 1], [2, 11], [3, 1], [3, 11], [4, 1], [4, 11]],
    ]);
  });

  it('test_glom', async () => {
    const { sc } = newContext();
    const rdds = [range(1, 5), range(5, 9), range(9, 13)].map((r) => sc.parallelize(r, 2));
    expect(await runBatches(rdds, (s) => s.glom(), 3)).toEqual([
      [[1, 2], [3, 4]],
      [[5, 6], [7, 8]],
      [[9, 10], [11, 12]],
    ]);
  });

  it('test_mapPartitions', async () => {
    const { sc } = newContext();
    const rdds = [range(1, 5), range(5, 9), range(9, 13)].map((r) => sc.parallelize(r, 2));
    const sum = function* (it: Iterable<number>): Generator<number> {
      let s = 0;
      for (const x of it) s += x;
      yield s;
    };
    expect(await runBatches(rdds, (s) => s.mapPartitions(sum), 3)).toEqual([[3, 7], [11, 15], [19, 23]]);
  });

  it('test_countByValue', async () => {
    const input: Array<Array<number | string>> = [[...range(1, 5), ...range(1, 5)], [...range(5, 7), ...range(5, 9)], ['a', 'a', 'b', '']];
    expect(await runBatches(input, (s) => s.countByValue(), 3, { sort: true })).toEqual([
      [[1, 2], [2, 2], [3, 2], [4, 2]],
      [[5, 2], [6, 2], [7, 1], [8, 1]],
      [['', 1], ['a', 2], ['b', 1]],
    ]);
  });

  it('test_groupByKey', async () => {
    const input: Array<Array<[string | number, number]>> = [
      [[1, 1], [2, 1], [3, 1], [4, 1]],
      [[1, 1], [1, 1], [1, 1], [2, 1], [2, 1], [3, 1]],
      [['a', 1], ['a', 1], ['b', 1], ['', 1], ['', 1], ['', 1]],
    ];
    expect(await runBatches(input, (s) => s.groupByKey(), 3, { sort: true })).toEqual([
      [[1, [1]], [2, [1]], [3, [1]], [4, [1]]],
      [[1, [1, 1, 1]], [2, [1, 1]], [3, [1]]],
      [['', [1, 1, 1]], ['a', [1, 1]], ['b', [1]]],
    ]);
  });

  it('test_combineByKey', async () => {
    const input: Array<Array<[string | number, number]>> = [
      [[1, 1], [2, 1], [3, 1], [4, 1]],
      [[1, 1], [1, 1], [1, 1], [2, 1], [2, 1], [3, 1]],
      [['a', 1], ['a', 1], ['b', 1], ['', 1], ['', 1], ['', 1]],
    ];
    const addStr = (a: string, b: number | string): string => a + String(b);
    expect(await runBatches(input, (s) => s.combineByKey(String, addStr, addStr), 3, { sort: true })).toEqual([
      [[1, '1'], [2, '1'], [3, '1'], [4, '1']],
      [[1, '111'], [2, '11'], [3, '1']],
      [['', '111'], ['a', '11'], ['b', '1']],
    ]);
  });

  it('test_repartition', async () => {
    const { sc } = newContext();
    const rdds = [range(1, 5), range(5, 9)].map((r) => sc.parallelize(r, 2));
    expect(await runBatches(rdds, (s) => s.repartition(1).glom(), 2)).toEqual([[[1, 2, 3, 4]], [[5, 6, 7, 8]]]);
  });

  it('test_union', async () => {
    const input1 = [range(3), range(5), range(6)];
    const input2 = [range(3, 6), range(5, 6)];
    expect(await runBatches2(input1, input2, (a, b) => a.union(b), 3)).toEqual([range(6), range(6), range(6)]);
  });

  it('test_cogroup', async () => {
    const input: Array<Array<[string | number, number]>> = [
      [[1, 1], [2, 1], [3, 1]],
      [[1, 1], [1, 1], [1, 1], [2, 1]],
      [['a', 1], ['a', 1], ['b', 1], ['', 1], ['', 1]],
    ];
    const input2: Array<Array<[string | number, number]>> = [[[1, 2]], [[4, 1]], [['a', 1], ['a', 1], ['b', 1], ['', 1], ['', 2]]];
    expect(await runBatches2(input, input2, (a, b) => a.cogroup(b), 3, { sort: true })).toEqual([
      [[1, [[1], [2]]], [2, [[1], []]], [3, [[1], []]]],
      [[1, [[1, 1, 1], []]], [2, [[1], []]], [4, [[], [1]]]],
      [['', [[1, 1], [1, 2]]], ['a', [[1, 1], [1, 1]]], ['b', [[1], [1]]]],
    ]);
  });

  it('test_join and the outer joins', async () => {
    const a: Array<Array<[string, number]>> = [[['a', 1], ['b', 2]]];
    const b: Array<Array<[string, number]>> = [[['b', 3], ['c', 4]]];
    expect(await runBatches2(a, b, (x, y) => x.join(y), 1, { sort: true })).toEqual([[['b', [2, 3]]]]);
    expect(await runBatches2(a, b, (x, y) => x.leftOuterJoin(y), 1, { sort: true })).toEqual([[['a', [1, null]], ['b', [2, 3]]]]);
    expect(await runBatches2(a, b, (x, y) => x.rightOuterJoin(y), 1, { sort: true })).toEqual([[['b', [2, 3]], ['c', [null, 4]]]]);
    expect(await runBatches2(a, b, (x, y) => x.fullOuterJoin(y), 1, { sort: true })).toEqual([
      [['a', [1, null]], ['b', [2, 3]], ['c', [null, 4]]],
    ]);
  });

  it('test_failed_func: awaitTerminationOrTimeout re-raises the error of a failed batch', async () => {
    const { sc, ssc, clock, err } = newContext();
    const input = [0, 1, 2, 3].map((d) => sc.parallelize([d], 1));
    ssc
      .queueStream(input)
      .map(() => {
        throw new Error('This is a special error');
      })
      .pprint();
    ssc.start();
    await clock.advance(1000);
    await expect(ssc.awaitTerminationOrTimeout(10)).rejects.toThrow('This is a special error');
    expect(err.join('')).toContain('This is a special error');
    ssc.stop(true);
  });

  it('test_failed_func2: a throwing transformWith function fails its batch', async () => {
    const { sc, ssc, clock } = newContext();
    const input = [0, 1, 2, 3].map((d) => sc.parallelize([d], 1));
    const s1 = ssc.queueStream(input);
    const s2 = ssc.queueStream(input);
    s1.transformWith((_a, _b) => {
      throw new Error('This is a special error');
    }, s2).pprint();
    ssc.start();
    await clock.advance(1000);
    await expect(ssc.awaitTerminationOrTimeout(10)).rejects.toMatchObject({ code: 'ERR_BATCH_FAILED' });
    ssc.stop(true);
  });

  it('test_failed_func_with_resetting_failure: the batches after a failed one still run', async () => {
    const { sc, ssc, clock } = newContext();
    const input = [0, 1, 2, 3].map((d) => sc.parallelize([d], 1));
    const results: number[][] = [];
    ssc
      .queueStream(input)
      .map((i) => {
        if (i === 1) throw new Error('This is a special error');
        return i;
      })
      .foreachRDD((rdd) => void results.push(rdd.collect()));
    ssc.start();
    await clock.advance(4000);
    expect(results).toEqual([[0], [2], [3]]);
    await expect(ssc.awaitTerminationOrTimeout(10)).rejects.toThrow('This is a special error');
    // Re-raised once, then cleared.
    await expect(ssc.awaitTerminationOrTimeout(0.01)).resolves.toBe(false);
    ssc.stop(true);
  });
});
