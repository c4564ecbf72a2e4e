// The redis provider against a real Redis (scripts/services.mjs start redis), through the
// data-source contract: rows as hashes laid out as spark-redis lays them out, read back with the
// kept schema, an inferred one or the user's; save modes; a server that is down.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import { BinaryType, DateType, DecimalType, DoubleType, IntegerType, LongType, StringType, StructField, StructType, TimestampType, BooleanType } from '../../../src/sql/types/data-types.js';
import { closeRedisConnections } from '../../../src/sources/redis/redis-connection.js';
import { redisSource } from '../../../src/sources/redis/provider.js';
import { partitionsOf, readAll, readRequest, writeRequest } from '../../support/row-partitions.js';
import { service } from '../../support/services.js';

let url: string;
let redis: Redis;

beforeAll(async () => {
  url = await service('redis');
  redis = new Redis(url);
}, 600_000);

afterAll(() => {
  closeRedisConnections();
  redis?.disconnect();
});

const people = new StructType([new StructField('name', new StringType()), new StructField('age', new IntegerType()), new StructField('salary', new DoubleType())]);
const rows = [['John', 30, 150.5], ['Peter', 35, 200.25], ['Ann', null, 99]];
const table = () => `person_${randomUUID().slice(0, 8)}`;
const write = (t: string, mode: 'error' | 'append' | 'overwrite' | 'ignore', data: unknown[][], options: Record<string, string | number | boolean> = {}, schema = people) =>
  redisSource.write!(writeRequest('redis', mode, { url, table: t, ...options }), partitionsOf(schema, data));
const read = (t: string, options: Record<string, string | number | boolean> = {}, userSchema?: StructType) =>
  readAll(redisSource.createBatchScan!(readRequest('org.apache.spark.sql.redis', { url, table: t, ...options }, [], userSchema)));
const byName = (r: unknown[][]) => [...r].sort((a, b) => String(a[0]).localeCompare(String(b[0])));

function sparkError(fn: () => unknown): SparkError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SparkError) return err;
    throw err;
  }
  throw new Error('expected a SparkError');
}

describe('redis: rows as hashes', () => {
  it('writes one hash per row at <table>:<key.column>, without the key inside and without NULL fields', async () => {
    const t = table();
    write(t, 'append', rows, { 'key.column': 'name' });
    expect((await redis.keys(`${t}:*`)).sort()).toEqual([`${t}:Ann`, `${t}:John`, `${t}:Peter`]);
    expect(await redis.hgetall(`${t}:John`)).toEqual({ age: '30', salary: '150.5' });
    expect(await redis.hgetall(`${t}:Ann`)).toEqual({ salary: '99' });
  });

  it('reads the table back with the schema it was written with, key column included', () => {
    const t = table();
    write(t, 'append', rows, { 'key.column': 'name' });
    expect(byName(read(t))).toEqual(byName(rows));
  });

  it('without key.column, keys are random ids and every column is in the hash', async () => {
    const t = table();
    write(t, 'append', rows);
    const keys = await redis.keys(`${t}:*`);
    expect(keys).toHaveLength(3);
    expect(keys.every((k) => /^person_\w+:[0-9a-f]{32}$/.test(k))).toBe(true);
    expect(byName(read(t))).toEqual(byName(rows));
  });

  it('round-trips decimals, dates, timestamps, booleans and bytes', () => {
    const t = table();
    const schema = new StructType([
      new StructField('id', new LongType()),
      new StructField('price', new DecimalType(10, 2)),
      new StructField('day', new DateType()),
      new StructField('at', new TimestampType()),
      new StructField('ok', new BooleanType()),
      new StructField('raw', new BinaryType()),
    ]);
    const data = [[1, 1230n, 19782, Date.UTC(2024, 1, 29, 12, 34, 56, 123) * 1000 + 456, true, new Uint8Array([0, 255, 10])]];
    write(t, 'append', data, { 'key.column': 'id' }, schema);
    expect(read(t)).toEqual(data);
  });

  it('with infer.schema, reads every field as a string, as spark-redis infers', () => {
    const t = table();
    write(t, 'append', rows, { 'key.column': 'name' });
    const got = read(t, { 'infer.schema': true, 'key.column': 'name' });
    const scan = redisSource.createBatchScan!(readRequest('redis', { url, table: t, 'infer.schema': true, 'key.column': 'name' }));
    expect(scan.schema.fieldNames().sort()).toEqual(['age', 'name', 'salary']);
    const at = (r: unknown[], n: string) => r[scan.schema.fieldNames().indexOf(n)];
    expect(byName(got).map((r) => [at(r, 'name'), at(r, 'age'), at(r, 'salary')])).toEqual([['Ann', null, '99'], ['John', '30', '150.5'], ['Peter', '35', '200.25']]);
  });

  it('reads hashes another client wrote, with the user\'s schema', async () => {
    const t = table();
    await redis.hset(`${t}:a`, { n: '1', w: 'x' });
    await redis.hset(`${t}:b`, { n: '2', w: 'y' });
    const schema = new StructType([new StructField('id', new StringType()), new StructField('n', new IntegerType()), new StructField('w', new StringType())]);
    expect(byName(read(t, { 'key.column': 'id' }, schema))).toEqual([['a', 1, 'x'], ['b', 2, 'y']]);
  });

  it('a ttl makes the rows expire', async () => {
    const t = table();
    write(t, 'append', rows, { 'key.column': 'name', ttl: 100 });
    expect(await redis.ttl(`${t}:John`)).toBeGreaterThan(90);
  });
});

