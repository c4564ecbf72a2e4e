import { describe, expect, it, vi } from 'vitest';
import { ManualClock, SparkContext, StreamingContext, SystemClock } from '../../src/index.js';

describe('ManualClock', () => {
  it('runs due tasks in time order, ties in scheduling order, and awaits each', async () => {
    const clock = new ManualClock(100);
    const log: string[] = [];
    clock.schedule(300, () => void log.push('c'));
    clock.schedule(200, async () => {
      await Promise.resolve();
      log.push(`a@${clock.now()}`);
    });
    clock.schedule(200, () => void log.push('b'));
    clock.schedule(900, () => void log.push('late'));
    await clock.advance(150);
    expect(log).toEqual(['a@200', 'b']);
    expect(clock.now()).toBe(250);
    await clock.advanceTo(400);
    expect(log).toEqual(['a@200', 'b', 'c']);
  });

  it('runs tasks that a task schedules within the same advance', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const tick = (t: number): void => {
      clock.schedule(t, () => {
        seen.push(t);
        tick(t + 100);
      });
    };
    tick(100);
    await clock.advance(350);
    expect(seen).toEqual([100, 200, 300]);
    expect(clock.nextTimerAt()).toBe(400);
  });

  it('can cancel a task and refuses to go backwards', async () => {
    const clock = new ManualClock(0);
    let ran = false;
    const cancel = clock.schedule(10, () => void (ran = true));
    cancel();
    await clock.advance(20);
    expect(ran).toBe(false);
    expect(() => clock.advance(-1)).toThrow('"ms" must be a finite number >= 0');
  });
});

describe('SystemClock teaching mode', () => {
  it('freezes time when paused and steps to the next task', async () => {
    const clock = new SystemClock();
    clock.pause();
    const frozen = clock.now();
    const at = frozen + 60_000;
    let ran = 0;
    clock.schedule(at, () => void ran++);
    expect(await clock.step()).toBe(at);
    expect(ran).toBe(1);
    expect(clock.now()).toBe(at);
    expect(await clock.step()).toBeUndefined();
    clock.resume();
    expect(clock.paused).toBe(false);
    // Steps took engine time ahead of the wall clock: it never runs backwards.
    expect(Math.abs(clock.now() - at)).toBeLessThan(1000);
  });

  it('follows the wall clock again after a pause, and the next batch moves to the next batch time after now', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    try {
      vi.setSystemTime(1_000_000);
      const clock = new SystemClock();
      const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: () => undefined });
      ssc.queueStream([], true, [1]).foreachRDD(() => undefined);
      ssc.start();
      expect(ssc.nextBatchTime).toBe(1_001_000);
      ssc.pause();
      vi.setSystemTime(1_007_300);
      ssc.resume();
      expect(clock.now()).toBe(1_007_300);
      // Not 1 001 000, then a burst of the six batch times the pause skipped.
      expect(ssc.nextBatchTime).toBe(1_008_000);
      ssc.stop(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
