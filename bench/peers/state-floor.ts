/**
 * B5's floor: the same update loop with a plain `Map` as the state (the reference measured
 * 53.4 heap bytes per key for short string keys and small integers). Run with --expose-gc.
 */
import { countsFingerprint } from '../generator/corpus.js';
import { Args } from '../lib/args.js';
import { countWords, makeBatches } from '../lib/batches.js';
import { emitReport, maxRssMB } from '../lib/report.js';

const args = new Args();
const batches = makeBatches({
  batches: args.num('batches', 30),
  linesPerBatch: args.num('lines-per-batch', 17_500),
  vocabulary: args.num('vocab', 1_000_000),
  zipfS: 0,
});
const gc = (globalThis as { gc?: () => void }).gc;
const heapAfterGc = (): number => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};
const heap0 = heapAfterGc();
const state = new Map<string, number>();
const perBatch: number[] = [];
const sizes: number[] = [];
for (const batch of batches) {
  const t0 = performance.now();
  const m = new Map<string, number>();
  for (const line of batch) for (const w of line.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  for (const [w, n] of m) state.set(w, (state.get(w) ?? 0) + n);
  perBatch.push(performance.now() - t0);
  sizes.push(state.size);
}
const heap1 = heapAfterGc();
const expected = countWords(batches);
const ok = state.size === expected.size && countsFingerprint(state) === countsFingerprint(expected);
emitReport({
  name: 'map-floor',
  doneAt: Date.now(),
  maxRssMB: maxRssMB(),
  batches: perBatch.length,
  batchMs: perBatch,
  extra: { stateSizes: sizes, keys: state.size, bytesPerKey: gc ? (heap1 - heap0) / state.size : Number.NaN, correct: ok ? 'yes' : 'no', expectedKeys: expected.size },
});
