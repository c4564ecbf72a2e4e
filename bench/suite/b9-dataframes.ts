/**
 * B9 DataFrames in memory (issue 12's batch targets): `groupBy().count()` over 10M generated
 * rows, a join of 10M facts with 100k dimension rows, and the interactive path (1,000 rows,
 * `groupBy().count().show()`), tspark beside real PySpark local[2] (`--peers pyspark`; its
 * JVM start is not timed). Targets: ≥ 3× PySpark's throughput, interactive ≤ 20 ms median.
 * The CSV read + aggregate and the DuckDB peer are not in this run yet (see docs/BENCHMARKS.md).
 */
import { runConsumer, type ConsumerRun } from '../lib/proc.js';
import { formatTable } from '../lib/table.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

function extra(run: ConsumerRun | undefined, key: string): number {
  const v = run?.report?.extra?.[key];
  return typeof v === 'number' ? v : Number.NaN;
}

/** B9 DataFrames. */
export const b9: Benchmark = {
  id: 'b9',
  aliases: ['dataframes', 'sql'],
  title: 'B9 DataFrames: groupBy().count() over 10M rows, 10M x 100k join, interactive groupBy().count().show()',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const rows = ctx.smoke ? 100_000 : 10_000_000;
    const dims = ctx.smoke ? 1_000 : 100_000;
    const rounds = ctx.smoke ? 1 : ctx.rounds;
    const common = ['--rows', String(rows), '--dims', String(dims), '--rounds', String(rounds)];
    const runs = new Map<string, ConsumerRun>();
    runs.set('tspark', await runConsumer(process.execPath, [`${ctx.distBench}/contenders/tspark-dataframes.js`, ...common], { timeoutMs: 600_000 }));
    if (ctx.peers.has('pyspark')) {
      const py = `${ctx.root}/bench/.venv/bin/python`;
      runs.set('pyspark', await runConsumer(py, [`${ctx.root}/bench/peers/pyspark_dataframes.py`, ...common], { timeoutMs: 900_000, sampleTree: true }));
    }
    const incorrect: string[] = [];
    const table: string[][] = [];
    for (const [name, run] of runs) {
      if (!run.report || run.report.unavailable) {
        table.push([name, run.report?.unavailable ?? `FAILED: ${run.stderrTail.slice(-80)}`, '', '', '', '']);
        continue;
      }
      if (extra(run, 'groupByResult') !== rows) incorrect.push(`${name}: groupBy counted ${extra(run, 'groupByResult')} rows, expected ${rows}`);
      if (extra(run, 'joinResult') !== rows) incorrect.push(`${name}: join counted ${extra(run, 'joinResult')} rows, expected ${rows}`);
      table.push([
        name,
        `${extra(run, 'groupByMs').toFixed(0)} ms`,
        `${((rows / extra(run, 'groupByMs')) * 1000 / 1e6).toFixed(1)} M rows/s`,
        `${extra(run, 'joinMs').toFixed(0)} ms`,
        `${extra(run, 'interactiveMs').toFixed(1)} ms`,
        `${(run.treePeakRssMB > 0 ? run.treePeakRssMB : (run.report.maxRssMB ?? Number.NaN)).toFixed(0)} MB`,
      ]);
    }
    const t = runs.get('tspark');
    const p = runs.get('pyspark');
    const targets: TargetCheck[] = [];
    const ratio = (k: string): number => extra(p, k) / extra(t, k);
    targets.push({
      target: 'groupBy().count() of 10M rows: >= 3x PySpark local[2]',
      measured: p ? `${ratio('groupByMs').toFixed(1)}x` : 'PySpark not run (--peers pyspark)',
      met: p ? ratio('groupByMs') >= 3 : undefined,
    });
    targets.push({
      target: 'join of 10M rows: >= 3x PySpark local[2]',
      measured: p ? `${ratio('joinMs').toFixed(1)}x` : 'PySpark not run (--peers pyspark)',
      met: p ? ratio('joinMs') >= 3 : undefined,
    });
    targets.push({ target: 'interactive 1,000 rows groupBy().count().show() <= 20 ms median', measured: `${extra(t, 'interactiveMs').toFixed(1)} ms`, met: extra(t, 'interactiveMs') <= 20 });
    return {
      table: formatTable(['contender', 'groupBy', 'groupBy rate', 'join', 'interactive', 'peak RSS'], table),
      targets,
      incorrect,
      data: Object.fromEntries([...runs].map(([k, v]) => [k, { report: v.report, treePeakRssMB: v.treePeakRssMB, wallMs: v.wallMs }])),
    };
  },
};
