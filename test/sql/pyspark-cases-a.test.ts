/**
 * DataFrame behaviour compared with real PySpark 3.5: each case is the TypeScript twin of a
 * case in test/sql/pyspark/record.py, whose recorded output is in test/sql/data/.
 */
import { describe, expect, it } from 'vitest';
import { Decimal, Row, functions as F, type DataFrame } from '../../src/sql/index.js';
import type { SparkSession } from '../../src/sql/index.js';
import { dumpOnMismatch, expectedOutput, runCase, type CaseIO } from './support/pyspark-cases.js';

function people(spark: SparkSession): DataFrame {
  return spark.createDataFrame(
    [
      ['Alice', 34, 'Paris'],
      ['Bob', 45, 'London'],
      ['Cathy', 29, 'Paris'],
      ['Dan', null, null],
      ['Eve', 22, 'Berlin'],
    ],
    'name STRING, age INT, city STRING',
  );
}

const cases: Record<string, (io: CaseIO) => void> = {
  show_formats: ({ spark }) => {
    const df = spark.createDataFrame(
      [
        [1, 'short', 1.0, 1e10, 12345678.9, true, null, [1, 2, 3], { a: 1 }, [1, 'z'], new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)), new Date(Date.UTC(2024, 0, 2)), Decimal.parse('12.30'), 'a string that is longer than twenty'],
        [-20, null, NaN, 1e-5, -0.0, false, 'x', [], {}, null, null, null, null, '日本語テキスト'],
        [300, '', Infinity, 123456789012.0, 0.1, null, 'y', [null], { b: null }, [null, null], new Date(Date.UTC(2024, 0, 2)), new Date('0001-01-01T00:00:00Z'), null, 'tab\there'],
      ],
      'i INT, s STRING, f FLOAT, d DOUBLE, d2 DOUBLE, b BOOLEAN, n STRING, arr ARRAY<INT>, m MAP<STRING,INT>, st STRUCT<x:INT,y:STRING>, ts TIMESTAMP, dt DATE, dec DECIMAL(5,2), long STRING',
    );
    df.show();
    df.show(2, 5);
    df.show(2, 3);
    df.show(1, true, true);
    df.show(20, false);
    spark.createDataFrame([], 'a INT, b STRING').show();
    spark.createDataFrame([], 'a INT, b STRING').show(20, true, true);
    spark.range(3).show(1);
  },
  print_schema: ({ spark, print, printTuples }) => {
    const df = spark.createDataFrame([], 'aa ARRAY<ARRAY<INT>>, mm MAP<STRING,ARRAY<INT>>, sa ARRAY<STRUCT<a:INT>>, d DECIMAL(10,2), st STRUCT<x:INT NOT NULL,y:TIMESTAMP>');
    df.printSchema();
    print(df.schema.simpleString());
    printTuples(df.dtypes);
    print(String(df));
    spark.range(2).printSchema();
  },
  infer_schema: ({ spark, print, printTuples, attempt }) => {
    const df = spark.createDataFrame([
      [1, 'a', true, 1.5, [1, 2], { k: 1.5 }],
      [2, 'b', false, 2.5, [3], {}],
    ]);
    printTuples(df.dtypes);
    df.show();
    const d2 = spark.createDataFrame([
      { b: 1, a: 'x' },
      { b: 2, a: 'y', c: 3.5 },
    ]);
    print(d2.columns);
    d2.show();
    const d3 = spark.createDataFrame([Row({ name: 'Alice', age: 11 }), Row({ name: 'Bob', age: null })]);
    d3.printSchema();
    print(d3.collect());
    spark.createDataFrame([['x', 1]], ['name']).printSchema();
    attempt(() => spark.createDataFrame([[null], [null]]));
    attempt(() => spark.createDataFrame([]));
    attempt(() => spark.createDataFrame([['a']], 'x INT'));
    attempt(() => spark.createDataFrame([['a', 1]], 'x STRING'));
    spark.createDataFrame([1, 2, 3], 'int').show();
  },
  rows: ({ spark, print }) => {
    const r = Row({ name: 'Alice', age: 11 });
    print(r);
    print(r.name, r[1], r['age']);
    print(`{'name': 'Alice', 'age': 11}` === `{${Object.entries(r.asDict()).map(([k, v]) => `'${k}': ${typeof v === 'string' ? `'${v}'` : String(v)}`).join(', ')}}` ? "{'name': 'Alice', 'age': 11}" : 'asDict differs');
    const Person = Row('name', 'age');
    print(Person('Bob', 3));
    print(spark.createDataFrame([['a', 1.5, null]], 'x STRING, y DOUBLE, z ARRAY<INT>').first());
    print(spark.range(0).first());
  },
  select_names: ({ spark, print }) => {
    const df = people(spark);
    df.select(df.age.plus(1), F.col('age').multiply(2), F.lit(1), F.lit('x'), F.lit(null), F.upper('city'), F.round(F.lit(2.5), 0), df.age.cast('string')).show();
    print(df.age.plus(1));
    print(F.col('age').equalTo(1));
    df.select(df.age.divide(2).alias('half'), df.age.mod(7), df.age.gt(30).and(df.city.isNotNull())).show();
    df.select(df.name.isNull(), df.age.isin(34, 45), df.name.like('A%'), df.name.rlike('^[AB]'), df.name.contains('ath'), df.name.startswith('B'), df.age.between(20, 40)).show();
    df.select(F.when(df.age.gt(40), 1)).show();
    df.select(F.when(df.age.gt(40), 'old').when(df.age.gt(30), 'mid').otherwise('young').alias('band')).show();
  },
  null_logic: ({ spark }) => {
    const df = spark.createDataFrame(
      [
        [true, null],
        [false, null],
        [null, null],
        [true, true],
      ],
      'a BOOLEAN, b BOOLEAN',
    );
    df.select(df.a.and(df.b), df.a.or(df.b), F.not(df.a), df.a.equalTo(df.b), df.a.eqNullSafe(df.b)).show();
    spark.range(1).select(F.concat(F.lit('a'), F.lit(null)), F.concat_ws('-', F.lit('a'), F.lit(null), F.lit('b'))).show();
  },
  arithmetic: ({ spark }) => {
    const df = spark.createDataFrame([[7, 2, -7, 3, 2147483647, 3000000000]], 'a INT, b INT, c INT, d INT, m INT, big BIGINT');
    df.select(df.a.divide(df.b), df.a.divide(df.b).cast('int'), df.c.mod(df.d), F.pmod(F.lit(-10), F.lit(4)), df.m.plus(1), df.a.divide(0), df.a.mod(0), df.big.multiply(4000000000)).show();
    spark.range(1).select(F.lit(9223372036854775807n).plus(1), F.lit(2.5).multiply(3), F.lit(1).divide(3)).show();
  },
  casts: ({ spark }) => {
    const df = spark.createDataFrame([['abc', ' 12 ', '1.9', '1e3', -1.9, 1e20, 3000000000, 'yes', 'true', true]], 's1 STRING, s2 STRING, s3 STRING, s4 STRING, d DOUBLE, big DOUBLE, l BIGINT, y STRING, t STRING, b BOOLEAN');
    df.select(df.s1.cast('int'), df.s2.cast('int'), df.s3.cast('int'), df.s4.cast('int'), df.d.cast('int'), df.big.cast('int'), df.l.cast('int'), df.y.cast('boolean'), df.t.cast('boolean'), df.b.cast('int'), df.s4.cast('double'), df.d.cast('string')).show();
    df.select(F.col('s2').cast('long').alias('x'), F.lit('2024-01-02 03:04:05').cast('timestamp'), F.lit('2024-01-02').cast('date'), F.lit(1.5).cast('decimal(5,2)')).show();
  },
  string_functions: ({ spark }) => {
    const df = spark.createDataFrame([['a,b,,c', '  hi  ', '日本', 'Hello World']], 's STRING, p STRING, j STRING, h STRING');
    df.select(F.split(df.s, ','), F.split(df.s, ',', 2), F.trim(df.p), F.length(df.j), F.substring(df.s, -2, 2), F.substring(df.h, 0, 3), F.lower(df.h), F.upper(df.h)).show();
    df.select(F.regexp_extract(df.h, '(\\w+) (\\w+)', 2), F.regexp_extract(df.h, 'zz(x)', 1), F.regexp_replace(df.h, '[aeiou]', '*'), F.concat(df.h, F.lit('!')), F.initcap(F.lit('hello world')), F.lpad(df.j, 5, '*'), F.reverse(df.h), F.instr(df.h, 'o')).show();
  },
  aggregates: ({ spark }) => {
    const df = people(spark);
    df.groupBy('city').count().orderBy('city').show();
    df.groupBy('city').agg(F.count('*'), F.count('age'), F.sum('age'), F.avg('age'), F.min('name'), F.max('age'), F.countDistinct('name')).orderBy('city').show();
    df.agg({ age: 'max' }).show();
    df.groupBy().sum('age').show();
    df.groupBy('city').mean('age').orderBy('city').show();
    df.groupBy('city').agg(F.collect_list('name').alias('names'), F.first('age'), F.last('age', true), F.approx_count_distinct('name')).orderBy('city').show(20, false);
    df.select(F.stddev('age'), F.variance('age'), F.sum('age').divide(F.count('age'))).show();
    spark.createDataFrame([], 'x INT').agg(F.sum('x'), F.count('x'), F.avg('x')).show();
  },
  groupby_order: ({ spark }) => {
    const words = spark.createDataFrame(
      'apache spark hadoop hello world apache spark apache flink kafka storm beam'.split(' ').map((w) => [w]),
      ['word'],
    );
    words.groupBy('word').count().show();
    words.distinct().show();
    const nums = spark.createDataFrame(
      Array.from({ length: 30 }, (_x, i) => [i % 7, i]),
      ['k', 'v'],
    );
    nums.groupBy('k').agg(F.sum('v')).show();
  },
  sorting: ({ spark }) => {
    const df = people(spark);
    df.orderBy('age').show();
    df.orderBy(df.age.desc()).show();
    df.orderBy(F.col('city').asc_nulls_last(), 'name').show();
    df.sort('city', 'age', { ascending: false }).show();
  },
};

describe('DataFrames against recorded PySpark output (part 1)', () => {
  for (const [name, body] of Object.entries(cases)) {
    it(`${name} prints what PySpark printed`, () => {
      expect(dumpOnMismatch(name, runCase(body))).toBe(expectedOutput(name));
    });
  }
});
