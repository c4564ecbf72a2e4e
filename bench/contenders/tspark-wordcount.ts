/**
 * B2's tspark contender, the headline query written as a user would type it:
 * `socketTextStream → flatMap(split) → map([w, 1]) → reduceByKey(+) → pprint()`, with a
 * `foreachRDD` that adds each batch's counts to the run's totals for the correctness check.
 * Done when the batch after the socket closed has completed (or all expected words arrived).
 */
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { Totals } from '../lib/totals.js';
import { BatchLog } from './batch-log.js';
import { loadEngine } from './engine.js';

const args = new Args();
const engine = await loadEngine(['socketTextStream']);
if (typeof engine === 'string') {
  emitReport({ name: 'tspark', unavailable: engine });
  process.exit(0);
}
const expectWords = args.num('expect-words', Infinity);
const sc = new engine.SparkContext('local[2]', 'bench-wordcount');
const ssc = new engine.StreamingContext(sc, args.num('batch-ms', 1000) / 1000, {
  out: (text) => process.stdout.write(text),
});
const log = new BatchLog();
ssc.events.on(log.listener);
const totals = new Totals();
const counts = ssc
  .socketTextStream('127.0.0.1', args.num('port'))
  .flatMap((line) => line.split(' '))
  .map((w): [string, number] => [w, 1])
  .reduceByKey((a, b) => a + b);
counts.pprint();
counts.foreachRDD((time, rdd) => {
  totals.add(rdd.collect());
  log.output(time);
});
const startedAt = Date.now();
ssc.start();
for (;;) {
  await log.nextBatch();
  if (totals.words >= expectWords || log.drained) break;
}
emitReport({
  name: 'tspark',
  words: totals.words,
  fingerprint: totals.fingerprint(),
  connectedAt: startedAt,
  doneAt: log.lastOutputAt,
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches: log.processingMs.length,
  batchMs: log.processingMs,
  batchCpuMs: log.cpuMs,
  schedulingDelayMs: log.schedulingDelayMs,
  extra: { rssPerBatchMB: log.rssMB },
});
ssc.stop(true, false);
process.exit(0);
