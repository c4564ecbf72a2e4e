/**
 * B4 windowed reduce with an inverse function, on the high-cardinality stream (1,000,000-word
 * vocabulary, Zipf), a 30-batch window sliding by one batch, 60 batches stepped with the
 * ManualClock. The windowed stage is a run's batch time minus the same batch's time in the
 * query without a window; it is compared with a hand-written incremental window and with the
 * engine's own window without the inverse function.
 */
import { runConsumer, type ConsumerRun } from '../lib/proc.js';
import { fmt, percentile } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

function series(run: ConsumerRun, key: 'batchMs' | string): number[] {
  const rep = run.report;
  if (!rep) return [];
  const v = key === 'batchMs' ? rep.batchMs : rep.extra?.[key];
  return Array.isArray(v) ? [...(v as readonly number[])] : [];
}

/**
 * Whether the windowed stage's cost depends on the window's length: the same 240 small batches
 * through a 30-batch and a 120-batch window with the inverse function, each batch's stage taken
 * over batches 120–239 (both windows full, same data). Smoke runs skip it.
 */
async function windowLengthTarget(ctx: BenchContext, incorrect: string[], runs: Map<string, ConsumerRun>): Promise<TargetCheck> {
  const target = 'B4 stage cost independent of window length (30 vs 120 within 1.3×)';
  if (ctx.smoke) return { target, measured: 'not measured in a smoke run', met: undefined };
  const common = ['--batches', '240', '--lines-per-batch', '250'];
  for (const [name, extra] of [
    ['len-nowindow', ['--mode', 'nowindow']],
    ['len-inverse-30', ['--mode', 'inverse', '--window', '30']],
    ['len-inverse-120', ['--mode', 'inverse', '--window', '120']],
  ] as const) {
    const run = await runConsumer(process.execPath, [`${ctx.distBench}/contenders/tspark-window.js`, ...common, ...extra], { timeoutMs: 300_000 });
    runs.set(name, run);
    ctx.log(`  ${name}: ${run.report?.unavailable ? `not yet measurable: ${run.report.unavailable}` : run.report ? `done in ${(run.wallMs / 1000).toFixed(1)} s` : `FAILED: ${run.stderrTail.slice(-300)}`}`);
    if (run.report?.unavailable) return { target, measured: `not measured: ${run.report.unavailable}`, met: undefined };
    if (!run.report) return { target, measured: `not measured: ${name} failed`, met: undefined };
    if (name !== 'len-nowindow' && run.report.extra?.['correct'] !== 'yes') incorrect.push(`${name}: last window differs from a plain count`);
  }
  const base = series(runs.get('len-nowindow')!, 'batchMs');
  const stage = (name: string): number =>
    percentile(series(runs.get(name)!, 'batchMs').map((ms, i) => ms - (base[i] ?? Number.NaN)).slice(120), 50);
  const s30 = stage('len-inverse-30');
  const s120 = stage('len-inverse-120');
  return { target, measured: `stage p50 ${fmt(s30, 1)} ms (30) vs ${fmt(s120, 1)} ms (120): ${fmt(s120 / s30, 2)}×`, met: s120 <= 1.3 * s30 };
}

