/** The error catalog: one constructor shape, and a code per kind of mistake (tests assert codes, not wording). */
import { describe, expect, it } from 'vitest';
import {
  BatchFailedError,
  CheckpointError,
  IllegalStateError,
  LineFramer,
  ManualClock,
  SparkContext,
  StateSpec,
  StreamingContext,
  SystemClock,
  TsparkError,
} from '../../src/index.js';
import { KeyState } from '../../src/engine/dstream/state-spec.js';

describe('error classes', () => {
  it('are built as (code, message, { cause, ... }) and named after their class', () => {
    const cause = new Error('disk full');
    const e = new CheckpointError('ERR_CHECKPOINT_INVALID', 'bad', { cause, file: '/cp/f' });
    expect(e).toMatchObject({ name: 'CheckpointError', code: 'ERR_CHECKPOINT_INVALID', message: 'bad', cause, file: '/cp/f' });
    expect(e).toBeInstanceOf(TsparkError);
    const b = new BatchFailedError('ERR_BATCH_FAILED', 'failed', { cause, batchTime: 1000 });
    expect(b).toMatchObject({ name: 'BatchFailedError', batchTime: 1000, cause });
    expect(new IllegalStateError('ERR_CONTEXT_STARTED', 'x').cause).toBeUndefined();
  });
});

describe('a code per kind of misuse', () => {
  const sc = new SparkContext('local[2]');
  const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(), out: () => undefined, err: () => undefined });
  const stream = ssc.queueStream([[1]]);
  const destroyed = sc.broadcast(1);
  destroyed.destroy();

  it.each([
    ['a bad argument', () => stream.map(42 as unknown as (x: number) => number), 'ERR_INVALID_ARGUMENT'],
    ['repartition(0), refused at the call', () => stream.repartition(0), 'ERR_INVALID_ARGUMENT'],
    ['partitionBy(0), refused at the call', () => stream.map((x): [number, number] => [x, x]).partitionBy(0), 'ERR_INVALID_ARGUMENT'],
    ['a bad duration', () => stream.window(0), 'ERR_INVALID_DURATION'],
    ['an unknown option', () => new LineFramer({ maxLine: 1 } as never), 'ERR_UNKNOWN_OPTION'],
    ['a bad LineFramer option', () => new LineFramer({ maxLineBytes: 0 }), 'ERR_INVALID_ARGUMENT'],
    ['a ManualClock moved backwards', () => new ManualClock().advance(-1), 'ERR_INVALID_ARGUMENT'],
    ['step() on a running clock', () => new SystemClock().step(), 'ERR_CLOCK_NOT_PAUSED'],
    ['pause() on a context without the system clock', () => ssc.pause(), 'ERR_NEEDS_SYSTEM_CLOCK'],
    ['a destroyed broadcast', () => destroyed.value, 'ERR_BROADCAST_DESTROYED'],
    ['an accumulator of a type with no default', () => sc.accumulator('x'), 'ERR_NO_ACCUMULATOR_PARAM'],
    ['a StateSpec timeout that is not a duration', () => StateSpec.function(() => 1).timeout(-1), 'ERR_INVALID_DURATION'],
  ])('%s', async (_, act, code) => {
    await expect((async () => act())()).rejects.toMatchObject({ code });
  });

  it.each([
    ['get() without a state', (s: KeyState<number>) => s.get(), 'ERR_STATE_NOT_SET', false],
    ['update() while timing out', (s: KeyState<number>) => s.update(1), 'ERR_STATE_TIMING_OUT', true],
    ['remove() while timing out', (s: KeyState<number>) => s.remove(), 'ERR_STATE_TIMING_OUT', true],
    [
      'update() after remove()',
      (s: KeyState<number>) => {
        s.remove();
        s.update(1);
      },
      'ERR_STATE_REMOVED',
      false,
    ],
  ])("mapWithState's State: %s", (_, act, code, timingOut) => {
    const state = new KeyState<number>(timingOut ? { value: 1 } : undefined, timingOut);
    expect(() => act(state)).toThrow(expect.objectContaining({ code }));
  });
});
