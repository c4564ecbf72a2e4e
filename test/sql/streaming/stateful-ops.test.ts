/**
 * Stateful operators against PySpark 3.5 (record.py cases dedup, joins, session_windows), each
 * query run alone over files placed step by step: dropDuplicates without and with a watermark,
 * dropDuplicatesWithinWatermark, stream–static inner and left joins, stream–stream inner and
 * left outer joins with watermarks and a time-range condition, and session windows in append and
 * complete mode. Console output and the per-batch progress figures must match.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DataFrame, type SparkSession, functions as F, type StreamingQuery } from '../../../src/sql/index.js';
import { notesStarting, recordedQueries } from './support/recorded.js';
import { type TestSession, placeFile, summary, tempDir, testSession } from './support/streaming.js';

let t: TestSession | undefined;
afterEach(() => {
  t?.stop();
  t = undefined;
});

type Steps = ReadonlyArray<ReadonlyArray<readonly [dir: string, text: string]>>;

/** Runs one query over fresh directories, placing each step's files then processing them. */
async function runSteps(dirs: readonly string[], make: (spark: SparkSession, dirs: Record<string, string>) => StreamingQuery, steps: Steps): Promise<{ out: string; summary: string[] }> {
  t = testSession({ shufflePartitions: 2 });
  const root = tempDir();
  const paths: Record<string, string> = {};
  for (const d of dirs) mkdirSync((paths[d] = join(root, d)));
  const q = make(t.spark, paths);
  for (const [i, step] of steps.entries()) {
    for (const [d, text] of step) placeFile(paths[d]!, `f${i}.csv`, text);
    await q.processAllAvailable();
  }
  const s = summary(q);
  await q.stop();
  const out = t.out;
  t.stop();
  t = undefined;
  return { out, summary: s };
}

function check(caseName: string, query: string, r: { out: string; summary: string[] }): void {
  const rec = recordedQueries(caseName).get(query)!;
  expect(r.out).toBe(rec.console);
  expect(r.summary).toEqual(notesStarting(rec, 'progress '));
}

const events = (spark: SparkSession, dir: string): DataFrame => spark.readStream.schema('ts TIMESTAMP, user STRING').option('maxFilesPerTrigger', 1).csv(dir);

describe('streaming deduplication', () => {
  const steps: Steps = [
    [['in', '2024-01-01 12:00:00,a\n2024-01-01 12:01:00,b\n2024-01-01 12:00:00,a\n']],
    [['in', '2024-01-01 12:02:00,a\n2024-01-01 12:10:00,c\n']],
    [['in', '2024-01-01 12:00:00,b\n2024-01-01 12:20:00,a\n2024-01-01 12:03:00,d\n']],
  ];
  it('dropDuplicates keeps every key forever without a watermark', async () => {
    check('dedup', 'd1', await runSteps(['in'], (s, d) => events(s, d['in']!).dropDuplicates(['user']).writeStream.format('console').start(), steps));
  });
  it('dropDuplicates on a watermarked column drops late rows and evicts old keys', async () => {
    check('dedup', 'd2', await runSteps(['in'], (s, d) => events(s, d['in']!).withWatermark('ts', '5 minutes').dropDuplicates(['user', 'ts']).writeStream.format('console').start(), steps));
  });
  it('dropDuplicatesWithinWatermark keeps a key until its event time + delay passes the watermark', async () => {
    check('dedup', 'd3', await runSteps(['in'], (s, d) => events(s, d['in']!).withWatermark('ts', '5 minutes').dropDuplicatesWithinWatermark(['user']).writeStream.format('console').start(), steps));
  });
});

describe('streaming joins', () => {
  const steps: Steps = [
    [
      ['a', '2024-01-01 12:00:00,a\n2024-01-01 12:01:00,b\n2024-01-01 12:02:00,c\n'],
      ['b', '2024-01-01 12:03:00,a\n'],
    ],
    [
      ['a', '2024-01-01 12:30:00,a\n'],
      ['b', '2024-01-01 12:04:00,b\n2024-01-01 12:31:00,a\n2024-01-01 12:01:30,a\n'],
    ],
  ];
  const staticSteps: Steps = steps.map((s) => [s[0]!]);
  const users = (s: SparkSession): DataFrame => s.createDataFrame([['a', 'Alice'], ['b', 'Bob']], 'user STRING, name STRING');
  it('stream–static inner join', async () => {
    check('joins', 'inner_static', await runSteps(['a'], (s, d) => events(s, d['a']!).join(users(s), 'user').writeStream.format('console').start(), staticSteps));
  });
  it('stream–static left outer join', async () => {
    check('joins', 'left_static', await runSteps(['a'], (s, d) => events(s, d['a']!).join(users(s), 'user', 'left_outer').writeStream.format('console').start(), staticSteps));
  });
  const streamStream = (how: string) => (s: SparkSession, d: Record<string, string>): StreamingQuery => {
    const clicks = s.readStream.schema('cts TIMESTAMP, cuser STRING').option('maxFilesPerTrigger', 1).csv(d['b']!);
    return events(s, d['a']!)
      .withWatermark('ts', '10 minutes')
      .join(clicks.withWatermark('cts', '10 minutes'), F.expr('user = cuser AND cts >= ts AND cts <= ts + interval 5 minutes'), how)
      .writeStream.format('console')
      .start();
  };
  it('stream–stream inner join with watermarks and a time range', async () => {
    check('joins', 'stream_stream', await runSteps(['a', 'b'], streamStream('inner'), steps));
  });
  it('stream–stream left outer join emits unmatched rows when the watermark passes them', async () => {
    check('joins', 'stream_stream_left', await runSteps(['a', 'b'], streamStream('left_outer'), steps));
  });
});

describe('session windows', () => {
  const steps: Steps = [
    [['in', '2024-01-01 12:00:00,a\n2024-01-01 12:03:00,a\n2024-01-01 12:01:00,b\n']],
    [['in', '2024-01-01 12:07:00,a\n2024-01-01 12:20:00,b\n']],
    [['in', '2024-01-01 12:40:00,a\n']],
  ];
  const sessions = (mode: string) => (s: SparkSession, d: Record<string, string>): StreamingQuery =>
    events(s, d['in']!)
      .withWatermark('ts', '10 minutes')
      .groupBy(F.session_window('ts', '5 minutes'), 'user')
      .count()
      .writeStream.format('console')
      .outputMode(mode)
      .option('truncate', false)
      .start();
  it('append mode emits a session once the watermark passes its end', async () => {
    check('session_windows', 'append', await runSteps(['in'], sessions('append'), steps));
  });
  it('complete mode shows every session, merged across batches', async () => {
    check('session_windows', 'complete', await runSteps(['in'], sessions('complete'), steps));
  });
  it('batch session_window merges overlapping sessions per key', () => {
    t = testSession({ shufflePartitions: 2 });
    const rows = t.spark
      .createDataFrame([['2024-01-01 12:00:00', 'a'], ['2024-01-01 12:07:00', 'a'], ['2024-01-01 12:03:00', 'a'], ['2024-01-01 12:30:00', 'a'], ['2024-01-01 12:01:00', 'b']], 'ts STRING, user STRING')
      .withColumn('ts', F.to_timestamp('ts'));
    const counts = rows.groupBy(F.session_window('ts', '5 minutes'), 'user').count();
    counts.show(20, false);
    counts.orderBy('session_window').show(20, false);
    const raw = readFileSync(join(import.meta.dirname, 'pyspark', 'expected', 'session_windows.txt'), 'utf8');
    expect(t.out).toBe(raw.slice(raw.indexOf('# batch\n') + '# batch\n'.length));
  });
});
