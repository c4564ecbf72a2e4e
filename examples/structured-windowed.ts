// Title: Windowed word count with a watermark, the guide's late-data example (drop CSV files into ./events)
// Each file in ./events holds lines "2024-01-01 12:07:00,dog": when the word was seen (its event
// time) and the word. Counts per 10-minute window sliding every 5 minutes; the watermark trails
// the latest event time by 10 minutes, so a window is written once (append mode) when the
// watermark passes its end, and rows older than the watermark are dropped. One file per
// micro-batch. In the shell, .pause and .step show the watermark move batch by batch.

import { mkdirSync } from 'node:fs';

mkdirSync('events', { recursive: true });
spark.conf.set('spark.sql.session.timeZone', 'UTC');
// A handful of words needs no 200 partitions of state (Spark's default, made for clusters).
spark.conf.set('spark.sql.shuffle.partitions', 2);
const words = spark.readStream.schema('timestamp TIMESTAMP, word STRING').option('maxFilesPerTrigger', 1).csv('events');
const windowedCounts = words
  .withWatermark('timestamp', '10 minutes')
  .groupBy(F.window(F.col('timestamp'), '10 minutes', '5 minutes'), F.col('word'))
  .count();
const query = windowedCounts.writeStream.outputMode('append').format('console').option('truncate', false).start();

export {};
