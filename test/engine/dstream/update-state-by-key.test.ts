/**
 * updateStateByKey: pyspark's test_update_state_by_key and test_update_state_by_key_initial_rdd,
 * plus the rules pyspark has that its tests do not show (every key updated once a state exists,
 * removal with undefined/null, a state mutation never changing an earlier batch).
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, type RDD, SparkContext, StreamingContext } from '../../../src/index.js';
import { range } from '../../support/run-batches.js';
import { runPerBatch } from '../../support/window-run.js';

const extend = (vs: number[], s: number[] | undefined): number[] => {
  const state = s ?? [];
  state.push(...vs);
  return state;
};

describe('updateStateByKey', () => {
  it('an updateFunc that throws fails that batch once; the next batch continues from the last good state', async () => {
    const sc = new SparkContext('local[2]');
    sc.setCheckpointDir((await import('../../support/window-run.js')).tempDir());
    const clock = new ManualClock(0);
    const errs: string[] = [];
    const ssc = new StreamingContext(sc, 1, { clock, err: (t) => errs.push(t) });
    const out: unknown[] = [];
    ssc
      .queueStream([[['a', 1]], [['a', 100]], [['a', 1]]] as Array<Array<[string, number]>>)
      .updateStateByKey((vs: number[], s: number | undefined) => {
        if (vs.includes(100)) throw new Error('too big');
        return vs.reduce((x, y) => x + y, s ?? 0);
      })
      .foreachRDD((rdd) => void out.push(rdd.collect()));
    ssc.start();
    await clock.advance(3000);
    ssc.stop();
    expect(out).toEqual([[['a', 1]], [['a', 2]]]);
    expect(errs.filter((e) => e.includes('too big'))).toHaveLength(1);
  });

  it('test_update_state_by_key', async () => {
    const input = range(5).map((i) => [['k', i] as [string, number]]);
    const got = await runPerBatch(input, (s) => s.updateStateByKey(extend), 5, { batchSeconds: 0.5 });
    expect(got).toEqual([[['k', [0]]], [['k', [0, 1]]], [['k', [0, 1, 2]]], [['k', [0, 1, 2, 3]]], [['k', [0, 1, 2, 3, 4]]]]);
  });

  it('test_update_state_by_key_initial_rdd (an RDD or an array of pairs)', async () => {
    const input = range(2, 5).map((i) => [['k', i] as [string, number]]);
    const expected = [[['k', [0, 1, 2]]], [['k', [0, 1, 2, 3]]], [['k', [0, 1, 2, 3, 4]]]];
    const fromArray = await runPerBatch(input, (s) => s.updateStateByKey(extend, null, [['k', [0, 1]]]), 3);
    expect(fromArray).toEqual(expected);
    const fromRdd = await runPerBatch(input, (s, ssc) => s.updateStateByKey(extend, null, ssc.sparkContext.parallelize([['k', [0, 1]] as [string, number[]]], 1)), 3);
    expect(fromRdd).toEqual(expected);
  });

  it('calls the function for every key in state, with [] for keys without new values', async () => {
    const calls: Array<[number[], number | undefined]> = [];
    const input = [[['a', 1], ['b', 2]], [['a', 3]], []] as Array<Array<[string, number]>>;
    const got = await runPerBatch(
      input,
      (s) =>
        s.updateStateByKey((vs: number[], prev: number | undefined) => {
          calls.push([vs, prev]);
          return vs.reduce((x, y) => x + y, prev ?? 0);
        }),
      3,
      { sort: true },
    );
    expect(got).toEqual([[['a', 1], ['b', 2]], [['a', 4], ['b', 2]], [['a', 4], ['b', 2]]]);
    expect(calls).toEqual([[[1], undefined], [[2], undefined], [[3], 1], [[], 2], [[], 4], [[], 2]]);
  });

  it('removes a key when the function returns undefined or null', async () => {
    const input = [[['a', 1], ['b', 1]], [['a', 1]], [['a', 1]]] as Array<Array<[string, number]>>;
    const got = await runPerBatch(
      input,
      (s) => s.updateStateByKey((vs: number[], prev: number | undefined) => (vs.length === 0 ? (prev === 1 ? null : undefined) : (prev ?? 0) + vs.length)),
      3,
      { sort: true },
    );
    expect(got).toEqual([[['a', 1], ['b', 1]], [['a', 2]], [['a', 3]]]);
  });

  it('groups composite keys by value', async () => {
    const input = [[[['x', 1], 1]], [[['x', 1], 1]]] as Array<Array<[[string, number], number]>>;
    const got = await runPerBatch(input, (s) => s.updateStateByKey((vs: number[], p: number | undefined) => (p ?? 0) + vs.length), 2);
    expect(got).toEqual([[[['x', 1], 1]], [[['x', 1], 2]]]);
  });

  it('a function that mutates the state object never changes an earlier batch\'s output', async () => {
    const sc = new SparkContext('local[2]');
    sc.setCheckpointDir((await import('../../support/window-run.js')).tempDir());
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock });
    const kept: Array<RDD<[string, number[]]>> = [];
    const seen: unknown[] = [];
    ssc
      .queueStream(range(3).map((i) => [['k', i] as [string, number]]))
      .updateStateByKey(extend)
      .foreachRDD((rdd) => {
        kept.push(rdd);
        seen.push(rdd.collect());
      });
    ssc.start();
    await clock.advance(3000);
    ssc.stop();
    expect(seen).toEqual([[['k', [0]]], [['k', [0, 1]]], [['k', [0, 1, 2]]]]);
    expect(kept.map((r) => r.collect())).toEqual(seen);
  });

  it('needs a checkpoint directory, and start() says so with Spark\'s words', () => {
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
    ssc.queueStream([[['a', 1] as [string, number]]]).updateStateByKey((vs: number[]) => vs.length).pprint();
    expect(() => ssc.start()).toThrow(/The checkpoint directory has not been set\. Please set it by StreamingContext\.checkpoint\(\)/);
    expect(ssc.state).toBe('INITIALIZED');
    ssc.stop();
  });

  it('rejects a non-function and a bad initialRDD with the parameter named', () => {
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
    const s = ssc.queueStream([[['a', 1] as [string, number]]]);
    expect(() => s.updateStateByKey(42 as unknown as (v: number[]) => number)).toThrow(/"updateFunc" must be a function/);
    expect(() => s.updateStateByKey((v: number[]) => v.length, null, 'x' as unknown as [string, number][])).toThrow(/"initialRDD" must be an RDD or an array/);
    sc.stop();
  });
});
