/**
 * Sinks and the MQTT source beside their client libraries (the floor), against the real servers
 * of scripts/services.mjs:
 * - rows/s of a running word count's micro-batches (word, count) written by tspark's jdbc
 *   provider into SQLite and PostgreSQL (append, and upsert keyed on the word) and by the redis
 *   provider, beside better-sqlite3, pg/pg-copy-streams and ioredis used directly, the best way
 *   each offers (one transaction of prepared INSERTs, COPY or multi-row INSERT … ON CONFLICT,
 *   a pipeline);
 * - messages/s of MQTT QoS 1 ingest through tspark's mqtt source (stored, then acknowledged)
 *   beside an mqtt.js subscriber that only counts.
 * Target: tspark ≥ 0.7× the floor. Not a test: timings vary with the machine's load.
 *
 * Run: npm run build && node dist/bench/sinks.js [--rows 200000] [--batches 10] [--rounds 3] [--messages 50000] [--only sinks|mqtt]
 *      (servers from POSTGRES_URL / REDIS_URL / MQTT_URL, else started by scripts/services.mjs)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import mqtt from 'mqtt';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SystemClock } from '../src/engine/clock.js';
import type { RowPartitions } from '../src/sql/sources/contract.js';
import { SourceOptions } from '../src/sql/sources/options.js';
import { LongType, StringType, StructField, StructType } from '../src/sql/types/data-types.js';
import { closeIdleConnections } from '../src/sources/jdbc/pool.js';
import { jdbcSource } from '../src/sources/jdbc/provider.js';
import { mqttSourceProvider } from '../src/sources/mqtt/provider.js';
import { closeRedisConnections } from '../src/sources/redis/redis-connection.js';
import { redisSource } from '../src/sources/redis/provider.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), process.argv[1]?.includes('/dist/') ? '../..' : '..');

function arg(name: string, dflt: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? dflt : Number(process.argv[at + 1]);
}

function serviceUrl(name: string, env: string): string {
  const fromEnv = process.env[env];
  if (fromEnv) return fromEnv;
  const out = execFileSync(process.execPath, [join(root, 'scripts/services.mjs'), 'start', name], { encoding: 'utf8' });
  return out.trim().split('=').slice(1).join('=');
}

const schema = new StructType([new StructField('word', new StringType()), new StructField('count', new LongType())]);
const noSession = { get sparkContext(): never { throw new Error('unused'); }, conf: () => undefined };

/** A running word count's output: `batches` micro-batches of `rows / batches` (word, count) rows; words repeat across batches. */
function wordCountBatches(rows: number, batches: number): unknown[][][] {
  const per = Math.ceil(rows / batches);
  return Array.from({ length: batches }, (_, b) => Array.from({ length: per }, (_, i) => [`word${(i * 7919 + b * 104729) % (per * 2)}`, b * per + i]));
}

function partitions(rows: unknown[][]): RowPartitions {
  const half = Math.ceil(rows.length / 2);
  const parts = [rows.slice(0, half), rows.slice(half)];
  return { schema, numPartitions: 2, readPartition: (i, emit) => parts[i]?.forEach((r) => emit(r)) };
}

/** Distinct keys of a batch, last row winning (an aggregation's output has one row per key). */
function distinct(rows: unknown[][]): unknown[][] {
  return [...new Map(rows.map((r) => [r[0], r])).values()];
}

type Runner = (batches: unknown[][][], table: string) => Promise<void> | void;

async function timeIt(run: Runner, batches: unknown[][][], table: string): Promise<number> {
  const total = batches.reduce((n, b) => n + b.length, 0);
  const t0 = performance.now();
  await run(batches, table);
  return total / ((performance.now() - t0) / 1000);
}

