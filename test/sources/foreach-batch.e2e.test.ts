/**
 * Structured Streaming's `foreachBatch` writing each micro-batch through the jdbc (SQLite,
 * PostgreSQL) and redis writers, through the real engine (a ManualClock session, batches run by
 * processAllAvailable) against the real servers. A running word count upserts its updated
 * totals; a batch whose commit is missing runs again on restart and rewrites the same rows. Bad
 * input (a database that is down or refuses the password, a table with other columns, a value
 * that does not fit, Redis down) stops the query with the writer's error class, leaves that
 * batch uncommitted in the checkpoint, and the query restarted once the cause is fixed writes
 * exact totals.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SparkError } from '../../src/sql/errors.js';
import { type DataFrame, MemoryStream, type StreamingQuery, functions as F } from '../../src/sql/index.js';
import { closeConnectorConnections } from '../../src/sources/connectors.js';
import { service } from '../support/services.js';
import { type TestSession, tempDir, testSession } from '../sql/streaming/support/streaming.js';

let pgUrl: string;
let redisUrl: string;
let client: pg.Client;
let redis: Redis;
let t: TestSession | undefined;
const dirs: string[] = [];

beforeAll(async () => {
  [pgUrl, redisUrl] = await Promise.all([service('postgres'), service('redis')]);
  client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  redis = new Redis(redisUrl);
}, 600_000);

afterEach(() => {
  t?.stop();
  t = undefined;
});

afterAll(async () => {
  closeConnectorConnections();
  await client?.end();
  redis?.disconnect();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function dir(): string {
  const d = tempDir('tspark-foreach-batch-');
  dirs.push(d);
  return d;
}

const name = (prefix: string): string => `${prefix}_${randomUUID().slice(0, 8)}`;

/** Lines fed one block per micro-batch. */
const BLOCKS = [['apache spark', 'apache kafka'], ['spark streaming', 'spark sql', 'mqtt'], ['apache spark streaming']];

function totalsOf(blocks: readonly (readonly string[])[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const b of blocks) for (const l of b) for (const w of l.split(' ')) t[w] = (t[w] ?? 0) + 1;
  return t;
}

/** The running word count of a MemoryStream of lines: `word`, `total`. */
function wordTotals(lines: MemoryStream<string>): DataFrame {
  return lines
    .toDF()
    .select(F.explode(F.split(F.col('line'), ' ')).alias('word'))
    .groupBy('word')
    .agg(F.count('*').alias('total'));
}

function start(counts: DataFrame, chk: string, write: (df: DataFrame, batchId: number) => void): StreamingQuery {
  return counts.writeStream.outputMode('update').option('checkpointLocation', chk).foreachBatch(write).start();
}

async function feed(q: StreamingQuery, lines: MemoryStream<string>, blocks: readonly (readonly string[])[]): Promise<void> {
  for (const b of blocks) {
    lines.addData(...b);
    await q.processAllAvailable();
  }
}

async function pgTotals(table: string): Promise<Record<string, number>> {
  const r = await client.query<{ word: string; total: string }>(`select word, total from ${table}`);
  return Object.fromEntries(r.rows.map((row) => [row.word, Number(row.total)]));
}

function sqliteTotals(file: string, table: string): Record<string, number> {
  const db = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(db.prepare(`select word, total from ${table}`).raw(true).all() as [string, number][]);
  } finally {
    db.close();
  }
}

async function redisTotals(table: string): Promise<Record<string, number>> {
  const keys = await redis.keys(`${table}:*`);
  const out: Record<string, number> = {};
  for (const k of keys) out[k.slice(table.length + 1)] = Number(await redis.hget(k, 'total'));
  return out;
}

/** The error the query stopped with, and the writer's error under it. */
function failure(q: StreamingQuery): { message: string; cause: SparkError } {
  const e = q.exception();
  expect(e, 'the query should have failed').not.toBeNull();
  const cause = (e as Error).cause;
  expect(cause).toBeInstanceOf(SparkError);
  return { message: e!.message, cause: cause as SparkError };
}

/** Batch `id` has its offsets in the checkpoint and no commit: a restart runs it again. */
function uncommitted(chk: string, id: number): void {
  expect(existsSync(join(chk, 'offsets', String(id)))).toBe(true);
  expect(existsSync(join(chk, 'commits', String(id)))).toBe(false);
}

