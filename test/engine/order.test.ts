/** pyspark's natural order: the comparison behind sortBy, sortByKey, takeOrdered, top, max and min. */
import { describe, expect, it } from 'vitest';
import { compareCodePoints, compareNatural } from '../../src/engine/order.js';

const sign = (n: number): number => Math.sign(n);

describe('compareNatural', () => {
  it.each([
    ['numbers numerically', 9, 10, -1],
    ['equal numbers', 2, 2, 0],
    ['numbers and bigints together', 3n, 2, 1],
    ['strings by code point', 'B', 'a', -1],
    ['strings that are numbers, as text', '10', '9', -1],
    ['a prefix first', 'spark', 'sparkle', -1],
    ['tuples element by element', ['a', 2], ['a', 10], -1],
    ['a shorter tuple first', ['a'], ['a', 0], -1],
    ['dates by time', new Date(2), new Date(1), 1],
    ['false before true', false, true, -1],
    ['null before everything', null, false, -1],
    ['booleans before numbers', true, 0, -1],
    ['numbers before strings', 99, '1', -1],
    ['strings before dates', 'z', new Date(0), -1],
    ['dates before arrays', new Date(0), [], -1],
    ['arrays before other objects', [9], { a: 1 }, -1],
  ])('orders %s', (_, a, b, expected) => {
    expect(sign(compareNatural(a, b))).toBe(expected);
    expect(sign(compareNatural(b, a))).toBe(expected === 0 ? 0 : -expected);
  });

  it('sorts a mixed list into kinds, each in its own order', () => {
    const sorted = [3, 'b', null, [1], true, 'a', 1].sort(compareNatural);
    expect(sorted).toEqual([null, true, 1, 3, 'a', 'b', [1]]);
  });
});

describe('compareCodePoints', () => {
  it.each([
    ['ASCII', 'a', 'b', -1],
    ['a character above U+FFFF after one in E000–FFFF, as Python', '😀', '\uFFFD', 1],
    ['equal strings', 'x', 'x', 0],
  ])('compares %s', (_, a, b, expected) => {
    expect(sign(compareCodePoints(a, b))).toBe(expected);
  });
});
