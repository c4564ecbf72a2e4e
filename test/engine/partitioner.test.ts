/** Partitioner: where a key goes in a shuffle, as pyspark's partitionBy places it. */
import { describe, expect, it } from 'vitest';
import { Partitioner } from '../../src/engine/partitioner.js';

describe('Partitioner', () => {
  it.each([
    [4, 0, 0],
    [4, 5, 1],
    [4, -1, 3],
    [4, null, 0],
    [3, true, 1],
    [1, 'anything', 0],
  ])('with %s partitions places %s in %s (portable hash mod n)', (n, key, expected) => {
    expect(new Partitioner(n).partition(key)).toBe(expected);
  });

  it('places a string key in the same partition every time, inside the range', () => {
    const p = new Partitioner(7);
    const at = p.partition('spark');
    expect(p.partition('spark')).toBe(at);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(at).toBeLessThan(7);
  });

  it.each([
    ['a custom function', (k: unknown) => (k === 'b' ? 1 : 0), 'b', 1],
    ['a negative result, as Python mod', () => -1, 'x', 2],
    ['a result that is not a number, as 0', () => Number.NaN, 'x', 0],
  ])('uses %s', (_, f, key, expected) => {
    expect(new Partitioner(3, f).partition(key)).toBe(expected);
  });

  it('equals a partitioner with the same count and function only', () => {
    const f = (k: unknown): number => Number(k);
    expect(new Partitioner(2, f).equals(new Partitioner(2, f))).toBe(true);
    expect(new Partitioner(2, f).equals(new Partitioner(3, f))).toBe(false);
    expect(new Partitioner(2, f).equals(new Partitioner(2))).toBe(false);
    expect(new Partitioner(2).equals(undefined)).toBe(false);
  });
});
