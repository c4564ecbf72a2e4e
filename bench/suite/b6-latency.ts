/**
 * B6 batch latency and per-batch overhead: 1,000 stamped lines a second, batches of 1 s and
 * 100 ms; each line's time from send to printed (p50/p99), the part of it after its batch's
 * tick, and the processing time of empty batches (the generator idles for the first 2 s).
 */
import { startGenerator } from '../lib/proc.js';
import { fmt, percentile } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import { interleave, nodeContender, type RunFigures } from './throughput.js';
import { haveSocketSource } from './b3-rate.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

/** The engine times batches on its clock (whole ms): below that it can only say "< 1 ms". */
function emptyText(name: string, empty: readonly number[]): string {
  const p = percentile(empty, 50);
  return name.startsWith('tspark') && p === 0 ? '< 1 (ms clock)' : fmt(p, 2);
}

function arr(fig: RunFigures, key: string): number[] {
  const v = fig.report?.extra?.[key];
  return Array.isArray(v) ? v : [];
}

/** B6 batch latency and empty-batch overhead. */
export const b6: Benchmark = {
  id: 'b6',
  aliases: ['latency'],
  title: 'B6 batch latency: 1,000 stamped lines/s, 1 s and 100 ms batches',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const seconds = ctx.smoke ? 2 : 10;
    const rows: string[][] = [];
    const targets: TargetCheck[] = [];
    const incorrect: string[] = [];
    const data: unknown[] = [];
    const socket = await haveSocketSource();
    for (const batchMs of [1000, 100]) {
      const gen = await startGenerator(`${ctx.distBench}/generator/main.js`, ['--mode', 'stamped', '--lps', '1000', '--seconds', String(seconds), '--delay-ms', '2000', '--armed']);
      try {
        const common = ['--batch-ms', String(batchMs), '--expect-lines', String(gen.plan.lines)];
        const contenders = [
          socket
            ? nodeContender(ctx, 'tspark', 'tspark', 'contenders/tspark-latency.js', 'lines', common)
            : nodeContender(ctx, 'tspark-receiver', 'tspark', 'contenders/tspark-latency.js', 'lines', [...common, '--input', 'receiver']),
          nodeContender(ctx, 'floor', 'floor', 'peers/latency-floor.js', 'lines', ['--batch-ms', String(batchMs)]),
        ];
        ctx.log(` batches of ${batchMs} ms`);
        const figs = await interleave(ctx, gen, contenders, 1);
        for (const c of contenders) {
          const mine = figs.filter((f) => f.contender === c.name);
          const bad = mine.find((f) => f.unavailable);
          if (bad) {
            rows.push([c.name, String(batchMs), 'not yet measurable', '', '', '', '', (bad.unavailable ?? '').slice(0, 50)]);
            continue;
          }
          const ok = mine.filter((f) => f.correct);
          for (const f of mine.filter((x) => !x.correct)) incorrect.push(`${c.name} at ${batchMs} ms: ${f.problem ?? ''}`);
          const lat = ok.flatMap((f) => arr(f, 'latencyMs'));
          const after = ok.flatMap((f) => arr(f, 'afterTickMs'));
          const empty = ok.flatMap((f) => arr(f, 'emptyBatchMs'));
          rows.push([c.name, String(batchMs), fmt(percentile(lat, 50), 0), fmt(percentile(lat, 99), 0), fmt(percentile(after, 50), 1), fmt(percentile(after, 99), 1), emptyText(c.name, empty), `${lat.length} lines`]);
          data.push({ contender: c.name, batchMs, latencyP50: percentile(lat, 50), latencyP99: percentile(lat, 99), afterTickP50: percentile(after, 50), afterTickP99: percentile(after, 99), emptyBatchMedianMs: percentile(empty, 50), emptyBatches: empty.length });
        }
        const tsName = figs.some((f) => f.contender === 'tspark' && f.correct) ? 'tspark' : 'tspark-receiver';
        const ts = figs.filter((f) => f.contender === tsName && f.correct);
        const fl = figs.filter((f) => f.contender === 'floor' && f.correct);
        const p99 = percentile(ts.flatMap((f) => arr(f, 'latencyMs')), 99);
        const emptyTs = percentile(ts.flatMap((f) => arr(f, 'emptyBatchMs')), 50);
        const emptyFl = percentile(fl.flatMap((f) => arr(f, 'emptyBatchMs')), 50);
        const why = figs.find((f) => f.contender.startsWith('tspark'))?.unavailable ?? 'no correct tspark run';
        targets.push(
          ts.length
            ? { target: `B6 ${batchMs} ms batches: p99 latency ≤ interval + 20 ms`, measured: `${tsName} ${fmt(p99, 0)} ms`, met: p99 <= batchMs + 20 }
            : { target: `B6 ${batchMs} ms batches: p99 latency ≤ interval + 20 ms`, measured: `not measured: ${why}`, met: undefined },
        );
        if (batchMs === 1000) {
          targets.push(
            ts.length && Number.isFinite(emptyTs)
              ? { target: "B6 empty-batch overhead ≤ 5 ms and ≤ 5× the floor's", measured: `${tsName} ${emptyTs === 0 ? '< 1' : fmt(emptyTs, 2)} ms vs floor ${fmt(emptyFl, 2)} ms`, met: emptyTs <= 5 && emptyTs <= 5 * Math.max(emptyFl, 0.2) }
              : { target: "B6 empty-batch overhead ≤ 5 ms and ≤ 5× the floor's", measured: `not measured: ${why}`, met: undefined },
          );
        }
      } finally {
        await gen.stop();
      }
    }
    const table = formatTable(['contender', 'batch ms', 'latency p50 ms', 'p99 ms', 'after tick p50', 'p99', 'empty batch ms', 'n'], rows);
    return { table, targets, incorrect, data };
  },
};
