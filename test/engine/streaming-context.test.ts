import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualClock, SparkContext, StreamingContext, type Receiver, type ReceiverSink } from '../../src/index.js';
import { newContext } from '../support/run-batches.js';

describe('StreamingContext lifecycle', () => {
  it('goes INITIALIZED -> ACTIVE -> STOPPED and tracks the active context', async () => {
    const { ssc } = newContext();
    expect(ssc.state).toBe('INITIALIZED');
    expect(StreamingContext.getActive()).toBeUndefined();
    ssc.queueStream([[1]]).pprint();
    ssc.start();
    expect(ssc.state).toBe('ACTIVE');
    expect(StreamingContext.getActive()).toBe(ssc);
    ssc.stop(false);
    expect(ssc.state).toBe('STOPPED');
    expect(StreamingContext.getActive()).toBeUndefined();
  });

  it('refuses to start without an output operation, and stays startable once one is added', () => {
    const { ssc } = newContext();
    const s = ssc.queueStream([[1]]);
    expect(() => ssc.start()).toThrow(expect.objectContaining({ code: 'ERR_NO_OUTPUT_OPERATIONS' }));
    expect(() => ssc.start()).toThrow('No output operations registered, so nothing to execute');
    expect(ssc.state).toBe('INITIALIZED');
    s.pprint();
    ssc.start();
    expect(ssc.state).toBe('ACTIVE');
    ssc.stop(true);
  });

  it('refuses new streams and outputs after start and after stop, with Spark\'s message', () => {
    const { ssc } = newContext();
    const s = ssc.queueStream([[1]]);
    s.pprint();
    ssc.start();
    expect(() => s.map((x) => x)).toThrow(
      expect.objectContaining({ code: 'ERR_CONTEXT_STARTED', message: expect.stringContaining('after starting a context is not supported') }),
    );
    expect(() => s.pprint()).toThrow(expect.objectContaining({ code: 'ERR_CONTEXT_STARTED' }));
    expect(() => ssc.queueStream([[2]])).toThrow(expect.objectContaining({ code: 'ERR_CONTEXT_STARTED' }));
    ssc.stop(false);
    expect(() => s.map((x) => x)).toThrow(expect.objectContaining({ code: 'ERR_CONTEXT_STOPPED', message: expect.stringContaining('after stopping') }));
    expect(() => ssc.start()).toThrow(expect.objectContaining({ code: 'ERR_CONTEXT_STOPPED', message: expect.stringContaining('has already been stopped') }));
    ssc.sparkContext.stop();
  });

  it('only warns when started twice, and a second stop is harmless', () => {
    const { ssc, err } = newContext();
    ssc.queueStream([[1]]).pprint();
    ssc.start();
    ssc.start();
    expect(err.join('')).toContain('StreamingContext has already been started');
    ssc.stop(false);
    expect(() => ssc.stop(false)).not.toThrow();
    expect(ssc.state).toBe('STOPPED');
    ssc.sparkContext.stop();
  });

  it('refuses a second active context', () => {
    const a = newContext();
    const b = newContext();
    a.ssc.queueStream([[1]]).pprint();
    b.ssc.queueStream([[1]]).pprint();
    a.ssc.start();
    expect(() => b.ssc.start()).toThrow(expect.objectContaining({ code: 'ERR_ANOTHER_CONTEXT_ACTIVE' }));
    a.ssc.stop(true);
    b.ssc.start();
    b.ssc.stop(true);
  });

  it('stops the SparkContext by default, as pyspark, unless told not to', () => {
    const a = newContext();
    a.ssc.stop();
    expect(a.sc.isStopped).toBe(true);
    expect(() => a.sc.parallelize([1])).toThrow(expect.objectContaining({ code: 'ERR_SPARK_CONTEXT_STOPPED' }));
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0), stopSparkContextByDefault: false });
    ssc.stop();
    expect(sc.isStopped).toBe(false);
    // A new StreamingContext on the same SparkContext works (pyspark's test_stop_only_streaming_context).
    const again = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
    expect(again.state).toBe('INITIALIZED');
    sc.stop();
  });

  it('resolves awaitTerminationOrTimeout with false while running and true after stop', async () => {
    const { ssc } = newContext();
    ssc.queueStream([[1]]).pprint();
    ssc.start();
    expect(await ssc.awaitTerminationOrTimeout(0.001)).toBe(false);
    const waiting = ssc.awaitTermination();
    ssc.stop(true);
    await expect(waiting).resolves.toBeUndefined();
    expect(await ssc.awaitTerminationOrTimeout(0.001)).toBe(true);
  });

  it('calls the setup function of getActiveOrCreate only when no context is active', () => {
    let calls = 0;
    const setup = (): StreamingContext => {
      calls++;
      const { ssc } = newContext();
      ssc.queueStream([[1]]).pprint();
      return ssc;
    };
    const first = StreamingContext.getActiveOrCreate(null, setup);
    first.start();
    expect(StreamingContext.getActiveOrCreate(null, setup)).toBe(first);
    expect(calls).toBe(1);
    first.stop(true);
    StreamingContext.getActiveOrCreate(null, setup).stop(true);
    expect(calls).toBe(2);
    expect(() => StreamingContext.getActiveOrCreate(null, 'nope' as unknown as () => StreamingContext)).toThrow('should be callable');
  });

  it('checks the batch interval and options at the boundary', () => {
    const sc = new SparkContext('local[2]');
    expect(() => new StreamingContext(sc, 0)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_DURATION' }));
    expect(() => new StreamingContext(sc, -1)).toThrow('"batchDuration" must be a positive number of seconds');
    expect(() => new StreamingContext(sc, 1, { clok: new ManualClock() } as object)).toThrow(
      expect.objectContaining({ code: 'ERR_UNKNOWN_OPTION', message: expect.stringContaining('"clok"') }),
    );
    expect(new StreamingContext(sc, 0.5, { clock: new ManualClock() }).batchDurationMs).toBe(500);
    sc.stop();
  });

  it('allows remember() once per context', () => {
    const { ssc, sc } = newContext();
    ssc.remember(4);
    expect(() => ssc.remember(5)).toThrow(expect.objectContaining({ code: 'ERR_REMEMBER_ALREADY_SET', message: expect.stringContaining('4 s') }));
    sc.stop();
  });

  it('stops a graceful stop only after the records already received have been processed', async () => {
    const { ssc, clock, sc } = newContext();
    let sink: ReceiverSink<string> | undefined;
    const receiver: Receiver<string> = {
      name: 'testReceiver',
      start: (s) => {
        sink = s;
      },
      stop: async () => undefined,
    };
    const seen: string[][] = [];
    ssc.receiverStream(receiver).foreachRDD((rdd) => void seen.push(rdd.collect()));
    ssc.start();
    await Promise.resolve();
    await Promise.resolve();
    sink!.store(['a', 'b']);
    await clock.advance(1000);
    sink!.store(['c']);
    ssc.stop(false, true);
    await ssc.awaitTermination();
    expect(seen).toEqual([['a', 'b'], ['c']]);
    expect(ssc.state).toBe('STOPPED');
    sc.stop();
  });
});

describe('StreamingContext checkpoint directory', () => {
  it('falls back to the SparkContext\'s, and checkpoint(null) turns it off for this context even then', () => {
    const { sc, ssc } = newContext();
    const dir = mkdtempSync(join(tmpdir(), 'tspark-cpdir-'));
    sc.setCheckpointDir(dir);
    expect(ssc.checkpointDir).toBe(dir);
    ssc.checkpoint(null);
    expect(ssc.checkpointDir).toBeUndefined();
    expect(sc.getCheckpointDir()).toBe(dir);
    // A stateful stream then needs one set again, as with none at all.
    ssc.queueStream([[['a', 1] as [string, number]]]).updateStateByKey((vs: number[], s: number | undefined) => vs.length + (s ?? 0)).pprint();
    expect(() => ssc.start()).toThrow(expect.objectContaining({ code: 'ERR_CHECKPOINT_DIR_NOT_SET' }));
    ssc.checkpoint(dir);
    expect(ssc.checkpointDir).toBe(dir);
    ssc.stop(true);
  });
});
