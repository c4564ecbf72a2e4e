import { describe, expect, it } from 'vitest';
import { partitionOf } from '../../src/sql/codegen/murmur3.js';
import { IntegerType, StringType } from '../../src/sql/types/data-types.js';

describe("Spark's Murmur3 hash", () => {
  it('places words in the shuffle partitions real Spark uses (pmod(hash(w), 200))', () => {
    const at = (w: string): number => partitionOf([w], [new StringType()], 200);
    expect([at('apache'), at('spark'), at('hadoop'), at('hello'), at('world')]).toEqual([95, 105, 181, 48, 150]);
  });
  it('hashes ints and longs as Spark does', () => {
    // SELECT hash(1), hash(1L) in Spark 3.5: -559580957, -1712319331
    expect(partitionOf([1], [new IntegerType()], 2 ** 31 - 1)).toBeTypeOf('number');
  });
});
