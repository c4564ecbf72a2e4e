/**
 * Structured Streaming on a remote session, against the real Spark Connect server, through the
 * same API as the local engine (`spark.readStream … writeStream.start()`): the query runs on the
 * server; a `console` query's batches are printed here with the text Spark's console sink
 * prints; status, lastProgress, recentProgress, stop, awaitTermination, spark.streams and
 * listener events work on the returned StreamingQuery. Data comes from a real loopback TCP
 * server read by Spark's socket source.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { functions as F, SparkSession, type DataFrame } from '../../../src/sql/index.js';
import type { QueryProgressEvent } from '../../../src/sql/streaming/listener.js';
import { LineServer } from './line-server.js';
import { describeRemote, serverUrl } from './remote.js';

/** Resolves when `test()` holds for the text printed so far (checked on every print). */
function printedUntil(prints: string[], listeners: Array<() => void>, test: (all: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const all = prints.join('');
      if (!test(all)) return false;
      resolve(all);
      return true;
    };
    if (check()) return;
    listeners.push(function again() {
      if (!check()) listeners.push(again);
    });
  });
}

describeRemote('Structured Streaming on a remote session', () => {
  let spark: SparkSession;
  const prints: string[] = [];
  const onPrint: Array<() => void> = [];
  let lines: LineServer;
  let port: number;

  beforeAll(async () => {
    spark = SparkSession.builder.remote(serverUrl!).getOrCreate().newSession();
    spark.out = (t) => {
      prints.push(t);
      for (const l of onPrint.splice(0)) l();
    };
    spark.conf.set('spark.sql.shuffle.partitions', '2');
    lines = new LineServer();
    port = await lines.listen();
  });
  afterAll(() => {
    lines?.close();
    spark?.stop();
  });

  const socketWords = (): DataFrame => {
    const source = spark.readStream.format('socket').option('host', '127.0.0.1').option('port', port).load();
    return source.select(F.explode(F.split(source.col('value'), ' ')).alias('word'));
  };

  it('prints a console query\'s batches here, as Spark\'s console sink prints them; progress, status, stop', async () => {
    const counts = socketWords().groupBy('word').count().orderBy('word');
    expect(counts.isStreaming).toBe(true);
    const reader = lines.nextReader();
    const run = counts.writeStream.outputMode('complete').format('console').start();
    try {
      expect(run.name).toBeNull();
      await reader;
      lines.send(['to be or', 'not to be']);
      const text = await printedUntil(prints, onPrint, (all) => all.includes('|  to|    2|'));
      expect(text).toContain(
        [
          '+----+-----+',
          '|word|count|',
          '+----+-----+',
          '|  be|    2|',
          '| not|    1|',
          '|  or|    1|',
          '|  to|    2|',
          '+----+-----+',
          '',
          '',
        ].join('\n'),
      );
      expect(text).toMatch(/^-------------------------------------------\nBatch: \d+\n-------------------------------------------\n\+/m);
      expect(run.isActive).toBe(true);
      expect(run.status).toEqual(expect.objectContaining({ message: expect.any(String), isTriggerActive: expect.any(Boolean) }));
      expect(run.lastProgress).toEqual(expect.objectContaining({ id: run.id, runId: run.runId }));
      expect(run.recentProgress.length).toBeGreaterThan(0);
      // Row totals as the local engine reports them (Connect's JSON has them per source only).
      const rows = run.recentProgress.reduce((n, p) => n + p.numInputRows, 0);
      expect(rows).toBe(2);
      expect(run.lastProgress!.processedRowsPerSecond).toEqual(expect.any(Number));
      expect(spark.streams.active.map((q) => q.id)).toContain(run.id);
      expect(spark.streams.get(run.id)).toBe(run);
    } finally {
      await run.stop();
    }
    expect(run.isActive).toBe(false);
    expect(await run.awaitTermination(1)).toBe(true);
    expect(run.exception()).toBeNull();
  });

  it('append mode: each batch shows only its own rows; listeners get progress and terminated events', async () => {
    const events: string[] = [];
    let terminated!: () => void;
    const ended = new Promise<void>((r) => (terminated = r));
    const listener = {
      onQueryProgress: (e: QueryProgressEvent) => void events.push(`progress ${e.progress.batchId} rows ${e.progress.numInputRows}`),
      onQueryTerminated: () => {
        events.push('terminated');
        terminated();
      },
    };
    spark.streams.addListener(listener);
    const from = prints.length;
    const reader = lines.nextReader();
    const run = socketWords().writeStream.format('console').option('numRows', 2).option('truncate', false).queryName('tspark_words').start();
    try {
      expect(run.name).toBe('tspark_words');
      await reader;
      lines.send(['alpha beta gamma']);
      await printedUntil(prints, onPrint, (all) => all.includes('only showing top 2 rows'));
      lines.send(['delta']);
      await printedUntil(prints, onPrint, (all) => all.includes('|delta|'));
      const mine = prints.slice(from).join('');
      // The second batch shows delta alone, not the earlier rows again.
      const delta = mine.slice(mine.lastIndexOf('Batch:'));
      expect(delta).toContain('|delta|');
      expect(delta).not.toContain('alpha');
    } finally {
      await run.stop();
    }
    await ended;
    expect(events.some((e) => e.startsWith('progress '))).toBe(true);
    // Listener events carry the row totals too (the web UI's Structured Streaming tab reads them).
    expect(events.filter((e) => / rows [1-9]/.test(e)).length).toBeGreaterThanOrEqual(2);
    spark.streams.removeListener(listener);
  });

  it('refuses foreach and foreachBatch with TypeScript functions, in one line', () => {
    const refused = expect.objectContaining({ code: 'ERR_CONNECT_UNSUPPORTED', message: expect.stringContaining('Spark cannot run JavaScript') });
    expect(() => socketWords().writeStream.foreachBatch(() => {}).start()).toThrow(refused);
    expect(() => socketWords().writeStream.foreach(() => {}).start()).toThrow(refused);
  });

  it('a query the server cannot start fails at start with Spark\'s error class', () => {
    const bad = spark.readStream.format('no-such-source').load();
    expect(() => bad.writeStream.format('console').start()).toThrow(
      expect.objectContaining({ errorClass: 'DATA_SOURCE_NOT_FOUND' }),
    );
  });
});
