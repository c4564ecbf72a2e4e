// The jdbc (PostgreSQL) and redis sources through the DataFrame API against the real servers:
// what a user types in the shell, end to end.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkContext } from '../../src/sql/engine.js';
import { SparkSession } from '../../src/sql/index.js';
import { closeConnectorConnections } from '../../src/sources/connectors.js';
import { service } from '../support/services.js';

let spark: SparkSession;
let pgUrl: string;
let redisUrl: string;

beforeAll(async () => {
  [pgUrl, redisUrl] = await Promise.all([service('postgres'), service('redis')]);
  spark = new SparkSession(new SparkContext('local[2]', 'servers-df'), { out: () => undefined });
}, 600_000);

afterAll(() => {
  spark?.stop();
  closeConnectorConnections();
});

describe('DataFrames into the real servers', () => {
  it('PostgreSQL: write with COPY, read back with a query and a partitioned read', () => {
    const table = `df_${randomUUID().slice(0, 8)}`;
    const rows = Array.from({ length: 1000 }, (_, i) => [i, `w${i % 7}`, i / 4]);
    spark.createDataFrame(rows, ['id', 'word', 'score']).write.format('jdbc').option('url', pgUrl).option('dbtable', table).save();
    const byWord = spark.read.format('jdbc').option('url', pgUrl).option('query', `select word, count(*) as n from ${table} group by word`).load();
    expect(byWord.orderBy('word').collect().map((r) => [r.word, r.n])).toEqual(Array.from({ length: 7 }, (_, i) => [`w${i}`, i < 1000 % 7 ? 143 : 142]));
    const parts = spark.read.format('jdbc').option('url', pgUrl).option('dbtable', table).option('partitionColumn', 'id').option('lowerBound', 0).option('upperBound', 1000).option('numPartitions', 4).load();
    expect(parts.rdd.getNumPartitions()).toBe(4);
    expect(parts.count()).toBe(1000);
  });

  it('Redis: rows as hashes, read back with the kept schema', () => {
    const table = `people_${randomUUID().slice(0, 8)}`;
    spark.createDataFrame([['John', 30], ['Peter', 45]], ['name', 'age']).write.format('org.apache.spark.sql.redis').option('url', redisUrl).option('table', table).option('key.column', 'name').save();
    const back = spark.read.format('redis').option('url', redisUrl).option('table', table).load();
    expect(back.schema.simpleString()).toBe('struct<name:string,age:bigint>');
    expect(back.orderBy('name').collect().map((r) => [r.name, r.age])).toEqual([['John', 30], ['Peter', 45]]);
  });
});
