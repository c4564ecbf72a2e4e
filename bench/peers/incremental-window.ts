/**
 * B4's floor: a hand-written incremental sliding window. Each batch's words are counted into a
 * `Map`; the window `Map` adds the newest batch's counts, subtracts the batch that left the
 * window and drops keys that reach zero. The window step is timed apart from the batch count.
 */
import { countsFingerprint } from '../generator/corpus.js';
import { Args } from '../lib/args.js';
import { countWords, makeBatches } from '../lib/batches.js';
import { emitReport, maxRssMB } from '../lib/report.js';

const args = new Args();
const windowBatches = args.num('window', 30);
const batches = makeBatches({
  batches: args.num('batches', windowBatches * 2),
  linesPerBatch: args.num('lines-per-batch', 10_000),
  vocabulary: args.num('vocab', 1_000_000),
  zipfS: 1,
});
const ring: Map<string, number>[] = [];
const window = new Map<string, number>();
const perBatch: number[] = [];
const windowStage: number[] = [];
for (const batch of batches) {
  const t0 = performance.now();
  const m = new Map<string, number>();
  for (const line of batch) for (const w of line.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  const t1 = performance.now();
  for (const [w, n] of m) window.set(w, (window.get(w) ?? 0) + n);
  ring.push(m);
  if (ring.length > windowBatches) {
    for (const [w, n] of ring.shift()!) {
      const left = window.get(w)! - n;
      if (left === 0) window.delete(w);
      else window.set(w, left);
    }
  }
  const t2 = performance.now();
  perBatch.push(t2 - t0);
  windowStage.push(t2 - t1);
}
const expected = countWords(batches.slice(-windowBatches));
const ok = window.size === expected.size && countsFingerprint(window) === countsFingerprint(expected);
emitReport({
  name: 'incremental-floor',
  doneAt: Date.now(),
  maxRssMB: maxRssMB(),
  batches: perBatch.length,
  batchMs: perBatch,
  extra: { windowStageMs: windowStage, lastWindowKeys: window.size, expectedKeys: expected.size, correct: ok ? 'yes' : 'no' },
});
