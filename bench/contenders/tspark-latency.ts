/**
 * B6's tspark contender: each line carries its send time (epoch ms) as its first word; the
 * query counts lines per batch and prints them, and a `foreachRDD` after the `pprint` notes, for
 * every line, the time from send to printed, and how long after its batch's tick that was.
 */
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { BatchLog } from './batch-log.js';
import { loadEngine } from './engine.js';
import { LineReceiver } from './line-receiver.js';

const args = new Args();
const input = args.str('input', 'socket');
const name = input === 'socket' ? 'tspark' : 'tspark-receiver';
const engine = await loadEngine(input === 'socket' ? ['socketTextStream'] : ['receiverStream']);
if (typeof engine === 'string') {
  emitReport({ name, unavailable: engine });
  process.exit(0);
}
const expectLines = args.num('expect-lines', Infinity);
const sc = new engine.SparkContext('local[2]', 'bench-latency');
const ssc = new engine.StreamingContext(sc, args.num('batch-ms', 1000) / 1000, {
  out: (text) => process.stdout.write(text),
});
const log = new BatchLog();
ssc.events.on(log.listener);
const source =
  input === 'socket' ? ssc.socketTextStream('127.0.0.1', args.num('port')) : ssc.receiverStream(new LineReceiver(args.num('port')));
const stamps = source.map((line) => Number(line.slice(0, line.indexOf(' '))));
stamps.count().pprint();
const latency: number[] = [];
const afterTick: number[] = [];
let lines = 0;
stamps.foreachRDD((time, rdd) => {
  const now = Date.now();
  const sent = rdd.collect();
  for (const t of sent) latency.push(now - t);
  if (sent.length) afterTick.push(now - time.getTime());
  lines += sent.length;
  log.output(time);
});
ssc.start();
for (;;) {
  await log.nextBatch();
  if (lines >= expectLines || log.drained) break;
}
const emptyBatchMs = log.processingMs.filter((_, i) => log.records[i] === 0);
emitReport({
  name,
  lines,
  doneAt: log.lastOutputAt,
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches: log.processingMs.length,
  batchMs: log.processingMs,
  schedulingDelayMs: log.schedulingDelayMs,
  extra: { latencyMs: latency, afterTickMs: afterTick, emptyBatchMs },
});
ssc.stop(true, false);
process.exit(0);
