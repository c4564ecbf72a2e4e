/**
 * The no-framework floor (reference §2.1 (2)): words counted into a `Map` as chunks arrive, and
 * every batch interval a pprint of the first 10 pairs and a fresh `Map`. This is the figure
 * tspark is judged against: what one Node thread does with no framework in the way.
 */
import { Args } from '../lib/args.js';
import { pprintText, firstPairs } from '../lib/pprint.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { readLines } from '../lib/socket-lines.js';
import { Totals } from '../lib/totals.js';

const args = new Args();
const batchMs = args.num('batch-ms', 1000);
let m = new Map<string, number>();
let lines = 0;
const totals = new Totals();
const batchMs_: number[] = [];
const batchCpu: number[] = [];
const rssPerBatch: number[] = [];
let lastCpu = cpuMs();
let batches = 0;

function emit(): void {
  const t0 = performance.now();
  const { records, more } = firstPairs(m);
  process.stdout.write(pprintText(Date.now(), records, more));
  totals.add(m);
  m = new Map();
  batches++;
  batchMs_.push(performance.now() - t0);
  const c = cpuMs();
  batchCpu.push(c - lastCpu);
  lastCpu = c;
  rssPerBatch.push(process.memoryUsage.rss() / 1048576);
}

const timer = setInterval(emit, batchMs);
const connectedAt = await readLines(args.num('port'), {
  lines(parts) {
    lines += parts.length;
    for (const line of parts) for (const w of line.split(' ')) m.set(w, (m.get(w) ?? 0) + 1);
  },
  end() {
    clearInterval(timer);
    emit();
    emitReport({
      name: 'floor',
      lines,
      words: totals.words,
      fingerprint: totals.fingerprint(),
      connectedAt,
      doneAt: Date.now(),
      maxRssMB: maxRssMB(),
      cpuMs: cpuMs(),
      batches,
      batchMs: batchMs_,
      batchCpuMs: batchCpu,
      extra: { rssPerBatchMB: rssPerBatch },
    });
    process.exit(0);
  },
});
