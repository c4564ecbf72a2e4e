/**
 * Compile-only checks (under the project's strict tsconfig, with noUncheckedIndexedAccess) that
 * columns TypeScript can know are `Column`, so type-checked files write `df.age` as pyspark
 * users do, without `!`; a column it cannot know stays `Column | undefined`.
 */
import { describe, expectTypeOf, it } from 'vitest';
import { type Column, type DataFrame, type SparkSession, functions as F } from '../../src/index.js';

declare const spark: SparkSession;

describe('DataFrame column types', () => {
  it('types the columns of a DDL schema as Column, df.name and df["name"]', () => {
    const df = spark.createDataFrame([['Alice', 34, 'Paris']], 'name STRING, age INT, city STRING');
    expectTypeOf(df.age).toEqualTypeOf<Column>();
    expectTypeOf(df['city']).toEqualTypeOf<Column>();
    expectTypeOf(df).toMatchTypeOf<DataFrame<'name' | 'age' | 'city'>>();
    // The pyspark shape compiles as typed: no `!` anywhere.
    const adults = df.filter(df.age.gt(21)).select(df.name, df.age.plus(1).alias('next'));
    expectTypeOf(adults).toMatchTypeOf<DataFrame>();
  });

  it('reads names past nested types, colons and backquotes in DDL', () => {
    const df = spark.createDataFrame([], 'm MAP<STRING,INT>, s STRUCT<a: INT, b: STRING>, `odd name` DOUBLE, d: DATE');
    expectTypeOf(df.m).toEqualTypeOf<Column>();
    expectTypeOf(df.s).toEqualTypeOf<Column>();
    expectTypeOf(df['odd name']).toEqualTypeOf<Column>();
    expectTypeOf(df.d).toEqualTypeOf<Column>();
  });

  it('types the columns of a list of names, range and read.text', () => {
    const named = spark.createDataFrame([[1, 'a']], ['id', 'word']);
    expectTypeOf(named.word).toEqualTypeOf<Column>();
    expectTypeOf(spark.range(10).id).toEqualTypeOf<Column>();
    const lines = spark.read.text('/tmp/in.txt');
    const words = lines.select(F.explode(F.split(lines.value, ' ')).alias('word'));
    expectTypeOf(words).toMatchTypeOf<DataFrame>();
  });

  it('keeps the names through filters, sorts, limits, unions, caching and adds them with select, withColumn and toDF', () => {
    const df = spark.createDataFrame([], 'k STRING, v INT');
    const kept = df.where('v > 1').orderBy('k').limit(3).distinct().union(df).cache().alias('t');
    expectTypeOf(kept.v).toEqualTypeOf<Column>();
    expectTypeOf(df.select('k').k).toEqualTypeOf<Column>();
    expectTypeOf(df.withColumn('w', df.v.multiply(2)).w).toEqualTypeOf<Column>();
    expectTypeOf(df.withColumn('w', df.v.multiply(2)).k).toEqualTypeOf<Column>();
    expectTypeOf(df.toDF('a', 'b').b).toEqualTypeOf<Column>();
  });

  it('leaves columns it cannot know as Column | undefined, and methods as methods', () => {
    expectTypeOf(spark.sql('SELECT 1 AS x').x).toEqualTypeOf<Column | undefined>();
    expectTypeOf(spark.createDataFrame([], 'k STRING').other).toEqualTypeOf<Column | undefined>();
    expectTypeOf(spark.createDataFrame([], 'count BIGINT').count).returns.toEqualTypeOf<number>();
    // A schema TypeScript cannot read (an atomic type) names nothing.
    expectTypeOf(spark.createDataFrame([1, 2], 'int').value).toEqualTypeOf<Column | undefined>();
  });
});
