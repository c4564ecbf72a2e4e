/**
 * B11 Structured Streaming: (a) the guide's quick example (socket → explode(split) →
 * groupBy count, complete mode) over B2's 100 MB stream beside the hand-written floor and
 * (with `--peers pyspark`) real PySpark Structured Streaming; (b) latency with a 100 ms
 * processingTime trigger; (c) a watermarked sliding-window count at 10 k rows/s, RSS over time.
 */
import { startGenerator } from '../lib/proc.js';
import { formatTable } from '../lib/table.js';
import { fmt, median } from '../lib/stats.js';
import { pythonFor } from './b2-wordcount.js';
import { b11Latency } from './b11-latency.js';
import { b11Window } from './b11-window.js';
import { interleave, nodeContender, type Contender } from './throughput.js';
import { ratioOfMedians, ratioTarget, roundRatios, summarise, throughputRows } from './summary.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

async function quickExample(ctx: BenchContext): Promise<BenchOutcome> {
  const mb = ctx.smoke ? 4 : 100;
  const gen = await startGenerator(`${ctx.distBench}/generator/main.js`, ['--mode', 'full', '--mb', String(mb), '--armed']);
  const contenders: Contender[] = [
    nodeContender(ctx, 'tspark', 'tspark', 'contenders/tspark-ss-wordcount.js', 'words', ['--expect-lines', String(gen.plan.lines)]),
    nodeContender(ctx, 'floor', 'floor', 'peers/floor.js', 'words'),
  ];
  if (ctx.peers.has('pyspark')) {
    contenders.push({
      name: 'pyspark',
      role: 'peer',
      command: pythonFor(ctx, true),
      args: (port) => [`${ctx.root}/bench/peers/pyspark_ss_wordcount.py`, '--port', String(port), '--expect-lines', String(gen.plan.lines), '--limit-s', '400'],
      check: 'words',
      timeoutMs: 480_000,
      sampleTree: true,
      maxRounds: Math.min(ctx.rounds, 2),
    });
  }
  try {
    const figs = await interleave(ctx, gen, contenders, ctx.rounds);
    const sums = summarise(contenders, figs);
    const table = formatTable(['contender', 'MB/s median [min–max]', 'words/s', 'peak RSS MB', 'vs floor', 'runs'], throughputRows(sums, 'floor', true));
    const vsFloor = median(roundRatios(figs, 'tspark', 'floor'));
    const vsPy = ratioOfMedians(sums, 'tspark', 'pyspark', (s) => s.mbps);
    const missing = sums.find((s) => s.name === 'tspark')?.unavailable ?? 'tspark had no correct run';
    const targets: TargetCheck[] = [
      ratioTarget('B11a quick example ≥ 0.5× floor MB/s (goal 0.8×)', vsFloor, '>=', 0.5, missing),
      ratioTarget('B11a quick example ≥ 3× PySpark Structured Streaming MB/s', vsPy, '>=', 3, ctx.peers.has('pyspark') ? 'no correct PySpark run' : 'run with --peers pyspark'),
    ];
    const rss = ratioOfMedians(sums, 'tspark', 'pyspark', (s) => s.rssMB);
    const notes = Number.isFinite(rss) ? [`tspark peak RSS = ${fmt(rss, 2)}× PySpark's (driver + JVM)`] : [];
    return {
      table: [table, ...notes].join('\n'),
      targets,
      incorrect: figs.filter((f) => !f.correct && !f.unavailable).map((f) => `${f.contender} round ${f.round + 1}: ${f.problem ?? 'wrong'}`),
      data: { plan: gen.plan, summaries: sums, runs: figs.map(({ report: _r, ...f }) => f), ratios: { vsFloor, vsPy, rss } },
    };
  } finally {
    await gen.stop();
  }
}

/** B11 Structured Streaming: throughput, latency and windowed state memory. */
export const b11: Benchmark = {
  id: 'b11',
  aliases: ['structured', 'structured-streaming'],
  title: 'B11 Structured Streaming: quick example over 100 MB, 100 ms trigger latency, watermarked window memory',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const parts = [await quickExample(ctx), await b11Latency(ctx), await b11Window(ctx)];
    return {
      table: parts.map((p) => p.table).join('\n\n'),
      targets: parts.flatMap((p) => p.targets),
      incorrect: parts.flatMap((p) => p.incorrect),
      data: { quickExample: parts[0]!.data, latency: parts[1]!.data, window: parts[2]!.data },
    };
  },
};
