// A real Redis (scripts/services.mjs start redis) used with ioredis, the client the Redis
// writer will use: hashes per row, as the spark-redis DataFrame source lays them out.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../support/services.js';

let url: string;
let redis: Redis;

beforeAll(async () => {
  url = await service('redis');
  redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
}, 600_000);

afterAll(async () => {
  redis?.disconnect();
});

describe('Redis (real server)', () => {
  it('prints a loopback redis:// URL', () => {
    expect(url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
  });

  it('writes rows as hashes in one pipeline and reads them back', async () => {
    const table = `counts:${randomUUID()}`;
    const rows = [
      ['spark', 3],
      ['kafka', 2],
      ['mqtt', 1],
    ] as const;
    const pipe = redis.pipeline();
    for (const [word, n] of rows) pipe.hset(`${table}:${word}`, { word, n: String(n) });
    pipe.hincrby(`${table}:spark`, 'n', 4);
    const results = await pipe.exec();
    expect(results?.every(([err]) => err === null)).toBe(true);
    expect(await redis.hgetall(`${table}:spark`)).toEqual({ word: 'spark', n: '7' });
    const keys = await redis.keys(`${table}:*`);
    expect(keys.sort()).toEqual([`${table}:kafka`, `${table}:mqtt`, `${table}:spark`]);
  });

  it('answers a stream append and range read (XADD / XRANGE)', async () => {
    const stream = `events:${randomUUID()}`;
    await redis.xadd(stream, '*', 'word', 'spark');
    await redis.xadd(stream, '*', 'word', 'kafka');
    const entries = await redis.xrange(stream, '-', '+');
    expect(entries.map(([, fields]) => fields)).toEqual([
      ['word', 'spark'],
      ['word', 'kafka'],
    ]);
  });
});
