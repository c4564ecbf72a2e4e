/**
 * B1 ingest: `socketTextStream(...).count().pprint()` over the 100 MB stream, beside the
 * split-with-carry reader and `readline`. Rates are timed from the generator's accept to the
 * end of input; every contender's line total is checked.
 */
import { startGenerator } from '../lib/proc.js';
import { formatTable } from '../lib/table.js';
import { median } from '../lib/stats.js';
import { interleave, nodeContender, type Contender } from './throughput.js';
import { judged, ratioOfMedians, ratioTarget, roundRatios, summarise, throughputRows } from './summary.js';
import type { Benchmark, BenchContext, BenchOutcome } from './types.js';

/** B1 ingest, beside the raw and readline readers. */
export const b1: Benchmark = {
  id: 'b1',
  aliases: ['ingest'],
  title: 'B1 ingest: socketTextStream → count → pprint, 100 MB stream, 1 s batches',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const gen = await startGenerator(`${ctx.distBench}/generator/main.js`, ['--mode', 'full', '--mb', ctx.smoke ? '4' : '100', '--armed']);
    const contenders: Contender[] = [
      nodeContender(ctx, 'tspark', 'tspark', 'contenders/tspark-ingest.js', 'lines', ['--expect-lines', String(gen.plan.lines)]),
      nodeContender(ctx, 'tspark-receiver', 'tspark', 'contenders/tspark-ingest.js', 'lines', ['--expect-lines', String(gen.plan.lines), '--input', 'receiver']),
      nodeContender(ctx, 'raw-reader', 'floor', 'peers/raw-reader.js', 'lines'),
      nodeContender(ctx, 'readline', 'peer', 'peers/readline-reader.js', 'lines'),
    ];
    try {
      const runs = await interleave(ctx, gen, contenders, ctx.rounds);
      // Ingest is timed to the end of input: a micro-batch engine prints the last count only at
      // the next tick, which on a 0.1–0.2 s stream would measure the batch interval, not ingest.
      const figs = runs.map((f) => ({ ...f, mbps: f.ingestMbps, linesPerSec: (f.linesPerSec * f.ingestMbps) / f.mbps }));
      const sums = summarise(contenders, figs);
      const table = formatTable(['contender', 'ingest MB/s median [min–max]', 'lines/s', 'peak RSS MB', 'vs raw', 'runs'], throughputRows(sums, 'raw-reader', false));
      const missing = sums.find((s) => s.name === 'tspark')?.unavailable ?? 'tspark had no correct run';
      const ts = judged(sums);
      const vsRaw = median(roundRatios(figs, ts, 'raw-reader'));
      const vsRl = median(roundRatios(figs, ts, 'readline'));
      const rss = ratioOfMedians(sums, ts, 'raw-reader', (s) => s.rssMB);
      return {
        table,
        targets: [
          ratioTarget(`B1 ${ts} ≥ 0.5× raw split-with-carry MB/s`, vsRaw, '>=', 0.5, missing),
          ratioTarget(`B1 ${ts} ≥ 1.0× readline MB/s`, vsRl, '>=', 1.0, missing),
          ratioTarget(`B1 ${ts} peak RSS ≤ 2× raw reader`, rss, '<=', 2, missing),
        ],
        incorrect: figs.filter((f) => !f.correct && !f.unavailable).map((f) => `${f.contender} round ${f.round + 1}: ${f.problem ?? 'wrong'}`),
        data: { plan: gen.plan, summaries: sums, runs: runs.map(({ report: _r, ...f }) => f), ratios: { vsRaw, vsRl, rss } },
      };
    } finally {
      await gen.stop();
    }
  },
};
