/**
 * B11's tspark contender: the Structured Streaming guide's quick example as a user types it,
 * `readStream.format("socket") → select(explode(split(value, " "))) → groupBy("word").count()`
 * in complete mode with the default trigger (as fast as possible). The sink prints each batch
 * as the console sink does (`show()` of the result table) through `foreachBatch`, which also
 * keeps the last batch's table: after the batch holding the last expected line, that table is
 * the run's totals, checked by the harness.
 */
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { loadSql } from './sql-engine.js';

const args = new Args();
const { sql, engine } = await loadSql('tspark');
const F = sql.functions;
const expectLines = args.num('expect-lines');
/** `--verbose 1`: each batch's rows and durations on stderr (for profiling by hand). */
const verbose = args.num('verbose', 0) > 0;
const spark = new sql.SparkSession(new engine.SparkContext('local[2]', 'bench-ss-wordcount'), {
  out: (text) => process.stdout.write(text),
  err: () => undefined,
});

let seen = 0;
let batches = 0;
const batchMs: number[] = [];
const rssPerBatch: number[] = [];
let last: import('../../src/sql/api/dataframe.js').DataFrame | undefined;
let done: (() => void) | undefined;
const finished = new Promise<void>((resolve) => (done = resolve));
spark.streams.addListener({
  onQueryProgress(e) {
    seen += e.progress.numInputRows;
    batchMs.push(e.progress.durationMs['triggerExecution'] ?? Number.NaN);
    rssPerBatch.push(process.memoryUsage.rss() / 1048576);
    if (verbose) process.stderr.write(`batch ${e.progress.batchId}: ${e.progress.numInputRows} rows ${JSON.stringify(e.progress.durationMs)} commit ${e.progress.stateOperators[0]?.commitTimeMs ?? ''}\n`);
    if (seen >= expectLines) done?.();
  },
});

const startedAt = Date.now();
const lines = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', args.num('port')).load();
const words = lines.select(F.explode(F.split(lines.value!, ' ')).alias('word'));
const wordCounts = words.groupBy('word').count();
const query = wordCounts.writeStream
  .outputMode('complete')
  .foreachBatch((df, id) => {
    batches++;
    process.stdout.write(`-------------------------------------------\nBatch: ${id}\n-------------------------------------------\n${df.showString()}\n`);
    last = df;
  })
  .start();
await finished;
const doneAt = Date.now();
let words_ = 0;
const counts: [string, number][] = [];
for (const r of last?.collect() ?? []) {
  const n = Number(r['count']);
  words_ += n;
  counts.push([String(r['word']), n]);
}
const { countsFingerprint } = await import('../generator/corpus.js');
emitReport({
  name: 'tspark',
  lines: seen,
  words: words_,
  fingerprint: countsFingerprint(new Map(counts)),
  connectedAt: startedAt,
  doneAt,
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches,
  batchMs,
  extra: { rssPerBatchMB: rssPerBatch },
});
await query.stop();
process.exit(0);
