/**
 * DataFrame behaviour compared with real PySpark 3.5 (part 3): ROLLUP, CUBE and GROUPING SETS
 * with `grouping()` / `grouping_id()`, through the DataFrame API and SQL. Each case is the
 * TypeScript twin of a case in test/sql/pyspark/record.py.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalysisException, Row, functions as F, type DataFrame, type SparkSession } from '../../src/sql/index.js';
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
  rollup_cube: ({ spark, printTuples, attempt }) => {
    const df = people(spark);
    df.rollup('city').agg(F.count('*').alias('n'), F.sum('age')).orderBy(F.col('city').asc_nulls_last(), 'n').show();
    df.cube('city', df.age!.gt(30)).count().orderBy('city', '(age > 30)', 'count').show();
    df.rollup('city', 'name').agg(F.grouping('city'), F.grouping('name'), F.grouping_id().alias('gid'), F.max('age')).orderBy('city', 'name', 'gid').show();
    df.cube('city').agg(F.grouping_id().alias('gid'), F.sum('age').alias('s')).orderBy('gid', 'city').show();
    df.rollup('city').count().printSchema();
    printTuples(df.cube('city').agg(F.grouping('city'), F.grouping_id()).dtypes);
    df.createOrReplaceTempView('people');
    spark.sql('SELECT city, count(*) AS n, grouping(city) AS g FROM people GROUP BY ROLLUP(city) ORDER BY city NULLS LAST, n').show();
    spark.sql('SELECT city, age > 30 AS old, sum(age) FROM people GROUP BY CUBE(city, age > 30) ORDER BY 1, 2, 3').show();
    spark.sql('SELECT city, name, count(*) FROM people GROUP BY GROUPING SETS ((city, name), (city), ()) ORDER BY city, name, 3').show();
    spark.sql('SELECT city, grouping_id() AS gid, count(*) FROM people GROUP BY city WITH ROLLUP HAVING count(*) > 1 ORDER BY gid, city').show();
    spark.sql('SELECT city, name, grouping_id(city, name) AS gid FROM people GROUP BY city, name GROUPING SETS ((city), (name)) ORDER BY gid, city, name').show();
    attempt(() => df.groupBy('city').agg(F.grouping('city')).show());
  },
  getting_started_rest: ({ spark, print }) => {
    const d = (y: number, m: number, day: number, h = 0): Date => new Date(Date.UTC(y, m - 1, day, h));
    // `2.` is a double in Python and the number 2 in JavaScript (docs/SQL.md): the schema says so.
    const df = spark.createDataFrame(
      [
        Row({ a: 1, b: 2.0, c: 'string1', d: d(2000, 1, 1), e: d(2000, 1, 1, 12) }),
        Row({ a: 2, b: 3.0, c: 'string2', d: d(2000, 2, 1), e: d(2000, 1, 2, 12) }),
        Row({ a: 4, b: 5.0, c: 'string3', d: d(2000, 3, 1), e: d(2000, 1, 3, 12) }),
      ],
      'a long, b double, c string, d date, e timestamp',
    );
    print(String(df));
    df.show();
    df.printSchema();
    print(df.c!.isNull());
    print(F.upper(df.c!));
    const df2 = spark.createDataFrame(
      [
        ['red', 'banana', 1, 10],
        ['blue', 'banana', 2, 20],
        ['red', 'carrot', 3, 30],
        ['blue', 'grape', 4, 40],
        ['red', 'carrot', 5, 50],
        ['black', 'carrot', 6, 60],
        ['red', 'banana', 7, 70],
        ['red', 'grape', 8, 80],
      ],
      ['color', 'fruit', 'v1', 'v2'],
    );
    const dir = mkdtempSync(join(tmpdir(), 'tspark-quickstart-'));
    try {
      df2.write.csv(join(dir, 'foo.csv'), { header: true });
      spark.read.csv(join(dir, 'foo.csv'), { header: true }).orderBy('v1').show();
      df2.write.parquet(join(dir, 'bar.parquet'));
      spark.read.parquet(join(dir, 'bar.parquet')).orderBy('v1').show();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    df2.createOrReplaceTempView('tableA');
    spark.sql('SELECT count(*) from tableA').show();
    spark.udf.register('add_one', (s: number) => s + 1, 'integer');
    spark.sql('SELECT add_one(v1) FROM tableA').show();
    df2.selectExpr('add_one(v1)').show(1);
    df2.select(F.expr('count(*)').gt(0)).show();
    spark.catalog.dropTempView('tableA');
  },
};

describe('DataFrames against recorded PySpark output (part 3)', () => {
  for (const [name, body] of Object.entries(cases)) {
    it(`${name} prints what PySpark printed`, () => {
      expect(dumpOnMismatch(name, runCase(body))).toBe(expectedOutput(name));
    });
  }
});

describe('grouping sets: errors', () => {
  it('grouping() of a column that is not grouped is GROUPING_COLUMN_MISMATCH', () => {
    let err: unknown;
    runCase(({ spark: s }) => {
      try {
        people(s).rollup('city').agg(F.grouping('name')).collect();
      } catch (e) {
        err = e;
      }
    });
    expect(err).toBeInstanceOf(AnalysisException);
    expect((err as AnalysisException).errorClass).toBe('GROUPING_COLUMN_MISMATCH');
    expect((err as AnalysisException).code).toBe('ERR_SQL_ANALYSIS');
    expect((err as AnalysisException).message).toContain("Column of grouping (name) can't be found in grouping columns city.");
  });
});
