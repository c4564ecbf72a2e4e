/**
 * window(): pyspark's test_window, the (t − window, t] grid per batch, output only at slides,
 * and windows over a receiver stream whose batches are released after they run.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, type Receiver, type ReceiverSink, SparkContext, StreamingContext } from '../../../src/index.js';
import { nodeOf } from '../../../src/engine/dstream/dstream.js';
import { range } from '../../support/run-batches.js';
import { runLikePyspark, runPerBatch } from '../../support/window-run.js';

describe('window', () => {
  it('test_window: window(1.5, 0.5).count() gives pyspark\'s counts', async () => {
    const input = [range(1), range(2), range(3), range(4), range(5)];
    expect(await runLikePyspark(input, (s) => s.window(1.5, 0.5).count(), 7)).toEqual([[1], [3], [6], [9], [12], [9], [5]]);
  });

  it('covers the batches in (t - window, t] and outputs only at multiples of the slide', async () => {
    const input = [[1], [2], [3], [4], [5], [6]];
    const got = await runPerBatch(input, (s) => s.window(2, 1), 8, { sort: true });
    // Batch 0.5 s; slide 1 s: output at batches 2, 4, 6, 8 (t = 1, 2, 3, 4 s); window 2 s = 4 batches.
    expect(got).toEqual([undefined, [1, 2], undefined, [1, 2, 3, 4], undefined, [3, 4, 5, 6], undefined, [5, 6]]);
  });

  it('defaults the slide to the parent\'s slide', async () => {
    const got = await runPerBatch([[1], [2], [3]], (s) => s.window(1), 4, { sort: true });
    expect(got).toEqual([[1], [1, 2], [2, 3], [3]]);
  });

  it('window of a window reads the inner window\'s slide grid', async () => {
    const input = range(8).map((i) => [i]);
    const got = await runPerBatch(input, (s) => s.window(1, 1).window(2, 2).count(), 8);
    // Inner: every 1 s the last 2 batches; outer: every 2 s the last two inner windows.
    expect(got).toEqual([undefined, undefined, undefined, [4], undefined, undefined, undefined, [4]]);
  });

  it('refuses a window that is not a multiple of the batch interval, with Spark\'s message', () => {
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 0.5, { clock: new ManualClock(0) });
    const s = ssc.queueStream([[1]]);
    expect(() => s.window(0.7, 0.5)).toThrow(/windowDuration must be multiple of the parent dstream's slide \(batch\) duration \(500 ms\)/);
    expect(() => s.window(1, 0.7)).toThrow(/slideDuration must be multiple of the parent dstream's slide \(batch\) duration \(500 ms\)/);
    try {
      s.window(1, 0.3);
    } catch (e) {
      expect((e as { code?: string }).code).toBe('ERR_INVALID_DURATION');
    }
    sc.stop();
  });

  it('keeps a receiver batch readable for the whole window after the receiver released it', async () => {
    let sink: ReceiverSink<string> | undefined;
    const receiver: Receiver<string> = {
      name: 'testReceiver',
      start: (s) => {
        sink = s;
      },
      stop: async () => undefined,
    };
    const sc = new SparkContext('local[2]');
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined });
    const results: string[][] = [];
    ssc.receiverStream(receiver).window(3, 1).foreachRDD((rdd) => void results.push(rdd.collect().sort()));
    ssc.start();
    await Promise.resolve();
    await Promise.resolve();
    for (const word of ['a', 'b', 'c', 'd']) {
      sink!.store([word]);
      await clock.advance(1000);
    }
    ssc.stop();
    expect(results).toEqual([['a'], ['a', 'b'], ['a', 'b', 'c'], ['b', 'c', 'd']]);
  });

  it('shows window and slide in the pipeline picture, and its input does not remember the whole window', async () => {
    const sc = new SparkContext('local[2]');
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined });
    const input = ssc.queueStream([[1]]);
    input.window(300, 1).pprint();
    expect(ssc.graph().find((n) => n.name === 'window')).toMatchObject({ windowMs: 300_000, slideMs: 1000 });
    ssc.start();
    // The window keeps its own computed batches; the input's RDDs are forgotten after a batch.
    expect(nodeOf(input).rememberMs).toBe(1000);
    ssc.stop();
  });
});
