/**
 * B15 local or remote: the same queries through the same API on the local engine and on the
 * Spark Connect server in `SPARK_REMOTE` (a local[2] server on this machine), so a user can tell
 * when remote pays off:
 * - the fixed cost of a DataFrame action (plan built → first row back): `range(1).collect()`;
 * - a batch aggregation over N generated rows, N from 10^4 to 10^7: where the two cross;
 * - a stream: the guide's windowed count with a watermark over JSON files (one file a batch),
 *   per-batch latency (triggerExecution) and throughput (rows / processing time) side by side.
 * Both sessions run in this process; the server's JVM is warm (its start is not timed).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SparkContext } from '../../src/sql/engine.js';
import { functions as F, type DataFrame, SparkSession } from '../../src/sql/index.js';
import { formatTable } from '../lib/table.js';
import { fmt, percentile, spread } from '../lib/stats.js';
import type { Benchmark, BenchContext, BenchOutcome } from './types.js';

const quiet = (): void => undefined;

/** Milliseconds of each of `n` calls, after `warm` unmeasured ones. */
function timeCalls(n: number, warm: number, call: () => unknown): number[] {
  for (let i = 0; i < warm; i++) call();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    call();
    ms.push(performance.now() - t0);
  }
  return ms;
}

/** The batch query: 1,000 groups over `n` generated rows, counted and ordered; returns the rows' total. */
function aggregate(s: SparkSession, n: number): number {
  const d = s.range(n);
  const rows = d.select(d.col('id').multiply(7).mod(1000).alias('k')).groupBy('k').count().orderBy('k').collect();
  if (rows.length !== Math.min(n, 1000)) throw new Error(`expected ${Math.min(n, 1000)} groups, got ${rows.length}`);
  return rows.reduce((t, r) => t + Number(r[1]), 0);
}

/** JSON-lines files of event-time words, `rows` each; returns the directory. */
function writeEvents(files: number, rows: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'tspark-b15-'));
  const words = ['spark', 'apache', 'streaming', 'kafka', 'flink', 'tspark', 'window', 'watermark'];
  const base = Date.UTC(2024, 0, 1, 12);
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    for (let i = 0; i < rows; i++) {
      const ts = new Date(base + (f * rows + i) * 5).toISOString();
      lines.push(JSON.stringify({ ts, word: words[(i * 31 + f) % words.length] }));
    }
    writeFileSync(join(dir, `part-${String(f).padStart(3, '0')}.json`), `${lines.join('\n')}\n`);
  }
  return dir;
}

interface StreamRun {
  readonly batchMs: number[];
  readonly rowsPerSec: number[];
  readonly rows: number;
  readonly wallMs: number;
}

/** The guide's windowed count with a watermark over `dir`, one file a batch, into a memory sink. */
async function stream(s: SparkSession, dir: string, name: string): Promise<StreamRun> {
  const events = s.readStream.schema('ts TIMESTAMP, word STRING').option('maxFilesPerTrigger', 1).json(dir);
  const counts: DataFrame = events.withWatermark('ts', '10 seconds').groupBy(F.window(events.col('ts'), '10 seconds', '5 seconds'), events.col('word')).count();
  const t0 = performance.now();
  const q = counts.writeStream.format('memory').queryName(name).outputMode('update').start();
  let progress: Array<{ numInputRows?: unknown; durationMs?: Record<string, unknown> }>;
  let wallMs: number;
  try {
    await q.processAllAvailable();
    wallMs = performance.now() - t0;
    // Read before stop: a stopped remote query's progress is gone from the server.
    progress = q.recentProgress as unknown as typeof progress;
  } finally {
    await q.stop();
  }
  const batches = progress.filter((p) => Number(p.numInputRows ?? 0) > 0);
  // The first batch pays for planning and warm-up on both sides; it is reported in the wall time only.
  const steady = batches.slice(1);
  return {
    batchMs: steady.map((p) => Number(p.durationMs?.['triggerExecution'] ?? Number.NaN)),
    rowsPerSec: steady.map((p) => Number(p.numInputRows) / (Number(p.durationMs?.['triggerExecution']) / 1000)),
    rows: batches.reduce((t, p) => t + Number(p.numInputRows), 0),
    wallMs,
  };
}