describe('foreachBatch into SQLite, PostgreSQL and Redis', () => {
  it('upserts each batch\'s updated totals into all three; a batch run again after a restart rewrites the same rows', async () => {
    t = testSession({ shufflePartitions: 2 });
    const root = dir();
    const chk = join(root, 'chk');
    const sqliteFile = join(root, 'counts.db');
    const [pgTable, sqliteTable, redisTable] = [name('fb_totals'), 'totals', name('fb_totals')];
    const batches: number[] = [];
    const write = (df: DataFrame, batchId: number): void => {
      batches.push(batchId);
      df.write.format('jdbc').option('url', `jdbc:sqlite:${sqliteFile}`).option('dbtable', sqliteTable).option('upsertKeys', 'word').mode('append').save();
      df.write.format('jdbc').option('url', pgUrl).option('dbtable', pgTable).option('upsertKeys', 'word').mode('append').save();
      df.write.format('redis').option('url', redisUrl).option('table', redisTable).option('key.column', 'word').mode('append').save();
    };
    const lines = new MemoryStream<string>(t.spark, 'line STRING');
    const first = start(wordTotals(lines), chk, write);
    await feed(first, lines, BLOCKS);
    await first.stop();
    expect(batches).toEqual([0, 1, 2]);
    const want = totalsOf(BLOCKS);
    expect(sqliteTotals(sqliteFile, sqliteTable)).toEqual(want);
    expect(await pgTotals(pgTable)).toEqual(want);
    expect(await redisTotals(redisTable)).toEqual(want);

    // As if the process had died after writing batch 2 and before committing it.
    rmSync(join(chk, 'commits', '2'));
    const again = start(wordTotals(lines), chk, write);
    await again.processAllAvailable();
    expect(batches).toEqual([0, 1, 2, 2]);
    lines.addData('kafka mqtt');
    await again.processAllAvailable();
    await again.stop();
    const after = totalsOf([...BLOCKS, ['kafka mqtt']]);
    expect(sqliteTotals(sqliteFile, sqliteTable)).toEqual(after);
    expect(await pgTotals(pgTable)).toEqual(after);
    expect(await redisTotals(redisTable)).toEqual(after);
    const rows = await client.query<{ n: string }>(`select count(*) as n from ${pgTable}`);
    expect(Number(rows.rows[0]?.n)).toBe(Object.keys(after).length);
  });
});

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/**
 * Runs the word count with `broken` writing batch 1, expects the query to stop with `errorClass`
 * (and `says` in the message) keeping batch 1 uncommitted, runs `fix`, restarts with `fixed`
 * writing, and returns the totals `read` finds then.
 */
async function failsThenResumes(o: {
  broken: (df: DataFrame) => void;
  fixed: (df: DataFrame) => void;
  fix?: () => Promise<void> | void;
  errorClass: string;
  says: RegExp;
}): Promise<void> {
  t = testSession({ shufflePartitions: 2 });
  const chk = join(dir(), 'chk');
  const lines = new MemoryStream<string>(t.spark, 'line STRING');
  let useBroken = false;
  const q = start(wordTotals(lines), chk, (df) => (useBroken ? o.broken(df) : o.fixed(df)));
  await feed(q, lines, BLOCKS.slice(0, 1));
  useBroken = true;
  lines.addData(...BLOCKS[1]!);
  await expect(q.processAllAvailable()).rejects.toThrow(o.says);
  const { message, cause } = failure(q);
  expect(cause.errorClass).toBe(o.errorClass);
  expect(message).toMatch(o.says);
  expect(q.isActive).toBe(false);
  uncommitted(chk, 1);

  await o.fix?.();
  useBroken = false;
  const again = start(wordTotals(lines), chk, o.fixed);
  await again.processAllAvailable();
  lines.addData(...BLOCKS[2]!);
  await again.processAllAvailable();
  expect(again.exception()).toBeNull();
  expect(again.recentProgress.map((p) => p.batchId)).toEqual([1, 2]);
  await again.stop();
}

