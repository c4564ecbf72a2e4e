/**
 * Compile-only checks of the public API's types: pair operators exist only on pair streams,
 * and a `[w, 1]` map makes a pair stream without a cast.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { type DStream, type RDD, SparkContext, StreamingContext } from '../src/index.js';

declare const ssc: StreamingContext;
declare const lines: DStream<string>;
declare const sc: SparkContext;

describe('public API types', () => {
  it('infers a pair stream from a map returning [w, 1]', () => {
    const pairs = lines.flatMap((l) => l.split(' ')).map((w) => [w, 1]);
    expectTypeOf(pairs).toEqualTypeOf<DStream<[string, number]>>();
    expectTypeOf(pairs.reduceByKey((a, b) => a + b)).toEqualTypeOf<DStream<[string, number]>>();
  });

  it('refuses pair operators on a stream that is not of pairs', () => {
    // @ts-expect-error reduceByKey needs [key, value] pairs
    lines.reduceByKey((a: string, b: string) => a + b);
    // @ts-expect-error groupByKey needs [key, value] pairs
    sc.parallelize([1, 2, 3]).groupByKey();
  });

  it('types actions as plain values', () => {
    expectTypeOf(sc.parallelize([1, 2]).collect()).toEqualTypeOf<number[]>();
    expectTypeOf(sc.parallelize([1, 2]).count()).toEqualTypeOf<number>();
    expectTypeOf(sc.parallelize([['a', 1] as [string, number]]).countByKey()).toEqualTypeOf<Map<string, number>>();
  });

  it('types joins and foreachRDD callbacks', () => {
    const a = lines.map((l) => [l, 1]);
    const b = lines.map((l) => [l, true]);
    expectTypeOf(a.join(b)).toEqualTypeOf<DStream<[string, [number, boolean]]>>();
    a.foreachRDD((rdd) => expectTypeOf(rdd).toEqualTypeOf<RDD<[string, number]>>());
    // The (time, rdd) form needs its parameters annotated in type-checked code (TypeScript
    // cannot pick an overload by a callback's arity); the shell does not type-check.
    a.foreachRDD((time: Date, rdd: RDD<[string, number]>) => {
      expectTypeOf(time).toEqualTypeOf<Date>();
      expectTypeOf(rdd).toEqualTypeOf<RDD<[string, number]>>();
    });
    expectTypeOf(ssc.queueStream([[1, 2]])).toEqualTypeOf<DStream<number>>();
  });
});