describe('redis: save modes', () => {
  it('append replaces the hash of an existing key; overwrite deletes the table\'s other keys', async () => {
    const t = table();
    write(t, 'append', rows, { 'key.column': 'name' });
    write(t, 'append', [['John', 31, null]], { 'key.column': 'name' });
    expect(await redis.hgetall(`${t}:John`)).toEqual({ age: '31' });
    write(t, 'overwrite', [['Zoe', 20, 1]], { 'key.column': 'name' });
    expect(await redis.keys(`${t}:*`)).toEqual([`${t}:Zoe`]);
  });

  it('error refuses a table that has rows (spark-redis\'s meaning), ignore leaves it', async () => {
    const t = table();
    write(t, 'error', rows, { 'key.column': 'name' });
    const e = sparkError(() => write(t, 'error', [['X', 1, 1]], { 'key.column': 'name' }));
    expect(e.errorClass).toBe('_LEGACY_ERROR_TEMP_1288');
    write(t, 'ignore', [['X', 1, 1]], { 'key.column': 'name' });
    expect(await redis.exists(`${t}:X`)).toBe(0);
  });
});

describe('redis: failures', () => {
  it('a server that is down: FAILED_REDIS.CONNECT, saying what to start', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const e = sparkError(() => redisSource.write!(writeRequest('redis', 'append', { url: `redis://127.0.0.1:${port}`, table: 't' }), partitionsOf(people, rows)));
    expect(e.errorClass).toBe('FAILED_REDIS.CONNECT');
    expect(e.message).toContain(`Nothing accepts connections at 127.0.0.1:${port}`);
  });

  it('a key of the table that is not a hash: WRONGTYPE, named', async () => {
    const t = table();
    await redis.set(`${t}:John`, 'not a hash');
    write(t, 'append', rows.slice(0, 1), { 'key.column': 'name' });
    // del + hset replaces the string: the row wins, as a row with the same key does.
    expect(await redis.hgetall(`${t}:John`)).toEqual({ age: '30', salary: '150.5' });
  });

  it('no kept schema and no infer.schema: a message that offers both ways', () => {
    const e = sparkError(() => read(table()));
    expect(e.errorClass).toBe('UNABLE_TO_INFER_SCHEMA');
    expect(e.message).toContain('infer.schema');
  });

  it.each([
    [{ model: 'binary' }, 'option "model" "binary" is not supported'],
    [{ 'key.column': 'nope' }, '"key.column" "nope" is not a column'],
    [{ nope: 1 }, 'redis: unknown option "nope"'],
  ])('checks options: %j', (options, message) => {
    expect(sparkError(() => write(table(), 'append', rows, options)).message).toContain(message);
  });
});
