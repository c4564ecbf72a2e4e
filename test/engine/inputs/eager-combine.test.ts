import { describe, expect, it } from 'vitest';
import type { DStream, Receiver, ReceiverSink } from '../../../src/index.js';
import { newContext } from '../../support/run-batches.js';

function handReceiver(): { receiver: Receiver<string>; sink: () => ReceiverSink<string> } {
  let sink: ReceiverSink<string> | undefined;
  return {
    receiver: { name: 'hand', start: (s) => void (sink = s), stop: async () => undefined },
    sink: () => sink!,
  };
}
const started = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

/** Runs a word count over three batches of lines arriving in chunks; `prepare` may change the pipeline. */
async function wordCount(prepare: (lines: DStream<string>) => DStream<string>, options: { maxBufferedRecords?: number } = {}) {
  const { ssc, clock, err } = newContext();
  const h = handReceiver();
  const lines = prepare(ssc.receiverStream(h.receiver, options));
  const out: Array<Array<Array<[string, number]>>> = [];
  lines
    .flatMap((l) => l.split(' '))
    .filter((w) => w !== '')
    .map((w) => [w, 1])
    .reduceByKey((a, b) => a + b)
    .glom()
    .foreachRDD((rdd) => void out.push(rdd.collect()));
  ssc.start();
  await started();
  const feed = [['a b a', 'c'], ['b  b'], [], ['a', 'z z z']];
  for (const chunk of feed) {
    h.sink().store([...chunk]);
    await clock.advance(400);
  }
  await clock.advance(1000);
  ssc.stop(true);
  return { out, err, backpressured: h.sink().backpressured };
}

describe('map-side combining as records arrive', () => {
  it('gives exactly the batches (and partitions) the tick would compute', async () => {
    const eager = await wordCount((lines) => lines);
    // cache() keeps the pipeline off the eager path: it is then computed at the tick.
    const atTick = await wordCount((lines) => lines.map((l) => l).cache());
    expect(eager.out).toEqual(atTick.out);
    expect(eager.out.map((b) => b.flat().sort())).toEqual([
      [['a', 2], ['b', 3], ['c', 1]].sort(),
      [['a', 1], ['z', 3]].sort(),
    ]);
  });

  it('runs user functions as records arrive, before the tick', async () => {
    const { ssc, clock } = newContext();
    const h = handReceiver();
    const calls: string[] = [];
    ssc
      .receiverStream(h.receiver)
      .map((w) => {
        calls.push(w);
        return [w, 1];
      })
      .reduceByKey((a, b) => a + b)
      .foreachRDD(() => undefined);
    ssc.start();
    await started();
    h.sink().store(['x', 'y']);
    expect(calls).toEqual(['x', 'y']);
    await clock.advance(1000);
    ssc.stop(true);
  });

  it('fails only the batch whose record threw, reported once at its tick', async () => {
    const { ssc, clock, err } = newContext();
    const h = handReceiver();
    const out: Array<Array<[string, number]>> = [];
    ssc
      .receiverStream(h.receiver)
      .map((w) => {
        if (w === 'boom') throw new Error('bad word');
        return [w, 1];
      })
      .reduceByKey((a, b) => a + b)
      .foreachRDD((rdd) => void out.push(rdd.collect()));
    ssc.start();
    await started();
    h.sink().store(['ok', 'boom', 'later']);
    expect(err).toEqual([]);
    await clock.advance(1000);
    h.sink().store(['fine']);
    await clock.advance(1000);
    expect(out).toEqual([[['fine', 1]]]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain('bad word');
    await expect(ssc.awaitTerminationOrTimeout(0.01)).rejects.toThrow('bad word');
    ssc.stop(true);
  });

  it('keeps no raw records when nothing else reads them, so the receiver is never paused', async () => {
    const r = await wordCount((lines) => lines, { maxBufferedRecords: 1 });
    expect(r.backpressured).toBe(false);
    expect(r.out).toHaveLength(2);
  });

  it('counts records and values as they arrive too, with pyspark\'s empty-batch results', async () => {
    const { ssc, clock } = newContext();
    const h = handReceiver();
    const lines = ssc.receiverStream(h.receiver, { maxBufferedRecords: 1 });
    const counts: number[][] = [];
    const values: Array<Array<[string, number]>> = [];
    lines.count().foreachRDD((rdd) => void counts.push(rdd.collect()));
    lines.countByValue().foreachRDD((rdd) => void values.push(rdd.collect().sort()));
    ssc.start();
    await started();
    h.sink().store(['a', 'b', 'a']);
    expect(h.sink().backpressured).toBe(false);
    await clock.advance(1000);
    await clock.advance(1000);
    expect(counts).toEqual([[3], []]);
    expect(values).toEqual([[['a', 2], ['b', 1]], []]);
    ssc.stop(true);
  });

  it('keeps raw records when another output reads the input stream', async () => {
    const { ssc, clock } = newContext();
    const h = handReceiver();
    const lines = ssc.receiverStream(h.receiver);
    const raw: string[][] = [];
    const counts: Array<Array<[string, number]>> = [];
    lines.foreachRDD((rdd) => void raw.push(rdd.collect()));
    lines.map((w) => [w, 1]).reduceByKey((a, b) => a + b).foreachRDD((rdd) => void counts.push(rdd.collect()));
    ssc.start();
    await started();
    h.sink().store(['q', 'q']);
    await clock.advance(1000);
    expect(raw).toEqual([['q', 'q']]);
    expect(counts).toEqual([[['q', 2]]]);
    ssc.stop(true);
  });
});
