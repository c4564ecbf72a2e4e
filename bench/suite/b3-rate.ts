/**
 * B3 sustainable rate: the word count under the open-loop generator at rising rates; a
 * contender sustains R when every batch takes under half the interval and its last output comes
 * within 1.5 intervals of the generator's end. Also CPU per batch at 5 MB/s against the floor's.
 */
import { fmt } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import { runAtRate, type RateRun } from './rate.js';
import { nodeContender, type Contender } from './throughput.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';
import { loadEngine } from '../contenders/engine.js';

/** True when the built engine has `socketTextStream` (the sources issue has landed). */
export async function haveSocketSource(): Promise<boolean> {
  return typeof (await loadEngine(['socketTextStream'])) !== 'string';
}

/**
 * The B3/B8 word-count contenders (without PySpark, whose start-up alone exceeds a run). The
 * bench-receiver variant stands in for tspark only while `socketTextStream` is missing.
 */
export async function wordCountContenders(ctx: BenchContext, expectWords: number): Promise<Contender[]> {
  const expect = ['--expect-words', String(expectWords)];
  const socket = await haveSocketSource();
  return [
    socket
      ? nodeContender(ctx, 'tspark', 'tspark', 'contenders/tspark-wordcount.js', 'words', expect)
      : nodeContender(ctx, 'tspark-receiver', 'tspark', 'contenders/tspark-wordcount.js', 'words', [...expect, '--input', 'receiver']),
    nodeContender(ctx, 'floor', 'floor', 'peers/floor.js', 'words'),
    nodeContender(ctx, 'rxjs', 'peer', 'peers/rxjs-pipeline.js', 'words'),
  ];
}

/** B3 sustainable rate under the open-loop generator. */
export const b3: Benchmark = {
  id: 'b3',
  aliases: ['rate', 'sustainable'],
  title: 'B3 sustainable rate: word count under an open-loop generator, 1 s batches',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const rates = ctx.smoke ? [5] : [5, 10, 20, 30, 40];
    const seconds = ctx.smoke ? 2 : 10;
    const all: RateRun[] = [];
    const dropped = new Set<string>();
    for (const rate of rates) {
      // The expected word count depends on the rate; a probe generator is not needed because the
      // contenders stop on the stream's end as well as on the count.
      const contenders = (await wordCountContenders(ctx, Number.MAX_SAFE_INTEGER)).filter((c) => !dropped.has(c.name));
      if (!contenders.length) break;
      ctx.log(` rate ${rate} MB/s for ${seconds} s`);
      const runs = await runAtRate(ctx, contenders, rate, seconds);
      for (const r of runs) {
        all.push(r);
        // Above the first rate a contender does not sustain, higher rates only cost time.
        if (!r.sustained) dropped.add(r.contender);
      }
    }
    const names = [...new Set(all.map((r) => r.contender))];
    const best = (name: string): number => Math.max(0, ...all.filter((r) => r.contender === name && r.sustained).map((r) => r.rateMBps));
    const rows = all.map((r) => [
      r.contender,
      String(r.rateMBps),
      r.fig.unavailable ? 'n/a' : r.sustained ? 'yes' : 'no',
      fmt(r.p50BatchMs, 1),
      fmt(r.maxBatchMs, 1),
      fmt(r.cpuPerBatchMs, 0),
      fmt(r.maxSchedulingDelayMs, 0),
      fmt(r.lagMs, 0),
      r.why.slice(0, 70),
    ]);
    const table = formatTable(['contender', 'MB/s', 'kept up', 'batch p50 ms', 'batch max ms', 'CPU ms/batch', 'sched max ms', 'lag ms', 'why not'], rows);
    const summary = names.map((n) => `${n}: sustains ${best(n) || '<' + String(rates[0])} MB/s`).join('; ');
    const at5 = (name: string): RateRun | undefined => all.find((r) => r.contender === name && r.rateMBps === 5 && r.fig.correct);
    const t5 = at5('tspark') ?? at5('tspark-receiver');
    const f5 = at5('floor');
    const label = t5?.contender ?? 'tspark';
    const na = (target: string): TargetCheck => ({ target, measured: `not measured: ${all.find((r) => r.contender.startsWith('tspark'))?.why ?? 'no run'}`, met: undefined });
    const tsBest = Math.max(best('tspark'), best('tspark-receiver'));
    const targets: TargetCheck[] = [
      t5
        ? { target: 'B3 sustainable R ≥ 0.5× the floor\'s', measured: `${label} ${tsBest} MB/s vs floor ${best('floor')} MB/s`, met: tsBest >= 0.5 * best('floor') }
        : na("B3 sustainable R ≥ 0.5× the floor's"),
      t5 && f5
        ? { target: 'B3 at 5 MB/s CPU per batch ≤ 2× the floor\'s', measured: `${fmt(t5.cpuPerBatchMs, 0)} vs ${fmt(f5.cpuPerBatchMs, 0)} ms (${fmt(t5.cpuPerBatchMs / f5.cpuPerBatchMs, 2)}×)`, met: t5.cpuPerBatchMs <= 2 * f5.cpuPerBatchMs }
        : na("B3 at 5 MB/s CPU per batch ≤ 2× the floor's"),
      t5 ? { target: 'B3 at 5 MB/s batch processing ≤ 250 ms', measured: `${label} max ${fmt(t5.maxBatchMs, 0)} ms`, met: t5.maxBatchMs <= 250 } : na('B3 at 5 MB/s batch processing ≤ 250 ms'),
    ];
    return {
      table: `${table}\n${summary}`,
      targets,
      incorrect: all.filter((r) => !r.fig.correct && !r.fig.unavailable).map((r) => `${r.contender} at ${r.rateMBps} MB/s: ${r.fig.problem ?? ''}`),
      data: { seconds, runs: all.map(({ fig: { report: _r, ...f }, ...r }) => ({ ...r, fig: f, batchMs: _r?.batchMs, batchCpuMs: _r?.batchCpuMs })) },
    };
  },
};
