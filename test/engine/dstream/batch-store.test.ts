/**
 * BatchStore: the computed parent batches a window keeps, by batch time, pruned to the window,
 * a failed batch computed only once, and saved/restored for checkpoints.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointError, ManualClock, SparkContext, StreamingContext } from '../../../src/index.js';
import { BatchStore } from '../../../src/engine/dstream/batch-store.js';
import { nodeOf } from '../../../src/engine/dstream/dstream.js';

async function started(batches: number[][]) {
  const sc = new SparkContext('local[2]');
  const clock = new ManualClock(0);
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined });
  let computed = 0;
  const stream = ssc.queueStream(batches).map((x) => {
    computed++;
    if (x < 0) throw new Error('negative');
    return x;
  });
  stream.foreachRDD(() => undefined);
  // BatchStore works on the engine's node behind the public DStream.
  const input = nodeOf(stream);
  ssc.start();
  /** Runs the next batch, then stores it (while the batch's RDD is still remembered). */
  const step = async (store: BatchStore<number>): Promise<void> => {
    await clock.advance(1000);
    store.ensure(clock.now());
  };
  return { ssc, input, step, computed: () => computed };
}

describe('BatchStore', () => {
  it('keeps the batches in (now - keep, now], oldest first', async () => {
    const { ssc, input, step } = await started([[1], [2], [3], [4]]);
    const store = new BatchStore(input, 2000);
    for (let i = 0; i < 4; i++) await step(store);
    expect(store.size).toBe(2);
    expect(store.between(0, 4000).map((parts) => parts.flat())).toEqual([[3], [4]]);
    expect(store.between(3000, 4000).map((parts) => parts.flat())).toEqual([[4]]);
    ssc.stop();
  });

  it('computes a batch that failed only once, and rethrows the first time', async () => {
    const { ssc, input, computed } = await started([[-1]]);
    const store = new BatchStore(input, 5000);
    await (ssc.clock as ManualClock).advance(1000);
    expect(() => store.ensure(1000)).toThrow('negative');
    const after = computed();
    store.ensure(1000);
    expect(computed()).toBe(after);
    expect(store.between(0, 1000)).toEqual([]);
    ssc.stop();
  });

  it('restores what it saved, and refuses a snapshot of another shape naming the file', async () => {
    const { ssc, input, step } = await started([[1], [2]]);
    const store = new BatchStore(input, 5000);
    await step(store);
    await step(store);
    expect(store.size).toBe(2);
    const copy = new BatchStore(input, 5000);
    copy.restore(structuredClone(store.snapshot()), '/cp/tspark-checkpoint');
    expect(copy.between(0, 2000)).toEqual(store.between(0, 2000));
    expect(() => copy.restore({ not: 'batches' }, '/cp/tspark-checkpoint')).toThrow(CheckpointError);
    expect(() => copy.restore({ not: 'batches' }, '/cp/tspark-checkpoint')).toThrow(/\/cp\/tspark-checkpoint/);
    ssc.stop();
  });
});
