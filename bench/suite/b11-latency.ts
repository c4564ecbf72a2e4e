/**
 * B11 (b): latency of a Structured Streaming query with a 100 ms processingTime trigger, 1,000
 * stamped lines a second: each line's time from sent to its row printed by the console sink,
 * beside the hand-written floor that prints every 100 ms (B6's).
 */
import { startGenerator } from '../lib/proc.js';
import { fmt, percentile } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import { interleave, nodeContender, type RunFigures } from './throughput.js';
import type { BenchContext, BenchOutcome, TargetCheck } from './types.js';

const TRIGGER_MS = 100;

function arr(fig: RunFigures, key: string): number[] {
  const v = fig.report?.extra?.[key];
  return Array.isArray(v) ? v : [];
}

/** Runs part (b) of B11. */
export async function b11Latency(ctx: BenchContext): Promise<BenchOutcome> {
  const seconds = ctx.smoke ? 2 : 10;
  const gen = await startGenerator(`${ctx.distBench}/generator/main.js`, ['--mode', 'stamped', '--lps', '1000', '--seconds', String(seconds), '--delay-ms', '2000', '--armed']);
  try {
    const contenders = [
      nodeContender(ctx, 'tspark', 'tspark', 'contenders/tspark-ss-latency.js', 'lines', ['--trigger-ms', String(TRIGGER_MS), '--expect-lines', String(gen.plan.lines)]),
      nodeContender(ctx, 'floor', 'floor', 'peers/latency-floor.js', 'lines', ['--batch-ms', String(TRIGGER_MS)]),
    ];
    ctx.log(` B11 latency: ${TRIGGER_MS} ms trigger`);
    const figs = await interleave(ctx, gen, contenders, 1);
    const rows: string[][] = [];
    const data: unknown[] = [];
    for (const c of contenders) {
      const ok = figs.filter((f) => f.contender === c.name && f.correct);
      const bad = figs.find((f) => f.contender === c.name && !f.correct);
      if (!ok.length) {
        rows.push([c.name, 'FAILED', '', '', '', (bad?.unavailable ?? bad?.problem ?? '').slice(0, 60)]);
        continue;
      }
      const lat = ok.flatMap((f) => arr(f, 'latencyMs'));
      const after = ok.flatMap((f) => arr(f, 'afterTickMs'));
      rows.push([c.name, fmt(percentile(lat, 50), 0), fmt(percentile(lat, 99), 0), fmt(percentile(after, 50), 1), fmt(percentile(after, 99), 1), `${lat.length} lines`]);
      data.push({ contender: c.name, triggerMs: TRIGGER_MS, p50: percentile(lat, 50), p99: percentile(lat, 99), afterTriggerP50: percentile(after, 50), afterTriggerP99: percentile(after, 99), lines: lat.length });
    }
    const ts = figs.filter((f) => f.contender === 'tspark' && f.correct);
    const p99 = percentile(ts.flatMap((f) => arr(f, 'latencyMs')), 99);
    const why = figs.find((f) => f.contender === 'tspark')?.unavailable ?? figs.find((f) => f.contender === 'tspark')?.problem ?? 'no correct tspark run';
    const targets: TargetCheck[] = [
      ts.length
        ? { target: `B11b p99 line sent → row printed ≤ trigger + 20 ms (${TRIGGER_MS} ms processingTime)`, measured: `${fmt(p99, 0)} ms`, met: p99 <= TRIGGER_MS + 20 }
        : { target: `B11b p99 line sent → row printed ≤ trigger + 20 ms (${TRIGGER_MS} ms processingTime)`, measured: `not measured: ${why.slice(0, 200)}`, met: undefined },
    ];
    const table = formatTable(['contender (100 ms trigger)', 'latency p50 ms', 'p99 ms', 'after trigger p50', 'p99', 'n'], rows);
    return {
      table,
      targets,
      incorrect: figs.filter((f) => !f.correct && !f.unavailable).map((f) => `${f.contender}: ${f.problem ?? ''}`),
      data,
    };
  } finally {
    await gen.stop();
  }
}
