/**
 * The cost of checking that records are pairs (rdd/pairs.ts) on word count's map side, in
 * process: 3 M words (300 k lines of 10, Zipf-like over 20 k words) through
 * `flatMap(split) → map([w, 1]) → reduceByKey(+)`, both as records arrive (a receiver's blocks,
 * the eager combine) and at the tick (an RDD). Prints CPU milliseconds per run (median and
 * minimum of 15, after 3 warm-up runs): CPU time, not wall time, because the machine is shared.
 *
 * Not a timed test. Run after `npm run build`: node dist/bench/pair-check.js
 */
import { ManualClock, SparkContext } from '../src/index.js';
import { Blocks } from '../src/engine/inputs/blocks.js';
import type { Aggregator } from '../src/engine/rdd/shuffle.js';
import { type Stage, flatMapStage, mapStage } from '../src/engine/rdd/stages.js';

const vocab = Array.from({ length: 20_000 }, (_, i) => `w${(i * 2654435761) % 1_000_003}`);
let seed = 1;
const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const lines = Array.from({ length: 300_000 }, () => Array.from({ length: 10 }, () => vocab[Math.floor(vocab.length * rnd() ** 3)]).join(' '));
const add = (a: number, b: number): number => a + b;
const agg: Aggregator<number, number> = { createCombiner: (v) => v, mergeValue: add, mergeCombiners: add };

function cpuMs(run: () => void): number {
  const t = process.cpuUsage();
  run();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}

function eager(): number {
  const blocks = new Blocks<string>(new ManualClock(0), 200);
  const stages = [flatMapStage((l: string) => l.split(' ')), mapStage((w: string): [string, number] => [w, 1])] as Array<Stage<unknown, unknown>>;
  blocks.addConsumer(stages, agg as Aggregator<unknown, unknown>, 'reduceByKey');
  blocks.setRawNeeded(false);
  return cpuMs(() => {
    for (let i = 0; i < lines.length; i += 1000) blocks.store(lines.slice(i, i + 1000));
  });
}

const sc = new SparkContext('local[2]', 'pair-check');
function tick(): number {
  return cpuMs(() => {
    sc.parallelize(lines, 2)
      .flatMap((l) => l.split(' '))
      .map((w): [string, number] => [w, 1])
      .reduceByKey(add, 2)
      .count();
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
for (let i = 0; i < 3; i++) {
  eager();
  tick();
}
const e: number[] = [];
const r: number[] = [];
for (let i = 0; i < 15; i++) {
  e.push(eager());
  r.push(tick());
}
console.log(`word count map side, 3 M words, CPU ms per run (median / min of 15)`);
console.log(`  as records arrive (eager combine): ${median(e).toFixed(0)} / ${Math.min(...e).toFixed(0)}`);
console.log(`  at the tick (RDD reduceByKey):     ${median(r).toFixed(0)} / ${Math.min(...r).toFixed(0)}`);
