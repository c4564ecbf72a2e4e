/**
 * Compile-only checks of the window and state API: pair operators refuse non-pair streams, and
 * results carry the key, value and state types through.
 */
import { expectTypeOf, test } from 'vitest';
import type { DStream, MapWithStateDStream, State } from '../../../src/index.js';
import { StateSpec } from '../../../src/index.js';

declare const words: DStream<string>;
declare const pairs: DStream<[string, number]>;

test('pair window and state operators need a stream of [key, value] pairs', () => {
  // @ts-expect-error reduceByKeyAndWindow needs [key, value] pairs
  words.reduceByKeyAndWindow((a: number, b: number) => a + b, null, 10, 1);
  // @ts-expect-error updateStateByKey needs [key, value] pairs
  words.updateStateByKey((vs: number[], s: number | undefined) => s);
  // @ts-expect-error groupByKeyAndWindow needs [key, value] pairs
  words.groupByKeyAndWindow(10, 1);
});

test('results keep their types', () => {
  expectTypeOf(words.window(10, 1)).toEqualTypeOf<DStream<string>>();
  expectTypeOf(words.countByWindow(10, 1)).toEqualTypeOf<DStream<number>>();
  expectTypeOf(words.countByValueAndWindow(10, 1)).toEqualTypeOf<DStream<[string, number]>>();
  expectTypeOf(pairs.reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, 300, 1)).toEqualTypeOf<DStream<[string, number]>>();
  expectTypeOf(pairs.groupByKeyAndWindow(10, 1)).toEqualTypeOf<DStream<[string, number[]]>>();
  expectTypeOf(pairs.updateStateByKey((vs: number[], total: number | undefined) => (total ?? 0) + vs.length)).toEqualTypeOf<
    DStream<[string, number]>
  >();
  const spec = StateSpec.function((key: string, value: number | undefined, state: State<number>) => `${key}:${value ?? 0}:${state.getOption() ?? 0}`);
  const mapped = pairs.mapWithState(spec);
  expectTypeOf(mapped).toEqualTypeOf<MapWithStateDStream<string, number, string>>();
  expectTypeOf(mapped.stateSnapshots()).toEqualTypeOf<DStream<[string, number]>>();
});
