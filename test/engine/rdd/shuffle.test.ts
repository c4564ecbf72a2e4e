/** The two halves of a shuffle: the map side fills a combiner table per partition, the reduce side merges them. */
import { describe, expect, it } from 'vitest';
import { Partitioner } from '../../../src/engine/partitioner.js';
import { type Aggregator, type CombinerTable, combiningSink, mergeTables, shuffledSpec } from '../../../src/engine/rdd/shuffle.js';

const SUM: Aggregator<number, number> = { createCombiner: (v) => v, mergeValue: (c, v) => c + v, mergeCombiners: (a, b) => a + b };
const LIST: Aggregator<string, string[]> = {
  createCombiner: (v) => [v],
  mergeValue: (c, v) => [...c, v],
  mergeCombiners: (a, b) => [...a, ...b],
};

function table<V, C>(agg: Aggregator<V, C>, pairs: ReadonlyArray<readonly [unknown, V]>): CombinerTable<unknown, C> {
  const t: CombinerTable<unknown, C> = new Map();
  const sink = combiningSink(t, agg);
  for (const kv of pairs) sink(kv);
  return t;
}

describe('combiningSink (the map side)', () => {
  it.each([
    ['sums per key', SUM, [['a', 1], ['b', 2], ['a', 3]], [['a', 4], ['b', 2]]],
    ['keeps arrival order per key', LIST, [['k', 'x'], ['k', 'y']], [['k', ['x', 'y']]]],
    ['groups tuple keys by value, keeping the first key object', SUM, [[['a', 1], 1], [['a', 1], 1]], [[['a', 1], 2]]],
    ['makes no entry for no input', SUM, [], []],
  ] as Array<[string, Aggregator<unknown, unknown>, Array<[unknown, unknown]>, unknown[]]>)('%s', (_, agg, input, expected) => {
    expect([...table(agg, input).values()]).toEqual(expected);
  });
});

describe('mergeTables (the reduce side)', () => {
  it('merges the tables in order and places each key by the partitioner', () => {
    const p = new Partitioner(2);
    const merged = mergeTables([table(LIST, [[0, 'a'], [1, 'b']]), table(LIST, [[0, 'c'], [3, 'd']])], p, LIST.mergeCombiners);
    expect(merged).toEqual([[[0, ['a', 'c']]], [[1, ['b']], [3, ['d']]]]);
  });

  it('puts everything in one partition when there is one', () => {
    expect(mergeTables([table(SUM, [['x', 1]]), table(SUM, [['y', 2], ['x', 2]])], new Partitioner(1), SUM.mergeCombiners)).toEqual([
      [
        ['x', 3],
        ['y', 2],
      ],
    ]);
  });
});

describe('shuffledSpec', () => {
  it('runs the shuffle once, on first read, and hands out copies of the values', () => {
    let runs = 0;
    const value = [1];
    const spec = shuffledSpec<string, number[]>('s', [], new Partitioner(2), () => {
      runs++;
      return [[['a', value]], []];
    });
    const read = (i: number): Array<[string, number[]]> => {
      const out: Array<[string, number[]]> = [];
      spec.compute(i, (kv) => void out.push(kv));
      return out;
    };
    expect(read(0)).toEqual([['a', [1]]]);
    expect(read(1)).toEqual([]);
    read(0)[0]?.[1].push(2);
    expect(value).toEqual([1]);
    expect(runs).toBe(1);
    expect(spec).toMatchObject({ numPartitions: 2, shuffle: true });
  });
});
