import { describe, expect, it } from 'vitest';
import type { BatchInfo, Receiver, ReceiverSink } from '../../../src/index.js';
import { newContext } from '../../support/run-batches.js';

describe('records through each stream, per batch', () => {
  it('counts every step of a word count computed at the tick', async () => {
    const { ssc, clock } = newContext();
    const lines = ssc.queueStream([['a b', 'a']]);
    const words = lines.flatMap((l) => l.split(' '));
    const pairs = words.map((w) => [w, 1]);
    const counts = pairs.reduceByKey((a, b) => a + b);
    counts.foreachRDD((rdd) => void rdd.collect());
    let batch: BatchInfo | undefined;
    ssc.events.on((e) => {
      if (e.type === 'batchCompleted') batch = e.batch;
    });
    ssc.start();
    await clock.advance(1000);
    expect(batch!.streamCounts).toEqual({ [lines.id]: 2, [words.id]: 3, [pairs.id]: 3, [counts.id]: 2 });
    expect(batch!.partialCounts).toBeUndefined();
    expect(batch!.numRecords).toBe(2);
    expect(ssc.sources()).toMatchObject([{ name: 'queueStream', recordsReceived: 2 }]);
    ssc.stop(true);
  });

  it('counts the steps that ran as records arrived', async () => {
    const { ssc, clock } = newContext();
    let sink: ReceiverSink<string> | undefined;
    const receiver: Receiver<string> = { name: 'hand', start: (s) => void (sink = s), stop: async () => undefined };
    const lines = ssc.receiverStream(receiver);
    const words = lines.flatMap((l) => l.split(' '));
    const counts = words.map((w) => [w, 1]).reduceByKey((a, b) => a + b);
    counts.foreachRDD((rdd) => void rdd.collect());
    ssc.start();
    for (let i = 0; i < 3; i++) await Promise.resolve();
    sink!.store(['x y', 'x']);
    await clock.advance(1000);
    const b = ssc.lastBatch()!;
    expect(b.streamCounts[lines.id]).toBe(2);
    expect(b.streamCounts[words.id]).toBe(3);
    expect(b.streamCounts[counts.id]).toBe(2);
    ssc.stop(true);
  });

  it('marks a count read only in part (pprint takes the first records) as a lower bound', async () => {
    const { ssc, clock } = newContext(1, 'local[1]');
    const nums = ssc.queueStream([Array.from({ length: 50 }, (_, i) => i)]).map((x) => x * 2);
    nums.pprint(3);
    ssc.start();
    await clock.advance(1000);
    const b = ssc.lastBatch()!;
    expect(b.streamCounts[nums.id]).toBe(4);
    expect(b.partialCounts).toContain(nums.id);
    ssc.stop(true);
  });
});
