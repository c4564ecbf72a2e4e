/**
 * B1's tspark contender: `socketTextStream(host, port).count().pprint()`, plus a `foreachRDD`
 * on the count that sums the batches for the correctness check (every line counted once).
 */
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
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
const expectLines = args.num('expect-lines', Infinity);
const sc = new engine.SparkContext('local[2]', 'bench-ingest');
const ssc = new engine.StreamingContext(sc, args.num('batch-ms', 1000) / 1000, {
  out: (text) => process.stdout.write(text),
});
const log = new BatchLog();
// The real socket source, or the bench's own receiver through the public Receiver contract.
const source =
  input === 'socket' ? ssc.socketTextStream('127.0.0.1', args.num('port')) : ssc.receiverStream(new LineReceiver(args.num('port')));
ssc.events.on(log.listener);
let lines = 0;
const counts = source.count();
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
  name: input === 'socket' ? 'tspark' : 'tspark-receiver',
  lines,
  connectedAt: startedAt,
  doneAt: log.lastOutputAt,
  ...(log.closedAt !== undefined ? { inputEndAt: log.closedAt } : {}),
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches: log.processingMs.length,
  batchMs: log.processingMs,
  schedulingDelayMs: log.schedulingDelayMs,
});
ssc.stop(true, false);
process.exit(0);
