/**
 * The guide's windowed word count with a watermark, as the differential and cluster suites run it:
 * its input lines (event time first), the query, and how a memory sink's table is read back once
 * the query has processed everything.
 */
import { functions as F, type DataFrame, type SparkSession } from '../../../src/sql/index.js';
import type { StreamingQuery } from '../../../src/sql/streaming/query.js';

/** Event-time lines: `time word word …`; the last line moves the watermark past every window. */
export const WINDOWED_LINES = [
  '2024-01-01T12:00:03Z spark apache spark',
  '2024-01-01T12:00:07Z streaming spark',
  '2024-01-01T12:00:12Z apache kafka',
  '2024-01-01T12:00:02Z late spark',
  '2024-01-01T12:00:26Z spark',
];

/** The guide's windowed word count with a watermark, over lines whose first token is the event time. */
export function windowedCounts(lines: DataFrame): DataFrame {
  const parts = F.split(lines.col('value'), ' ');
  const words = lines.select(F.to_timestamp(parts.getItem(0)).alias('timestamp'), F.explode(F.slice(parts, 2, 100)).alias('word'));
  return words
    .withWatermark('timestamp', '10 seconds')
    .groupBy(F.window(words.col('timestamp'), '10 seconds', '5 seconds'), words.col('word'))
    .count();
}

/** The sink table of a query once it has processed everything, in a comparable order. */
export function sinkTable(spark: SparkSession, name: string): DataFrame {
  const t = spark.table(name);
  return t.orderBy(...t.columns.filter((c) => c !== 'window'), ...(t.columns.includes('window') ? [F.col('window.start')] : []));
}

/** Runs `processAllAvailable` until `done()` (the socket's lines have arrived and been processed), at most `tries` times. */
export async function untilDone(q: StreamingQuery, done: () => boolean, tries = 400): Promise<void> {
  for (let i = 0; i < tries; i++) {
    await q.processAllAvailable();
    if (done()) return;
    // Lets the socket's bytes in (the local source reads on this event loop); not a wait for time.
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`the query did not process the input (after ${tries} rounds): ${JSON.stringify(q.lastProgress)}`);
}
