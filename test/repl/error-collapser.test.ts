import { describe, expect, it } from 'vitest';
import { ErrorCollapser, SUMMARY_MS } from '../../src/repl/error-collapser.js';

function collapser(): { c: ErrorCollapser; out: string[]; at: (ms: number) => void } {
  const out: string[] = [];
  let now = 0;
  const c = new ErrorCollapser((t) => void out.push(t), () => now);
  return { c, out, at: (ms) => void (now = ms) };
}

const FALLING = '[socketTextStream localhost:9999] batches are falling behind: reading from localhost:9999 is paused until they catch up (nothing is lost; the sender waits)\n';

describe('ErrorCollapser', () => {
  it('prints "batches are falling behind" once with its fix, then a count at most every 10 s', () => {
    const { c, out, at } = collapser();
    for (let i = 0; i < 29; i++) {
      at(i * 2000);
      c.write(FALLING);
    }
    c.flush();
    expect(out[0]).toBe(FALLING + 'hint: each batch takes longer than the batch interval: make it cheaper, or use a longer one (tspark --batch N)\n');
    const counts = out.slice(1).map((l) => Number(/^\((\d+) more time\(s\) since: /.exec(l)?.[1]));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(28);
    expect(out.length - 1).toBeLessThanOrEqual(Math.ceil((28 * 2000) / SUMMARY_MS) + 1);
  });

  it('collapses a batch error by operator and message, whatever the batch time', () => {
    const { c, out } = collapser();
    c.write('Error in batch 2026-11-21 10:04:18 (pprint): Error: boom\n    at REPL2.ts:3:5\n');
    c.write('Error in batch 2026-11-21 10:04:19 (pprint): Error: boom\n    at REPL2.ts:3:5\n');
    c.write('Error in batch 2026-11-21 10:04:20 (foreachRDD): Error: boom\n');
    c.flush();
    expect(out).toEqual([
      'Error in batch 2026-11-21 10:04:18 (pprint): Error: boom\n    at REPL2.ts:3:5\n',
      'Error in batch 2026-11-21 10:04:20 (foreachRDD): Error: boom\n',
      '(1 more time(s) since: Error: boom)\n',
    ]);
  });

  it('never holds back other messages (a reconnect must be seen every time)', () => {
    const { c, out } = collapser();
    c.write('[socketTextStream localhost:9999] connected to localhost:9999\n');
    c.write('[socketTextStream localhost:9999] connected to localhost:9999\n');
    expect(out).toHaveLength(2);
  });
});
