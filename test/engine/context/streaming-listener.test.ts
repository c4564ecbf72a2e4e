/**
 * `ssc.addStreamingListener`: Spark's listener events, in Spark's order and with the fields
 * pyspark's listener gets (recorded from PySpark 3.5 for the same pipeline:
 * ../pyspark/expected.json), and the receiver events.
 */
import { describe, expect, it } from 'vitest';
import {
  type ListenerBatchInfo,
  type ListenerOutputOperationInfo,
  type ListenerReceiverInfo,
  ManualClock,
  SparkContext,
  StreamingContext,
  StreamingListener,
} from '../../../src/index.js';
import { PushReceiver } from '../../support/push-receiver.js';
import { expected } from '../pyspark/expected.js';

type Fields = Record<string, unknown>;

/** The same predicates record.py took of each event, so the two can be compared as data. */
class Recorder extends StreamingListener {
  readonly events: Array<[string, Fields]> = [];
  override onStreamingStarted(e: { time: number }): void {
    this.events.push(['onStreamingStarted', { time: e.time > 0 }]);
  }
  override onBatchSubmitted({ batchInfo: b }: { batchInfo: ListenerBatchInfo }): void {
    this.events.push([
      'onBatchSubmitted',
      { batchTime: b.batchTime, numRecords: b.numRecords, processingStartTime: b.processingStartTime, processingEndTime: b.processingEndTime, schedulingDelay: b.schedulingDelay, totalDelay: b.totalDelay },
    ]);
  }
  override onBatchStarted({ batchInfo: b }: { batchInfo: ListenerBatchInfo }): void {
    this.events.push(['onBatchStarted', { batchTime: b.batchTime, 'processingStartTime>0': b.processingStartTime > 0, processingEndTime: b.processingEndTime }]);
  }
  override onBatchCompleted({ batchInfo: b }: { batchInfo: ListenerBatchInfo }): void {
    const ops = b.outputOperationInfos;
    this.events.push([
      'onBatchCompleted',
      {
        batchTime: b.batchTime,
        numRecords: b.numRecords,
        'processingDelay>=0': b.processingDelay >= 0,
        'totalDelay>=0': b.totalDelay >= 0,
        outputOperationIds: Object.keys(ops).map(Number),
        failed: Object.values(ops).filter((o) => o.failureReason !== null).map((o) => o.id),
      },
    ]);
  }
  override onOutputOperationStarted({ outputOperationInfo: o }: { outputOperationInfo: ListenerOutputOperationInfo }): void {
    this.events.push(['onOutputOperationStarted', { batchTime: o.batchTime, id: o.id, endTime: o.endTime }]);
  }
  override onOutputOperationCompleted({ outputOperationInfo: o }: { outputOperationInfo: ListenerOutputOperationInfo }): void {
    this.events.push([
      'onOutputOperationCompleted',
      { batchTime: o.batchTime, id: o.id, 'startTime>0': o.startTime > 0, 'endTime>=startTime': o.endTime >= o.startTime, failureReason: o.failureReason },
    ]);
  }
}

describe('ssc.addStreamingListener', () => {
  it('calls Spark’s events in Spark’s order, with pyspark’s fields', async () => {
    const clock = new ManualClock(1_700_000_000_000);
    const errors: string[] = [];
    const sc = new SparkContext('local[2]', 'listener');
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: (t) => errors.push(t) });
    const recorder = new Recorder();
    ssc.addStreamingListener(recorder);
    // The pipeline record.py ran in pyspark: five output operations, the second of which fails.
    const stream = ssc.queueStream([sc.parallelize([1, 2, 3], 2)]);
    stream.count().pprint();
    stream.foreachRDD(() => {
      throw new Error('boom');
    });
    const pairs = ssc.queueStream([sc.parallelize<[number, number]>([[1, 1], [2, 2]], 3)]);
    pairs.join(pairs).foreachRDD(() => undefined);
    pairs.reduceByKey((a, b) => a + b).foreachRDD(() => undefined);
    pairs.groupByKey().foreachRDD(() => undefined);
    ssc.start();
    await clock.advance(1000);
    ssc.stop();
    const first = recorder.events.find(([n]) => n === 'onBatchSubmitted')?.[1].batchTime as number;
    const firstBatch = recorder.events
      .filter(([n, f]) => n === 'onStreamingStarted' || f.batchTime === first)
      .map(([n, f]): [string, Fields] => [n, 'batchTime' in f ? { ...f, batchTime: (f.batchTime as number) - first } : f]);
    // Two known differences: Spark's failure reason is its Java exception (tspark's, the
    // JavaScript one), and Spark's queueStream reports no input records while tspark counts
    // them (the UI shows them): 3 + 2 here.
    const recorded = (expected.stream?.listener as Array<[string, Fields]>).map(([n, f]): [string, Fields] => {
      if (n === 'onOutputOperationCompleted' && f.failureReason) return [n, { ...f, failureReason: 'Error: boom' }];
      if ('numRecords' in f) return [n, { ...f, numRecords: 5 }];
      return [n, f];
    });
    expect(firstBatch).toEqual(recorded);
  });

  it('reports a receiver’s start, its bad input, a lost connection and the stop', async () => {
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: () => undefined });
    const seen: Array<[string, Partial<ListenerReceiverInfo>]> = [];
    const pick = (r: ListenerReceiverInfo): Partial<ListenerReceiverInfo> => ({ name: r.name, active: r.active, lastErrorMessage: r.lastErrorMessage });
    ssc.addStreamingListener({
      onReceiverStarted: (e) => void seen.push(['started', pick(e.receiverInfo)]),
      onReceiverError: (e) => void seen.push(['error', pick(e.receiverInfo)]),
      onReceiverStopped: (e) => void seen.push(['stopped', pick(e.receiverInfo)]),
    });
    const receiver = new PushReceiver('pushReceiver r1');
    ssc.receiverStream(receiver).pprint();
    ssc.start();
    await receiver.started;
    receiver.warn('1 byte sequence not valid UTF-8');
    receiver.report('retrying', 'connection lost; retrying every 2 s');
    receiver.report('connected', 'reconnected');
    ssc.stop();
    await new Promise((r) => setImmediate(r));
    expect(seen).toEqual([
      ['started', { name: 'pushReceiver r1', active: true, lastErrorMessage: '' }],
      ['error', { name: 'pushReceiver r1', active: true, lastErrorMessage: '1 byte sequence not valid UTF-8' }],
      ['stopped', { name: 'pushReceiver r1', active: false, lastErrorMessage: 'connection lost; retrying every 2 s' }],
      ['started', { name: 'pushReceiver r1', active: true, lastErrorMessage: '' }],
      ['stopped', { name: 'pushReceiver r1', active: false, lastErrorMessage: '' }],
    ]);
  });

  it('reports a listener method that throws once, and the batches go on', async () => {
    const clock = new ManualClock(0);
    const errors: string[] = [];
    const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: (t) => errors.push(t) });
    let completed = 0;
    ssc.addStreamingListener({
      onBatchCompleted: () => {
        completed++;
        throw new Error('listener bug');
      },
    });
    ssc.queueStream([[1], [2], [3]]).pprint();
    ssc.start();
    await clock.advance(3000);
    ssc.stop();
    expect(completed).toBe(3);
    expect(errors.filter((e) => e.includes('listener bug'))).toEqual(['StreamingListener.onBatchCompleted threw Error: listener bug (shown once; the streams go on)\n']);
  });

  it('refuses what is not a listener', () => {
    const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock: new ManualClock(0) });
    expect(() => ssc.addStreamingListener(42 as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});
