/**
 * B11's windowed-state contender: the rate source at `--rows-per-second` (10,000), a 10 s
 * watermark on its timestamp, a sliding-window count (10 s windows every 5 s) by `value % 1000`,
 * append mode to the `noop` sink, a 1 s processingTime trigger, for `--seconds`. The harness
 * samples the process's RSS; this reports the rows read and the state rows over time.
 */
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { loadSql } from './sql-engine.js';

const args = new Args();
const { sql, engine } = await loadSql('tspark');
const F = sql.functions;
const seconds = args.num('seconds', 60);
const spark = new sql.SparkSession(new engine.SparkContext('local[2]', 'bench-ss-window'), { out: () => undefined, err: () => undefined });
let inputRows = 0;
const stateRows: number[] = [];
const rss: number[] = [];
spark.streams.addListener({
  onQueryProgress(e) {
    inputRows += e.progress.numInputRows;
    stateRows.push(e.progress.stateOperators[0]?.numRowsTotal ?? 0);
    rss.push(process.memoryUsage.rss() / 1048576);
  },
});
const rate = spark.readStream.format('rate').option('rowsPerSecond', args.num('rows-per-second', 10_000)).load();
const counts = rate
  .withWatermark('timestamp', '10 seconds')
  .groupBy(F.window(F.col('timestamp'), '10 seconds', '5 seconds'), F.col('value').mod(1000).alias('k'))
  .count();
const query = counts.writeStream.outputMode('append').format('noop').trigger({ processingTime: '1 second' }).start();
const startedAt = Date.now();
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
const failure = query.exception();
await query.stop();
if (failure) {
  process.stderr.write(`the query failed: ${String(failure)}\n`);
  process.exit(1);
}
emitReport({
  name: 'tspark',
  lines: inputRows,
  connectedAt: startedAt,
  doneAt: Date.now(),
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches: stateRows.length,
  extra: { stateRows, rssPerBatchMB: rss },
});
process.exit(0);
