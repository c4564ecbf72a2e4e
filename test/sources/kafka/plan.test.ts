/** The tick's decision, as a table: ranges from positions, ends and limits; deleted offsets; positions past the end. */
import { describe, expect, it } from 'vitest';
import { planBatch } from '../../../src/sources/kafka/plan.js';

const scope = [
  { topic: 't', partition: 0 },
  { topic: 't', partition: 1 },
];

describe('planBatch', () => {
  it.each([
    ['reads to the end', { 't:0': 0, 't:1': 5 }, {}, { 't:0': 3, 't:1': 5 }, undefined, [[0, 3], [5, 5]], [], { 't:0': 3, 't:1': 5 }],
    ['caps at the limit', { 't:0': 0, 't:1': 5 }, {}, { 't:0': 30, 't:1': 9 }, { 't:0': 10, 't:1': 10 }, [[0, 10], [5, 9]], [], { 't:0': 10, 't:1': 9 }],
    ['reports deleted offsets and goes on from the earliest', { 't:0': 2, 't:1': 0 }, { 't:0': 5 }, { 't:0': 7, 't:1': 1 }, undefined, [[5, 7], [0, 1]], [[2, 5]], { 't:0': 7, 't:1': 1 }],
    ['leaves out partitions without a position', { 't:1': 1 }, {}, { 't:0': 9, 't:1': 4 }, undefined, [[1, 4]], [], { 't:1': 4 }],
  ] as const)('%s', (_name, positions, earliest, latest, limits, ranges, lost, after) => {
    const pos = new Map(Object.entries(positions));
    const plan = planBatch(scope, pos, new Map(Object.entries(earliest)), new Map(Object.entries(latest)), limits ? new Map(Object.entries(limits)) : undefined, 'latest');
    expect(plan.ranges.map((r) => [r.from, r.until])).toEqual(ranges);
    expect(plan.lost.map((r) => [r.from, r.until])).toEqual(lost);
    expect(Object.fromEntries(pos)).toEqual(after);
  });

  it('restarts a position past the end (a topic made again) as auto.offset.reset says', () => {
    const pos = new Map([['t:0', 50]]);
    const plan = planBatch([{ topic: 't', partition: 0 }], pos, new Map([['t:0', 0]]), new Map([['t:0', 4]]), undefined, 'earliest');
    expect(plan.reset).toEqual([{ topic: 't', partition: 0, from: 50, to: 0 }]);
    expect(plan.ranges.map((r) => [r.from, r.until])).toEqual([[0, 4]]);
  });
});