async function main(): Promise<void> {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const rows = arg('rows', 200_000);
  const nBatches = arg('batches', 10);
  const rounds = arg('rounds', 3);
  const pgUrl = serviceUrl('postgres', 'POSTGRES_URL');
  const redisUrl = serviceUrl('redis', 'REDIS_URL');
  const mqttUrl = serviceUrl('mosquitto', 'MQTT_URL');
  const dir = mkdtempSync(join(tmpdir(), 'tspark-bench-sinks-'));
  const batches = wordCountBatches(rows, nBatches).map(distinct);
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const redis = new Redis(redisUrl);
  let tableNo = 0;
  const sqliteFile = join(dir, 'bench.db');

  // One save per micro-batch, as foreachBatch(df => df.write…save()) does.
  const tspark = (format: 'jdbc' | 'redis', url: string, options: Record<string, string>): Runner => (bs, table) => {
    const provider = format === 'redis' ? redisSource : jdbcSource;
    const where: Record<string, string> = format === 'redis' ? { table } : { dbtable: table };
    for (const b of bs) provider.write!({ format, mode: 'append', options: new SourceOptions({ url, ...options, ...where }), partitionBy: [], session: noSession }, partitions(b));
  };

  const sqliteFloor = (upsert: boolean): Runner => (bs, table) => {
    const db = new Database(sqliteFile);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (word TEXT${upsert ? ' PRIMARY KEY' : ''}, count BIGINT)`);
    const stmt = db.prepare(`INSERT INTO ${table} (word, count) VALUES (?, ?)${upsert ? ' ON CONFLICT (word) DO UPDATE SET count = excluded.count' : ''}`);
    const tx = db.transaction((b: unknown[][]) => {
      for (const r of b) stmt.run(r[0], r[1]);
    });
    for (const b of bs) tx(b);
    db.close();
  };
  const pgCopyFloor: Runner = async (bs, table) => {
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (word TEXT, count BIGINT)`);
    for (const b of bs) {
      await client.query('BEGIN');
      const stream = client.query(copyFrom(`COPY ${table} (word, count) FROM STDIN`));
      const done = new Promise((res, rej) => {
        stream.on('finish', res);
        stream.on('error', rej);
      });
      let chunk = '';
      for (const r of b) {
        chunk += `${String(r[0])}\t${String(r[1])}\n`;
        if (chunk.length > 65536) {
          if (!stream.write(chunk)) await new Promise((res) => stream.once('drain', res));
          chunk = '';
        }
      }
      stream.end(chunk);
      await done;
      await client.query('COMMIT');
    }
  };
  const pgUpsertFloor: Runner = async (bs, table) => {
    await client.query(`CREATE TABLE IF NOT EXISTS ${table} (word TEXT PRIMARY KEY, count BIGINT)`);
    for (const b of bs) {
      await client.query('BEGIN');
      for (let i = 0; i < b.length; i += 1000) {
        const part = b.slice(i, i + 1000);
        const values = part.flatMap((r) => [String(r[0]), String(r[1])]);
        const tuples = part.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ');
        await client.query(`INSERT INTO ${table} (word, count) VALUES ${tuples} ON CONFLICT (word) DO UPDATE SET count = excluded.count`, values);
      }
      await client.query('COMMIT');
    }
  };
  const redisFloor: Runner = async (bs, table) => {
    for (const b of bs) {
      for (let i = 0; i < b.length; i += 1000) {
        const p = redis.pipeline();
        for (const r of b.slice(i, i + 1000)) {
          const key = `${table}:${String(r[0])}`;
          p.del(key);
          p.hset(key, 'count', String(r[1]));
        }
        await p.exec();
      }
    }
  };

  const pairs: [string, Runner, Runner][] = [
    ['SQLite append', tspark('jdbc', `jdbc:sqlite:${sqliteFile}`, {}), sqliteFloor(false)],
    ['SQLite upsert', tspark('jdbc', `jdbc:sqlite:${sqliteFile}`, { upsertKeys: 'word' }), sqliteFloor(true)],
    ['PostgreSQL append (COPY)', tspark('jdbc', pgUrl, {}), pgCopyFloor],
    ['PostgreSQL upsert', tspark('jdbc', pgUrl, { upsertKeys: 'word' }), pgUpsertFloor],
    ['Redis hashes', tspark('redis', redisUrl, { 'key.column': 'word' }), redisFloor],
  ];
  const total = batches.reduce((n, b) => n + b.length, 0);
  console.log(`sinks: ${total} rows in ${nBatches} micro-batches of (word, count); ${rounds} interleaved rounds; median rows/s`);
  console.log('| target | tspark rows/s | floor rows/s | tspark / floor |');
  console.log('| --- | --- | --- | --- |');
  for (const [name, mine, floor] of only === 'mqtt' ? [] : pairs) {
    const a: number[] = [];
    const f: number[] = [];
    for (let r = 0; r < rounds; r++) {
      a.push(await timeIt(mine, batches, `bench_t${++tableNo}`));
      f.push(await timeIt(floor, batches, `bench_f${++tableNo}`));
    }
    const ma = median(a);
    const mf = median(f);
    console.log(`| ${name} | ${fmt(ma)} | ${fmt(mf)} | ${(ma / mf).toFixed(2)}× |`);
  }
  closeIdleConnections();
  closeRedisConnections();
  await client.end();
  redis.disconnect();

  const messages = only === 'sinks' ? 0 : arg('messages', 50_000);
  if (messages === 0) return rmSync(dir, { recursive: true, force: true });
  const m: number[] = [];
  const mf: number[] = [];
  for (let r = 0; r < rounds; r++) {
    m.push(await mqttIngest(mqttUrl, messages, 'tspark', dir));
    mf.push(await mqttIngest(mqttUrl, messages, 'mqtt.js', dir));
  }
  console.log(`| MQTT QoS 1 ingest, ${messages} msgs | ${fmt(median(m))} msgs/s | ${fmt(median(mf))} msgs/s | ${(median(m) / median(mf)).toFixed(2)}× |`);
  rmSync(dir, { recursive: true, force: true });
}

