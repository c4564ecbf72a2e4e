/**
 * B4's tspark contender: word count over a sliding window, stepped batch by batch with the
 * ManualClock so each batch's time is the engine's work alone. `--mode inverse` uses
 * `reduceByKeyAndWindow(add, sub, W, 1)` with a zero-count filter; `noinverse` re-reduces the
 * window; `nowindow` is the same query without a window (to subtract the per-batch count).
 * The last window's counts are checked against a plain count of the same batches.
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
const mode = args.str('mode', 'inverse');
const name = `tspark-${mode}`;
const windowBatches = args.num('window', 30);
const batches = makeBatches({
  batches: args.num('batches', windowBatches * 2),
  linesPerBatch: args.num('lines-per-batch', 10_000),
  vocabulary: args.num('vocab', 1_000_000),
  zipfS: 1,
});
const engine = await loadEngine(['queueStream']);
if (typeof engine === 'string') {
  emitReport({ name, unavailable: engine });
  process.exit(0);
}
const clock = new engine.ManualClock(0);
const sc = new engine.SparkContext('local[2]', 'bench-window');
const ssc = new engine.StreamingContext(sc, 1, { clock, out: () => undefined });
const dir = mkdtempSync(join(tmpdir(), 'tspark-bench-window-'));
ssc.checkpoint(dir);
const pairs = ssc
  .queueStream(batches)
  .flatMap((l) => l.split(' '))
  .map((w): [string, number] => [w, 1]);
const missing = mode === 'nowindow' ? undefined : missingMethods(pairs, ['reduceByKeyAndWindow']);
if (missing) {
  emitReport({ name, unavailable: missing });
  process.exit(0);
}
const add = (a: number, b: number): number => a + b;
const counts =
  mode === 'nowindow'
    ? pairs.reduceByKey(add)
    : pairs.reduceByKeyAndWindow(add, mode === 'inverse' ? (a, b) => a - b : null, windowBatches, 1, undefined, (kv) => kv[1] > 0);
const sizes: number[] = [];
let last: [string, number][] = [];
let seen = 0;
counts.foreachRDD((_time, rdd) => {
  seen++;
  if (seen === batches.length) last = rdd.collect();
  else sizes.push(rdd.count());
});
ssc.start();
const perBatch: number[] = [];
for (let i = 0; i < batches.length; i++) {
  const t0 = performance.now();
  await clock.advance(1000);
  perBatch.push(performance.now() - t0);
}
const expected = countWords(mode === 'nowindow' ? batches.slice(-1) : batches.slice(-windowBatches));
const ok = last.length === expected.size && countsFingerprint(last) === countsFingerprint(expected);
emitReport({
  name,
  doneAt: Date.now(),
  maxRssMB: maxRssMB(),
  batches: perBatch.length,
  batchMs: perBatch,
  extra: { stateSizes: sizes, lastWindowKeys: last.length, expectedKeys: expected.size, correct: ok ? 'yes' : 'no' },
});
ssc.stop(true, false);
rmSync(dir, { recursive: true, force: true });
process.exit(0);