describe('foreachBatch: bad input stops the query at its batch, which runs again once fixed', () => {
  it('PostgreSQL refusing the password: FAILED_JDBC.CONNECT, then exact totals', async () => {
    const table = name('fb_password');
    const wrong = new URL(pgUrl);
    wrong.password = 'not-the-password';
    const to = (url: string) => (df: DataFrame) => df.write.format('jdbc').option('url', url).option('dbtable', table).option('upsertKeys', 'word').mode('append').save();
    await failsThenResumes({ broken: to(wrong.href), fixed: to(pgUrl), errorClass: 'FAILED_JDBC.CONNECT', says: /password authentication failed for user "tspark"/ });
    expect(await pgTotals(table)).toEqual(totalsOf(BLOCKS));
  });

  it('PostgreSQL down: FAILED_JDBC.CONNECT saying what to start, then exact totals', async () => {
    const table = name('fb_down');
    const down = new URL(pgUrl);
    down.port = String(await closedPort());
    const to = (url: string) => (df: DataFrame) => df.write.format('jdbc').option('url', url).option('dbtable', table).option('upsertKeys', 'word').mode('append').save();
    await failsThenResumes({ broken: to(down.href), fixed: to(pgUrl), errorClass: 'FAILED_JDBC.CONNECT', says: /node scripts\/services\.mjs start postgres/ });
    expect(await pgTotals(table)).toEqual(totalsOf(BLOCKS));
  });

  it('a value that does not fit the column (smallint): FAILED_JDBC.WRITE, nothing of the batch written; after ALTER, exact totals', async () => {
    const table = name('fb_range');
    await client.query(`create table ${table} (word text primary key, total smallint)`);
    // Batch 1 of the broken run also carries a total beyond smallint.
    const big = (df: DataFrame): DataFrame => df.union(df.sparkSession.createDataFrame([['huge', 100_000]], ['word', 'total']));
    const to = (f: (df: DataFrame) => DataFrame) => (df: DataFrame) => f(df).write.format('jdbc').option('url', pgUrl).option('dbtable', table).option('upsertKeys', 'word').mode('append').save();
    let before: Record<string, number> = {};
    await failsThenResumes({
      broken: to(big),
      fixed: to((df) => df),
      fix: async () => {
        before = await pgTotals(table);
        await client.query(`alter table ${table} alter column total type bigint`);
      },
      errorClass: 'FAILED_JDBC.WRITE',
      says: /out of range for type smallint/,
    });
    // One transaction per save: the failed batch left batch 0's totals as they were.
    expect(before).toEqual(totalsOf(BLOCKS.slice(0, 1)));
    expect(await pgTotals(table)).toEqual(totalsOf(BLOCKS));
  });

  it('SQLite table without a column of the batch: Spark\'s _LEGACY_ERROR_TEMP_1156; with the code fixed, exact totals', async () => {
    const file = join(dir(), 'counts.db');
    const db = new Database(file);
    db.exec('create table totals (word text primary key, total bigint)');
    db.close();
    const to = (df: DataFrame) => df.write.format('jdbc').option('url', `jdbc:sqlite:${file}`).option('dbtable', 'totals').option('upsertKeys', 'word').mode('append').save();
    // The code of batch 1 names the column `count`, which the table lacks; the fix is the code.
    await failsThenResumes({
      broken: (df) => to(df.withColumnRenamed('total', 'count')),
      fixed: to,
      errorClass: '_LEGACY_ERROR_TEMP_1156',
      says: /Column count not found in schema/,
    });
    expect(sqliteTotals(file, 'totals')).toEqual(totalsOf(BLOCKS));
  });

  it('Redis down: FAILED_REDIS.CONNECT, then exact totals', async () => {
    const table = name('fb_redis');
    const down = `redis://127.0.0.1:${await closedPort()}`;
    const to = (url: string) => (df: DataFrame) => df.write.format('redis').option('url', url).option('table', table).option('key.column', 'word').mode('append').save();
    await failsThenResumes({ broken: to(down), fixed: to(redisUrl), errorClass: 'FAILED_REDIS.CONNECT', says: /node scripts\/services\.mjs start redis/ });
    expect(await redisTotals(table)).toEqual(totalsOf(BLOCKS));
  });
});
