import { describe, expect, it } from 'vitest';
import { ManualClock, SparkContext, StreamingContext, type BatchInfo } from '../../src/index.js';

describe('batch timing', () => {
  it('puts the first batch on the next multiple of the interval after start, then one per interval', async () => {
    const sc = new SparkContext('local[2]');
    const clock = new ManualClock(10_300);
    const ssc = new StreamingContext(sc, 2, { clock, out: () => undefined });
    const times: number[] = [];
    ssc.queueStream([[1], [2]]).foreachRDD((t: Date, _rdd: unknown) => void times.push(t.getTime()));
    ssc.start();
    await clock.advance(5000);
    expect(times).toEqual([12_000, 14_000]);
    ssc.stop(true);
  });

  it('makes a batch even when no data arrived', async () => {
    const sc = new SparkContext('local[2]');
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined });
    const counts: number[][] = [];
    ssc.queueStream<number>([]).count().foreachRDD((rdd) => void counts.push(rdd.collect()));
    ssc.start();
    await clock.advance(3000);
    expect(counts).toEqual([[0], [0], [0]]);
    ssc.stop(true);
  });

  it('runs batches one at a time in time order and measures the delay when they fall behind', async () => {
    const sc = new SparkContext('local[2]');
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined });
    const order: number[] = [];
    let release: (() => void) | undefined;
    ssc.queueStream([[1], [2], [3]]).foreachRDD(async (t: Date, _rdd: unknown) => {
      order.push(t.getTime());
      if (t.getTime() === 1000) await new Promise<void>((r) => (release = r));
    });
    const completed: BatchInfo[] = [];
    ssc.events.on((e) => {
      if (e.type === 'batchCompleted') completed.push(e.batch);
    });
    ssc.start();
    const first = clock.advance(1000);
    // The first batch is stuck in its output operation; later ticks queue behind it.
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([1000]);
    release!();
    await first;
    await clock.advance(2000);
    expect(order).toEqual([1000, 2000, 3000]);
    expect(completed.map((b) => b.batchTime)).toEqual([1000, 2000, 3000]);
    expect(completed.every((b) => b.outputOps[0]!.status === 'succeeded')).toBe(true);
    ssc.stop(true);
  });

  it('reports a failing output operation once, with the batch time, and keeps the other outputs running', async () => {
    const sc = new SparkContext('local[2]');
    const clock = new ManualClock(0);
    const err: string[] = [];
    const out: string[] = [];
    const ssc = new StreamingContext(sc, 1, { clock, out: (t) => out.push(t), err: (t) => err.push(t) });
    const s = ssc.queueStream([['x'], ['y']]);
    s.map((v) => {
      if (v === 'x') throw new TypeError('bad record x');
      return v;
    }).pprint();
    s.count().pprint();
    ssc.start();
    await clock.advance(2000);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(/^Error in batch 1970-01-01 \d\d:00:01 \(pprint\): TypeError: bad record x/);
    expect(out).toHaveLength(3);
    expect(ssc.lastBatch()?.batchTime).toBe(2000);
    ssc.stop(true);
  });
});
