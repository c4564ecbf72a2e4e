/**
 * B8 steady-state memory: the word count at 5 MB/s (open loop) for 30 s; peak RSS and whether
 * RSS still grows over the second half of the run, beside the floor and the RxJS pipeline.
 */
import { fmt, median } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import { wordCountContenders } from './b3-rate.js';
import { runAtRate } from './rate.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

/** Growth of RSS over the second half: median of the last 5 batches vs the 5 around the middle. */
export function secondHalfGrowth(rss: readonly number[]): number {
  if (rss.length < 10) return Number.NaN;
  const mid = rss.length >> 1;
  return median(rss.slice(-5)) / median(rss.slice(mid - 2, mid + 3)) - 1;
}

/** B8 steady-state memory at 5 MB/s. */
export const b8: Benchmark = {
  id: 'b8',
  aliases: ['memory'],
  title: 'B8 steady-state memory: word count at 5 MB/s for 30 s',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const seconds = ctx.smoke ? 2 : 30;
    const runs = await runAtRate(ctx, await wordCountContenders(ctx, Number.MAX_SAFE_INTEGER), 5, seconds);
    const rows = runs.map((r) => {
      if (r.fig.unavailable) return [r.contender, 'not yet measurable', '', '', r.fig.unavailable.slice(0, 60)];
      const rss = r.fig.report?.extra?.['rssPerBatchMB'];
      const series = Array.isArray(rss) ? rss : [];
      return [r.contender, fmt(r.fig.rssMB, 0), fmt(series.at(-1) ?? Number.NaN, 0), `${fmt(secondHalfGrowth(series) * 100, 1)}%`, r.fig.correct ? '' : (r.fig.problem ?? '').slice(0, 60)];
    });
    const table = formatTable(['contender', 'peak RSS MB', 'end RSS MB', 'growth 2nd half', 'note'], rows);
    const find = (n: string) => runs.find((r) => r.contender === n && r.fig.correct);
    const ts = find('tspark') ?? find('tspark-receiver');
    const floor = find('floor');
    const series = ts?.fig.report?.extra?.['rssPerBatchMB'];
    const growth = Array.isArray(series) ? secondHalfGrowth(series) : Number.NaN;
    const why = runs.find((r) => r.contender.startsWith('tspark'))?.why ?? 'no run';
    const targets: TargetCheck[] = [
      ts && floor
        ? { target: "B8 peak RSS ≤ 2× the floor's", measured: `${ts.contender} ${fmt(ts.fig.rssMB, 0)} MB vs floor ${fmt(floor.fig.rssMB, 0)} MB (${fmt(ts.fig.rssMB / floor.fig.rssMB, 2)}×)`, met: ts.fig.rssMB <= 2 * floor.fig.rssMB }
        : { target: "B8 peak RSS ≤ 2× the floor's", measured: `not measured: ${why}`, met: undefined },
      Number.isFinite(growth)
        ? { target: 'B8 no RSS growth over the second half (≤ 10%)', measured: `${fmt(growth * 100, 1)}%`, met: growth <= 0.1 }
        : { target: 'B8 no RSS growth over the second half (≤ 10%)', measured: `not measured: ${ctx.smoke ? 'smoke run too short' : why}`, met: undefined },
    ];
    return {
      table,
      targets,
      incorrect: runs.filter((r) => !r.fig.correct && !r.fig.unavailable).map((r) => `${r.contender}: ${r.fig.problem ?? ''}`),
      data: { seconds, runs: runs.map(({ fig: { report, ...f }, ...r }) => ({ ...r, fig: f, rssPerBatchMB: report?.extra?.['rssPerBatchMB'] })) },
    };
  },
};
