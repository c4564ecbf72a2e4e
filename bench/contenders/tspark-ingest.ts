/**
 * B1's tspark contender: `socketTextStream(host, port).count().pprint()`, plus a `foreachRDD`
 * on the count that sums the batches for the correctness check (every line counted once).
 */
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { BatchLog } from './batch-log.js';
import { loadEngine } from './engine.js';

const args = new Args();
const engine = await loadEngine(['socketTextStream']);
if (typeof engine === 'string') {
  emitReport({ name: 'tspark', unavailable: engine });
  process.exit(0);
}
const expectLines = args.num('expect-lines', Infinity);
const sc = new engine.SparkContext('local[2]', 'bench-ingest');
const ssc = new engine.StreamingContext(sc, args.num('batch-ms', 1000) / 1000, {
  out: (text) => process.stdout.write(text),
});
const log = new BatchLog();
ssc.events.on(log.listener);
let lines = 0;
const counts = ssc.socketTextStream('127.0.0.1', args.num('port')).count();
counts.pprint();
counts.foreachRDD((time, rdd) => {
  for (const n of rdd.collect()) lines += n;
  log.output(time);
});
const startedAt = Date.now();
ssc.start();
for (;;) {
  await log.nextBatch();
  if (lines >= expectLines || log.drained) break;
}
emitReport({
  name: 'tspark',
  lines,
  connectedAt: startedAt,
  doneAt: log.lastOutputAt,
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches: log.processingMs.length,
  batchMs: log.processingMs,
  schedulingDelayMs: log.schedulingDelayMs,
});
ssc.stop(true, false);
process.exit(0);
