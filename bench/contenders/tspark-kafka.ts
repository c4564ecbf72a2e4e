/**
 * The Kafka benchmark's tspark contender, written as a user would type it:
 * `KafkaUtils.createDirectStream → map(value) → flatMap(split) → map([w, 1]) → reduceByKey(+) →
 * pprint()`, 1 s batches, with a `foreachRDD` that adds each batch's counts to the run's totals
 * for the correctness check. Reads the whole topic from its earliest offsets (or, with
 * `--partitions 0,3`, only those partitions: one process of the scaling run) and is done when
 * every record it should read has been counted.
 */
import { KafkaUtils, type RDD, SparkContext, StreamingContext } from '../../src/index.js';
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { Totals } from '../lib/totals.js';
import { BatchLog } from './batch-log.js';

const args = new Args();
const topic = args.str('topic');
const expect = args.num('records');
const parts = args.str('partitions', '');
const sc = new SparkContext('local[2]', 'bench-kafka');
const ssc = new StreamingContext(sc, args.num('batch-ms', 1000) / 1000, { out: (text) => process.stdout.write(text) });
const log = new BatchLog();
ssc.events.on(log.listener);
const fromOffsets = parts === '' ? null : { [topic]: Object.fromEntries(parts.split(',').map((p) => [p, 0])) };
const partitionBytes = args.str('partition-bytes', '');
const kafkaParams = { 'bootstrap.servers': args.str('bootstrap'), 'auto.offset.reset': 'smallest', ...(partitionBytes === '' ? {} : { 'max.partition.fetch.bytes': partitionBytes }) };
const kvs = KafkaUtils.createDirectStream(ssc, [topic], kafkaParams, fromOffsets);
const totals = new Totals();
// Records are counted from the batches' own figures, so no job reads the raw records and the
// word count's map side runs as they are fetched (as it would for a user's pipeline).
let records = 0;
// The timed span starts when the first batch with records starts (its tick, before its fetch), as
// the PySpark peer's starts with its first trigger that read records.
let firstBatchAt: number | undefined;
ssc.events.on((e) => {
  if (e.type === 'batchStarted') records += e.batch.numRecords;
  if (e.type === 'batchCompleted' && e.batch.numRecords > 0) firstBatchAt ??= e.batch.processingStartTime;
});
const counts = kvs
  .map((kv) => kv[1] ?? '')
  .flatMap((line) => line.split(' '))
  .map((w): [string, number] => [w, 1])
  .reduceByKey((a, b) => a + b);
counts.pprint();
counts.foreachRDD((time: Date, rdd: RDD<[string, number]>) => {
  totals.add(rdd.collect());
  log.output(time);
});
let connectedAt = Date.now();
ssc.events.on((e) => {
  if (e.type === 'sourceStatus' && e.source.state === 'connected') connectedAt = Date.now();
});
ssc.start();
while (records < expect) await log.nextBatch();
emitReport({
  name: 'tspark',
  lines: records,
  words: totals.words,
  fingerprint: totals.fingerprint(),
  connectedAt,
  doneAt: log.lastOutputAt,
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches: log.processingMs.length,
  batchMs: log.processingMs,
  extra: { firstDataAt: firstBatchAt ?? connectedAt },
});
ssc.stop(true, false);
process.exit(0);
