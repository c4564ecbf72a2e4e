/** Grouping keys and placement hashes: the pure functions behind every per-key operation. */
import { describe, expect, it } from 'vitest';
import { groupingKey, nonNegativeMod, portableHash } from '../../src/engine/keys.js';

describe('groupingKey', () => {
  it.each([
    ['a string', 'spark'],
    ['a number', 42],
    ['null', null],
    ['undefined', undefined],
    ['a boolean', true],
  ])('passes %s through untouched', (_, key) => {
    expect(groupingKey(key)).toBe(key);
  });

  it.each([
    ['tuples by value', ['a', 1], ['a', 1]],
    ['nested tuples', [['a', [1, 2]], null], [['a', [1, 2]], null]],
    ['objects whatever their key order', { x: 1, y: 2 }, { y: 2, x: 1 }],
    ['dates by time', new Date(5), new Date(5)],
    ['maps by entries', new Map([['k', 1]]), new Map([['k', 1]])],
    ['sets by members', new Set([1, 2]), new Set([1, 2])],
    ['byte arrays by bytes', new Uint8Array([1, 2]), new Uint8Array([1, 2])],
    ['-0 and 0 inside a tuple', [-0], [0]],
  ])('makes equal keys of %s', (_, a, b) => {
    expect(groupingKey(a)).toBe(groupingKey(b));
  });

  it.each([
    ['tuples that differ', ['a', 1], ['a', 2]],
    ['a number and its string', [1], ['1']],
    ['null and undefined', [null], [undefined]],
    ['an array and a set of the same values', [1, 2], new Set([1, 2])],
    ['a tuple and its flattening', [['a', 'b']], ['a', 'b']],
  ])('keeps %s apart', (_, a, b) => {
    expect(groupingKey(a)).not.toBe(groupingKey(b));
  });

  it('never collides an object key with a primitive string key', () => {
    expect(groupingKey([])).not.toBe(groupingKey('[]'));
  });
});

describe('portableHash', () => {
  it.each([
    [0, 0],
    [7, 7],
    [-3, -3],
    [null, 0],
    [undefined, 0],
    [false, 0],
    [true, 1],
    [5n, 5],
    ['spark', 1060053354],
  ])('hashes %s to %s', (key, hash) => {
    expect(portableHash(key)).toBe(hash);
  });

  it('hashes equal tuples alike and different tuples apart', () => {
    expect(portableHash(['a', 1])).toBe(portableHash(['a', 1]));
    expect(portableHash(['a', 1])).not.toBe(portableHash(['a', 2]));
  });

  it('hashes non-integer numbers through their text, stably', () => {
    expect(portableHash(1.5)).toBe(portableHash(1.5));
    expect(portableHash(1.5)).not.toBe(1.5);
  });
});

describe('nonNegativeMod', () => {
  it.each([
    [7, 3, 1],
    [-7, 3, 2],
    [-3, 3, 0],
    [0, 5, 0],
  ])('%s mod %s is %s, as Python', (h, n, r) => {
    // === rather than Object.is: -3 % 3 is -0 in JavaScript, the same partition index as 0.
    expect(nonNegativeMod(h, n) === r).toBe(true);
  });
});
