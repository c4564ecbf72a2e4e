/**
 * B14 (issue 14), Kafka: `createDirectStream → word count → pprint` reading a topic of the
 * suite's corpus (one record per line, six partitions) from its earliest offsets, beside four
 * floors on the same client (`@platformatic/kafka`): `floor`, its consumer stream decoding each
 * value and nothing else (the client's raw consume rate, the target's reference); `floor+wc`,
 * the same word count written by hand on that stream; `fetch` and `fetch+wc`, the same two read
 * by hand through the client's fetch request, without the stream (the fastest this client
 * reads; tspark's reader makes the same request). With `--peers pyspark`, PySpark Structured
 * Streaming's Kafka source (spark-sql-kafka-0-10 from Maven Central) on the same topic. Then
 * the scaling run: 1, 2 and 3 tspark processes, each reading its share of the six partitions.
 *
 * Times cover the whole consume, fetches included: the floors from the moment they are
 * subscribed (or, for the fetch loops, their first fetch) to their last record; tspark from the
 * start of its first batch with records (the tick, before the batch's fetch) to the end of its
 * last (the wait for the first tick is not counted, nor the JVM's start for PySpark, timed from
 * its first trigger with records). Every run's totals are checked: records for the floors, word
 * counts and fingerprint for the others. Each run's CPU time (all its threads, start-up
 * included; not reported by the PySpark peer) is shown beside the rate, and records per CPU
 * second: on a loaded machine a process's wall time depends on how many threads it keeps busy,
 * its CPU time much less.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { type KafkaPlan, dropTopic, fillTopic, kafkaBootstrap } from '../kafka/topic.js';
import { ensurePyspark } from '../lib/pyspark-env.js';
import { type ConsumerRun, runConsumer } from '../lib/proc.js';
import type { ConsumerReport } from '../lib/report.js';
import { fmt, median } from '../lib/stats.js';
import { formatTable } from '../lib/table.js';
import { pythonFor } from './b2-wordcount.js';
import type { Benchmark, BenchContext, BenchOutcome, TargetCheck } from './types.js';

/** One timed run of one contender (or, in the scaling run, of n processes together). */
interface KafkaRun {
  readonly contender: string;
  readonly round: number;
  readonly records: number;
  readonly seconds: number;
  readonly recordsPerSec: number;
  readonly rssMB: number;
  readonly cpuMs: number;
  readonly problem?: string;
}

