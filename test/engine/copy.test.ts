/** copyRecord: the deep copies handed out where pyspark would have serialised. */
import { describe, expect, it } from 'vitest';
import { copyRecord } from '../../src/engine/copy.js';

class Point {
  constructor(
    public x: number,
    public y: number,
  ) {}
  norm(): number {
    return Math.hypot(this.x, this.y);
  }
}

describe('copyRecord', () => {
  it.each([['a string', 'spark'], ['a number', 3], ['null', null], ['undefined', undefined], ['a boolean', false], ['a bigint', 4n]])(
    'returns %s as it is',
    (_, v) => {
      expect(copyRecord(v)).toBe(v);
    },
  );

  it.each([
    ['a tuple', ['a', 1]],
    ['a nested array', [[1, [2]], { k: [3] }]],
    ['a plain object', { a: 1, b: { c: [2] } }],
    ['a Map', new Map([['k', [1]]])],
    ['a Set', new Set([1, 2])],
    ['a Date', new Date(7)],
    ['a typed array', new Uint8Array([1, 2, 3])],
  ])('copies %s: equal, but not the same object', (_, v) => {
    const c = copyRecord(v);
    expect(c).toEqual(v);
    expect(c).not.toBe(v);
  });

  it('copies deeply: changing the copy leaves the original alone', () => {
    const original = { list: [1, 2], inner: { n: 1 } };
    const c = copyRecord(original);
    c.list.push(3);
    c.inner.n = 2;
    expect(original).toEqual({ list: [1, 2], inner: { n: 1 } });
  });

  it('keeps class instances working (same prototype)', () => {
    const c = copyRecord(new Point(3, 4));
    expect(c).toBeInstanceOf(Point);
    expect(c.norm()).toBe(5);
  });

  it('keeps shared references and cycles as they were', () => {
    const shared = [1];
    const o: { a: number[]; b: number[]; self?: unknown } = { a: shared, b: shared };
    o.self = o;
    const c = copyRecord(o);
    expect(c.a).toBe(c.b);
    expect(c.self).toBe(c);
    expect(c.a).not.toBe(shared);
  });

  it('hands out values it cannot copy meaningfully as they are', () => {
    const r = /x/g;
    const p = Promise.resolve(1);
    expect(copyRecord(r)).toBe(r);
    expect(copyRecord(p)).toBe(p);
  });
});
