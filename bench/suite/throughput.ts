/**
 * The shared loop of the stream benchmarks: contenders take turns reading the generator's
 * stream, round-robin with the starting contender rotated each round, so the machine's noise
 * falls on all of them alike; every run's totals are checked against the generator's plan.
 */
import type { ConsumerReport } from '../lib/report.js';
import { runConsumer, type Generator, type GeneratorPlan } from '../lib/proc.js';
import type { BenchContext } from './types.js';

/** A consumer process that takes part in a benchmark. */
export interface Contender {
  readonly name: string;
  /** "tspark", "floor", "peer": how it is labelled in tables and ratios. */
  readonly role: 'tspark' | 'floor' | 'peer';
  readonly command: string;
  args(port: number): string[];
  /** What its totals must match: lines only (ingest) or words with the fingerprint. */
  readonly check: 'lines' | 'words';
  readonly timeoutMs: number;
  /** Sample the process tree's RSS (for a Python driver with a JVM under it). */
  readonly sampleTree?: boolean;
  /** Cap on rounds for slow peers (PySpark). */
  readonly maxRounds?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** The figures of one run of one contender. */
export interface RunFigures {
  readonly contender: string;
  readonly round: number;
  /** Input MB (2^20 bytes) per second, from the generator's accept to the last batch's output. */
  readonly mbps: number;
  /** Input MB per second from the accept to the end of input (ingest alone; B1's figure). */
  readonly ingestMbps: number;
  readonly wordsPerSec: number;
  readonly linesPerSec: number;
  readonly seconds: number;
  /** Epoch ms of the generator's accept (the start of the timed span) and the consumer's own connect. */
  readonly acceptedAt?: number;
  /** Epoch ms at which the generator had handed its last byte to the socket. */
  readonly servedAt?: number;
  readonly connectedAt?: number;
  readonly rssMB: number;
  readonly cpuMs: number;
  readonly correct: boolean;
  /** Why the run does not count: wrong totals, a crash, a timeout, or a missing engine piece. */
  readonly problem?: string;
  readonly unavailable?: string;
  readonly report?: ConsumerReport;
}

/** Runs each contender `rounds` times, interleaved, and returns every run's figures. */
export async function interleave(
  ctx: BenchContext,
  gen: Generator,
  contenders: readonly Contender[],
  rounds: number,
): Promise<RunFigures[]> {
  const out: RunFigures[] = [];
  const unavailable = new Set<string>();
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(r + k) % contenders.length]!;
      if (unavailable.has(c.name) || r >= (c.maxRounds ?? Infinity)) continue;
      const fig = await runOnce(gen, c, r);
      ctx.log(
        `  round ${r + 1}/${rounds} ${c.name.padEnd(18)} ` +
          (fig.unavailable
            ? `not yet measurable: ${fig.unavailable}`
            : fig.problem
              ? `FAILED: ${fig.problem}`
              : `${fig.mbps.toFixed(1)} MB/s, ${fig.seconds.toFixed(2)} s, RSS ${fig.rssMB.toFixed(0)} MB`),
      );
      if (fig.unavailable) unavailable.add(c.name);
      out.push(fig);
    }
  }
  return out;
}

async function runOnce(gen: Generator, c: Contender, round: number): Promise<RunFigures> {
  const before = gen.accepted.length;
  await gen.arm();
  const run = await runConsumer(c.command, c.args(gen.plan.port), {
    timeoutMs: c.timeoutMs,
    sampleTree: c.sampleTree ?? false,
    ...(c.env ? { env: c.env } : {}),
  });
  const rep = run.report;
  const base = { contender: c.name, round };
  if (rep?.unavailable) return { ...base, ...zero(), correct: false, unavailable: rep.unavailable };
  if (!rep || rep.doneAt === undefined) {
    const why = run.timedOut ? `timed out after ${c.timeoutMs / 1000} s` : `exited with code ${String(run.exitCode)}`;
    return { ...base, ...zero(), correct: false, problem: `${why}; stderr: ${run.stderrTail.trim().slice(-600)}` };
  }
  const acceptedAt = gen.accepted[before] ?? rep.connectedAt ?? Number.NaN;
  const seconds = (rep.doneAt - acceptedAt) / 1000;
  const problem = checkTotals(c.check, gen.plan, rep);
  return {
    ...base,
    mbps: gen.plan.bytes / 1048576 / seconds,
    ingestMbps: gen.plan.bytes / 1048576 / (((rep.inputEndAt ?? rep.doneAt) - acceptedAt) / 1000),
    wordsPerSec: gen.plan.words / seconds,
    linesPerSec: gen.plan.lines / seconds,
    seconds,
    acceptedAt,
    ...(gen.served[before] !== undefined ? { servedAt: gen.served[before] } : {}),
    ...(rep.connectedAt !== undefined ? { connectedAt: rep.connectedAt } : {}),
    rssMB: rep.maxRssMB ?? run.treePeakRssMB,
    cpuMs: rep.cpuMs ?? Number.NaN,
    correct: problem === undefined,
    ...(problem ? { problem } : {}),
    report: rep,
  };
}

/** Compares a consumer's totals with the plan; returns what is wrong, or `undefined`. */
export function checkTotals(check: 'lines' | 'words', plan: GeneratorPlan, rep: ConsumerReport): string | undefined {
  if (check === 'lines' || rep.lines !== undefined) {
    if (rep.lines !== plan.lines) return `counted ${String(rep.lines)} lines; the generator sent ${plan.lines}`;
  }
  if (check === 'words') {
    if (rep.words !== plan.words) return `counted ${String(rep.words)} words; the generator sent ${plan.words}`;
    if (rep.fingerprint !== plan.fingerprint) return `word counts differ from the generator's (fingerprint ${String(rep.fingerprint)} ≠ ${plan.fingerprint})`;
  }
  return undefined;
}

function zero(): Omit<RunFigures, 'contender' | 'round' | 'correct'> {
  return { mbps: Number.NaN, ingestMbps: Number.NaN, wordsPerSec: Number.NaN, linesPerSec: Number.NaN, seconds: Number.NaN, rssMB: Number.NaN, cpuMs: Number.NaN };
}

/** The runs of one contender that count (correct totals, no problem). */
export function good(figs: readonly RunFigures[], name: string): RunFigures[] {
  return figs.filter((f) => f.contender === name && f.correct);
}

/** Node with the flags every TypeScript consumer runs under. */
export function nodeContender(
  ctx: BenchContext,
  name: string,
  role: Contender['role'],
  script: string,
  check: Contender['check'],
  extraArgs: readonly string[] = [],
  timeoutMs = 120_000,
): Contender {
  return {
    name,
    role,
    command: process.execPath,
    args: (port) => [`${ctx.distBench}/${script}`, '--port', String(port), ...extraArgs],
    check,
    timeoutMs,
  };
}
