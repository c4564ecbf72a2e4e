/** Narrow steps as sink transformers: each stage, fed a table of records, pushes what it should. */
import { describe, expect, it } from 'vitest';
import { filterStage, flatMapStage, flatMapValuesStage, mapStage, mapValuesStage, type Stage } from '../../../src/engine/rdd/stages.js';

/** Pushes `input` through `stage` and collects what comes out. */
function run<T, U>(stage: Stage<T, U>, input: readonly T[]): U[] {
  const out: U[] = [];
  const sink = stage((x) => void out.push(x), 0);
  for (const x of input) sink(x);
  return out;
}

function* twice(x: number): Generator<number> {
  yield x;
  yield x;
}

/** A table row: the stage's name, pushing `input` through it, and what should come out. */
function row<T, U>(name: string, stage: Stage<T, U>, input: readonly T[], expected: readonly U[]): [string, () => unknown[], readonly unknown[]] {
  return [name, () => run(stage, input), expected];
}

describe('stages', () => {
  it.each([
    row('map', mapStage((x: number) => x * 10), [1, 2], [10, 20]),
    row('map to pairs', mapStage((w: string): [string, number] => [w, 1]), ['a', 'b'], [['a', 1], ['b', 1]]),
    row('flatMap over arrays', flatMapStage((l: string) => l.split(' ')), ['a b', '', 'c'], ['a', 'b', '', 'c']),
    row('flatMap over other iterables', flatMapStage(twice), [1, 2], [1, 1, 2, 2]),
    row('flatMap to nothing', flatMapStage((): number[] => []), [1, 2], []),
    row('filter', filterStage((x: number) => x % 2), [1, 2, 3], [1, 3]),
    row('filter on truthiness', filterStage((x: string) => x), ['', 'a'], ['a']),
    row('mapValues', mapValuesStage((v: number) => v + 1), [['k', 1] as const], [['k', 2]]),
    row('flatMapValues', flatMapValuesStage((v: string) => v.split('')), [['k', 'ab'] as const], [['k', 'a'], ['k', 'b']]),
  ])('%s', (_, go, expected) => {
    expect(go()).toEqual(expected);
  });

  it('chain into one pass: each stage wraps the next one’s sink', () => {
    const words = flatMapStage((l: string) => l.split(' '));
    const pairs = mapStage((w: string): [string, number] => [w, 1]);
    const out: Array<[string, number]> = [];
    const sink = words(pairs((kv) => void out.push(kv), 0), 0);
    sink('a b');
    expect(out).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });
});
