/**
 * Issue 15's differential suite, DataFrame part: DataFrames built with tspark's own API run on the
 * local engine and, translated, on the real Spark Connect server; the answers must agree. Real
 * Spark is the oracle for the local engine (and the local engine a check on the translator).
 * The first block compares internal rows of one plan sent through the protocol-level client; the
 * second runs whole programs on a local and a remote SparkSession through the same public API
 * and compares what a user sees (columns, types, rows, show() text). SQL: differential-sql;
 * Structured Streaming: differential-streaming.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ConnectClient } from '../../../src/sql/connect/client.js';
import { toProtoRelation } from '../../../src/sql/connect/translate/relations.js';
import { SparkContext } from '../../../src/sql/engine.js';
import { functions as F, SparkSession, Window, type DataFrame } from '../../../src/sql/index.js';
import { describeRemote, newClient } from './remote.js';
import { answer, openPair, type SessionPair } from './differential.js';

describeRemote('the same DataFrame on the local engine and on Spark (differential)', () => {
  let client: ConnectClient;
  let spark: SparkSession;
  beforeAll(async () => {
    client = newClient();
    await client.configSet({ 'spark.sql.session.timeZone': 'UTC' });
    spark = new SparkSession(new SparkContext('local[2]', 'differential'), { out: () => {} });
  });
  afterAll(async () => {
    spark.stop();
    await client.releaseSession();
  });

  /** Local rows and remote rows of one DataFrame; `ordered` when the plan sorts. */
  async function both(df: DataFrame, ordered: boolean): Promise<[unknown[][], unknown[][]]> {
    const local = spark.executor().collect(df.analyzed) as unknown[][];
    const remote = (await client.collect(toProtoRelation(df.plan))).rows as unknown[][];
    const key = (r: unknown[]): string => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return ordered ? [local, remote] : [local.map(key).sort().map((k) => JSON.parse(k) as unknown[]), remote.map(key).sort().map((k) => JSON.parse(k) as unknown[])];
  }

  const words = () =>
    spark.createDataFrame(
      [
        ['spark', 1],
        ['apache', 2],
        ['spark', 3],
        ['streaming', 4],
        ['apache', 5],
      ],
      ['word', 'n'],
    );

  it('groupBy count, sum and avg, ordered', async () => {
    const df = words().groupBy('word').agg(F.count('*').alias('c'), F.sum('n').alias('s'), F.avg('n').alias('a')).orderBy('word');
    const [local, remote] = await both(df, true);
    expect(remote).toEqual(local);
    expect(remote).toEqual([
      ['apache', 2, 7, 3.5],
      ['spark', 2, 4, 2],
      ['streaming', 1, 4, 4],
    ]);
  });

  it('select with column arithmetic and functions, filter with Columns', async () => {
    // (Filters as SQL text wait for the parser on branch sqlparse.)
    const w = words();
    const df = w
      .filter(w.col('n').gt(1))
      .where(w.col('word').notEqual('streaming'))
      .select(F.upper(w.col('word')).alias('W'), w.col('n').multiply(10).alias('n10'), F.concat_ws('-', w.col('word'), w.col('word')).alias('ww'), F.length(w.col('word')).alias('len'));
    const [local, remote] = await both(df, false);
    expect(remote).toEqual(local);
  });

  it('explode of split, distinct, withColumn, withColumnRenamed and drop', async () => {
    const lines = spark.createDataFrame([['a b a'], ['b c']], ['value']);
    const df = lines
      .select(F.explode(F.split(lines.col('value'), ' ')).alias('word'))
      .distinct()
      .withColumn('up', F.upper('word'))
      .withColumnRenamed('up', 'UP')
      .drop('word');
    const [local, remote] = await both(df, false);
    expect(remote).toEqual(local);
    expect(remote).toEqual([['A'], ['B'], ['C']]);
  });

  it('a join on an expression between two DataFrames, told apart by plan id, and a join on a name', async () => {
    const left = words();
    const right = spark.createDataFrame(
      [
        ['spark', 'engine'],
        ['apache', 'foundation'],
      ],
      ['word', 'kind'],
    );
    const onExpr = left.join(right, left.col('word').equalTo(right.col('word')), 'left').select(left.col('word'), left.col('n'), right.col('kind'));
    const [l1, r1] = await both(onExpr, false);
    expect(r1).toEqual(l1);
    const onName = left.join(right, 'word').orderBy('n');
    const [l2, r2] = await both(onName, true);
    expect(r2).toEqual(l2);
  });

  it('a window function and a union', async () => {
    const w = words();
    const ranked = w.withColumn('rank', F.row_number().over(Window.partitionBy('word').orderBy(F.desc('n')))).orderBy('word', 'rank');
    const [l1, r1] = await both(ranked, true);
    expect(r1).toEqual(l1);
    const both2 = w.union(w).groupBy('word').count().orderBy('word');
    const [l2, r2] = await both(both2, true);
    expect(r2).toEqual(l2);
  });

  const people = () =>
    spark.createDataFrame(
      [
        ['Alice', 34, '2024-02-29', null],
        ['bob', null, '2023-12-31', 'x'],
        ['Carol', 28, null, 'y'],
        ['dave', 45, '2024-07-04', 'x'],
      ],
      ['name', 'age', 'day', 'tag'],
    );

  it('predicates and conditionals: isin, like, between, isNull, when/otherwise, coalesce, casts', async () => {
    const p = people();
    const df = p.select(
      p.col('name'),
      p.col('age').isin(28, 45).alias('in'),
      p.col('name').like('%a%').alias('like'),
      p.col('age').between(30, 50).alias('mid'),
      p.col('tag').isNull().alias('notag'),
      F.when(p.col('age').lt(30), 'young').when(p.col('age').geq(40), 'older').otherwise('other').alias('band'),
      F.coalesce(p.col('tag'), F.lit('none')).alias('tag2'),
      p.col('age').cast('string').alias('age_s'),
      p.col('day').cast('date').alias('d'),
      F.lower(p.col('name')).startswith('c').alias('c'),
    );
    const [local, remote] = await both(df, false);
    expect(remote).toEqual(local);
  });

  it('strings, numbers and dates: substring, regexp_replace, lpad, round, abs, pow, year, date_add, datediff, date_format', async () => {
    const p = people();
    const d = p.col('day').cast('date');
    const df = p.select(
      F.substring(p.col('name'), 1, 3).alias('sub'),
      F.regexp_replace(p.col('name'), '[aeiou]', '_').alias('re'),
      F.lpad(p.col('name'), 7, '*').alias('pad'),
      F.round(p.col('age').divide(7), 2).alias('r'),
      F.abs(p.col('age').minus(40)).alias('abs'),
      F.pow(p.col('age'), 2).alias('sq'),
      F.year(d).alias('y'),
      F.date_add(d, 1).alias('next'),
      F.datediff(d, F.lit('2024-01-01').cast('date')).alias('since'),
      F.date_format(d, 'yyyy/MM/dd').alias('fmt'),
    );
    const [local, remote] = await both(df, false);
    expect(remote).toEqual(local);
  });

  it('aggregates: countDistinct, min/max, collect_set size, and orderBy with null placement', async () => {
    const p = people();
    const agg = p.groupBy('tag').agg(F.countDistinct('name').alias('names'), F.max('age').alias('oldest'), F.min('day').alias('first'), F.size(F.collect_set('name')).alias('set')).orderBy(F.asc_nulls_last('tag'));
    const [l1, r1] = await both(agg, true);
    expect(r1).toEqual(l1);
    const sorted = p.orderBy(F.desc_nulls_first('age'), 'name').select('name', 'age');
    const [l2, r2] = await both(sorted, true);
    expect(r2).toEqual(l2);
    const dedup = p.dropDuplicates(['tag']).select('tag');
    const [l3, r3] = await both(dedup, false);
    expect(r3).toEqual(l3);
  });
});

