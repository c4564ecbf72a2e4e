/**
 * Bad input to Structured Streaming, against real PySpark 3.5 (record.py, case `bad_input`):
 * malformed rows in csv and json file sources in each parse mode (`_corrupt_record`), a file
 * logged by a batch that did not commit and deleted before the batch runs again, and a socket
 * server that closes or resets the connection mid-stream. Nothing read is lost or counted twice.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SparkError, type StreamingQuery, functions as F } from '../../../src/sql/index.js';
import { type TestServer, startServer, write } from '../../support/net.js';
import { waitFor } from '../../support/wait.js';
import { recordedQueries } from './support/recorded.js';
import { type TestSession, placeFile, summary, tempDir, testSession } from './support/streaming.js';

const BAD_CSV = '1,a\nx,b\n3,c\n';
const BAD_JSON = '{"id":1,"name":"a"}\n{"id":2,"name"\n{"id":3,"name":"c"}\n';
const SCHEMA = 'id INT, name STRING, _corrupt_record STRING';

let t: TestSession;
let dir: string;
let server: TestServer | undefined;
const queries: StreamingQuery[] = [];
const expected = recordedQueries('bad_input');

beforeEach(() => {
  t = testSession({ shufflePartitions: 2 });
  dir = tempDir();
});
afterEach(async () => {
  for (const q of queries.splice(0)) await q.stop();
  await server?.close();
  server = undefined;
  t.stop();
  rmSync(dir, { recursive: true, force: true });
});

function recordedOf(name: string): { console: string; notes: string[] } {
  const r = expected.get(name);
  if (r === undefined) throw new Error(`no recording for ${name}`);
  return r;
}

/** The recorded failure line with the query's ids left out. */
function failureOf(name: string): string {
  const line = recordedOf(name).notes.find((n) => n.startsWith('failed: '));
  if (line === undefined) throw new Error(`no failure recorded for ${name}`);
  return line.slice('failed: '.length);
}

describe('malformed rows in streaming file sources', () => {
  for (const [fmt, text] of [
    ['csv', BAD_CSV],
    ['json', BAD_JSON],
  ] as const) {
    for (const mode of ['PERMISSIVE', 'DROPMALFORMED'] as const) {
      it(`${fmt} ${mode}: PySpark's rows and counts`, async () => {
        const src = join(dir, fmt);
        mkdirSync(src);
        placeFile(src, `a.${fmt}`, text);
        const q = t.spark.readStream.schema(SCHEMA).option('mode', mode).format(fmt).load(src).writeStream.format('console').option('truncate', false).start();
        queries.push(q);
        await q.processAllAvailable();
        const rec = recordedOf(`${fmt} ${mode}`);
        expect(t.out).toBe(rec.console.replace(/^\n/, ''));
        expect(summary(q)).toEqual(rec.notes.filter((n) => n.startsWith('progress ')));
      });
    }

    it(`${fmt} FAILFAST: the query fails with MALFORMED_RECORD_IN_PARSING and the bad record`, async () => {
      const src = join(dir, fmt);
      mkdirSync(src);
      placeFile(src, `a.${fmt}`, text);
      const q = t.spark.readStream.schema(SCHEMA).option('mode', 'FAILFAST').format(fmt).load(src).writeStream.format('console').start();
      queries.push(q);
      await expect(q.processAllAvailable()).rejects.toThrow(/STREAM_FAILED/);
      const ex = q.exception();
      expect(ex).not.toBeNull();
      const first = ex!.message.split('\n')[0]!;
      const spark = failureOf(`${fmt} FAILFAST`);
      // Spark wraps the parse error in its task failure ("Job aborted due to stage failure: …"); the error itself is the same.
      const sparkError = spark.slice(spark.indexOf('[MALFORMED_RECORD_IN_PARSING'));
      expect(first.replace(/\[id = [^\]]+\]/, '[id = ID, runId = RUN]')).toMatch(/^\[STREAM_FAILED\] Query \[id = ID, runId = RUN\] terminated with exception: /);
      expect(first).toContain(sparkError);
      expect(ex!.errorClass).toBe('STREAM_FAILED');
      expect(ex!.code).toBe('ERR_STREAM_FAILED');
      const cause = ex!.cause;
      expect(cause instanceof SparkError && cause.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
      expect(q.isActive).toBe(false);
      expect(t.out).toBe('');
    });
  }
});

describe('a file deleted after its batch logged it', () => {
  it('is skipped when the uncommitted batch runs again, as Spark does; the batch commits', async () => {
    const src = join(dir, 'gone');
    mkdirSync(src);
    const chk = join(dir, 'chk-gone');
    placeFile(src, 'a.csv', '1,a\n');
    const schema = 'id INT, name STRING';
    const q1 = t.spark.readStream.schema(schema).csv(src).writeStream.format('console').option('checkpointLocation', chk).start();
    await q1.processAllAvailable();
    await q1.stop();
    // As a kill before the commit leaves it: the batch's offsets and file log, no commit; then the file goes.
    rmSync(join(chk, 'commits', '0'));
    rmSync(join(src, 'a.csv'));
    t.out = '';
    const q = t.spark.readStream.schema(schema).csv(src).writeStream.format('console').option('checkpointLocation', chk).start();
    queries.push(q);
    await q.processAllAvailable();
    const rec = recordedOf('deleted file');
    expect(t.out).toBe(rec.console.replace(/^\n/, ''));
    expect(q.isActive).toBe(true);
    expect(q.exception()).toBeNull();
    expect(summary(q)).toEqual(rec.notes.filter((n) => n.startsWith('progress ')));
    expect(readdirSync(join(chk, 'commits')).filter((f) => !f.startsWith('.'))).toEqual(['0']);
    expect(t.err).toContain('was not found. Was it deleted very recently?');
  });
});

describe('a socket server that drops the connection', () => {
  for (const how of ['close', 'reset'] as const) {
    it(`${how}: the lines read are counted once, the query stays active and waits, as Spark's`, async () => {
      server = await startServer();
      const lines = t.spark.readStream.format('socket').option('host', 'localhost').option('port', server.port).load();
      const q = lines.select(F.explode(F.split(lines.value!, ' ')).alias('word')).groupBy('word').count().writeStream.outputMode('complete').format('console').start();
      queries.push(q);
      await q.processAllAvailable();
      await waitFor(() => server!.clients.length === 1, 'the socket source to connect');
      await write(server.clients[0]!, 'a b\nb\n');
      await waitFor(() => q.status.isDataAvailable, 'the lines to reach the source');
      await q.processAllAvailable();
      const client = server.clients[0]!;
      if (how === 'reset') client.resetAndDestroy();
      else client.end();
      if (how === 'close') await waitFor(() => t.err.includes('Stream closed by'), 'the source to see the close');
      else await new Promise((r) => setTimeout(r, 200));
      await q.processAllAvailable();
      const rec = recordedOf(`socket ${how}`);
      expect(t.out).toBe(rec.console.replace(/^\n/, ''));
      expect(q.isActive).toBe(true);
      expect(q.exception()).toBeNull();
      // PySpark's status was read between triggers or during one (its trigger loop runs every 10 ms): compare when idle.
      const sparkStatus = JSON.parse(rec.notes.find((n) => n.startsWith('status '))!.slice('status '.length)) as { isTriggerActive: boolean; isDataAvailable: boolean };
      expect(q.status.isDataAvailable).toBe(sparkStatus.isDataAvailable);
      if (!sparkStatus.isTriggerActive) expect(q.status).toEqual(sparkStatus);
      expect(summary(q)).toEqual(rec.notes.filter((n) => n.startsWith('progress ')));
    });
  }
});