/** Makes sure Spark's Kafka connector jars are in bench/.spark-kafka/lib (Maven, once); returns the directory or a problem. */
function ensureConnectorJars(ctx: BenchContext): { dir: string } | { problem: string } {
  const dir = `${ctx.root}/bench/.spark-kafka/lib`;
  if (existsSync(dir) && readdirSync(dir).some((f) => f.startsWith('spark-sql-kafka'))) return { dir };
  mkdirSync(dir, { recursive: true });
  ctx.log(`resolving spark-sql-kafka-0-10 with Maven into ${dir} (once)`);
  const r = spawnSync('mvn', ['-q', '-f', `${ctx.root}/bench/kafka/pom.xml`, 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${dir}`], { stdio: 'inherit' });
  return r.status === 0 ? { dir } : { problem: 'mvn could not resolve spark-sql-kafka-0-10 (see its output above)' };
}

function check(plan: KafkaPlan, rep: ConsumerReport, words: boolean, share = plan.records): string | undefined {
  if (rep.lines !== share) return `read ${String(rep.lines)} records; the topic has ${share}`;
  if (!words) return undefined;
  if (rep.words !== plan.words) return `counted ${String(rep.words)} words; the topic has ${plan.words}`;
  if (rep.fingerprint !== plan.fingerprint) return `word counts differ (fingerprint ${String(rep.fingerprint)} ≠ ${plan.fingerprint})`;
  return undefined;
}

function figures(contender: string, round: number, run: ConsumerRun, plan: KafkaPlan, words: boolean): KafkaRun {
  const rep = run.report;
  if (!rep || rep.doneAt === undefined) {
    const why = run.timedOut ? 'timed out' : `exited with code ${String(run.exitCode)}`;
    return { contender, round, records: 0, seconds: Number.NaN, recordsPerSec: Number.NaN, rssMB: Number.NaN, cpuMs: Number.NaN, problem: `${why}; ${run.stderrTail.trim().slice(-400)}` };
  }
  const start = Number(rep.extra?.firstDataAt ?? rep.connectedAt);
  const seconds = (rep.doneAt - start) / 1000;
  const problem = check(plan, rep, words);
  return {
    contender,
    round,
    records: rep.lines ?? 0,
    seconds,
    recordsPerSec: (rep.lines ?? 0) / seconds,
    rssMB: rep.maxRssMB ?? run.treePeakRssMB,
    cpuMs: rep.cpuMs ?? Number.NaN,
    ...(problem ? { problem } : {}),
  };
}

/** n tspark processes, each reading partitions i, i+n, … of the topic, at the same time. */
async function scaled(ctx: BenchContext, plan: KafkaPlan, n: number, round: number): Promise<KafkaRun> {
  const shares = Array.from({ length: n }, (_, i) => Array.from({ length: plan.partitions }, (_, p) => p).filter((p) => p % n === i));
  const runs = await Promise.all(
    shares.map((parts) => {
      const records = parts.reduce((s, p) => s + (plan.perPartition[p] ?? 0), 0);
      return runConsumer(process.execPath, [`${ctx.distBench}/contenders/tspark-kafka.js`, '--bootstrap', plan.bootstrap, '--topic', plan.topic, '--records', String(records), '--partitions', parts.join(',')], { timeoutMs: 600_000 });
    }),
  );
  const reps = runs.map((r) => r.report);
  const name = `tspark ×${n}`;
  if (reps.some((r) => r?.doneAt === undefined)) return { contender: name, round, records: 0, seconds: Number.NaN, recordsPerSec: Number.NaN, rssMB: Number.NaN, cpuMs: Number.NaN, problem: runs.map((r) => r.stderrTail.trim().slice(-200)).join(' | ') };
  const ok = reps as ConsumerReport[];
  const records = ok.reduce((s, r) => s + (r.lines ?? 0), 0);
  const words = ok.reduce((s, r) => s + (r.words ?? 0), 0);
  const fingerprint = ok.reduce((f, r) => (f + (r.fingerprint ?? 0)) >>> 0, 0);
  const start = Math.min(...ok.map((r) => Number(r.extra?.firstDataAt ?? r.connectedAt)));
  const end = Math.max(...ok.map((r) => r.doneAt ?? 0));
  const seconds = (end - start) / 1000;
  const problem = records !== plan.records ? `read ${records} records of ${plan.records}` : words !== plan.words || fingerprint !== plan.fingerprint ? 'word counts differ from the topic\'s' : undefined;
  return {
    contender: name,
    round,
    records,
    seconds,
    recordsPerSec: records / seconds,
    rssMB: ok.reduce((s, r) => s + (r.maxRssMB ?? 0), 0),
    cpuMs: ok.reduce((s, r) => s + (r.cpuMs ?? 0), 0),
    ...(problem ? { problem } : {}),
  };
}

/** B14: Kafka word count beside the client's floor and PySpark; scaling 1→3 processes. */
export const b14: Benchmark = {
  id: 'b14',
  aliases: ['kafka'],
  title: 'B14 Kafka → word count → pprint: records/s per process beside the raw client and PySpark; 1→3 processes on 6 partitions',
  async run(ctx: BenchContext): Promise<BenchOutcome> {
    const bootstrap = kafkaBootstrap(ctx.root);
    const mb = ctx.smoke ? 2 : 30;
    ctx.log(`writing ${mb} MB of the corpus into a 6-partition topic on ${bootstrap}`);
    const plan = await fillTopic(bootstrap, mb);
    ctx.log(`  ${plan.records} records, ${plan.words} words in ${plan.topic}`);
    const node = (script: string, extra: string[] = []): [string, string[]] => [process.execPath, [`${ctx.distBench}/${script}`, '--bootstrap', bootstrap, '--topic', plan.topic, '--records', String(plan.records), ...extra]];
    const contenders: Array<{ name: string; cmd: [string, string[]]; words: boolean; maxRounds?: number }> = [
      { name: 'floor', cmd: node('peers/kafka-consume.js'), words: false },
      { name: 'floor+wc', cmd: node('peers/kafka-consume.js', ['--count-words']), words: true },
      { name: 'fetch', cmd: node('peers/kafka-fetch.js'), words: false },
      { name: 'fetch+wc', cmd: node('peers/kafka-fetch.js', ['--count-words']), words: true },
      { name: 'tspark', cmd: node('contenders/tspark-kafka.js'), words: true },
    ];
    const notes: string[] = [];
    if (ctx.peers.has('pyspark')) {
      const problem = ensurePyspark(ctx.root, ctx.log);
      const jars = ensureConnectorJars(ctx);
      if (problem) notes.push(`PySpark not run: ${problem}`);
      else if ('problem' in jars) notes.push(`PySpark not run: ${jars.problem}`);
      else {
        contenders.push({
          name: 'pyspark',
          cmd: [pythonFor(ctx, true), [`${ctx.root}/bench/peers/pyspark_kafka.py`, '--bootstrap', bootstrap, '--topic', plan.topic, '--records', String(plan.records), '--jars', jars.dir]],
          words: true,
          maxRounds: Math.min(ctx.rounds, 3),
        });
      }
    }
    const runs: KafkaRun[] = [];
    try {
      for (let r = 0; r < ctx.rounds; r++) {
        for (let k = 0; k < contenders.length; k++) {
          const c = contenders[(r + k) % contenders.length];
          if (!c || r >= (c.maxRounds ?? Infinity)) continue;
          const run = await runConsumer(c.cmd[0], c.cmd[1], { timeoutMs: 600_000, sampleTree: c.name === 'pyspark' });
          const f = figures(c.name, r, run, plan, c.words);
          ctx.log(`  round ${r + 1}/${ctx.rounds} ${c.name.padEnd(10)} ${f.problem ? `FAILED: ${f.problem}` : `${fmt(f.recordsPerSec / 1000)}k records/s, ${fmt(f.seconds, 2)} s, RSS ${fmt(f.rssMB)} MB`}`);
          runs.push(f);
        }
      }
      for (let r = 0; r < Math.min(ctx.rounds, 3); r++) {
        for (const n of [1, 2, 3]) {
          const f = await scaled(ctx, plan, n, r);
          ctx.log(`  scaling round ${r + 1} ${f.contender.padEnd(10)} ${f.problem ? `FAILED: ${f.problem}` : `${fmt(f.recordsPerSec / 1000)}k records/s together, ${fmt(f.seconds, 2)} s`}`);
          runs.push(f);
        }
      }
    } finally {
      await dropTopic(bootstrap, plan.topic);
    }
    const names = [...new Set(runs.map((r) => r.contender))];
    const med = (name: string, pick: (r: KafkaRun) => number): number => median(runs.filter((r) => r.contender === name && !r.problem).map(pick));
    const rows = names.map((n) => {
      const good = runs.filter((r) => r.contender === n && !r.problem);
      const rates = good.map((r) => r.recordsPerSec);
      return [
        n,
        good.length ? `${fmt(median(rates) / 1000)}k [${fmt(Math.min(...rates) / 1000)}–${fmt(Math.max(...rates) / 1000)}k]` : '–',
        good.length ? fmt(med(n, (r) => r.seconds), 2) : '–',
        good.length ? fmt(med(n, (r) => r.rssMB)) : '–',
        Number.isFinite(med(n, (r) => r.cpuMs)) ? fmt(med(n, (r) => r.cpuMs) / 1000, 2) : '–',
        Number.isFinite(med(n, (r) => r.cpuMs)) ? `${fmt(med(n, (r) => r.records / (r.cpuMs / 1000)) / 1000)}k` : '–',
        good.length ? fmt(med(n, (r) => r.recordsPerSec) / med('floor', (r) => r.recordsPerSec), 2) : '–',
        `${good.length}/${runs.filter((r) => r.contender === n).length}`,
      ];
    });
    const table = formatTable(['contender', 'records/s median [min–max]', 's', 'RSS MB', 'CPU s', 'records/CPU s', 'vs floor', 'runs'], rows);
    const vsFloor = med('tspark', (r) => r.recordsPerSec) / med('floor', (r) => r.recordsPerSec);
    const scale3 = med('tspark ×3', (r) => r.recordsPerSec) / med('tspark ×1', (r) => r.recordsPerSec);
    const vsPy = med('tspark', (r) => r.recordsPerSec) / med('pyspark', (r) => r.recordsPerSec);
    const vsWc = med('tspark', (r) => r.recordsPerSec) / med('floor+wc', (r) => r.recordsPerSec);
    const vsFetch = med('tspark', (r) => r.recordsPerSec) / med('fetch', (r) => r.recordsPerSec);
    const vsFetchWc = med('tspark', (r) => r.recordsPerSec) / med('fetch+wc', (r) => r.recordsPerSec);
    notes.push(`tspark / the same word count by hand on the client's stream (floor+wc) = ${fmt(vsWc, 2)}×`);
    notes.push(`tspark / the client's fetch request read by hand (fetch) = ${fmt(vsFetch, 2)}×; / the same word count by hand on it (fetch+wc) = ${fmt(vsFetchWc, 2)}×`);
    if (Number.isFinite(vsPy)) notes.push(`tspark / PySpark Structured Streaming (Kafka source) = ${fmt(vsPy, 2)}×`);
    notes.push(`scaling: 3 processes ${fmt(scale3, 2)}× one process (2 cores, shared with the broker)`);
    const targets: TargetCheck[] = [
      { target: 'B14 tspark ≥ 0.7× the client\'s raw consume rate (records/s)', measured: Number.isFinite(vsFloor) ? `${fmt(vsFloor, 2)}×` : 'not measured', met: Number.isFinite(vsFloor) ? vsFloor >= 0.7 : undefined },
    ];
    return {
      table: [table, ...notes].join('\n'),
      targets,
      incorrect: runs.filter((r) => r.problem).map((r) => `${r.contender} round ${r.round + 1}: ${r.problem ?? ''}`),
      data: { plan: { ...plan, perPartition: [...plan.perPartition] }, runs, ratios: { vsFloor, vsWc, vsFetch, vsFetchWc, scale3, vsPy } },
    };
  },
};
