/** pyspark's order (sortBy, sortByKey, takeOrdered, top, max, min), which refuses kinds Python cannot compare, and the total order for showing results. */
import { describe, expect, it } from 'vitest';
import { type RDD, SparkContext } from '../../src/index.js';
import { NotComparable, compareCodePoints, compareNatural, comparePython, orderFor } from '../../src/engine/order.js';
import { outcomes } from './pyspark/expected.js';

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

describe('comparePython (the order of sortBy, sortByKey, takeOrdered, top, max, min)', () => {
  it.each([
    ['numbers, booleans and bigints together', [2.5, 1, true, 3n], [1, true, 2.5, 3n]],
    ['strings by code point', ['b', 'B', 'é', 'a'], ['B', 'a', 'b', 'é']],
    ['tuples element by element, equal elements skipped whatever their kind', [[null, 2], [null, 1]], [[null, 1], [null, 2]]],
    ['dates', [new Date(2), new Date(1)], [new Date(1), new Date(2)]],
    ['bytes', [Uint8Array.from([2]), Uint8Array.from([1, 9])], [Uint8Array.from([1, 9]), Uint8Array.from([2])]],
  ])('orders %s', (_, input, sorted) => {
    expect([...input].sort(comparePython)).toEqual(sorted);
  });

  it.each([
    ['a number and a string', 3, 'a'],
    ['null and a number', null, 1],
    ['undefined and undefined', undefined, undefined],
    ['two objects', { a: 1 }, { a: 2 }],
    ['tuples whose first unequal elements differ in kind', [1, 'a'], [1, 2]],
  ])('refuses %s, as Python 3', (_, a, b) => {
    expect(() => comparePython(a, b)).toThrow(NotComparable);
  });

  it('names the operator, both values and Python’s words in the error', () => {
    expect(() => orderFor('sortBy')(3, 'a')).toThrow(
      expect.objectContaining({
        code: 'ERR_NOT_COMPARABLE',
        message: expect.stringMatching(/^sortBy: cannot order 3 \(a number\) and "a" \(a string\); pyspark refuses too \('<' not supported between instances of 'int' and 'str'\)/),
      }),
    );
  });
});

describe('RDD actions over values pyspark refuses to compare', () => {
  const sc = new SparkContext('local[2]', 'order-test');
  const recorded = outcomes('mixedKinds');
  const mixed = (): RDD<unknown> => sc.parallelize<unknown>([3, 'a', 1]);
  it.each([
    ["sortBy [3, 'a', 1]", () => mixed().sortBy((x) => x).collect()],
    ["max [1, 'a']", () => sc.parallelize<unknown>([1, 'a']).max()],
    ["min [1, 'a']", () => sc.parallelize<unknown>([1, 'a']).min()],
    ['sortByKey None keys', () => sc.parallelize<[number | null, number]>([[null, 1], [2, 2], [1, 3]]).sortByKey().collect()],
    ["takeOrdered [3, 'a', 1]", () => mixed().takeOrdered(2)],
    ["top [3, 'a', 1]", () => mixed().top(2)],
    ['max [{}, {}]', () => sc.parallelize<unknown>([{ a: 1 }, { a: 2 }]).max()],
    ["sortBy tuples [(1, 'a'), (1, 2)]", () => sc.parallelize<unknown>([[1, 'a'], [1, 2]]).sortBy((x) => x).collect()],
  ])('%s fails with ERR_NOT_COMPARABLE, as pyspark raises TypeError', (name, act) => {
    expect(recorded[name]?.error).toMatch(/^TypeError: '[<>]' not supported/);
    expect(act).toThrow(expect.objectContaining({ name: 'DataError', code: 'ERR_NOT_COMPARABLE' }));
  });

  it.each([
    ["sortBy tuples [(1, 'a'), (2, 2)]", () => sc.parallelize<unknown>([[1, 'a'], [2, 2]]).sortBy((x) => x).collect()],
    ['sortBy [2.5, 1, True]', () => sc.parallelize<unknown>([2.5, 1, true]).sortBy((x) => x).collect()],
    ["max ['b', 'a', 'c']", () => sc.parallelize(['b', 'a', 'c']).max()],
    ['sortBy [None]', () => sc.parallelize([null], 1).sortBy((x) => x).collect()],
  ])('%s gives pyspark’s result', (name, act) => {
    expect(act()).toEqual(recorded[name]?.value);
  });
});
