/**
 * B10 Spark Connect: what a remote call costs, against the server in `SPARK_REMOTE` (what
 * `node scripts/services.mjs start spark-connect` prints). Measured in this process:
 * - the fixed cost of a call: `select 1` from plan sent to first row decoded, and the bare round
 *   trips of AnalyzePlan (schema) and Config (get) beside it;
 * - a 1 M-row result (bigint, double, string): time to first batch, to all rows decoded, rows/s
 *   and Arrow MB/s, with the share spent decoding Arrow into JavaScript values.
 * With `--peers pyspark-connect`, pyspark 4's own Connect client makes the same calls beside it
 * (python from PYSPARK_CONNECT_PYTHON, else the services venv .venv-connect/).
 * Without a server it reports n/a and says how to start one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { decodeArrowBatch } from '../../src/sql/connect/arrow.js';
import { ConnectClient } from '../../src/sql/connect/client.js';
import { fromProtoType } from '../../src/sql/connect/types.js';
import { StructType } from '../../src/sql/types/data-types.js';
import { formatTable } from '../lib/table.js';
import { fmt, percentile, spread } from '../lib/stats.js';
import type { Benchmark, BenchContext, BenchOutcome } from './types.js';

interface Transfer {
  readonly firstBatchMs: number;
  readonly totalMs: number;
  readonly decodeMs: number;
  readonly rows: number;
  readonly arrowBytes: number;
  readonly batches: number;
}

/** Times `n` calls of `call` after `warm` unmeasured ones; milliseconds each. */
async function timeCalls(n: number, warm: number, call: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warm; i++) await call();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await call();
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** `select 1`: plan sent → first row decoded (the stream is then drained, outside the timing). */
async function firstRowMs(client: ConnectClient): Promise<number> {
  const t0 = performance.now();
  const { responses } = client.executePlan({ root: { sql: { query: 'select 1 as a' } } });
  let ms = Number.NaN;
  for await (const r of responses) {
    if (Number.isNaN(ms) && r.response_type === 'arrow_batch' && r.arrow_batch) {
      const rows = decodeArrowBatch(r.arrow_batch.data).rows;
      if (rows[0]?.[0] !== 1) throw new Error(`select 1 returned ${String(rows[0]?.[0])}`);
      ms = performance.now() - t0;
    }
  }
  return ms;
}

async function transfer(client: ConnectClient, rows: number): Promise<Transfer> {
  const query = `select id, cast(id as double) / 3 as d, concat('row-', id) as s from range(${rows})`;
  const t0 = performance.now();
  const { responses } = client.executePlan({ root: { sql: { query } } });
  let schema: StructType | undefined;
  let firstBatchMs = Number.NaN;
  let decodeMs = 0;
  let count = 0;
  let arrowBytes = 0;
  let batches = 0;
  let last: unknown;
  for await (const r of responses) {
    if (r.schema) {
      const t = fromProtoType(r.schema);
      if (t instanceof StructType) schema = t;
    }
    if (r.response_type !== 'arrow_batch' || !r.arrow_batch) continue;
    if (Number.isNaN(firstBatchMs)) firstBatchMs = performance.now() - t0;
    const d0 = performance.now();
    const batch = decodeArrowBatch(r.arrow_batch.data, schema);
    decodeMs += performance.now() - d0;
    count += batch.rows.length;
    arrowBytes += r.arrow_batch.data.length;
    batches++;
    last = batch.rows[batch.rows.length - 1]?.[0];
  }
  const totalMs = performance.now() - t0;
  if (count !== rows || last !== rows - 1) throw new Error(`expected ${rows} rows ending at ${rows - 1}; got ${count} ending at ${String(last)}`);
  return { firstBatchMs, totalMs, decodeMs, rows: count, arrowBytes, batches };
}

interface PeerFigures {
  readonly firstRowMs: number[];
  readonly analyzeMs: number[];
  readonly configMs: number[];
  readonly toArrowMs: number[];
  readonly collectMs: number[];
}

