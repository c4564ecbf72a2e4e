/**
 * DataFrame API behaviour beyond the recorded PySpark cases: RDD interplay (`rdd.toDF`,
 * `df.rdd`, `createDataFrame(rdd)`), caching, the catalog, conf checks, explain, column access
 * and completion, and the data-source contract end to end with a format defined here over
 * real files.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SparkContext } from '../../src/sql/engine.js';
import {
  type DataSourceProvider,
  Row,
  SparkArgumentError,
  SparkSession,
  StringType,
  StructField,
  StructType,
  functions as F,
  registerDataSource,
} from '../../src/sql/index.js';

let spark: SparkSession | undefined;
let out = '';
const dirs: string[] = [];

function session(): SparkSession {
  out = '';
  spark = new SparkSession(new SparkContext('local[2]', 'api'), { out: (t) => (out += t) });
  return spark;
}

afterEach(() => {
  spark?.stop();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('DataFrames and RDDs', () => {
  it('turns an RDD into a DataFrame with rdd.toDF and back into Rows with df.rdd', () => {
    const s = session();
    const rdd = s.sparkContext.parallelize([
      ['a', 1],
      ['b', 2],
    ]);
    const df = rdd.toDF(['k', 'v']);
    expect(String(df)).toBe('DataFrame[k: string, v: bigint]');
    const rows = df.rdd.map((r) => `${String(r['k'])}=${String(r['v'])}`).collect();
    expect(rows).toEqual(['a=1', 'b=2']);
    expect(df.rdd.getNumPartitions()).toBe(2);
    const fromRows = s.createDataFrame(s.sparkContext.parallelize([Row({ word: 'x' }), Row({ word: 'y' })]));
    expect(fromRows.collect().map(String)).toEqual(["Row(word='x')", "Row(word='y')"]);
  });

  it('caches a DataFrame: computed once, then read from memory', () => {
    const s = session();
    let calls = 0;
    const counted = F.udf((x: number) => {
      calls++;
      return x;
    }, 'bigint');
    const df = s.range(5).select(counted('id').alias('id')).cache();
    expect(df.is_cached).toBe(true);
    expect(df.count()).toBe(5);
    expect(df.collect()).toHaveLength(5);
    expect(calls).toBe(5);
    df.unpersist();
    expect(df.is_cached).toBe(false);
  });

  it('lists column names as properties, so the shell completes df. with them', () => {
    const s = session();
    const df = s.createDataFrame([['a', 1]], ['word', 'n']);
    expect(Object.keys(df)).toEqual(expect.arrayContaining(['word', 'n']));
    expect('word' in df).toBe(true);
    expect(String(df.word)).toBe("Column<'word'>");
    expect(String(df['n'])).toBe("Column<'n'>");
    expect(df.nope).toBeUndefined();
    // A column named like a method (count, show …) is reached with df.col(…): the method wins.
    const counts = df.groupBy('word').count();
    expect(typeof counts['count']).toBe('function');
    expect(String(counts.col('count'))).toBe("Column<'count'>");
  });
});

describe('session services', () => {
  it('keeps temp views per session and global ones across sessions of one context', () => {
    const s = session();
    s.range(3).createOrReplaceTempView('nums');
    s.range(2).createGlobalTempView('g');
    expect(s.catalog.listTables().map(String)).toEqual(["Table(name='nums', catalog=None, namespace=[], description=None, tableType='TEMPORARY', isTemporary=True)"]);
    const other = s.newSession();
    expect(other.catalog.tableExists('nums')).toBe(false);
    expect(other.table('global_temp.g').count()).toBe(2);
    expect(s.table('NUMS').count()).toBe(3);
  });

  it('checks conf values at set time', () => {
    const s = session();
    expect(() => s.conf.set('spark.sql.shuffle.partitions', 0)).toThrow(SparkArgumentError);
    expect(() => s.conf.set('spark.sql.session.timeZone', 'Mars/Base')).toThrow(/region-based zone ID/);
    s.conf.set('spark.sql.session.timeZone', 'America/New_York');
    s.createDataFrame([[new Date(Date.UTC(2024, 0, 2, 3, 4, 5))]], 't TIMESTAMP').show();
    expect(out).toContain('2024-01-01 22:04:05');
  });

  it('explains the plan as Spark does, parsed and analysed with extended', () => {
    const s = session();
    const df = s.createDataFrame([['a', 'Paris']], ['name', 'city']).groupBy('city').count();
    df.explain();
    expect(out).toMatch(/^== Physical Plan ==\nAdaptiveSparkPlan isFinalPlan=false\n\+- HashAggregate\(keys=\[city#\d+\], functions=\[count\(1\)\]\)\n {3}\+- Exchange hashpartitioning\(city#\d+, 200\), ENSURE_REQUIREMENTS, \[plan_id=\d+\]\n {6}\+- HashAggregate\(keys=\[city#\d+\], functions=\[partial_count\(1\)\]\)/);
    out = '';
    df.explain(true);
    expect(out).toContain("== Parsed Logical Plan ==\n'Aggregate ['city], ['city, 'count(1) AS count]\n+- LogicalRDD [name, city], false");
    expect(out).toMatch(/== Analyzed Logical Plan ==\ncity: string, count: bigint\nAggregate \[city#\d+\], \[city#\d+, count\(1\) AS count#\d+L\]/);
  });
});

/** A tiny line format over real files: one string column `value`; writes one file per partition. */
const linesFormat: DataSourceProvider = {
  name: 'test-lines',
  checkOptions(options) {
    options.checkKnown('test-lines', ['prefix']);
  },
  createBatchScan(request) {
    const files = request.paths.flatMap((p) => (existsSync(p) ? [p] : []));
    if (files.length !== request.paths.length) throw new SparkArgumentError('PATH_NOT_FOUND', { path: `file:${request.paths[0]}` });
    const lines = files.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l !== ''));
    const prefix = request.options.get('prefix') ?? '';
    return {
      schema: request.userSchema ?? new StructType([new StructField('value', new StringType())]),
      numPartitions: 2,
      readPartition(i, emit) {
        lines.forEach((l, j) => {
          if (j % 2 === i) emit([prefix + l]);
        });
      },
      describe: () => `Scan test-lines [${files.join(', ')}]`,
    };
  },
  write(request, data) {
    const path = request.path!;
    if (existsSync(path)) {
      if (request.mode === 'error') throw new SparkArgumentError('PATH_ALREADY_EXISTS', { outputPath: `file:${path}` });
      if (request.mode === 'ignore') return;
      if (request.mode === 'overwrite') rmSync(path, { recursive: true });
    }
    mkdirSync(path, { recursive: true });
    for (let i = 0; i < data.numPartitions; i++) {
      const lines: string[] = [];
      data.readPartition(i, (r) => lines.push(String(r[0])));
      writeFileSync(join(path, `part-${String(i).padStart(5, '0')}-${Date.now()}.txt`), lines.map((l) => `${l}\n`).join(''));
    }
  },
};

