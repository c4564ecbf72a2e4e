/**
 * DataFrame behaviour compared with real PySpark 3.5 (part 2): joins, unions, generators,
 * windows, DataFrame operations and errors, pivot, dates, JSON, UDFs, views, ANSI mode, and the
 * DataFrame examples of pyspark's "Getting Started".
 */
import { describe, expect, it } from 'vitest';
import { Decimal, IntegerType, Window, functions as F, type DataFrame, type SparkSession } from '../../src/sql/index.js';
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
  joins: ({ spark, print, attempt }) => {
    const l = spark.createDataFrame([[1, 'a'], [2, 'b'], [3, 'c']], ['id', 'lv']);
    const r = spark.createDataFrame([[1, 'x'], [3, 'y'], [4, 'z']], ['id', 'rv']);
    for (const how of ['inner', 'left', 'right', 'full', 'semi', 'anti']) {
      const j = l.join(r, 'id', how);
      print(how, j.columns);
      j.orderBy('id').show();
    }
    const j2 = l.join(r, l.id!.equalTo(r.id));
    print(j2.columns);
    j2.orderBy(l.id!).show();
    attempt(() => j2.select('id'));
    attempt(() => l.join(r, 'id', 'bogus'));
    l.crossJoin(r).orderBy(l.id!, r.id!).show();
    l.alias('a').join(r.alias('b'), F.col('a.id').equalTo(F.col('b.id'))).select('a.id', 'b.rv').show();
  },
  join_order: ({ spark }) => {
    const l = spark.createDataFrame([5, 3, 9, 1, 7, 3, 12, 8].map((k) => [k, `l${k}`]), ['id', 'lv']);
    const r = spark.createDataFrame([3, 1, 12, 5, 40, 9, 3].map((k) => [k, `r${k}`]), ['id', 'rv']);
    for (const how of ['inner', 'left', 'full', 'semi']) l.join(r, 'id', how).show();
    l.join(r, l.id!.equalTo(r.id)).show();
    spark.range(10).join(spark.range(3, 8), 'id').show();
    const w = spark.createDataFrame(
      [
        ['b', 3],
        ['a', 1],
        ['c', 2],
        ['a', 5],
        ['b', 1],
        [null, 4],
      ],
      ['g', 'v'],
    );
    w.select('g', 'v', F.row_number().over(Window.partitionBy('g').orderBy('v')).alias('rn')).show();
  },
  unions: ({ spark, attempt }) => {
    const a = spark.createDataFrame([[1, 'x']], ['id', 'v']);
    const b = spark.createDataFrame([['y', 2]], ['v', 'id']);
    a.union(a).show();
    a.unionByName(b).show();
    attempt(() => a.union(spark.createDataFrame([[1]], ['id'])));
    attempt(() => a.unionByName(spark.createDataFrame([[1]], ['id'])));
    a.unionByName(spark.createDataFrame([[3]], ['id']), true).show();
  },
  explode_functions: ({ spark }) => {
    const df = spark.createDataFrame(
      [
        [1, ['a', 'b'], { k: 1 }],
        [2, [], {}],
        [3, null, null],
      ],
      'id INT, arr ARRAY<STRING>, m MAP<STRING,INT>',
    );
    df.select('id', F.explode('arr')).show();
    df.select('id', F.explode_outer('arr')).show();
    df.select('id', F.posexplode('arr')).show();
    df.select('id', F.explode('m')).show();
    df.select(F.size('arr'), F.array_contains('arr', 'a'), F.element_at('arr', 1), df.arr!.getItem(0), F.sort_array('arr', false)).show();
    const lines = spark.createDataFrame([['apache spark'], ['apache hadoop']], ['value']);
    lines.select(F.explode(F.split(lines.value!, ' ')).alias('word')).groupBy('word').count().show();
  },
  windows: ({ spark }) => {
    const df = spark.createDataFrame(
      [
        ['a', 1, 10],
        ['a', 2, 20],
        ['a', 3, 20],
        ['b', 1, 5],
        ['b', 2, 15],
      ],
      ['dept', 'id', 'salary'],
    );
    const w = Window.partitionBy('dept').orderBy(F.desc('salary'));
    df.select('dept', 'id', 'salary', F.row_number().over(w).alias('rn'), F.rank().over(w).alias('rk'), F.dense_rank().over(w).alias('dr')).show();
    const w2 = Window.partitionBy('dept').orderBy('id');
    df.select('dept', 'id', F.lag('salary').over(w2), F.lead('salary', 1, 0).over(w2), F.sum('salary').over(w2).alias('running')).show();
    df.select('dept', 'id', F.sum('salary').over(Window.partitionBy('dept')).alias('total'), F.avg('salary').over(w2.rowsBetween(-1, 1)).alias('avg3')).show();
    df.withColumn('rn', F.row_number().over(w)).filter(F.col('rn').equalTo(1)).show();
  },
  dataframe_ops: ({ spark, print, attempt }) => {
    const df = people(spark);
    df.withColumn('age2', df.age!.multiply(2)).withColumnRenamed('city', 'town').drop('name').show();
    df.dropDuplicates(['city']).orderBy('name').show();
    df.na.fill(0).show();
    df.na.fill('none').show();
    df.na.drop().show();
    df.na.fill({ age: -1, city: '?' }).show();
    df.describe().show();
    df.summary().show();
    print(df.count(), df.first());
    print(df.limit(2).collect());
    df.toDF('n', 'a', 'c').show(2);
    print(df.toJSON().collect());
    attempt(() => df.select('nme'));
    attempt(() => df.select(F.col('agee')));
    attempt(() => df.withColumn('x', 1 as never));
    attempt(() => df.select(F.sum('name'), 'name'));
    attempt(() => df.groupBy('city').agg(F.col('name')));
    attempt(() => df.select(df.age!.equalTo(F.array(F.lit(1)))));
    attempt(() => df.select(F.call('foo', df.age!)));
    attempt(() => spark.table('peple'));
  },
  pivot: ({ spark }) => {
    const df = people(spark);
    df.groupBy('city').pivot('name').agg(F.max('age')).orderBy('city').show();
    df.groupBy('city').pivot('name', ['Alice', 'Bob']).agg(F.max('age'), F.count('*')).orderBy('city').show();
  },
  dates: ({ spark }) => {
    const df = spark.createDataFrame([['2024-03-05 14:30:15', 0]], ['s', 'z']);
    const ts = F.to_timestamp('s');
    df.select(ts, F.to_date('s'), F.date_format(ts, 'EEE MMM d yyyy'), F.unix_timestamp('s'), F.from_unixtime('z'), F.year(ts), F.month(ts), F.dayofmonth(ts), F.hour(ts), F.minute(ts), F.second(ts)).show(20, false);
    df.select(F.to_timestamp(F.lit('05/03/2024 14:30'), 'dd/MM/yyyy HH:mm'), F.to_date(F.lit('nope')), F.dayofweek(ts), F.date_add(F.to_date('s'), 30), F.datediff(F.lit('2024-03-10'), F.to_date('s'))).show();
    const ev = spark.createDataFrame(
      [
        [new Date(Date.UTC(2024, 0, 1, 12, 7)), 'dog'],
        [new Date(Date.UTC(2024, 0, 1, 12, 8)), 'owl'],
        [new Date(Date.UTC(2024, 0, 1, 12, 14)), 'dog'],
      ],
      ['t', 'w'],
    );
    ev.groupBy(F.window('t', '10 minutes', '5 minutes'), 'w').count().orderBy('window', 'w').show(20, false);
    ev.select(F.window('t', '10 minutes')).printSchema();
  },
  json_functions: ({ spark }) => {
    const df = spark.createDataFrame([['{"a": 1, "b": "x"}'], ['not json']], ['js']);
    df.select(F.from_json('js', 'a INT, b STRING').alias('p')).show();
    df.select(F.get_json_object('js', '$.b')).show();
    spark.createDataFrame([[1, null, 'z']], 'a INT, b STRING, c STRING').select(F.to_json(F.struct('a', 'b', 'c'))).show(20, false);
  },
  udfs: ({ spark }) => {
    const df = people(spark);
    const slen = F.udf((s: string) => s.length, new IntegerType());
    df.select(slen(df.name!).alias('n')).show();
    const plus = F.udf(function (a: number | null) {
      return a === null ? null : a + 100;
    }, 'int');
    // pyspark names a lambda UDF `<lambda>`; a named TypeScript function keeps its name.
    Object.defineProperty(plus, 'udfName', { value: '<lambda>' });
    df.select(F.udf((a: number | null) => (a === null ? null : a + 100), 'int')('age')).show();
  },
  views_catalog: ({ spark, print, attempt }) => {
    const df = people(spark);
    df.createOrReplaceTempView('people');
    spark.table('people').filter(F.col('age').gt(30)).show();
    attempt(() => df.createTempView('people'));
    print(spark.catalog.listTables());
    print(spark.catalog.dropTempView('people'), spark.catalog.dropTempView('people'));
    df.createGlobalTempView('gp');
    spark.table('global_temp.gp').select('name').show(2);
    print(spark.conf.get('spark.sql.shuffle.partitions'));
    spark.conf.set('spark.sql.shuffle.partitions', 4);
    print(`'${spark.conf.get('spark.sql.shuffle.partitions')}'`);
    attempt(() => spark.conf.get('spark.nonexistent.key'));
  },
  getting_started: ({ spark, print, printTuples }) => {
    void printTuples;
    const d = (y: number, m: number, day: number, h = 0): Date => new Date(Date.UTC(y, m - 1, day, h));
    const df = spark.createDataFrame(
      [
        [1, 2, 'string1', d(2000, 1, 1), d(2000, 1, 1, 12)],
        [2, 3, 'string2', d(2000, 2, 1), d(2000, 1, 2, 12)],
        [3, 4, 'string3', d(2000, 3, 1), d(2000, 1, 3, 12)],
      ],
      'a long, b double, c string, d date, e timestamp',
    );
    print(String(df));
    df.show();
    df.printSchema();
    df.show(1);
    df.show(1, true, true);
    print(df.columns);
    df.select('a', 'b', 'c').describe().show();
    print(df.collect());
    print(df.take(1));
    print(df.a);
    df.select(df.c!).show();
    df.withColumn('upper_c', F.upper(df.c!)).show();
    df.filter(df.a!.equalTo(1)).show();
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
    df2.show();
    df2.groupby('color').avg().show();
  },
  more_semantics: ({ spark }) => {
    const d = spark.createDataFrame([[Decimal.parse('1.50'), Decimal.parse('2.25'), 3]], 'a DECIMAL(5,2), b DECIMAL(5,2), n INT');
    d.select(d.a!.plus(d.b), d.a!.multiply(d.b), d.a!.divide(d.b), d.a!.plus(d.n), d.a!.multiply(2), F.round(d.b!, 1), d.a!.cast('double')).show();
    d.printSchema();
    const u = spark.createDataFrame([[1, 'a']], 'x INT, y STRING').union(spark.createDataFrame([[2.5, 'b']], 'x DOUBLE, y STRING'));
    u.printSchema();
    u.show();
    const a = spark.createDataFrame([[1], [2], [2], [3]], ['v']);
    const b = spark.createDataFrame([[2], [4]], ['v']);
    a.intersect(b).show();
    a.subtract(b).orderBy('v').show();
    a.exceptAll(b).orderBy('v').show();
    const w = Window.partitionBy('g').orderBy('v');
    const df = spark.createDataFrame(
      [
        ['x', 1],
        ['x', 2],
        ['x', 2],
        ['x', 5],
        ['y', 3],
      ],
      ['g', 'v'],
    );
    df.select(
      'g',
      'v',
      F.ntile(2).over(w).alias('nt'),
      F.percent_rank().over(w).alias('pr'),
      F.cume_dist().over(w).alias('cd'),
      F.sum('v').over(w.rangeBetween(-1, 1)).alias('rs'),
      F.max('v').over(w.rowsBetween(Window.unboundedPreceding, Window.currentRow)).alias('mx'),
    ).show();
    df.na.replace(2, 20).show();
    spark.createDataFrame([[1.0, 1e-4, 1e7, 123456.789, 0.00012345]], 'a DOUBLE, b DOUBLE, c DOUBLE, d DOUBLE, e DOUBLE').show();
    spark
      .createDataFrame([[1, 2]], ['a', 'b'])
      .select(F.greatest('a', 'b'), F.least('a', 'b'), F.coalesce(F.lit(null), 'a'), F.struct('a', 'b').alias('s'), F.array('a', 'b').alias('arr'), F.create_map(F.lit('k'), 'a').alias('m'))
      .show();
    spark.createDataFrame([[1, 2]], ['a', 'b']).select(F.struct('a', 'b').alias('s')).select('s.a', 's.*').show();
  },
  ansi_mode: ({ spark, attempt }) => {
    spark.conf.set('spark.sql.ansi.enabled', 'true');
    attempt(() => spark.range(1).select(F.lit('abc').cast('int')).collect());
    attempt(() => spark.range(1).select(F.lit(5).divide(F.lit(0))).collect());
    attempt(() => spark.range(1).select(F.lit(2147483647).plus(F.lit(1))).collect());
    spark.range(1).select(F.lit(7).divide(F.lit(2))).show();
    spark.conf.set('spark.sql.ansi.enabled', 'false');
  },
};

describe('DataFrames against recorded PySpark output (part 2)', () => {
  for (const [name, body] of Object.entries(cases)) {
    it(`${name} prints what PySpark printed`, () => {
      expect(dumpOnMismatch(name, runCase(body))).toBe(expectedOutput(name));
    });
  }
});