/** Runs pyspark's Connect client with the same calls; an error sentence when it cannot. */
function pysparkConnect(ctx: BenchContext, url: string, calls: number, rows: number): PeerFigures | string {
  const python = process.env['PYSPARK_CONNECT_PYTHON'] ?? `${ctx.root}/.venv-connect/bin/python`;
  if (!existsSync(python)) return `no python with pyspark 4 at ${python} (set PYSPARK_CONNECT_PYTHON, or start the spark-connect service once)`;
  const r = spawnSync(python, [`${ctx.root}/bench/peers/pyspark_connect.py`, String(calls), String(rows), String(ctx.rounds)], {
    env: { ...process.env, SPARK_REMOTE: url },
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return `pyspark peer failed (exit ${String(r.status)}): ${r.stderr.trim().split('\n').pop() ?? ''}`;
  return JSON.parse(line) as PeerFigures;
}

/** B10: the fixed cost of a remote call and a 1 M-row transfer over Spark Connect. */
export const b10: Benchmark = {
  id: 'b10',
  aliases: ['connect', 'remote'],
  title: 'B10 Spark Connect: fixed cost of a remote call, 1 M-row result transfer',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const url = process.env['SPARK_REMOTE'];
    if (!url) {
      const why = 'no server: run `node scripts/services.mjs start spark-connect` and export the SPARK_REMOTE it prints';
      return { table: `  skipped: ${why}`, targets: [{ target: 'B10 remote call plan → first row', measured: why, met: undefined }], incorrect: [], data: { skipped: why } };
    }
    const client = ConnectClient.connect(url);
    try {
      const version = await client.sparkVersion();
      const calls = ctx.smoke ? 5 : 50;
      const first: number[] = [];
      for (let i = 0; i < 3; i++) await firstRowMs(client);
      for (let i = 0; i < calls; i++) first.push(await firstRowMs(client));
      const analyze = await timeCalls(calls, 3, () => client.schema({ sql: { query: 'select 1 as a' } }));
      const config = await timeCalls(calls, 3, () => client.configGet(['spark.sql.shuffle.partitions']));
      const rows = ctx.smoke ? 100_000 : 1_000_000;
      await transfer(client, rows); // warm-up: JIT on both sides
      const runs: Transfer[] = [];
      for (let i = 0; i < ctx.rounds; i++) runs.push(await transfer(client, rows));

      const lat = (name: string, ms: number[]): string[] => {
        const s = spread(ms);
        return [name, fmt(s.median, 2), fmt(percentile(ms, 90), 2), `${fmt(s.min, 2)}–${fmt(s.max, 2)}`, String(s.n)];
      };
      const peer = ctx.peers.has('pyspark-connect') ? pysparkConnect(ctx, url, calls, rows) : undefined;
      const peerRows = peer && typeof peer !== 'string'
        ? [
            lat('pyspark 4: select 1 collect()', peer.firstRowMs),
            lat('pyspark 4: df.schema', peer.analyzeMs),
            lat('pyspark 4: spark.conf.get', peer.configMs),
          ]
        : [];
      const fixed = formatTable(['call (Spark ' + version + ')', 'median ms', 'p90 ms', 'min–max ms', 'calls'], [
        lat('select 1: plan → first row', first),
        lat('AnalyzePlan schema round trip', analyze),
        lat('Config get round trip', config),
        ...peerRows,
      ]);
      const med = (f: (t: Transfer) => number): number => spread(runs.map(f)).median;
      const totalMs = med((t) => t.totalMs);
      const mb = runs[0]!.arrowBytes / 1e6;
      const big = formatTable([`${rows.toLocaleString('en')} rows (bigint, double, string)`, 'median', 'min–max'], [
        ['first batch ms', fmt(med((t) => t.firstBatchMs), 0), `${fmt(Math.min(...runs.map((t) => t.firstBatchMs)), 0)}–${fmt(Math.max(...runs.map((t) => t.firstBatchMs)), 0)}`],
        ['all rows decoded ms', fmt(totalMs, 0), `${fmt(Math.min(...runs.map((t) => t.totalMs)), 0)}–${fmt(Math.max(...runs.map((t) => t.totalMs)), 0)}`],
        ['rows/s (millions)', fmt(rows / totalMs / 1000, 2), ''],
        ['Arrow MB (per run) / MB/s', `${fmt(mb, 1)} / ${fmt(mb / (totalMs / 1000), 1)}`, ''],
        ['Arrow → JS decode ms (share)', `${fmt(med((t) => t.decodeMs), 0)} (${fmt((100 * med((t) => t.decodeMs)) / totalMs, 0)}%)`, ''],
        ['batches per result', String(runs[0]!.batches), ''],
        ...(peer && typeof peer !== 'string'
          ? [
              ['pyspark 4: toArrow() ms', fmt(spread(peer.toArrowMs).median, 0), `${fmt(Math.min(...peer.toArrowMs), 0)}–${fmt(Math.max(...peer.toArrowMs), 0)}`],
              ['pyspark 4: collect() to Rows ms', fmt(spread(peer.collectMs).median, 0), `${fmt(Math.min(...peer.collectMs), 0)}–${fmt(Math.max(...peer.collectMs), 0)}`],
            ]
          : []),
      ]);
      const peerNote = typeof peer === 'string' ? `\n  pyspark-connect peer: ${peer}` : '';
      const firstMedian = spread(first).median;
      return {
        table: `${fixed}\n\n${big}${peerNote}`,
        targets: [
          { target: 'B10 remote call plan → first row (reported, no target yet)', measured: `${fmt(firstMedian, 2)} ms median`, met: undefined },
          { target: `B10 ${rows.toLocaleString('en')}-row transfer (reported, no target yet)`, measured: `${fmt(totalMs, 0)} ms, ${fmt(rows / totalMs / 1000, 2)} M rows/s`, met: undefined },
        ],
        incorrect: [],
        data: { server: client.options.display, sparkVersion: version, firstRowMs: first, analyzeMs: analyze, configMs: config, transfers: runs, pysparkConnect: peer },
      };
    } finally {
      client.close();
    }
  },
};
