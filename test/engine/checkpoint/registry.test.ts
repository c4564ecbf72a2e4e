/**
 * Checkpoints and recovery within one process (the crash test with kill -9 is in
 * get-or-create-crash.test.ts): when checkpoints are written, how getOrCreate rebuilds the
 * pipeline with setup and loads the saved state into it, and the errors for a checkpoint that
 * does not fit.
 */
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CheckpointError, type DStream, ManualClock, SparkContext, StreamingContext } from '../../../src/index.js';
import { checkpointFile, readCheckpoint } from '../../../src/engine/checkpoint/checkpoint-file.js';
import { defaultCheckpointIntervalMs } from '../../../src/engine/checkpoint/registry.js';
import { tempDir } from '../../support/window-run.js';

type Words = string[][];

/** A word count pipeline: running totals by updateStateByKey and a 10 s incremental window count. */
function wordCountSetup(clock: ManualClock, input: Words, totals: Array<Array<[string, number]>>, windows: Array<Array<[string, number]>>, checkpointSeconds?: number) {
  let calls = 0;
  const setup = (): StreamingContext => {
    calls++;
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined });
    const words = ssc.queueStream(input);
    const pairs: DStream<[string, number]> = words.map((w): [string, number] => [w, 1]);
    const running = pairs.updateStateByKey((vs: number[], s: number | undefined) => vs.reduce((a, b) => a + b, s ?? 0));
    if (checkpointSeconds !== undefined) running.checkpoint(checkpointSeconds);
    running.foreachRDD((rdd) => void totals.push(rdd.collect().sort()));
    pairs.countByValueAndWindow(10, 1).foreachRDD((rdd) => void windows.push(rdd.collect().map((kv) => [kv[0][0], kv[1]] as [string, number]).sort()));
    return ssc;
  };
  return { setup, calls: () => calls };
}

