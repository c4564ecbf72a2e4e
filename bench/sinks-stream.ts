/**
 * Rows/s into SQLite and PostgreSQL from a real Structured Streaming aggregation: a running word
 * count (MemoryStream → groupBy(word).count(), update mode) whose foreachBatch writes each
 * micro-batch's updated rows with `df.write.format("jdbc")…save()`, beside the client library
 * writing the very same rows the best way it offers (the floor), in the same foreachBatch call:
 * better-sqlite3 prepared statements in one transaction per batch, pg-copy-streams COPY, pg
 * multi-row `INSERT … ON CONFLICT`. The rates count the time inside each write only (the
 * aggregation is the engine's, measured elsewhere); the end-to-end rate (adding data,
 * aggregating, both writes) is printed beside them. Batch 0 is a warm-up, not timed: tspark
 * connects and creates its table there, while the floor's connection and table are made before. Target: tspark ≥ 0.7× the floor. Not a test: timings vary with load.
 *
 * Run: npm run build && node dist/bench/sinks-stream.js [--rows 200000] [--batches 10] [--rounds 3] [--only sqlite|postgresql|upsert|append]
 *      (PostgreSQL from POSTGRES_URL, else started by scripts/services.mjs)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SparkContext } from '../src/index.js';
import { MemoryStream, SparkSession, functions as F } from '../src/sql/index.js';
import { closeIdleConnections } from '../src/sources/jdbc/pool.js';

const root = resolve(fileURLToPath(new URL('.', import.meta.url)), process.argv[1]?.includes('/dist/') ? '../..' : '..');

function arg(name: string, dflt: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? dflt : Number(process.argv[at + 1]);
}

function pgService(): string {
  if (process.env.POSTGRES_URL) return process.env.POSTGRES_URL;
  const out = execFileSync(process.execPath, [join(root, 'scripts/services.mjs'), 'start', 'postgres'], { encoding: 'utf8' });
  return out.trim().split('=').slice(1).join('=');
}

type Rows = [string, number][];

/** Batch b's words: `per` words drawn from 2×per, so a word's count grows across batches (an update each time). */
function wordBatches(rows: number, batches: number): string[][] {
  const per = Math.ceil(rows / batches);
  return Array.from({ length: batches }, (_, b) => Array.from({ length: per }, (_, i) => `word${(i * 7919 + b * 104729) % (per * 2)}`));
}

interface StreamRun {
  /** Rows written per second of save(). */
  writeRate: number;
  /** The floor's rows per second for the same rows, written in the same foreachBatch calls. */
  floorRate: number;
  /** Input words per second, from addData to the batch's commit (tspark's save and the floor's write included). */
  e2eRate: number;
  /** Rows written per micro-batch, on average. */
  perBatch: number;
}

/** The client library writing one batch's rows into its own table (made by `prepare`). */
interface Floor {
  prepare(table: string): Promise<void> | void;
  write(rows: Rows, table: string): Promise<void> | void;
}

/**
 * Runs the word count; each foreachBatch call saves its DataFrame into `url`/`table` with
 * `options`, and the floor writes the same rows into `table`_floor, in alternating order, both
 * timed: the same batch, the same heap (the aggregation's state and its garbage collections), so
 * the two rates compare the writers alone.
 */
async function streamRun(words: string[][], url: string, table: string, options: Record<string, string>, floor: Floor, dir: string): Promise<StreamRun> {
  const sc = new SparkContext('local[2]', 'bench-sinks-stream');
  const spark = new SparkSession(sc, { out: () => undefined });
  spark.conf.set('spark.sql.shuffle.partitions', 2);
  const input = new MemoryStream<string>(spark, 'word STRING');
  await floor.prepare(`${table}_floor`);
  let writeMs = 0;
  let floorMs = 0;
  let written = 0;
  let batches = 0;
  const q = input
    .toDF()
    .groupBy('word')
    .agg(F.count('*').alias('count'))
    .writeStream.outputMode('update')
    .option('checkpointLocation', join(dir, `chk-${table}`))
    .foreachBatch(async (df, batchId) => {
      const rows = df.collect().map((r): [string, number] => [String(r.word), Number(r.count)]);
      // Batch 0 warms up (tspark connects and creates its table; the floor's are ready): not timed.
      const timed = batchId > 0;
      const mine = (): void => {
        const t0 = performance.now();
        df.write.format('jdbc').option('url', url).option('dbtable', table).options(options).mode('append').save();
        if (timed) writeMs += performance.now() - t0;
      };
      const base = async (): Promise<void> => {
        const t0 = performance.now();
        await floor.write(rows, `${table}_floor`);
        if (timed) floorMs += performance.now() - t0;
      };
      if (batchId % 2 === 0) {
        mine();
        await base();
      } else {
        await base();
        mine();
      }
      if (timed) {
        written += rows.length;
        batches++;
      }
    })
    .start();
  const t0 = performance.now();
  for (const b of words) {
    input.addData(...b);
    await q.processAllAvailable();
  }
  const e2eMs = performance.now() - t0;
  await q.stop();
  sc.stop();
  return {
    writeRate: written / (writeMs / 1000),
    floorRate: written / (floorMs / 1000),
    e2eRate: words.reduce((n, b) => n + b.length, 0) / (e2eMs / 1000),
    perBatch: Math.round(written / Math.max(1, batches)),
  };
}

