/**
 * B11's latency contender: each line carries its send time (epoch ms) as its first word; the
 * query selects that stamp, `trigger(processingTime: "100 milliseconds")`, to the console sink
 * (all rows shown). When the sink's text reaches the output, every printed stamp gives one
 * line's time from sent to printed, and how long after its batch's trigger time that was.
 */
import { Args } from '../lib/args.js';
import { cpuMs, emitReport, maxRssMB } from '../lib/report.js';
import { loadSql } from './sql-engine.js';

const args = new Args();
const { sql, engine } = await loadSql('tspark');
const F = sql.functions;
const expectLines = args.num('expect-lines');
const triggerMs = args.num('trigger-ms', 100);
const latency: number[] = [];
const afterTrigger: number[] = [];
let seen = 0;
let done: (() => void) | undefined;
const finished = new Promise<void>((resolve) => (done = resolve));
const STAMP = /^\|(\d{13})\|$/gm;

function printed(text: string): void {
  const now = Date.now();
  process.stdout.write(text);
  // The trigger time this batch ran at: the interval's grid point at or before now.
  const tick = Math.floor(now / triggerMs) * triggerMs;
  let n = 0;
  for (const m of text.matchAll(STAMP)) {
    latency.push(now - Number(m[1]));
    n++;
  }
  if (n > 0) afterTrigger.push(now - tick);
  seen += n;
  if (seen >= expectLines) done?.();
}

const spark = new sql.SparkSession(new engine.SparkContext('local[2]', 'bench-ss-latency'), { out: printed, err: () => undefined });
const lines = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', args.num('port')).load();
const stamps = lines.select(F.split(lines.value!, ' ').getItem(0).alias('sent'));
const query = stamps.writeStream.format('console').option('numRows', 1_000_000).trigger({ processingTime: `${triggerMs} milliseconds` }).start();
await finished;
emitReport({
  name: 'tspark',
  lines: seen,
  doneAt: Date.now(),
  maxRssMB: maxRssMB(),
  cpuMs: cpuMs(),
  batches: query.recentProgress.length,
  extra: { latencyMs: latency, afterTickMs: afterTrigger },
});
await query.stop();
process.exit(0);
