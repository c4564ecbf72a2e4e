/**
 * The reference's worked watermark example (the programming guide's data): windowed word counts
 * with a 10-minute watermark over files arriving one per batch, in update, append and complete
 * mode, against the console output and progress figures recorded from real PySpark 3.5
 * (test/sql/streaming/pyspark/record.py, cases watermark_*).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { functions as F } from '../../../src/sql/index.js';
import { recorded, notesStarting } from './support/recorded.js';
import { type TestSession, placeFile, summary, tempDir, testSession } from './support/streaming.js';

const FILES = [
  '2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n',
  '2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n',
  '2024-01-01 12:15:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 12:13:00,owl\n2024-01-01 12:21:00,owl\n',
  '2024-01-01 12:04:00,donkey\n2024-01-01 12:17:00,owl\n',
];

let t: TestSession | undefined;
afterEach(() => {
  t?.stop();
  t = undefined;
});

async function run(mode: 'update' | 'append' | 'complete'): Promise<{ out: string; summary: string[]; eventTime: unknown; sources: unknown }> {
  t = testSession({ shufflePartitions: 2 });
  const { spark } = t;
  const src = join(tempDir(), 'in');
  mkdirSync(src);
  const words = spark.readStream.schema('timestamp TIMESTAMP, word STRING').option('maxFilesPerTrigger', 1).csv(src);
  const counts = words
    .withWatermark('timestamp', '10 minutes')
    .groupBy(F.window(F.col('timestamp'), '10 minutes', '5 minutes'), F.col('word'))
    .count();
  const q = counts.writeStream.outputMode(mode).format('console').option('truncate', 'false').start();
  for (const [i, text] of FILES.entries()) {
    placeFile(src, `part${i}.csv`, text);
    await q.processAllAvailable();
  }
  const last = q.recentProgress.filter((p) => p.numInputRows > 0).at(-1)!;
  await q.stop();
  const sources = last.sources.map((s) => ({ startOffset: s.startOffset, endOffset: s.endOffset, latestOffset: s.latestOffset, numInputRows: s.numInputRows }));
  return { out: t.out, summary: summary(q), eventTime: last.eventTime, sources };
}

describe('windowed counts with a watermark (the guide’s example)', () => {
  for (const mode of ['update', 'append', 'complete'] as const) {
    it(`prints PySpark's batches in ${mode} mode`, async () => {
      const r = await run(mode);
      const expected = recorded(`watermark_${mode}`);
      expect(r.out).toBe(expected.console);
      expect(r.summary).toEqual(notesStarting(expected, 'progress '));
      expect(JSON.stringify(r.eventTime)).toBe(JSON.stringify(JSON.parse(notesStarting(expected, 'eventTime ')[0]!.slice('eventTime '.length))));
      expect(r.sources).toEqual(JSON.parse(notesStarting(expected, 'sources ')[0]!.slice('sources '.length)));
    });
  }
});
