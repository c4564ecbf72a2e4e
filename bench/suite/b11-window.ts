/**
 * B11 (c): a watermarked sliding-window count over the rate source at a steady 10,000 rows/s,
 * tspark beside (with `--peers pyspark`) real PySpark Structured Streaming: each process
 * tree's RSS sampled every second, and whether it still grows over the second half of the run
 * (state behind the watermark evicted), with the state rows each reports.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { REPORT_PREFIX, type ConsumerReport } from '../lib/report.js';
import { treeRssMB } from '../lib/proc.js';
import { fmt, median } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import { pythonFor } from './b2-wordcount.js';
import type { BenchContext, BenchOutcome, TargetCheck } from './types.js';

const RATE = 10_000;

/** One run: the report and the tree's RSS, one sample a second. */
interface WindowRun {
  readonly name: string;
  readonly report: ConsumerReport | undefined;
  readonly rssMB: number[];
  readonly problem?: string;
}

/** Growth of RSS over the second half: median of the last fifth vs the fifth around the middle. */
export function halfGrowth(rss: readonly number[]): number {
  if (rss.length < 10) return Number.NaN;
  const w = Math.max(2, Math.floor(rss.length / 5));
  const mid = rss.length >> 1;
  return median(rss.slice(-w)) / median(rss.slice(mid - (w >> 1), mid - (w >> 1) + w)) - 1;
}

function runSampled(name: string, command: string, args: readonly string[], timeoutMs: number): Promise<WindowRun> {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let report: ConsumerReport | undefined;
  let stderr = '';
  const rss: number[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const i = line.indexOf(REPORT_PREFIX);
    if (i >= 0) report = JSON.parse(line.slice(i + REPORT_PREFIX.length)) as ConsumerReport;
  });
  child.stderr!.on('data', (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
  const sampler = setInterval(() => {
    if (child.pid !== undefined && report === undefined) rss.push(treeRssMB(child.pid));
  }, 1000);
  const killer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), timeoutMs);
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      clearInterval(sampler);
      clearTimeout(killer);
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      resolve({ name, report, rssMB: rss, ...(report ? {} : { problem: `exited with code ${String(code)}: ${stderr.trim().slice(-400)}` }) });
    });
  });
}

function stateRows(r: WindowRun): number[] {
  const v = r.report?.extra?.['stateRows'];
  return Array.isArray(v) ? v : [];
}

/** Runs part (c) of B11. */
export async function b11Window(ctx: BenchContext): Promise<BenchOutcome> {
  const seconds = ctx.smoke ? 12 : (ctx.windowSeconds ?? 60);
  const common = ['--seconds', String(seconds), '--rows-per-second', String(RATE)];
  ctx.log(` B11 window: ${RATE} rows/s for ${seconds} s`);
  const runs: WindowRun[] = [await runSampled('tspark', process.execPath, [`${ctx.distBench}/contenders/tspark-ss-window.js`, ...common], (seconds + 60) * 1000)];
  if (ctx.peers.has('pyspark')) {
    runs.push(await runSampled('pyspark', pythonFor(ctx, true), [`${ctx.root}/bench/peers/pyspark_ss_window.py`, ...common], (seconds + 180) * 1000));
  }
  const rows = runs.map((r) => {
    if (!r.report) return [r.name, 'FAILED', '', '', '', '', (r.problem ?? '').slice(0, 60)];
    const st = stateRows(r);
    const rowsRead = r.report.lines ?? 0;
    return [r.name, fmt(Math.max(...r.rssMB), 0), fmt(r.rssMB.at(-1) ?? Number.NaN, 0), `${fmt(halfGrowth(r.rssMB) * 100, 1)}%`, `${fmt(Math.max(0, ...st), 0)} / ${fmt(st.at(-1) ?? Number.NaN, 0)}`, fmt(rowsRead / seconds, 0), `${r.rssMB.length} samples`];
  });
  for (const r of runs) ctx.log(`  ${r.name}: ${r.report ? `RSS ${fmt(Math.max(...r.rssMB), 0)} MB, growth ${fmt(halfGrowth(r.rssMB) * 100, 1)}%` : `FAILED ${r.problem ?? ''}`}`);
  const ts = runs.find((r) => r.name === 'tspark' && r.report);
  const growth = ts ? halfGrowth(ts.rssMB) : Number.NaN;
  const target = `B11c RSS flat over the second half (≤ 10% growth), ${RATE} rows/s, ${seconds} s`;
  const targets: TargetCheck[] = [
    Number.isFinite(growth)
      ? { target, measured: `${fmt(growth * 100, 1)}% (state rows max ${fmt(Math.max(0, ...stateRows(ts!)), 0)})`, met: growth <= 0.1 }
      : { target, measured: `not measured: ${ts ? 'run too short' : (runs[0]?.problem ?? 'no run').slice(0, 200)}`, met: undefined },
  ];
  const incorrect: string[] = [];
  for (const r of runs) {
    // The rate source must keep up: at least 90% of the rows due over the run were read.
    if (r.report && (r.report.lines ?? 0) < 0.9 * RATE * (seconds - 2) && !ctx.smoke) incorrect.push(`${r.name} read ${String(r.report.lines)} rows in ${seconds} s at ${RATE}/s`);
  }
  return {
    table: formatTable(['contender (window)', 'peak RSS MB', 'end RSS MB', 'growth 2nd half', 'state rows max / end', 'rows/s read', 'n'], rows),
    targets,
    incorrect,
    data: { seconds, rate: RATE, runs: runs.map((r) => ({ name: r.name, rssMB: r.rssMB, stateRows: stateRows(r), rowsRead: r.report?.lines, problem: r.problem })) },
  };
}
