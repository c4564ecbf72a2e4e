/**
 * B9 DataFrames (issue 12's batch targets): `groupBy().count()` over 10M generated rows, a join
 * of 10M facts with 100k dimension rows, a CSV read + aggregate of ~1 GB (generated once into a
 * cache dir), and the interactive path (1,000 rows, `groupBy().count().show()`), tspark beside
 * real PySpark local[2] (`--peers pyspark`; its JVM start is not timed) and DuckDB (`--peers
 * duckdb`, the PyPI wheel, 2 threads: the single-machine limit), all in one run. Targets: ≥ 3×
 * PySpark's throughput, interactive ≤ 20 ms median; the ratio to DuckDB is reported.
 */
import { cachedCsv } from '../lib/csv-data.js';
import { runConsumer, type ConsumerRun } from '../lib/proc.js';
import { formatTable } from '../lib/table.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

function extra(run: ConsumerRun | undefined, key: string): number {
  const v = run?.report?.extra?.[key];
  return typeof v === 'number' ? v : Number.NaN;
}

const ms = (v: number): string => (Number.isNaN(v) ? '—' : `${v.toFixed(v < 10 ? 1 : 0)} ms`);

/** B9 DataFrames. */
export const b9: Benchmark = {
  id: 'b9',
  aliases: ['dataframes', 'sql'],
  title: 'B9 DataFrames: groupBy().count() over 10M rows, 10M x 100k join, CSV read + aggregate of ~1 GB, interactive groupBy().count().show()',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const rows = ctx.smoke ? 100_000 : 10_000_000;
    const dims = ctx.smoke ? 1_000 : 100_000;
    const rounds = ctx.smoke ? 1 : ctx.rounds;
    const csv = cachedCsv(ctx.smoke ? 8 : 1024, ctx.log);
    const csvRows = csv.rows;
    const common = ['--rows', String(rows), '--dims', String(dims), '--rounds', String(rounds), '--csv', csv.path];
    const runs = new Map<string, ConsumerRun>();
    runs.set('tspark', await runConsumer(process.execPath, [`${ctx.distBench}/contenders/tspark-dataframes.js`, ...common], { timeoutMs: 900_000 }));
    const py = `${ctx.root}/bench/.venv/bin/python`;
    if (ctx.peers.has('pyspark')) {
      runs.set('pyspark', await runConsumer(py, [`${ctx.root}/bench/peers/pyspark_dataframes.py`, ...common], { timeoutMs: 1_200_000, sampleTree: true }));
    }
    if (ctx.peers.has('duckdb')) {
      runs.set('duckdb', await runConsumer(py, [`${ctx.root}/bench/peers/duckdb_dataframes.py`, ...common], { timeoutMs: 600_000 }));
    }
    const incorrect: string[] = [];
    const table: string[][] = [];
    for (const [name, run] of runs) {
      if (!run.report || run.report.unavailable) {
        table.push([name, run.report?.unavailable ?? `FAILED: ${run.stderrTail.slice(-80)}`, '', '', '', '', '']);
        continue;
      }
      if (extra(run, 'groupByResult') !== rows) incorrect.push(`${name}: groupBy counted ${extra(run, 'groupByResult')} rows, expected ${rows}`);
      if (extra(run, 'joinResult') !== rows) incorrect.push(`${name}: join counted ${extra(run, 'joinResult')} rows, expected ${rows}`);
      if (extra(run, 'csvResult') !== csvRows) incorrect.push(`${name}: the CSV aggregate counted ${extra(run, 'csvResult')} rows, expected ${csvRows}`);
      const csvMs = extra(run, 'csvMs');
      table.push([
        name,
        `${ms(extra(run, 'groupByMs'))} (${((rows / extra(run, 'groupByMs')) * 1000 / 1e6).toFixed(1)} M rows/s)`,
        ms(extra(run, 'joinMs')),
        `${ms(csvMs)} (${((csv.mib / csvMs) * 1000).toFixed(0)} MiB/s)`,
        ms(extra(run, 'interactiveMs')),
        `${(run.treePeakRssMB > 0 ? run.treePeakRssMB : (run.report.maxRssMB ?? Number.NaN)).toFixed(0)} MB`,
      ]);
    }
    const t = runs.get('tspark');
    const targets: TargetCheck[] = [];
    const ratio = (peer: string, k: string): number => extra(runs.get(peer), k) / extra(t, k);
    const p = runs.get('pyspark');
    for (const [k, what] of [
      ['groupByMs', 'groupBy().count() of 10M rows'],
      ['joinMs', 'join of 10M rows'],
      ['csvMs', `CSV read + aggregate of ${csv.mib.toFixed(0)} MiB`],
    ] as const) {
      targets.push({
        target: `${what}: >= 3x PySpark local[2]`,
        measured: p ? `${ratio('pyspark', k).toFixed(1)}x` : 'PySpark not run (--peers pyspark)',
        met: p ? ratio('pyspark', k) >= 3 : undefined,
      });
      if (runs.has('duckdb')) targets.push({ target: `${what}: vs DuckDB (reported, no target)`, measured: `${ratio('duckdb', k).toFixed(2)}x DuckDB's speed`, met: undefined });
    }
    targets.push({ target: 'interactive 1,000 rows groupBy().count().show() <= 20 ms median', measured: `${extra(t, 'interactiveMs').toFixed(1)} ms`, met: extra(t, 'interactiveMs') <= 20 });
    return {
      table: formatTable(['contender', 'groupBy', 'join', `CSV ${csv.mib.toFixed(0)} MiB`, 'interactive', 'peak RSS'], table),
      targets,
      incorrect,
      data: Object.fromEntries([...runs].map(([k, v]) => [k, { report: v.report, treePeakRssMB: v.treePeakRssMB, wallMs: v.wallMs }])),
    };
  },
};
