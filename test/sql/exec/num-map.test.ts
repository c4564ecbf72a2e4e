/** KeyMap, the join and aggregate hash table: hashed and sealed (direct-index) lookups agree. */
import { describe, expect, it } from 'vitest';
import { KeyMap } from '../../../src/sql/exec/num-map.js';

function filled(keys: readonly unknown[]): KeyMap<string> {
  const m = new KeyMap<string>(4);
  for (const k of keys) m.set(k, `v${String(k)}`);
  return m;
}

describe('KeyMap', () => {
  const probes: unknown[] = [-1, 0, -0, 1, 5, 9, 10, 11, 2.5, NaN, Infinity, -Infinity, 5n, '5', null, 1e300];

  it('a dense integer table sealed answers as the hashed one, including misses, NaN and other types', () => {
    const keys: unknown[] = [...Array.from({ length: 10 }, (_, i) => i), NaN, 5n, 'x'];
    const hashed = filled(keys);
    const sealed = filled(keys);
    sealed.seal();
    for (const p of probes) expect([p, sealed.get(p)]).toEqual([p, hashed.get(p)]);
    expect(sealed.get(NaN)).toBe('vNaN');
    expect(sealed.get(-0)).toBe('v0');
    expect(sealed.get(5n)).toBe('v5');
    expect(sealed.get(2.5)).toBeUndefined();
  });

  it('a sparse or fractional table stays hashed and still answers', () => {
    const sparse = filled([0, 1e9, 7]);
    sparse.seal();
    expect(sparse.get(1e9)).toBe('v1000000000');
    expect(sparse.get(8)).toBeUndefined();
    const frac = filled([0, 0.5, 1]);
    frac.seal();
    expect(frac.get(0.5)).toBe('v0.5');
  });

  it('a set after sealing is seen (the direct index is dropped)', () => {
    const m = filled([1, 2, 3]);
    m.seal();
    m.set(4, 'four');
    m.set(2, 'two');
    expect(m.get(4)).toBe('four');
    expect(m.get(2)).toBe('two');
    expect(m.valuesInOrder()).toEqual(['v1', 'two', 'v3', 'four']);
  });

  it('keeps negative ranges and grows past its first capacity', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => i - 2500);
    const m = filled(keys);
    m.seal();
    for (const k of keys) expect(m.get(k)).toBe(`v${k}`);
    expect(m.get(2500)).toBeUndefined();
    expect(m.size).toBe(5000);
  });
});