/** B15: the same queries on the local engine and on a local[2] Spark Connect server. */
export const b15: Benchmark = {
  id: 'b15',
  aliases: ['local-vs-remote', 'remote-vs-local'],
  title: 'B15 local or remote: fixed cost of an action, batch crossover, stream batch latency and throughput',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const url = process.env['SPARK_REMOTE'];
    if (!url) {
      const why = 'no server: run `node scripts/services.mjs start spark-connect` and export the SPARK_REMOTE it prints';
      return { table: `  skipped: ${why}`, targets: [{ target: 'B15 local vs remote', measured: why, met: undefined }], incorrect: [], data: { skipped: why } };
    }
    const local = new SparkSession(new SparkContext('local[2]', 'b15'), { out: quiet, err: quiet });
    const active = SparkSession.builder.remote(url).getOrCreate();
    const remote = active.newSession();
    remote.out = quiet;
    remote.err = quiet;
    const incorrect: string[] = [];
    let dir: string | undefined;
    try {
      for (const s of [local, remote]) {
        s.conf.set('spark.sql.shuffle.partitions', '4');
        s.conf.set('spark.sql.session.timeZone', 'UTC');
      }
      const sessions = [['local engine', local], ['remote (Spark ' + remote.version + ', local[2])', remote]] as const;

      // 1. Fixed cost: a plan built here, run there, its one row back.
      const calls = ctx.smoke ? 5 : 40;
      const fixed = sessions.map(([, s]) => timeCalls(calls, 3, () => s.range(1).collect()));
      const fixedTable = formatTable(['range(1).collect(): plan → row', 'median ms', 'p90 ms', 'min–max ms', 'calls'], sessions.map(([name], i) => {
        const ms = fixed[i]!;
        const sp = spread(ms);
        return [name, fmt(sp.median, 2), fmt(percentile(ms, 90), 2), `${fmt(sp.min, 2)}–${fmt(sp.max, 2)}`, String(sp.n)];
      }));

      // 2. Batch: where the two cross.
      const sizes = ctx.smoke ? [10_000, 100_000] : [10_000, 100_000, 1_000_000, 10_000_000];
      const rounds = ctx.smoke ? 1 : ctx.rounds;
      const batchRows: string[][] = [];
      const batchData: Array<{ rows: number; localMs: number; remoteMs: number }> = [];
      for (const n of sizes) {
        const med = sessions.map(([name, s]) => {
          aggregate(s, n); // warm-up
          return spread(timeCalls(rounds, 0, () => {
            const total = aggregate(s, n);
            if (total !== n) incorrect.push(`${name}: counted ${total} of ${n} rows`);
          })).median;
        });
        batchData.push({ rows: n, localMs: med[0]!, remoteMs: med[1]! });
        batchRows.push([n.toLocaleString('en'), fmt(med[0]!, 1), fmt(med[1]!, 1), med[0]! <= med[1]! ? 'local' : `remote (${fmt(med[0]! / med[1]!, 1)}x)`]);
      }
      const batchTable = formatTable(['groupBy(id*7 % 1000).count() rows', 'local ms', 'remote ms', 'faster'], batchRows);

      // 3. Stream: per-batch latency and throughput.
      const files = ctx.smoke ? 3 : 8;
      const perFile = ctx.smoke ? 2_000 : 50_000;
      dir = writeEvents(files, perFile);
      const runs: StreamRun[] = [];
      for (const [i, [name, s]] of sessions.entries()) {
        const run = await stream(s, dir, `b15_stream_${i}_${Date.now()}`);
        if (run.rows !== files * perFile) incorrect.push(`${name}: the stream read ${run.rows} of ${files * perFile} rows`);
        runs.push(run);
      }
      const streamTable = formatTable([`windowed count, ${files} batches of ${perFile.toLocaleString('en')} rows`, 'batch ms median', 'batch ms min–max', 'rows/s per batch (median)', 'all batches ms'], sessions.map(([name], i) => {
        const r = runs[i]!;
        const b = spread(r.batchMs);
        return [name, fmt(b.median, 0), `${fmt(b.min, 0)}–${fmt(b.max, 0)}`, fmt(spread(r.rowsPerSec).median, 0), fmt(r.wallMs, 0)];
      }));

      const crossing = batchData.find((b) => b.remoteMs < b.localMs);
      return {
        table: `${fixedTable}\n\n${batchTable}\n\n${streamTable}`,
        targets: [
          { target: 'B15 fixed cost of a remote action (reported)', measured: `${fmt(spread(fixed[1]!).median, 1)} ms remote vs ${fmt(spread(fixed[0]!).median, 2)} ms local`, met: undefined },
          { target: 'B15 batch crossover (reported)', measured: crossing ? `remote faster from ${crossing.rows.toLocaleString('en')} rows` : 'local faster at every size measured', met: undefined },
          { target: 'B15 stream batch latency (reported)', measured: `${fmt(spread(runs[0]!.batchMs).median, 0)} ms local vs ${fmt(spread(runs[1]!.batchMs).median, 0)} ms remote per ${perFile.toLocaleString('en')}-row batch`, met: undefined },
        ],
        incorrect,
        data: { server: url.replace(/;token=[^;]*/, ';token=…'), fixedMs: { local: fixed[0], remote: fixed[1] }, batch: batchData, stream: { files, perFile, local: runs[0], remote: runs[1] } },
      };
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
      remote.stop();
      active.stop();
      local.stop();
    }
  },
};
