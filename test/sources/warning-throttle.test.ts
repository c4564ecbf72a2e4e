import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import { WarningThrottle } from '../../src/sources/warning-throttle.js';

describe('WarningThrottle', () => {
  it('reports the first problem at once and folds later ones into the next report after the quiet period', async () => {
    const clock = new ManualClock(0);
    const out: string[] = [];
    const t = new WarningThrottle(clock, 5000, (m) => out.push(m));
    const msg = (n: number) => `${n} bad`;
    t.report('utf8', 2, msg);
    t.report('utf8', 3, msg);
    t.report('utf8', 1, msg);
    expect(out).toEqual(['2 bad']);
    await clock.advance(5000);
    t.report('utf8', 1, msg);
    expect(out).toEqual(['2 bad', '5 bad']);
  });

  it('keeps kinds apart and flushes what it holds', () => {
    const clock = new ManualClock(0);
    const out: string[] = [];
    const t = new WarningThrottle(clock, 5000, (m) => out.push(m));
    t.report('a', 1, (n) => `a${n}`);
    t.report('b', 1, (n) => `b${n}`);
    t.report('a', 4, (n) => `a${n}`);
    t.report('b', 0, (n) => `b${n}`);
    t.flush();
    expect(out).toEqual(['a1', 'b1', 'a4']);
  });
});
