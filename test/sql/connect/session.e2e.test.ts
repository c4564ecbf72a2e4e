/**
 * The remote SparkSession against the real Spark Connect server: the same DataFrame API as a
 * local session (show, collect, count, schema, columns, SQL, views, conf, catalog, files), the
 * refusals of what only the local engine can run, and the errors of a bad URL or a stopped session.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Builder } from '../../../src/sql/api/builder.js';
import { SparkContext } from '../../../src/sql/engine.js';
import { functions as F, SparkSession, type DataFrame } from '../../../src/sql/index.js';
import { describeRemote, serverUrl } from './remote.js';

const people = [
  ['Alice', 34, 'Paris'],
  ['Bob', 45, null],
  ['Cathy', 19, 'Oslo'],
] as const;

describeRemote('a remote SparkSession (builder.remote(url).getOrCreate())', () => {
  let spark: SparkSession;
  let local: SparkSession;
  let printed: string[];
  let dir: string;

  beforeAll(() => {
    local = new SparkSession(new SparkContext('local[2]', 'remote-session-test'), { out: () => {} });
    spark = SparkSession.builder.remote(serverUrl!).config('spark.sql.session.timeZone', 'UTC').getOrCreate();
    printed = [];
    spark.out = (t) => void printed.push(t);
    dir = mkdtempSync(join(tmpdir(), 'tspark-remote-'));
  });
  afterAll(() => {
    spark?.stop();
    local?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const df = (s: SparkSession): DataFrame => s.createDataFrame(people.map((r) => [...r]), 'name string, age int, city string');

  it('is remote, on the server\'s Spark version, with no SparkContext', () => {
    expect(spark.isRemote).toBe(true);
    expect(spark.version).toMatch(/^4\.0\./);
    expect(() => spark.sparkContext).toThrow(expect.objectContaining({ code: 'ERR_CONNECT_UNSUPPORTED' }));
    expect(String(spark)).toContain('remote=sc://');
  });

  it('builds the same DataFrame and prints the same show() text as the local engine', () => {
    const r = df(spark).filter(F.col('age').gt(20)).orderBy('name');
    const l = df(local).filter(F.col('age').gt(20)).orderBy('name');
    expect(r.showString()).toBe(l.showString());
    expect(r.columns).toEqual(['name', 'age', 'city']);
    expect(r.dtypes).toEqual([['name', 'string'], ['age', 'int'], ['city', 'string']]);
    expect(String(r)).toBe('DataFrame[name: string, age: int, city: string]');
    r.show();
    expect(printed.pop()).toBe(`${l.showString()}\n`);
  });

  it('collects Rows, counts, takes, and reaches columns as properties', () => {
    const r = df(spark);
    expect(r.count()).toBe(3);
    const rows = r.orderBy(r.col('age').desc()).collect();
    expect(rows.map((x) => x['name'])).toEqual(['Bob', 'Alice', 'Cathy']);
    expect(r.select(r['name']!, r['age']!.plus(1).alias('next')).orderBy('name').take(1)[0]!.asDict()).toEqual({ name: 'Alice', next: 35 });
    expect([...r.orderBy('age').toLocalIterator()].map((x) => x['age'])).toEqual([19, 34, 45]);
    expect(r.isEmpty()).toBe(false);
  });

  it('prints the schema and the plan as Spark makes them', () => {
    df(spark).printSchema();
    expect(printed.pop()).toBe('root\n |-- name: string (nullable = true)\n |-- age: integer (nullable = true)\n |-- city: string (nullable = true)\n\n');
    df(spark).explain();
    expect(printed.pop()).toMatch(/^== Physical Plan ==\n.*LocalTableScan/s);
  });

  it('runs SQL on the server, with temporary views of its DataFrames', () => {
    df(spark).createOrReplaceTempView('people');
    const adults = spark.sql('SELECT name, age FROM people WHERE age >= 21 ORDER BY age');
    expect(adults.collect().map((r) => r['name'])).toEqual(['Alice', 'Bob']);
    expect(spark.catalog.listTables().map((t) => t.name)).toContain('people');
    expect(spark.catalog.tableExists('people')).toBe(true);
    // A statement runs at once and returns its rows, as in Spark.
    expect(spark.sql('SHOW TABLES').collect().map((r) => r['tableName'])).toContain('people');
    expect(spark.catalog.dropTempView('people')).toBe(true);
    expect(spark.catalog.tableExists('people')).toBe(false);
  });

  it('sets, reads and unsets confs on the server', () => {
    spark.conf.set('spark.sql.shuffle.partitions', 3);
    expect(spark.conf.get('spark.sql.shuffle.partitions')).toBe('3');
    spark.conf.unset('spark.sql.shuffle.partitions');
    expect(spark.conf.get('tspark.no.such.key', 'fallback')).toBe('fallback');
    expect(() => spark.conf.get('tspark.no.such.key')).toThrow(expect.objectContaining({ errorClass: 'SQL_CONF_NOT_FOUND' }));
  });

  it('writes and reads files on the server (paths are the server\'s)', () => {
    const path = join(dir, 'people.parquet');
    df(spark).write.mode('overwrite').parquet(path);
    const back = spark.read.parquet(path).orderBy('name');
    expect(back.collect().map((r) => [r['name'], r['age'], r['city']])).toEqual(people.map((r) => [...r]));
  });

  it('reports Spark\'s analysis error at the action, with its error class', () => {
    const bad = df(spark).select('nope');
    expect(() => bad.collect()).toThrow(expect.objectContaining({ code: 'ERR_SQL_ANALYSIS', errorClass: 'UNRESOLVED_COLUMN.WITH_SUGGESTION' }));
  });

  it('refuses, at the call and in one line, what only the local engine can run', () => {
    const r = df(spark);
    const refused = expect.objectContaining({ code: 'ERR_CONNECT_UNSUPPORTED', message: expect.not.stringContaining('\n') });
    expect(() => r.rdd).toThrow(refused);
    expect(() => r.foreach(() => {})).toThrow(refused);
    expect(() => r.toJSON()).toThrow(refused);
    expect(() => spark.udf.register('f', (x: number) => x)).toThrow(refused);
    const plusOne = F.udf((x: number) => x + 1, 'int');
    expect(() => r.select(plusOne(r.col('age')))).toThrow(refused);
    expect(() => spark.createDataFrame(local.sparkContext.parallelize([[1]]))).toThrow(refused);
  });

  it('reuses the active remote session for the same URL, and takes SPARK_REMOTE when no master is named', () => {
    expect(SparkSession.builder.remote(serverUrl!).getOrCreate()).toBe(spark);
    expect(new Builder({ SPARK_REMOTE: serverUrl! }).getOrCreate()).toBe(spark);
    expect(() => SparkSession.builder.master('local[2]').remote(serverUrl!).getOrCreate()).toThrow(
      expect.objectContaining({ errorClass: 'CANNOT_CONFIGURE_SPARK_CONNECT_MASTER' }),
    );
  });

  it('fails with one line for a bad URL or a server that is not there, and local work goes on', () => {
    expect(() => SparkSession.builder.remote('sc://127.0.0.1:99999').getOrCreate()).toThrow(expect.objectContaining({ code: 'ERR_CONNECT_URL' }));
    expect(() => SparkSession.builder.remote('sc://127.0.0.1:1').getOrCreate()).toThrow(expect.objectContaining({ code: 'ERR_CONNECT_UNAVAILABLE' }));
    expect(df(local).count()).toBe(3);
  });

  it('a stopped remote session says it is closed; a new one works', () => {
    const other = spark.newSession();
    const d = other.range(3);
    other.stop();
    expect(() => d.collect()).toThrow(expect.objectContaining({ code: 'ERR_CONNECT_SESSION_CLOSED' }));
    expect(spark.range(3).count()).toBe(3);
  });
});
