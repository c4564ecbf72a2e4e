/** Turning interleaved runs into the rows, ratios and target checks the report prints. */
import { fmt, fmtSpread, spread, type Spread } from '../lib/stats.js';
import { good, type Contender, type RunFigures } from './throughput.js';
import type { TargetCheck } from './types.js';

/** Per-contender medians of a throughput benchmark. */
export interface ContenderSummary {
  readonly name: string;
  readonly role: Contender['role'];
  readonly runs: number;
  readonly mbps: Spread;
  readonly wordsPerSec: Spread;
  readonly linesPerSec: Spread;
  readonly rssMB: Spread;
  readonly failures: readonly string[];
  readonly unavailable: string | undefined;
}

/** Summarises each contender's good runs, keeping failures and "not yet measurable" notes. */
export function summarise(contenders: readonly Contender[], figs: readonly RunFigures[]): ContenderSummary[] {
  return contenders.map((c) => {
    const ok = good(figs, c.name);
    const mine = figs.filter((f) => f.contender === c.name);
    return {
      name: c.name,
      role: c.role,
      runs: ok.length,
      mbps: spread(ok.map((f) => f.mbps)),
      wordsPerSec: spread(ok.map((f) => f.wordsPerSec)),
      linesPerSec: spread(ok.map((f) => f.linesPerSec)),
      rssMB: spread(ok.map((f) => f.rssMB)),
      failures: mine.filter((f) => f.problem).map((f) => `round ${f.round + 1}: ${f.problem!}`),
      unavailable: mine.find((f) => f.unavailable)?.unavailable,
    };
  });
}

/**
 * Per-round ratio of two contenders' MB/s, then the median of those: pairs taken within one
 * round saw the same machine state, so their ratio is steadier than a ratio of medians.
 */
export function roundRatios(figs: readonly RunFigures[], a: string, b: string): number[] {
  const out: number[] = [];
  const rounds = new Set(figs.map((f) => f.round));
  for (const r of rounds) {
    const fa = figs.find((f) => f.round === r && f.contender === a && f.correct);
    const fb = figs.find((f) => f.round === r && f.contender === b && f.correct);
    if (fa && fb) out.push(fa.mbps / fb.mbps);
  }
  return out;
}

/** Ratio of medians `a / b` of a figure, or NaN when either side is missing. */
export function ratioOfMedians(sums: readonly ContenderSummary[], a: string, b: string, pick: (s: ContenderSummary) => Spread): number {
  const sa = sums.find((s) => s.name === a);
  const sb = sums.find((s) => s.name === b);
  if (!sa || !sb || !sa.runs || !sb.runs) return Number.NaN;
  return pick(sa).median / pick(sb).median;
}

/** A ratio target: met when `value` is on the right side of `bound` ("≥" or "≤"). */
export function ratioTarget(target: string, value: number, op: '>=' | '<=', bound: number, missing: string): TargetCheck {
  if (!Number.isFinite(value)) return { target, measured: `not measured: ${missing}`, met: undefined };
  return { target, measured: `${fmt(value, 2)}×`, met: op === '>=' ? value >= bound : value <= bound };
}

/** The rows of a throughput table: one per contender. */
export function throughputRows(sums: readonly ContenderSummary[], ref: string, withWords: boolean): string[][] {
  const refMbps = sums.find((s) => s.name === ref)?.mbps.median ?? Number.NaN;
  return sums.map((s) => {
    if (s.unavailable) return [s.name, 'not yet measurable', '', '', '', s.unavailable.slice(0, 60)];
    if (!s.runs) return [s.name, 'FAILED', '', '', '', (s.failures[0] ?? '').slice(0, 60)];
    return [
      s.name,
      fmtSpread(s.mbps),
      withWords ? `${fmt(s.wordsPerSec.median / 1e6, 2)} M` : `${fmt(s.linesPerSec.median / 1e6, 2)} M`,
      fmtSpread(s.rssMB, 0),
      `${fmt(s.mbps.median / refMbps, 2)}×`,
      `${s.runs}${s.failures.length ? ` (+${s.failures.length} failed)` : ''}`,
    ];
  });
}

/**
 * The tspark contender the targets are judged on: the real `socketTextStream` one when it ran,
 * else the one reading through the bench's own receiver (named as such in every target line).
 */
export function judged(sums: readonly ContenderSummary[]): string {
  return sums.find((s) => s.name === 'tspark')?.runs ? 'tspark' : sums.some((s) => s.name === 'tspark-receiver' && s.runs) ? 'tspark-receiver' : 'tspark';
}
