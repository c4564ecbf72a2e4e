/**
 * B6's floor: lines stamped with their send time are counted as they arrive; every interval the
 * count is printed pprint-style and each line's send-to-printed time noted. An empty batch's
 * emit is the floor's fixed per-batch cost.
 */
import { Args } from '../lib/args.js';
import { pprintText } from '../lib/pprint.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { readLines } from '../lib/socket-lines.js';

const args = new Args();
const batchMs = args.num('batch-ms', 1000);
let sent: number[] = [];
let lines = 0;
const latency: number[] = [];
const afterTick: number[] = [];
const emptyBatchMs: number[] = [];
const perBatch: number[] = [];
// Ticks on the batch grid (multiples of the interval), as the engine's are.
let nextTick = Math.ceil(Date.now() / batchMs) * batchMs;

function emit(tick: number): void {
  const t0 = performance.now();
  const batch = sent;
  sent = [];
  process.stdout.write(pprintText(tick, [String(batch.length)], false));
  const now = Date.now();
  for (const t of batch) latency.push(now - t);
  if (batch.length) afterTick.push(now - tick);
  lines += batch.length;
  const ms = performance.now() - t0;
  perBatch.push(ms);
  if (!batch.length) emptyBatchMs.push(ms);
}

function schedule(): NodeJS.Timeout {
  return setTimeout(() => {
    emit(nextTick);
    nextTick += batchMs;
    timer = schedule();
  }, Math.max(0, nextTick - Date.now()));
}
let timer = schedule();

await readLines(args.num('port'), {
  lines(parts) {
    for (const l of parts) sent.push(Number(l.slice(0, l.indexOf(' '))));
  },
  end() {
    clearTimeout(timer);
    emit(Date.now());
    emitReport({
      name: 'floor',
      lines,
      doneAt: Date.now(),
      maxRssMB: maxRssMB(),
      cpuMs: cpuMs(),
      batches: perBatch.length,
      batchMs: perBatch,
      extra: { latencyMs: latency, afterTickMs: afterTick, emptyBatchMs },
    });
    process.exit(0);
  },
});