async function main(): Promise<void> {
  const rows = arg('rows', 200_000);
  const nBatches = arg('batches', 10);
  const rounds = arg('rounds', 3);
  const pgUrl = pgService();
  const dir = mkdtempSync(join(tmpdir(), 'tspark-bench-sinks-stream-'));
  const sqliteFile = join(dir, 'bench.db');
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  const words = wordBatches(rows, nBatches);
  let tableNo = 0;
  // Tables of their own on a shared server.
  const runId = Math.random().toString(16).slice(2, 8);

  const sqliteFloor = (upsert: boolean): Floor => ({
    prepare(table) {
      const db = new Database(sqliteFile);
      db.pragma('journal_mode = WAL');
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (word TEXT${upsert ? ' PRIMARY KEY' : ''}, count BIGINT)`);
      db.close();
    },
    write(rows, table) {
      // A connection kept between batches, as tspark keeps one.
      const db = (sqlite ??= new Database(sqliteFile));
      const stmt = db.prepare(`INSERT INTO ${table} (word, count) VALUES (?, ?)${upsert ? ' ON CONFLICT (word) DO UPDATE SET count = excluded.count' : ''}`);
      db.transaction(() => {
        for (const r of rows) stmt.run(r[0], r[1]);
      })();
    },
  });
  let sqlite: Database.Database | undefined;
  const pgCopyFloor: Floor = {
    prepare: async (table) => void (await client.query(`CREATE TABLE IF NOT EXISTS ${table} (word TEXT, count BIGINT)`)),
    async write(rows, table) {
      await client.query('BEGIN');
      const stream = client.query(copyFrom(`COPY ${table} (word, count) FROM STDIN`));
      const done = new Promise((res, rej) => {
        stream.on('finish', res);
        stream.on('error', rej);
      });
      let chunk = '';
      for (const r of rows) {
        chunk += `${r[0]}\t${r[1]}\n`;
        if (chunk.length > 65536) {
          if (!stream.write(chunk)) await new Promise((res) => stream.once('drain', res));
          chunk = '';
        }
      }
      stream.end(chunk);
      await done;
      await client.query('COMMIT');
    },
  };
  const pgUpsertFloor: Floor = {
    prepare: async (table) => void (await client.query(`CREATE TABLE IF NOT EXISTS ${table} (word TEXT PRIMARY KEY, count BIGINT)`)),
    async write(rows, table) {
      await client.query('BEGIN');
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        const tuples = part.map((_, j) => `($${2 * j + 1}, $${2 * j + 2})`).join(', ');
        await client.query(`INSERT INTO ${table} (word, count) VALUES ${tuples} ON CONFLICT (word) DO UPDATE SET count = excluded.count`, part.flat());
      }
      await client.query('COMMIT');
    },
  };

  const targets: [string, string, Record<string, string>, Floor][] = [
    ['SQLite append', `jdbc:sqlite:${sqliteFile}`, {}, sqliteFloor(false)],
    ['SQLite upsert', `jdbc:sqlite:${sqliteFile}`, { upsertKeys: 'word' }, sqliteFloor(true)],
    ['PostgreSQL append (COPY)', pgUrl, {}, pgCopyFloor],
    ['PostgreSQL upsert', pgUrl, { upsertKeys: 'word' }, pgUpsertFloor],
  ];
  const input = words.reduce((n, b) => n + b.length, 0);
  console.log(`sinks from a streaming aggregation: ${input} words in ${nBatches} micro-batches, running word count (update mode), foreachBatch → df.write.format("jdbc"); ${rounds} interleaved rounds; medians`);
  console.log('| target | rows written per batch | tspark save() rows/s | floor rows/s (same batches) | tspark / floor | end to end, words/s |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  for (const [name, url, options, floor] of targets.filter(([n]) => only === undefined || n.toLowerCase().includes(only.toLowerCase()))) {
    const mine: number[] = [];
    const base: number[] = [];
    const e2e: number[] = [];
    let perBatch = 0;
    for (let r = 0; r < rounds; r++) {
      const run = await streamRun(words, url, `bench_s${runId}_${++tableNo}`, options, floor, dir);
      mine.push(run.writeRate);
      base.push(run.floorRate);
      e2e.push(run.e2eRate);
      perBatch = run.perBatch;
    }
    console.log(`| ${name} | ${fmt(perBatch)} | ${fmt(median(mine))} | ${fmt(median(base))} | ${(median(mine) / median(base)).toFixed(2)}× | ${fmt(median(e2e))} |`);
  }
  closeIdleConnections();
  sqlite?.close();
  await client.end();
  rmSync(dir, { recursive: true, force: true });
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
