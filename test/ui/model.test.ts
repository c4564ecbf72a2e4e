import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { StreamingContext } from '../../src/engine/streaming-context.js';
import { SparkContext } from '../../src/engine/spark-context.js';
import { ContextModel, RETAINED_BATCHES } from '../../src/ui/model.js';
import type { BatchMessage, ServerMessage, SourceMessage } from '../../src/ui/protocol.js';
import { PushReceiver } from '../support/push-receiver.js';

const T0 = Date.UTC(2026, 10, 21, 10, 41, 0);

let sc: SparkContext | undefined;
let ssc: StreamingContext | undefined;

afterEach(() => {
  ssc?.stop(true);
  sc?.stop();
  ssc = undefined;
  sc = undefined;
});

function wordCount(receiver: PushReceiver, clock: ManualClock): StreamingContext {
  sc = new SparkContext('local[2]', 'model-test');
  ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined });
  ssc
    .receiverStream(receiver)
    .flatMap((line) => line.split(' '))
    .map((w): [string, number] => [w, 1])
    .reduceByKey((a, b) => a + b)
    .pprint();
  return ssc;
}

function follow(context: StreamingContext, retained?: number): { model: ContextModel; messages: ServerMessage[] } {
  const messages: ServerMessage[] = [];
  const model = new ContextModel(context, 1, (m) => messages.push(m), retained);
  return { model, messages };
}

