import { describe, expect, it } from 'vitest';
import type { Receiver, ReceiverSink, StreamingEvent } from '../../../src/index.js';
import { newContext } from '../../support/run-batches.js';

/** A receiver that hands its sink to the test, so the test decides when records arrive. */
function handReceiver(): { receiver: Receiver<string>; sink: () => ReceiverSink<string>; stopped: () => boolean } {
  let sink: ReceiverSink<string> | undefined;
  let stopped = false;
  return {
    receiver: {
      name: 'handStream test',
      start: (s) => {
        sink = s;
        s.status('connected', 'connected to the test');
      },
      stop: async () => {
        stopped = true;
      },
    },
    sink: () => sink!,
    stopped: () => stopped,
  };
}

const started = async (): Promise<void> => {
  for (let i = 0; i < 3; i++) await Promise.resolve();
};

describe('receiver streams', () => {
  it('puts each record into the batch in which it arrived, one partition per block interval', async () => {
    const { ssc, clock, sc } = newContext();
    const h = handReceiver();
    const batches: string[][][] = [];
    ssc.receiverStream(h.receiver).glom().foreachRDD((rdd) => void batches.push(rdd.collect()));
    ssc.start();
    await started();
    h.sink().store(['a', 'b']);
    await clock.advance(300);
    h.sink().store(['c']);
    await clock.advance(700);
    h.sink().store(['d']);
    await clock.advance(1000);
    await clock.advance(1000);
    expect(batches).toEqual([[['a', 'b'], ['c']], [['d']], []]);
    ssc.stop(true);
    await started();
    expect(h.stopped()).toBe(true);
    expect(sc.isStopped).toBe(true);
  });

  it('reports status, warnings and counts as events and as one line each', async () => {
    const { ssc, clock, err } = newContext();
    const h = handReceiver();
    const events: StreamingEvent[] = [];
    ssc.events.on((e) => events.push(e));
    ssc.receiverStream(h.receiver).pprint();
    ssc.start();
    await started();
    h.sink().store(['x', 'y', 'z']);
    h.sink().warn('2 bytes were not valid UTF-8');
    await clock.advance(1000);
    expect(err).toEqual(['[handStream test] connected to the test\n', '[handStream test] 2 bytes were not valid UTF-8\n']);
    expect(ssc.sources()).toMatchObject([{ name: 'handStream test', state: 'connected', recordsReceived: 3, lastError: '2 bytes were not valid UTF-8' }]);
    const completed = events.find((e) => e.type === 'batchCompleted');
    expect(completed && completed.type === 'batchCompleted' && completed.batch.numRecords).toBe(3);
    ssc.stop(true);
  });

  it('asks the receiver to pause above the buffer limit and to resume once batches drain', async () => {
    const { ssc, clock } = newContext();
    const h = handReceiver();
    // An output on the raw records keeps them until their batch is done (a count alone would not).
    ssc.receiverStream(h.receiver, { maxBufferedRecords: 4 }).foreachRDD(() => undefined);
    ssc.start();
    await started();
    h.sink().store(['1', '2', '3']);
    expect(h.sink().backpressured).toBe(false);
    h.sink().store(['4', '5']);
    expect(h.sink().backpressured).toBe(true);
    let resumed = false;
    h.sink().onResume(() => (resumed = true));
    await clock.advance(1000);
    expect(resumed).toBe(true);
    expect(h.sink().backpressured).toBe(false);
    ssc.stop(true);
  });

  it('gives a batch with no records no partitions, so count() prints nothing as in pyspark', async () => {
    const { ssc, clock } = newContext();
    const h = handReceiver();
    const counts: number[][] = [];
    ssc.receiverStream(h.receiver).count().foreachRDD((r) => void counts.push(r.collect()));
    ssc.start();
    await clock.advance(1000);
    expect(counts).toEqual([[]]);
    ssc.stop(true);
  });
});
