/**
 * The Structured Streaming guide's quick example, typed in TypeScript: word counts over a real
 * loopback socket server (as `nc -lk 9999`), complete mode to the console, compared with the
 * output, progress shape and status recorded from real PySpark 3.5 (record.py, quick_example).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { functions as F } from '../../../src/sql/index.js';
import { type TestServer, startServer, write } from '../../support/net.js';
import { waitFor } from '../../support/wait.js';
import { notesStarting, recorded } from './support/recorded.js';
import { type TestSession, testSession } from './support/streaming.js';

let t: TestSession | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  t?.stop();
  await server?.close();
  t = undefined;
  server = undefined;
});

describe('the quick example', () => {
  it("prints Spark's console batches for lines sent to a socket", async () => {
    server = await startServer();
    t = testSession();
    const { spark } = t;
    const lines = spark.readStream.format('socket').option('host', 'localhost').option('port', server.port).load();
    const words = lines.select(F.explode(F.split(lines.value!, ' ')).alias('word'));
    const wordCounts = words.groupBy('word').count();
    const query = wordCounts.writeStream.outputMode('complete').format('console').start();
    await query.processAllAvailable();
    await waitFor(() => server!.clients.length === 1, 'the socket source to connect');
    for (const line of ['apache spark', 'apache hadoop']) {
      await write(server.clients[0]!, line + '\n');
      await waitFor(() => query.status.isDataAvailable, 'the line to reach the source');
      await query.processAllAvailable();
    }
    const expected = recorded('quick_example');
    expect(t.out).toBe(expected.console);

    const p = query.lastProgress!;
    const keys = (note: string): string => notesStarting(expected, note)[0]!.slice(note.length);
    // Rates are omitted here as Spark omits infinite ones: the ManualClock does not move during a batch.
    const sparkKeys = (JSON.parse(keys('progress keys ').replace(/'/g, '"')) as string[]).filter((k) => !k.endsWith('RowsPerSecond'));
    expect(Object.keys(p)).toEqual(sparkKeys);
    expect(JSON.stringify(Object.keys(p.durationMs)).replace(/"/g, "'").replace(/,/g, ', ')).toBe(keys('durationMs keys '));
    expect(JSON.stringify(Object.keys(p.stateOperators[0]!)).replace(/"/g, "'").replace(/,/g, ', ')).toBe(keys('stateOperator keys '));
    expect(JSON.stringify(Object.keys(p.stateOperators[0]!.customMetrics)).replace(/"/g, "'").replace(/,/g, ', ')).toBe(keys('customMetrics keys '));
    const { description, startOffset, endOffset, latestOffset, numInputRows } = p.sources[0]!;
    expect(p.sources[0]!.inputRowsPerSecond).toBeUndefined();
    expect(JSON.stringify({ description: description.replace(String(server.port), 'PORT'), startOffset, endOffset, latestOffset, numInputRows }).replace(/":/g, '": ').replace(/,"/g, ', "')).toBe(keys('source '));
    expect(p.sink.description.split('@')[0]).toBe('org.apache.spark.sql.execution.streaming.ConsoleTable$');
    expect(p.sink.numOutputRows).toBe(3);
    expect(JSON.stringify(query.status).replace(/":/g, '": ').replace(/,"/g, ', "')).toBe(keys('status '));
    expect(query.name).toBeNull();
    expect(query.recentProgress.map((x) => x.batchId)).toEqual([0, 1, 2]);
    // Spark's warnings: the socket source is not fault tolerant; the checkpoint is temporary.
    expect(t.err).toContain('WARN TextSocketSourceProvider: The socket source should not be used for production applications! It does not support recovery.');
    expect(t.err).toMatch(/WARN ResolveWriteToStream: Temporary checkpoint location created which is deleted normally when the query didn't fail: \S+temporary-[0-9a-f-]+\. If it's required/);
    await query.stop();
    expect(query.status).toEqual({ message: 'Stopped', isDataAvailable: false, isTriggerActive: false });
    expect(query.isActive).toBe(false);
  });
});
