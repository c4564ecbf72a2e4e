import { describe, expect, it } from 'vitest';
import { buildCorpus, countsFingerprint, HUNDRED_MB, mulberry32 } from '../../bench/generator/corpus.js';

function recount(text: string): { lines: number; words: number; counts: Map<string, number> } {
  const counts = new Map<string, number>();
  let words = 0;
  const lines = text.split('\n');
  lines.pop();
  for (const l of lines) {
    for (const w of l.split(' ')) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      words++;
    }
  }
  return { lines: lines.length, words, counts };
}

describe('benchmark corpus', () => {
  // CPU-bound: 3 s alone, but 14-38 s beside the other unit workers on a loaded 2-core machine
  // (measured), so it gets its own limit rather than the default 30 s.
  it('reproduces the reference 100 MB stream exactly: 104,857,573 bytes, 2,510,716 lines, 15,066,042 words', { timeout: 90_000 }, () => {
    const c = buildCorpus({ maxBytes: HUNDRED_MB });
    expect([c.bytes.length, c.lines, c.words]).toEqual([104_857_573, 2_510_716, 15_066_042]);
  });

  it('announces totals and a fingerprint that an independent recount of its bytes agrees with', () => {
    const c = buildCorpus({ maxBytes: 256 * 1024 });
    const r = recount(c.bytes.toString('latin1'));
    expect(r.lines).toBe(c.lines);
    expect(r.words).toBe(c.words);
    expect(countsFingerprint(r.counts)).toBe(c.fingerprint);
    expect(c.lineEnds.at(-1)).toBe(c.bytes.length);
    expect(c.wordsThrough.at(-1)).toBe(c.words);
  });

  it('gives a different fingerprint when one word is counted under the wrong key', () => {
    const c = buildCorpus({ maxBytes: 64 * 1024 });
    const r = recount(c.bytes.toString('latin1'));
    const [first, second] = [...r.counts.keys()];
    r.counts.set(first!, r.counts.get(first!)! - 1);
    r.counts.set(second!, r.counts.get(second!)! + 1);
    expect(countsFingerprint(r.counts)).not.toBe(c.fingerprint);
  });

  it('draws the same sequence for the same seed (mulberry32)', () => {
    const a = mulberry32(12345);
    const b = mulberry32(12345);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
