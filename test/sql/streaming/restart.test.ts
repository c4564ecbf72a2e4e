/**
 * Restarting a query on its checkpoint: the same id and a new run id, batch ids and state that
 * continue, a batch whose commit is missing run again with the same offsets, and the
 * checkpoint laid out as Spark lays it out — against PySpark 3.5's recording
 * (record.py, restart_checkpoint). A `kill -9` of a child process mid-stream is in
 * restart-kill.test.ts.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type DataFrame, functions as F, type StreamingQuery } from '../../../src/sql/index.js';
import { notesStarting, recorded } from './support/recorded.js';
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

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (!e.name.endsWith('.crc')) out.push(relative(dir, join(d, e.name)));
    }
  };
  walk(dir);
  return out.sort();
}

function windowed(counts: DataFrame, chk: string): StreamingQuery {
  return counts.writeStream.outputMode('update').format('console').option('truncate', 'false').option('checkpointLocation', chk).start();
}

describe('restart from a checkpoint', () => {
  it("continues batch ids, state and watermark as PySpark's restart does", async () => {
    t = testSession({ shufflePartitions: 2 });
    const { spark } = t;
    const root = tempDir();
    const src = join(root, 'in');
    const chk = join(root, 'chk');
    mkdirSync(src);
    const counts = (): DataFrame =>
      spark.readStream
        .schema('timestamp TIMESTAMP, word STRING')
        .option('maxFilesPerTrigger', 1)
        .csv(src)
        .withWatermark('timestamp', '10 minutes')
        .groupBy(F.window(F.col('timestamp'), '10 minutes', '5 minutes'), F.col('word'))
        .count();
    const expected = recorded('restart_checkpoint');
    const progress = notesStarting(expected, 'progress ');

    const q1 = windowed(counts(), chk);
    for (let i = 0; i < 2; i++) {
      placeFile(src, `part${i}.csv`, FILES[i]!);
      await q1.processAllAvailable();
    }
    expect(summary(q1)).toEqual(progress.slice(0, 4));
    await q1.stop();

    // The layout Spark writes (state deltas: tspark writes a partition's file only when it changed).
    const files = listing(chk);
    for (const f of ['metadata', 'offsets/0', 'offsets/3', 'commits/0', 'commits/3', 'sources/0/0', 'sources/0/1', 'state/0/0/_metadata/schema']) expect(files).toContain(f);
    expect(files.filter((f) => /^(offsets|commits|sources)\//.test(f))).toEqual(
      (JSON.parse(notesStarting(expected, 'stopped; checkpoint files ')[0]!.slice('stopped; checkpoint files '.length).replace(/'/g, '"')) as string[]).filter((f) => /^(offsets|commits|sources)\//.test(f)),
    );
    const offsets2 = readFileSync(join(chk, 'offsets', '2'), 'utf8').split('\n');
    const meta = JSON.parse(offsets2[1]!) as { batchWatermarkMs: number; conf: Record<string, string> };
    const line = notesStarting(expected, 'offsets/2 line0 ')[0]!;
    expect(`${offsets2[0]} meta keys ${JSON.stringify(Object.keys(meta)).replace(/"/g, "'").replace(/,/g, ', ')} watermark ${meta.batchWatermarkMs} offset ${offsets2[2]}`).toBe(line.slice('offsets/2 line0 '.length));
    const sortedConf = Object.fromEntries(Object.entries(meta.conf).sort(([a], [b]) => (a < b ? -1 : 1)));
    expect(JSON.stringify(sortedConf).replace(/":/g, '": ').replace(/,"/g, ', "')).toBe(notesStarting(expected, 'offsets/2 conf ')[0]!.slice('offsets/2 conf '.length));
    expect(JSON.stringify(readFileSync(join(chk, 'commits', '2'), 'utf8'))).toBe(notesStarting(expected, 'commits/2 ')[0]!.slice('commits/2 '.length));
    expect(JSON.parse(readFileSync(join(chk, 'metadata'), 'utf8'))).toEqual({ id: q1.id });
    const source0 = readFileSync(join(chk, 'sources', '0', '0'), 'utf8').split('\n');
    expect(`${source0[0]} ${JSON.stringify(Object.keys(JSON.parse(source0[1]!) as object).sort()).replace(/"/g, "'").replace(/,/g, ', ')}`).toBe(notesStarting(expected, 'sources/0/0 ')[0]!.slice('sources/0/0 '.length));

    // Restart with two more files: same id, a new run id, batches 4 and 5.
    for (let i = 2; i < 4; i++) placeFile(src, `part${i}.csv`, FILES[i]!);
    const q2 = windowed(counts(), chk);
    await q2.processAllAvailable();
    expect(q2.id).toBe(q1.id);
    expect(q2.runId).not.toBe(q1.runId);
    expect(summary(q2)).toEqual(progress.slice(4, 6));
    await q2.stop();

    // A batch without its commit runs again, with the same offsets and the same result.
    const last = Math.max(...readdirSync(join(chk, 'commits')).filter((n) => /^\d+$/.test(n)).map(Number));
    rmSync(join(chk, 'commits', String(last)));
    const q3 = windowed(counts(), chk);
    await q3.processAllAvailable();
    expect(summary(q3)).toEqual(progress.slice(6));
    await q3.stop();
    expect(t.out).toBe(expected.console);
    expect(existsSync(chk)).toBe(true);
  });
});
