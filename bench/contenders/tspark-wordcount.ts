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
import { LineReceiver } from './line-receiver.js';

const args = new Args();
const input = args.str('input', 'socket');
const engine = await loadEngine(input === 'socket' ? ['socketTextStream'] : ['receiverStream']);
if (typeof engine === 'string') {
  emitReport({ name: input === 'socket' ? 'tspark' : 'tspark-receiver', unavailable: engine });
  process.exit(0);
}
const expectWords = args.num('expect-words', Infinity);
const sc = new engine.SparkContext('local[2]', 'bench-wordcount');
const ssc = new engine.StreamingContext(sc, args.num('batch-ms', 1000) / 1000, {
  out: (text) => process.stdout.write(text),
});
const log = new BatchLog();
// The real socket source, or the bench's own receiver through the public Receiver contract.
const source =
  input === 'socket' ? ssc.socketTextStream('127.0.0.1', args.num('port')) : ssc.receiverStream(new LineReceiver(args.num('port')));
ssc.events.on(log.listener);
const totals = new Totals();
const counts = source
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
  name: input === 'socket' ? 'tspark' : 'tspark-receiver',
  words: totals.words,
  fingerprint: totals.fingerprint(),
  connectedAt: startedAt,
  doneAt: log.lastOutputAt,
  ...(log.closedAt !== undefined ? { inputEndAt: log.closedAt } : {}),
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