describeRemote('the same DataFrame programs on a local and a remote SparkSession (differential)', () => {
  let pair: SessionPair;
  beforeAll(() => {
    pair = openPair('differential-programs');
  });
  afterAll(() => pair?.stop());

  const sales = (s: SparkSession): DataFrame =>
    s.createDataFrame(
      [
        ['2024-01-03', 'north', 'apples', 3, 1.5],
        ['2024-01-03', 'south', 'pears', 1, 2.25],
        ['2024-01-04', 'north', 'pears', null, 2.25],
        ['2024-01-05', 'east', 'apples', 7, 1.5],
        ['2024-01-05', 'north', 'apples', 2, null],
        ['2024-01-06', null, 'plums', 4, 3.0],
      ],
      'day string, region string, fruit string, qty int, price double',
    );

  /** Each program, and whether its result is ordered (then show() text is compared too). */
  const programs: Record<string, { build: (s: SparkSession) => DataFrame; ordered: boolean }> = {
    'groupBy with several aggregates, ordered': {
      build: (s) => sales(s).groupBy('fruit').agg(F.sum('qty').alias('qty'), F.round(F.avg('price'), 3).alias('p'), F.count('*').alias('n')).orderBy('fruit'),
      ordered: true,
    },
    'groupBy two columns, nulls first': {
      build: (s) => sales(s).groupBy('region', 'fruit').agg(F.sum('qty').alias('q')).orderBy(F.asc_nulls_first('region'), F.asc_nulls_first('fruit')),
      ordered: true,
    },
    'pivot with given values': {
      build: (s) => sales(s).groupBy('region').pivot('fruit', ['apples', 'pears']).sum('qty').orderBy(F.asc_nulls_last('region')),
      ordered: true,
    },
    'na.fill, na.drop and na.replace': {
      build: (s) => sales(s).na.fill(0, ['qty']).na.fill('unknown', ['region']).na.drop('any', undefined, ['price']).na.replace('plums', 'prunes', ['fruit']).orderBy('day', 'region'),
      ordered: true,
    },
    'withColumn arithmetic, when, and a date column': {
      build: (s) => {
        const d = sales(s);
        return d
          .withColumn('total', d.col('qty').multiply(d.col('price')))
          .withColumn('big', F.when(d.col('qty').geq(3), true).otherwise(false))
          .withColumn('dow', F.dayofweek(d.col('day').cast('date')))
          .orderBy('day', 'fruit');
      },
      ordered: true,
    },
    'window lag, lead and a running sum': {
      build: (s) => {
        const w = Window.partitionBy('fruit').orderBy('day');
        return sales(s).select('fruit', 'day', 'qty', F.lag('qty').over(w).alias('prev'), F.lead('qty').over(w).alias('next'), F.sum('qty').over(w).alias('running')).orderBy('fruit', 'day');
      },
      ordered: true,
    },
    'unionByName with missing columns, intersect and subtract': {
      build: (s) => {
        const a = sales(s).select('fruit', 'qty');
        const b = s.createDataFrame([['kiwi']], ['fruit']);
        return a.unionByName(b, true).intersect(a.union(b.withColumn('qty', F.lit(null).cast('int')))).subtract(a.filter(a.col('qty').gt(5)));
      },
      ordered: false,
    },
    'crossJoin, limit, offset and tail': {
      build: (s) => {
        const r = s.range(3);
        return r.crossJoin(r.withColumnRenamed('id', 'j')).orderBy('id', 'j').offset(2).limit(5);
      },
      ordered: true,
    },
    'explode, posexplode, collect_list sorted, and array functions': {
      build: (s) => {
        const d = s.createDataFrame([['a', 'x y x'], ['b', 'z']], ['k', 'v']);
        return d
          .select('k', F.posexplode(F.split(d.col('v'), ' ')))
          .groupBy('k')
          .agg(F.sort_array(F.collect_list('col')).alias('words'), F.max('pos').alias('last'))
          .withColumn('n', F.size('words'))
          .withColumn('has_x', F.array_contains('words', 'x'))
          .orderBy('k');
      },
      ordered: true,
    },
    'JSON in and out: to_json of a struct, get_json_object': {
      build: (s) => {
        const d = sales(s).select('fruit', 'qty').orderBy('fruit', 'qty').limit(3);
        const j = d.select(F.to_json(F.struct('fruit', 'qty')).alias('j'));
        return j.select('j', F.get_json_object(j.col('j'), '$.fruit').alias('f'));
      },
      ordered: true,
    },
    'describe': {
      build: (s) => sales(s).describe('qty', 'price'),
      ordered: true,
    },
    'dropDuplicates on a subset, distinct count, approx percentile': {
      build: (s) => sales(s).dropDuplicates(['fruit']).select(F.countDistinct('fruit').alias('fruits')),
      ordered: true,
    },
    'range with numPartitions, repartition, filter and count': {
      build: (s) => {
        const r = s.range(0, 1000, 7, 3).repartition(5);
        return r.filter(r.col('id').mod(2).equalTo(0)).agg(F.count('*').alias('n'), F.sum('id').alias('s'));
      },
      ordered: true,
    },
  };

  for (const [name, program] of Object.entries(programs)) {
    it(name, () => {
      const local = answer(() => program.build(pair.local), { ordered: program.ordered });
      const remote = answer(() => program.build(pair.remote), { ordered: program.ordered });
      expect(local).toEqual(remote);
      expect(remote.ok).toBe(true);
    });
  }
});
