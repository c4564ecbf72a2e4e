/**
 * B5's tspark contender: `updateStateByKey(sum)` over 30 batches of uniformly drawn words from a
 * 1,000,000-word vocabulary (each batch touches ~10% of the keys), stepped with the ManualClock.
 * Reports per-batch time and state size, and heap bytes per key of state after full GCs
 * (run with --expose-gc). The final state is checked against a plain count of all batches.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countsFingerprint } from '../generator/corpus.js';
import { Args } from '../lib/args.js';
import { countWords, makeBatches } from '../lib/batches.js';
import { emitReport, maxRssMB } from '../lib/report.js';
import { loadEngine, missingMethods } from './engine.js';

const args = new Args();
const batches = makeBatches({
  batches: args.num('batches', 30),
  linesPerBatch: args.num('lines-per-batch', 17_500),
  vocabulary: args.num('vocab', 1_000_000),
  zipfS: 0,
});
const engine = await loadEngine(['queueStream']);
if (typeof engine === 'string') {
  emitReport({ name: 'tspark', unavailable: engine });
  process.exit(0);
}
const gc = (globalThis as { gc?: () => void }).gc;
const heapAfterGc = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
const clock = new engine.ManualClock(0);
const sc = new engine.SparkContext('local[2]', 'bench-state');
const ssc = new engine.StreamingContext(sc, 1, { clock, out: () => undefined });
const dir = mkdtempSync(join(tmpdir(), 'tspark-bench-state-'));
ssc.checkpoint(dir);
const pairs = ssc
  .queueStream(batches)
  .flatMap((l) => l.split(' '))
  .map((w): [string, number] => [w, 1]);
const missing = missingMethods(pairs, ['updateStateByKey']);
if (missing) {
  emitReport({ name: 'tspark', unavailable: missing });
  process.exit(0);
}
const state = pairs.updateStateByKey((values, old) => {
  let s = old ?? 0;
  for (const v of values) s += v;
  return s;
});
const sizes: number[] = [];
let last: [string, number][] = [];
let seen = 0;
state.foreachRDD((_time, rdd) => {
  seen++;
  if (seen === batches.length) last = rdd.collect();
  else sizes.push(rdd.count());
});
const heap0 = heapAfterGc();
ssc.start();
const perBatch: number[] = [];
for (let i = 0; i < batches.length; i++) {
  const t0 = performance.now();
  await clock.advance(1000);
  perBatch.push(performance.now() - t0);
}
const heap1 = heapAfterGc();
sizes.push(last.length);
const expected = countWords(batches);
const ok = last.length === expected.size && countsFingerprint(last) === countsFingerprint(expected);
emitReport({
  name: 'tspark',
  doneAt: Date.now(),
  maxRssMB: maxRssMB(),
  batches: perBatch.length,
  batchMs: perBatch,
  extra: {
    stateSizes: sizes,
    keys: last.length,
    bytesPerKey: gc ? (heap1 - heap0) / last.length : Number.NaN,
    correct: ok ? 'yes' : 'no',
    expectedKeys: expected.size,
  },
});
ssc.stop(true, false);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
