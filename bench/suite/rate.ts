/**
 * Open-loop runs for B3 and B8: the rate-limited generator sends R MB/s for D seconds whatever
 * the consumer does; a consumer that keeps up prints every batch in well under an interval and
 * finishes right after the generator.
 */
import { startGenerator } from '../lib/proc.js';
import { median, percentile } from '../lib/stats.js';
import { interleave, type Contender, type RunFigures } from './throughput.js';
import type { BenchContext } from './types.js';

/** One contender's run at one rate, judged. */
export interface RateRun {
  readonly contender: string;
  readonly rateMBps: number;
  readonly fig: RunFigures;
  /** Last output − the generator's planned end (accept + D), ms. */
  readonly lagMs: number;
  readonly p50BatchMs: number;
  readonly maxBatchMs: number;
  /** Median CPU ms per batch, first and last batches left out (start-up and the tail). */
  readonly cpuPerBatchMs: number;
  readonly maxSchedulingDelayMs: number;
  readonly sustained: boolean;
  readonly why: string;
}

/** Runs every contender once at `rate` MB/s for `seconds`, interleaved, and judges each run. */
export async function runAtRate(
  ctx: BenchContext,
  contenders: readonly Contender[],
  rate: number,
  seconds: number,
  batchMs = 1000,
): Promise<RateRun[]> {
  const gen = await startGenerator(`${ctx.distBench}/generator/main.js`, ['--mode', 'rate', '--rate', String(rate), '--seconds', String(seconds), '--armed']);
  try {
    const figs = await interleave(ctx, gen, contenders, 1);
    return figs.map((fig) => judge(fig, rate, seconds, batchMs));
  } finally {
    await gen.stop();
  }
}

function judge(fig: RunFigures, rate: number, seconds: number, batchMs: number): RateRun {
  const rep = fig.report;
  const batches = rep?.batchMs ?? [];
  const cpu = rep?.batchCpuMs ?? [];
  // Against the planned end, not the generator's last write: a slow reader holds the sender back
  // through TCP, so the last write itself comes late.
  const lagMs = rep?.doneAt !== undefined && fig.acceptedAt !== undefined ? rep.doneAt - (fig.acceptedAt + seconds * 1000) : Number.NaN;
  const maxBatchMs = batches.length ? Math.max(...batches) : Number.NaN;
  const base = {
    contender: fig.contender,
    rateMBps: rate,
    fig,
    lagMs,
    p50BatchMs: percentile(batches, 50),
    maxBatchMs,
    cpuPerBatchMs: median(cpu.slice(1, -1)),
    maxSchedulingDelayMs: rep?.schedulingDelayMs?.length ? Math.max(...rep.schedulingDelayMs) : Number.NaN,
  };
  let why = '';
  if (fig.unavailable) why = `not yet measurable: ${fig.unavailable}`;
  else if (!fig.correct) why = fig.problem ?? 'wrong totals';
  else if (!(maxBatchMs < 0.5 * batchMs)) why = `a batch took ${maxBatchMs.toFixed(0)} ms (limit ${0.5 * batchMs} ms)`;
  // The last batch closes at the first tick after the generator's end, so one interval of lag is
  // the design; half an interval more allows for that batch's own processing.
  else if (!(lagMs <= 1.5 * batchMs)) why = `finished ${lagMs.toFixed(0)} ms after the generator's planned end (limit ${1.5 * batchMs} ms)`;
  return { ...base, sustained: why === '', why };
}
