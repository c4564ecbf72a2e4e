/**
 * B5 `updateStateByKey` state scaling: 30 batches over a 1,000,000-word vocabulary drawn
 * uniformly (each batch touches ~10% of the keys); heap bytes per key of state after GC,
 * per-batch time, and time against state size (Spark visits every key each batch, so it must
 * stay linear), beside a plain `Map` doing the same updates.
 */
import { runConsumer, type ConsumerRun } from '../lib/proc.js';
import { fmt, median, percentile } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

function num(run: ConsumerRun, key: string): number {
  const v = run.report?.extra?.[key];
  return typeof v === 'number' ? v : Number.NaN;
}

function arr(run: ConsumerRun, key: string): number[] {
  const v = key === 'batchMs' ? run.report?.batchMs : run.report?.extra?.[key];
  return Array.isArray(v) ? [...(v as readonly number[])] : [];
}

/** Per-batch ms per 1,000 keys of state, in the first and the last third: equal when linear. */
function linearity(run: ConsumerRun): { first: number; last: number } {
  const ms = arr(run, 'batchMs');
  const keys = arr(run, 'stateSizes');
  const per = ms.map((m, i) => (m / Math.max(1, keys[i] ?? 1)) * 1000);
  const third = Math.max(1, Math.floor(per.length / 3));
  return { first: median(per.slice(1, third + 1)), last: median(per.slice(-third)) };
}

/** B5 updateStateByKey state size and time. */
export const b5: Benchmark = {
  id: 'b5',
  aliases: ['state', 'updatestatebykey'],
  title: 'B5 updateStateByKey: 30 batches, 1M-word vocabulary drawn uniformly, ManualClock',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const common = ctx.smoke ? ['--batches', '5', '--lines-per-batch', '500', '--vocab', '20000'] : [];
    const order: [string, string][] = [
      ['map-floor', 'peers/state-floor.js'],
      ['tspark', 'contenders/tspark-state.js'],
    ];
    const runs = new Map<string, ConsumerRun>();
    for (const [name, script] of order) {
      const run = await runConsumer(process.execPath, ['--expose-gc', `${ctx.distBench}/${script}`, ...common], { timeoutMs: 300_000 });
      runs.set(name, run);
      ctx.log(`  ${name}: ${run.report?.unavailable ? `not yet measurable: ${run.report.unavailable}` : run.report ? `done in ${(run.wallMs / 1000).toFixed(1)} s` : `FAILED: ${run.stderrTail.slice(-300)}`}`);
    }
    const rows: string[][] = [];
    const incorrect: string[] = [];
    for (const [name] of order) {
      const run = runs.get(name)!;
      if (run.report?.unavailable) {
        rows.push([name, 'not yet measurable', '', '', '', '', run.report.unavailable.slice(0, 60)]);
        continue;
      }
      if (!run.report) {
        rows.push([name, 'FAILED', '', '', '', '', run.stderrTail.slice(-60)]);
        continue;
      }
      if (run.report.extra?.['correct'] !== 'yes') incorrect.push(`${name}: final state has ${num(run, 'keys')} keys, expected ${num(run, 'expectedKeys')} (or different counts)`);
      const ms = arr(run, 'batchMs');
      const lin = linearity(run);
      rows.push([name, fmt(num(run, 'bytesPerKey'), 1), String(num(run, 'keys')), fmt(percentile(ms, 50), 1), fmt(percentile(ms, 99), 1), `${fmt(lin.first, 3)} → ${fmt(lin.last, 3)}`, `RSS ${fmt(run.report.maxRssMB ?? Number.NaN, 0)} MB`]);
    }
    const table = formatTable(['contender', 'heap B/key', 'keys', 'batch p50 ms', 'batch p99 ms', 'ms per 1k keys (1st → last third)', 'note'], rows);
    const ts = runs.get('tspark')!;
    const fl = runs.get('map-floor')!;
    const why = ts.report?.unavailable ?? (ts.report ? '' : 'tspark run failed');
    const bpk = num(ts, 'bytesPerKey') / num(fl, 'bytesPerKey');
    const time = percentile(arr(ts, 'batchMs'), 50) / percentile(arr(fl, 'batchMs'), 50);
    const lin = linearity(ts);
    const targets: TargetCheck[] = why
      ? ['B5 heap bytes/key ≤ 2× the Map floor', 'B5 per-batch time ≤ 2× the floor', 'B5 time linear in the number of keys'].map((target) => ({ target, measured: `not measured: ${why}`, met: undefined }))
      : [
          { target: 'B5 heap bytes/key ≤ 2× the Map floor', measured: `${fmt(num(ts, 'bytesPerKey'), 1)} vs ${fmt(num(fl, 'bytesPerKey'), 1)} B/key (${fmt(bpk, 2)}×)`, met: bpk <= 2 },
          { target: 'B5 per-batch time ≤ 2× the floor', measured: `${fmt(time, 2)}×`, met: time <= 2 },
          { target: 'B5 time linear in the number of keys', measured: `ms per 1k keys ${fmt(lin.first, 3)} → ${fmt(lin.last, 3)}`, met: lin.last <= 1.5 * lin.first },
        ];
    return { table, targets, incorrect, data: Object.fromEntries([...runs].map(([k, r]) => [k, { report: r.report, wallMs: r.wallMs }])) };
  },
};