/** B4 windowed reduce with and without the inverse function. */
export const b4: Benchmark = {
  id: 'b4',
  aliases: ['window'],
  title: 'B4 reduceByKeyAndWindow with inverse: 30-batch window, 1M-word vocabulary, ManualClock',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const window = ctx.smoke ? 3 : 30;
    const common = ['--window', String(window), '--batches', String(window * 2), '--lines-per-batch', ctx.smoke ? '500' : '10000', ...(ctx.smoke ? ['--vocab', '20000'] : [])];
    const runs = new Map<string, ConsumerRun>();
    const order: [string, string, string[]][] = [
      ['incremental-floor', 'peers/incremental-window.js', []],
      ['tspark-nowindow', 'contenders/tspark-window.js', ['--mode', 'nowindow']],
      ['tspark-inverse', 'contenders/tspark-window.js', ['--mode', 'inverse']],
      ['tspark-noinverse', 'contenders/tspark-window.js', ['--mode', 'noinverse']],
    ];
    for (const [name, script, extra] of order) {
      const run = await runConsumer(process.execPath, [`${ctx.distBench}/${script}`, ...common, ...extra], { timeoutMs: 300_000 });
      runs.set(name, run);
      ctx.log(`  ${name}: ${run.report?.unavailable ? `not yet measurable: ${run.report.unavailable}` : run.report ? `done in ${(run.wallMs / 1000).toFixed(1)} s` : `FAILED: ${run.stderrTail.slice(-300)}`}`);
    }
    const full = (xs: number[]): number[] => xs.slice(window);
    const base = series(runs.get('tspark-nowindow')!, 'batchMs');
    const stage = (name: string): number[] => {
      const b = series(runs.get(name)!, 'batchMs');
      return full(b.map((ms, i) => ms - (base[i] ?? Number.NaN)));
    };
    const floorStage = full(series(runs.get('incremental-floor')!, 'windowStageMs'));
    const rows: string[][] = [];
    const incorrect: string[] = [];
    const lengthRuns = new Map<string, ConsumerRun>();
    for (const [name] of order) {
      const run = runs.get(name)!;
      const rep = run.report;
      if (rep?.unavailable) {
        rows.push([name, 'not yet measurable', '', '', '', rep.unavailable.slice(0, 60)]);
        continue;
      }
      if (!rep) {
        rows.push([name, 'FAILED', '', '', '', run.stderrTail.slice(-60)]);
        continue;
      }
      if (rep.extra?.['correct'] !== 'yes') incorrect.push(`${name}: last window has ${String(rep.extra?.['lastWindowKeys'])} keys, expected ${String(rep.extra?.['expectedKeys'])} (or different counts)`);
      const batch = full(series(run, 'batchMs'));
      const st = name === 'incremental-floor' ? floorStage : name === 'tspark-nowindow' ? [] : stage(name);
      rows.push([name, fmt(percentile(batch, 50), 1), fmt(percentile(batch, 99), 1), st.length ? fmt(percentile(st, 50), 1) : '–', st.length ? fmt(percentile(st, 99), 1) : '–', `${String(rep.extra?.['lastWindowKeys'])} keys, RSS ${fmt(rep.maxRssMB ?? Number.NaN, 0)} MB`]);
    }
    const table = formatTable(['contender', 'batch p50 ms', 'batch p99 ms', 'window stage p50', 'p99', 'window state'], rows);
    const inv = stage('tspark-inverse');
    const noinv = stage('tspark-noinverse');
    const why = runs.get('tspark-inverse')?.report?.unavailable ?? 'no tspark run';
    const pInv = percentile(inv, 50);
    const pNo = percentile(noinv, 50);
    const pFloor = percentile(floorStage, 50);
    const targets: TargetCheck[] = [
      inv.length && Number.isFinite(pInv)
        ? { target: 'B4 windowed stage ≤ 1.5× hand-written incremental', measured: `${fmt(pInv, 1)} vs ${fmt(pFloor, 1)} ms (${fmt(pInv / pFloor, 2)}×)`, met: pInv <= 1.5 * pFloor }
        : { target: 'B4 windowed stage ≤ 1.5× hand-written incremental', measured: `not measured: ${why}`, met: undefined },
      inv.length && noinv.length
        ? { target: 'B4 inverse ≥ 5× faster than no inverse (windowed stage)', measured: `${fmt(pNo / pInv, 1)}×`, met: pNo >= 5 * pInv }
        : { target: 'B4 inverse ≥ 5× faster than no inverse (windowed stage)', measured: `not measured: ${why}`, met: undefined },
      await windowLengthTarget(ctx, incorrect, lengthRuns),
    ];
    return {
      table,
      targets,
      incorrect,
      data: Object.fromEntries([...runs, ...lengthRuns].map(([k, r]) => [k, { report: r.report, wallMs: r.wallMs }])),
    };
  },
};