describe('checkpoints', () => {
  it('are written every ~10 s by default (the multiple of the slide nearest above 10 s)', async () => {
    expect(defaultCheckpointIntervalMs(1000)).toBe(10_000);
    expect(defaultCheckpointIntervalMs(3000)).toBe(12_000);
    expect(defaultCheckpointIntervalMs(20_000)).toBe(20_000);
    const dir = tempDir();
    const clock = new ManualClock(0);
    const run = wordCountSetup(clock, [['a']], [], []);
    const ssc = StreamingContext.getOrCreate(dir, run.setup);
    ssc.start();
    await clock.advance(9000);
    expect(() => readCheckpoint(dir)).toThrow(CheckpointError);
    await clock.advance(1000);
    expect(readCheckpoint(dir).time).toBe(10_000);
    ssc.stop();
  });

  it('a graceful stop writes the last batch, so a restart loses nothing', async () => {
    const dir = tempDir();
    const clock = new ManualClock(0);
    const ssc = StreamingContext.getOrCreate(dir, wordCountSetup(clock, [['a'], ['a'], ['a']], [], []).setup);
    ssc.start();
    await clock.advance(3000);
    expect(() => readCheckpoint(dir)).toThrow(CheckpointError); // not due yet: the interval is 10 s
    ssc.stop(false, true);
    await ssc.awaitTermination();
    const saved = readCheckpoint(dir);
    expect(saved.time).toBe(3000);
    expect(saved.streams.find(([key]) => key.endsWith('updateStateByKey'))?.[1]).toEqual([['a', 3]]);
  });

  it('getOrCreate calls setup when there is no checkpoint, and sets the directory', () => {
    const dir = tempDir();
    const run = wordCountSetup(new ManualClock(0), [], [], []);
    const ssc = StreamingContext.getOrCreate(dir, run.setup);
    expect(run.calls()).toBe(1);
    expect(ssc.checkpointDir).toBe(dir);
    ssc.stop();
  });

  it('getOrCreate recovers: running totals and the in-flight window continue from the checkpoint', async () => {
    const dir = tempDir();
    const clock1 = new ManualClock(0);
    const totals1: Array<Array<[string, number]>> = [];
    const windows1: Array<Array<[string, number]>> = [];
    const first = wordCountSetup(clock1, [['a', 'b'], ['a']], totals1, windows1, 1);
    const ssc1 = StreamingContext.getOrCreate(dir, first.setup);
    ssc1.start();
    await clock1.advance(2000);
    ssc1.stop();
    expect(totals1).toEqual([[['a', 1], ['b', 1]], [['a', 2], ['b', 1]]]);
    expect(readCheckpoint(dir).time).toBe(2000);

    // A new "process": a new clock, a new pipeline built by setup with the input that is still to come.
    const clock2 = new ManualClock(2000);
    const totals2: Array<Array<[string, number]>> = [];
    const windows2: Array<Array<[string, number]>> = [];
    const second = wordCountSetup(clock2, [['a', 'c']], totals2, windows2, 1);
    const ssc2 = StreamingContext.getOrCreate(dir, second.setup);
    expect(second.calls()).toBe(1); // setup rebuilds the graph; the state comes from the checkpoint
    ssc2.start();
    await clock2.advance(2000);
    ssc2.stop();
    expect(totals2).toEqual([
      [['a', 3], ['b', 1], ['c', 1]],
      [['a', 3], ['b', 1], ['c', 1]],
    ]);
    // The 10 s window still holds the batches of the first run.
    expect(windows2[0]).toEqual([['a', 3], ['b', 1], ['c', 1]]);
  });

  it('a checkpoint written by a different pipeline is refused, naming the file; setup\'s context is stopped', async () => {
    const dir = tempDir();
    const clock = new ManualClock(0);
    const run = wordCountSetup(clock, [['a']], [], [], 1);
    const ssc = StreamingContext.getOrCreate(dir, run.setup);
    ssc.start();
    await clock.advance(1000);
    ssc.stop();
    let made: StreamingContext | undefined;
    const other = (): StreamingContext => {
      const sc = new SparkContext('local[2]');
      made = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
      made.queueStream([['a']]).map((w): [string, number] => [w, 1]).reduceByKey((a, b) => a + b).pprint();
      return made;
    };
    expect(() => StreamingContext.getOrCreate(dir, other)).toThrow(
      new RegExp(`Checkpoint file ${checkpointFile(dir).replace(/[/.]/g, '\\$&')} holds state for \\[.*updateStateByKey.*\\], but the pipeline setup built has \\[\\]`),
    );
    expect(made?.state).toBe('STOPPED');
  });

  it('a checkpoint with another batch interval is refused with both intervals named', async () => {
    const dir = tempDir();
    const clock = new ManualClock(0);
    const ssc = StreamingContext.getOrCreate(dir, wordCountSetup(clock, [['a']], [], [], 1).setup);
    ssc.start();
    await clock.advance(1000);
    ssc.stop();
    const setup2 = (): StreamingContext => {
      const sc = new SparkContext('local[2]');
      const s = new StreamingContext(sc, 2, { clock: new ManualClock(0) });
      s.queueStream([['a']]).pprint();
      return s;
    };
    expect(() => StreamingContext.getOrCreate(dir, setup2)).toThrow(/batch interval of 1 s, but setup made a context with 2 s/);
  });

  it('a corrupt checkpoint fails before setup runs and never starts from zero', () => {
    const dir = tempDir();
    writeFileSync(checkpointFile(dir), 'garbage');
    const run = wordCountSetup(new ManualClock(0), [], [], []);
    expect(() => StreamingContext.getOrCreate(dir, run.setup)).toThrow(CheckpointError);
    expect(run.calls()).toBe(0);
  });

  it('state that cannot be saved is reported once, and the stream keeps running', async () => {
    const dir = tempDir();
    const clock = new ManualClock(0);
    const errs: string[] = [];
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock, err: (t) => errs.push(t), out: () => undefined });
    ssc.checkpoint(dir);
    const seen: number[] = [];
    ssc
      .queueStream([['a'], ['a']])
      .map((w): [string, number] => [w, 1])
      .updateStateByKey((vs: number[], s: { n: number; f: () => number } | undefined) => ({ n: (s?.n ?? 0) + vs.length, f: () => 1 }))
      .checkpoint(1)
      .foreachRDD((rdd) => void seen.push(rdd.collect()[0]![1].n));
    ssc.start();
    await clock.advance(3000);
    ssc.stop();
    expect(seen).toEqual([1, 2, 2]);
    expect(errs.filter((e) => e.includes('was not written'))).toHaveLength(1);
    expect(errs[0]).toMatch(/State must be plain data/);
  });
});

describe('checkpoint interval rules at start (Spark\'s)', () => {
  function build(interval: number): StreamingContext {
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
    ssc.checkpoint(tempDir());
    ssc
      .queueStream([['a']])
      .map((w): [string, number] => [w, 1])
      .reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, 10, 2)
      .checkpoint(interval)
      .pprint();
    return ssc;
  }

  it('refuses an interval lower than the slide', () => {
    const ssc = build(1);
    expect(() => ssc.start()).toThrow(/checkpoint interval for reduceByKeyAndWindow has been set to 1000 ms which is lower than its slide time \(2000 ms\)/);
    expect(ssc.state).toBe('INITIALIZED');
    ssc.stop();
  });

  it('refuses an interval that is not a multiple of the slide', () => {
    const ssc = build(3);
    expect(() => ssc.start()).toThrow(/has been set to 3000 ms which not a multiple of its slide time \(2000 ms\)\. Please set it to a multiple of 2000 ms/);
    ssc.stop();
  });
});
