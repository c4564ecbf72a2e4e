/**
 * B2, the headline: word count over the 100 MB stream, unthrottled, 1 s batches, beside the
 * no-framework floor, the pyspark-shaped RxJS pipeline, the Python PySpark-path simulation,
 * and (with `--peers pyspark`) real PySpark Streaming reading the same stream.
 */
import { existsSync } from 'node:fs';
import { startGenerator } from '../lib/proc.js';
import { formatTable } from '../lib/table.js';
import { fmt, median } from '../lib/stats.js';
import { interleave, nodeContender, type Contender } from './throughput.js';
import { judged, ratioOfMedians, ratioTarget, roundRatios, summarise, throughputRows } from './summary.js';
import type { Benchmark, BenchContext, BenchOutcome } from './types.js';

/** The Python of the bench venv (created by `ensurePyspark`), else the system's. */
export function pythonFor(ctx: BenchContext, venv: boolean): string {
  const p = `${ctx.root}/bench/.venv/bin/python`;
  return venv && existsSync(p) ? p : 'python3';
}

/** B2 word count, the headline, beside the floor, RxJS and PySpark. */
export const b2: Benchmark = {
  id: 'b2',
  aliases: ['wordcount'],
  title: 'B2 word count (the headline): 100 MB Zipf stream, unthrottled, 1 s batches',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const mb = ctx.smoke ? 4 : 100;
    const gen = await startGenerator(`${ctx.distBench}/generator/main.js`, ['--mode', 'full', '--mb', String(mb), '--armed']);
    const expect = ['--expect-words', String(gen.plan.words)];
    const contenders: Contender[] = [
      nodeContender(ctx, 'tspark', 'tspark', 'contenders/tspark-wordcount.js', 'words', expect),
      nodeContender(ctx, 'tspark-receiver', 'tspark', 'contenders/tspark-wordcount.js', 'words', [...expect, '--input', 'receiver']),
      nodeContender(ctx, 'floor', 'floor', 'peers/floor.js', 'words'),
      nodeContender(ctx, 'rxjs', 'peer', 'peers/rxjs-pipeline.js', 'words'),
      {
        name: 'pyspark-sim',
        role: 'peer',
        command: 'python3',
        args: (port) => [`${ctx.root}/bench/peers/pyspark_sim.py`, '--port', String(port), '--batch-ms', '1000'],
        check: 'words',
        timeoutMs: 120_000,
      },
    ];
    if (ctx.peers.has('pyspark')) {
      contenders.push({
        name: 'pyspark',
        role: 'peer',
        command: pythonFor(ctx, true),
        args: (port) => [`${ctx.root}/bench/peers/pyspark_streaming.py`, '--port', String(port), ...expect, '--limit-s', '240'],
        check: 'words',
        timeoutMs: 300_000,
        sampleTree: true,
        maxRounds: Math.min(ctx.rounds, 3),
      });
    }
    try {
      const figs = await interleave(ctx, gen, contenders, ctx.rounds);
      const sums = summarise(contenders, figs);
      const table = formatTable(['contender', 'MB/s median [min–max]', 'words/s', 'peak RSS MB', 'vs floor', 'runs'], throughputRows(sums, 'floor', true));
      const ts = judged(sums);
      const vsFloor = median(roundRatios(figs, ts, 'floor'));
      const vsRx = median(roundRatios(figs, ts, 'rxjs'));
      const rss = ratioOfMedians(sums, ts, 'floor', (s) => s.rssMB);
      const missing = sums.find((s) => s.name === 'tspark')?.unavailable ?? 'tspark had no correct run';
      const targets = [
        ratioTarget(`B2 ${ts} ≥ 0.5× floor MB/s (stretch 0.8×)`, vsFloor, '>=', 0.5, missing),
        ratioTarget(`B2 ${ts} ≥ 1.5× RxJS pipeline MB/s`, vsRx, '>=', 1.5, missing),
        ratioTarget(`B2 ${ts} peak RSS ≤ 3× floor`, rss, '<=', 3, missing),
      ];
      const py = sums.find((s) => s.name === 'pyspark');
      const notes = py?.runs ? [`PySpark Streaming: ${fmt(py.mbps.median)} MB/s, ${ts}/PySpark = ${fmt(ratioOfMedians(sums, ts, 'pyspark', (s) => s.mbps), 2)}×`] : [];
      return {
        table: [table, ...notes].join('\n'),
        targets,
        incorrect: figs.filter((f) => !f.correct && !f.unavailable).map((f) => `${f.contender} round ${f.round + 1}: ${f.problem ?? 'wrong'}`),
        data: { plan: gen.plan, summaries: sums, runs: figs.map(({ report: _r, ...f }) => f), ratios: { vsFloor, vsRx, rss } },
      };
    } finally {
      await gen.stop();
    }
  },
};