describe('the data-source contract', () => {
  it('reads through a registered format, checks its options at load, and writes with save modes', () => {
    registerDataSource(linesFormat);
    const s = session();
    const dir = mkdtempSync(join(tmpdir(), 'tspark-sql-'));
    dirs.push(dir);
    const input = join(dir, 'in.txt');
    writeFileSync(input, 'apache spark\napache hadoop\nspark\n');
    const df = s.read.format('test-lines').option('prefix', '> ').load(input);
    expect(df.columns).toEqual(['value']);
    expect(df.collect().map((r) => r['value'])).toEqual(['> apache spark', '> spark', '> apache hadoop']);
    const e = (() => {
      try {
        s.read.format('test-lines').option('bogus', 1).load(input);
      } catch (err) {
        return err as SparkArgumentError;
      }
      return undefined;
    })();
    expect(e?.errorClass).toBe('INVALID_ARGUMENT');
    expect(e?.message).toContain('unknown option "bogus"');
    expect(() => s.read.format('nope').load(input)).toThrow(/\[DATA_SOURCE_NOT_FOUND\] Failed to find the data source: nope/);

    const words = df.select(F.explode(F.split(F.col('value'), ' ')).alias('value'));
    const target = join(dir, 'out');
    words.write.format('test-lines').save(target);
    expect(() => words.write.format('test-lines').save(target)).toThrow(/PATH_ALREADY_EXISTS/);
    words.write.format('test-lines').mode('ignore').save(target);
    words.write.format('test-lines').mode('overwrite').save(target);
    const written = readdirSync(target).flatMap((f) => readFileSync(join(target, f), 'utf8').split('\n').filter((l) => l !== ''));
    expect(written.sort()).toEqual(['>', '>', '>', 'apache', 'apache', 'hadoop', 'spark', 'spark']);
    expect(() => words.write.mode('bogus')).toThrow(/Unknown save mode: bogus/);
  });
});