describe('ContextModel', () => {
  it('takes the graph and the INITIALIZED state from a context that has not started', () => {
    const clock = new ManualClock(T0);
    const { model } = follow(wordCount(new PushReceiver(), clock));
    const snap = model.snapshot(null);
    expect(snap.context).toMatchObject({ id: 1, state: 'INITIALIZED', master: 'local[2]', appName: 'model-test', batchMs: 1000, startTime: null });
    expect(snap.graph.map((n) => n.name)).toEqual(['pushReceiver', 'flatMap', 'map', 'reduceByKey', 'pprint']);
    expect(snap.batches).toEqual([]);
    model.detach();
  });

  it('publishes each batch as queued, processing and completed, with records and totals', async () => {
    const clock = new ManualClock(T0);
    const receiver = new PushReceiver();
    const context = wordCount(receiver, clock);
    const { model, messages } = follow(context);
    context.start();
    await receiver.started;
    receiver.push(['to be or', 'not to be']);
    await clock.advance(1000);
    receiver.push(['be']);
    await clock.advance(1000);

    const firstBatchKnown = messages.find((m) => m.type === 'context' && m.context.firstBatchTime === T0 + 1000);
    expect(firstBatchKnown).toBeDefined();
    const batchMessages = messages.filter((m): m is BatchMessage => m.type === 'batch');
    expect(batchMessages.map((m) => [m.batch.batchTime - T0, m.batch.status])).toEqual([
      [1000, 'queued'],
      [1000, 'processing'],
      [1000, 'completed'],
      [2000, 'queued'],
      [2000, 'processing'],
      [2000, 'completed'],
    ]);
    const snap = model.snapshot(null);
    expect(snap.context.state).toBe('ACTIVE');
    expect(snap.context.startTime).toBe(T0);
    expect(snap.context.firstBatchTime).toBe(T0 + 1000);
    expect(snap.totals).toEqual({ completedBatches: 2, totalRecords: 3 });
    expect(snap.batches.map((b) => [b.numRecords, b.outputOpsSucceeded, b.outputOpsTotal, b.error])).toEqual([
      [2, 1, 1, null],
      [1, 1, 1, null],
    ]);
    model.detach();
  });

  it('marks a batch failed with the output operation and the message when a user function throws', async () => {
    const clock = new ManualClock(T0);
    sc = new SparkContext('local[2]', 'model-test');
    ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined });
    ssc
      .queueStream([['ok'], ['boom'], ['ok']])
      .map((x) => {
        if (x === 'boom') throw new Error('cannot parse "boom"');
        return x;
      })
      .pprint();
    const { model } = follow(ssc);
    ssc.start();
    await clock.advance(3000);
    const batches = model.snapshot(null).batches;
    expect(batches.map((b) => b.status)).toEqual(['completed', 'failed', 'completed']);
    expect(batches[1]?.error).toContain('pprint');
    expect(batches[1]?.error).toContain('cannot parse "boom"');
    expect(batches[1]?.outputOpsSucceeded).toBe(0);
    model.detach();
  });

  it('keeps only the newest batches past the retention limit but counts all of them', async () => {
    const clock = new ManualClock(T0);
    const receiver = new PushReceiver();
    const context = wordCount(receiver, clock);
    const { model } = follow(context, 3);
    context.start();
    await receiver.started;
    for (const word of ['a', 'b', 'c', 'd', 'e']) {
      receiver.push([word]);
      await clock.advance(1000);
    }
    const snap = model.snapshot(null);
    expect(snap.batches.map((b) => b.batchTime - T0)).toEqual([3000, 4000, 5000]);
    expect(snap.totals).toEqual({ completedBatches: 5, totalRecords: 5 });
    expect(RETAINED_BATCHES).toBe(1000);
    model.detach();
  });

  it('reports the stop with its time and a summary for the next context', async () => {
    const clock = new ManualClock(T0);
    const receiver = new PushReceiver();
    const context = wordCount(receiver, clock);
    const { model, messages } = follow(context);
    context.start();
    await receiver.started;
    receiver.push(['a b', 'c']);
    await clock.advance(2000);
    context.stop(false);
    const stopped = messages.filter((m) => m.type === 'context').at(-1);
    expect(stopped?.type === 'context' && stopped.context.state).toBe('STOPPED');
    expect(stopped?.type === 'context' && stopped.context.stopTime).toBe(T0 + 2000);
    expect(model.summary()).toEqual({ id: 1, state: 'STOPPED', stopTime: T0 + 2000, completedBatches: 2, totalRecords: 2 });
    model.detach();
  });

  it('notices operators added before start on poll, and sends only the clock when nothing changed', () => {
    const clock = new ManualClock(T0);
    sc = new SparkContext('local[2]', 'model-test');
    ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined });
    const lines = ssc.queueStream([['a']]);
    const { model } = follow(ssc);
    expect(model.poll().map((m) => m.type)).toEqual(['clock']);
    lines.map((x) => x.toUpperCase()).pprint();
    const [changed] = model.poll();
    expect(changed?.type).toBe('context');
    expect(changed?.type === 'context' && changed.graph.map((n) => n.name)).toEqual(['queueStream', 'map', 'pprint']);
    expect(model.poll().map((m) => m.type)).toEqual(['clock']);
    model.detach();
  });

  it('notices on poll that the teaching clock was paused and resumed', () => {
    sc = new SparkContext('local[2]', 'model-test');
    ssc = new StreamingContext(sc, 1, { out: () => undefined, err: () => undefined });
    ssc.queueStream([['a']]).pprint();
    const { model } = follow(ssc);
    expect(model.snapshot(null).context.paused).toBe(false);
    ssc.pause();
    const [paused] = model.poll();
    expect(paused?.type === 'context' && paused.context.paused).toBe(true);
    ssc.resume();
    const [resumed] = model.poll();
    expect(resumed?.type === 'context' && resumed.context.paused).toBe(false);
    model.detach();
  });

  it('stops publishing once detached', async () => {
    const clock = new ManualClock(T0);
    const receiver = new PushReceiver();
    const context = wordCount(receiver, clock);
    const { model, messages } = follow(context);
    model.detach();
    context.start();
    await receiver.started;
    receiver.push(['a']);
    await clock.advance(2000);
    expect(messages).toEqual([]);
  });

  it('publishes source states, warnings, and each source\'s rate in the last batch', async () => {
    const clock = new ManualClock(T0);
    const receiver = new PushReceiver('socketTextStream localhost:9999');
    const context = wordCount(receiver, clock);
    const { model, messages } = follow(context);
    context.start();
    await receiver.started;
    receiver.push(['a', 'b', 'c']);
    await clock.advance(1000);
    receiver.warn('a line was not valid UTF-8');
    receiver.report('retrying', 'connection refused; retrying in 1 s');
    const sources = messages.filter((m): m is SourceMessage => m.type === 'source').map((m) => m.source);
    expect(sources.some((s) => s.state === 'connected')).toBe(true);
    expect(sources.find((s) => s.ratePerSec === 3)).toBeDefined();
    expect(sources.find((s) => s.lastMessage === 'a line was not valid UTF-8')).toBeDefined();
    const [now] = model.snapshot(null).sources;
    expect(now).toMatchObject({ name: 'socketTextStream localhost:9999', state: 'retrying', recordsReceived: 3, ratePerSec: 3 });
    model.detach();
  });
});