/** Messages/s from the first publish to the last message received (tspark: stored and acknowledged). */
async function mqttIngest(url: string, n: number, who: 'tspark' | 'mqtt.js', dir: string): Promise<number> {
  const topic = `bench/${who}/${Math.random().toString(16).slice(2)}`;
  let received = 0;
  let done: () => void = () => undefined;
  const all = new Promise<void>((res) => {
    done = res;
  });
  let stop: () => Promise<void>;
  if (who === 'tspark') {
    const source = mqttSourceProvider.createStreamSource!({ format: 'mqtt', paths: [url], options: new SourceOptions({ topic, QoS: 1 }), session: noSession, metadataPath: join(dir, topic), clock: new SystemClock(), warn: () => undefined });
    await source.start(() => {
      received = Number(source.latestOffset(null, { kind: 'all' })) + 1;
      if (received >= n) done();
    });
    stop = async () => void (await source.stop());
  } else {
    const sub = await mqtt.connectAsync(url, { clientId: `bench-sub-${Math.random()}` });
    await sub.subscribeAsync(topic, { qos: 1 });
    sub.on('message', () => {
      if (++received >= n) done();
    });
    stop = () => sub.endAsync();
  }
  const pub = await mqtt.connectAsync(url, { clientId: `bench-pub-${Math.random()}` });
  const line = '{"sensor":"sensor-03","room":"lab","type":"temperature","value":21.4,"unit":"C","time":"2026-11-21T09:53:35.000Z"}';
  const t0 = performance.now();
  // At most 500 unacknowledged: mosquitto drops QoS 1 messages beyond a slow subscriber's queue
  // (max_queued_messages, 1000 by default), which would measure the broker's drops, not ingest.
  for (let i = 0; i < n; i += 500) {
    const window: Promise<unknown>[] = [];
    for (let j = i; j < Math.min(n, i + 500); j++) window.push(pub.publishAsync(topic, line, { qos: 1 }));
    await Promise.all(window);
  }
  await all;
  const rate = n / ((performance.now() - t0) / 1000);
  await pub.endAsync();
  await stop();
  return rate;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
