/**
 * The shell's session with Structured Streaming queries, on the real engine: `.pause`/`.step`
 * run one trigger at a time on the queries' paused clock (so a class watches the watermark
 * move, batch by batch, with PySpark's recorded output), Ctrl-C stops queries before the
 * DStream context, `.status` and `.doctor` see the queries, and query errors print through the
 * shell's writer.
 */
import { mkdirSync } from 'node:fs';
import * as net from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { functions as F } from '../../src/sql/index.js';
import { diagnose } from '../../src/repl/doctor.js';
import { createEngineSession, type EngineSession } from '../../src/repl/engine-session.js';
import { formatStatus } from '../../src/repl/status.js';
import { recorded } from '../sql/streaming/support/recorded.js';
import { placeFile, tempDir } from '../sql/streaming/support/streaming.js';
import { waitFor } from '../support/wait.js';

/** The guide's watermark example: one file per trigger (test/sql/streaming/watermark-example.test.ts). */
const FILES = [
  '2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n',
  '2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n',
  '2024-01-01 12:15:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 12:13:00,owl\n2024-01-01 12:21:00,owl\n',
  '2024-01-01 12:04:00,donkey\n2024-01-01 12:17:00,owl\n',
];

let session: EngineSession | undefined;
let out = '';
afterEach(async () => {
  await session?.close();
  session = undefined;
  out = '';
});

function start(): EngineSession {
  session = createEngineSession({ master: 'local[2]', batchSeconds: 1, out: (t) => (out += t) });
  return session;
}

/** The guide's windowed count with a 10-minute watermark, in append mode, over a directory. */
function windowedQuery(s: EngineSession, dir: string) {
  const spark = s.spark;
  spark.conf.set('spark.sql.session.timeZone', 'UTC');
  spark.conf.set('spark.sql.shuffle.partitions', 2);
  const words = spark.readStream.schema('timestamp TIMESTAMP, word STRING').option('maxFilesPerTrigger', 1).csv(dir);
  const counts = words
    .withWatermark('timestamp', '10 minutes')
    .groupBy(F.window(F.col('timestamp'), '10 minutes', '5 minutes'), F.col('word'))
    .count();
  return counts.writeStream.outputMode('append').format('console').option('truncate', 'false').start();
}

/** `.step` until a step finds no new data; returns every step's report. */
async function stepUntilIdle(s: EngineSession): Promise<string[]> {
  const reports: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await s.step();
    reports.push(r);
    if (r.includes('no new data')) return reports;
  }
  throw new Error(`the query never ran out of data: ${reports.join('\n')}`);
}

describe('Structured Streaming queries in the shell session', () => {
  it('steps one micro-batch at a time on the paused clock and prints PySpark’s append-mode batches', async () => {
    const s = start();
    const dir = join(tempDir(), 'in');
    mkdirSync(dir);
    const q = windowedQuery(s, dir);
    expect(s.isStreaming()).toBe(true);
    // Paused before the first trigger ran: nothing happens until .step.
    expect(s.pause()).toBe('Query clock paused. .step runs exactly one micro-batch of each query; .resume lets them run again.');
    expect(s.facts().queriesPaused).toBe(true);

    const reports: string[] = [];
    for (const [i, text] of FILES.entries()) {
      placeFile(dir, `part${i}.csv`, text);
      reports.push(...(await stepUntilIdle(s)));
    }
    expect(out).toContain(recorded('watermark_append').console);
    const label = `query [id = ${q.id}]`;
    const ran = reports.filter((r) => r.includes(' ran: '));
    // Spark runs a no-data batch after each batch that moved the watermark past state (1, 3, 5);
    // batch 5 is the one that writes the window 12:00–12:10, as PySpark's batch 5 did.
    expect(ran).toEqual([
      `${label}: batch 0 ran: 2 input row(s), 0 row(s) written; watermark 00:00:00, moves to 11:58:00 for the next batch (max event time 12:08:00 − 600 s)`,
      `${label}: batch 1 ran: 0 input row(s), 0 row(s) written; watermark 11:58:00`,
      `${label}: batch 2 ran: 2 input row(s), 0 row(s) written; watermark 11:58:00, moves to 12:04:00 for the next batch (max event time 12:14:00 − 600 s)`,
      `${label}: batch 3 ran: 0 input row(s), 0 row(s) written; watermark 12:04:00`,
      `${label}: batch 4 ran: 4 input row(s), 0 row(s) written; watermark 12:04:00, moves to 12:11:00 for the next batch (max event time 12:21:00 − 600 s)`,
      `${label}: batch 5 ran: 0 input row(s), 3 row(s) written; watermark 12:11:00`,
      `${label}: batch 6 ran: 2 input row(s), 0 row(s) written; watermark 12:11:00 (unchanged)`,
    ]);
    expect(reports.filter((r) => r.includes('no new data'))).toHaveLength(FILES.length);
    expect(reports.at(-1)).toBe(`${label}: no new data, so no micro-batch ran (Waiting for data to arrive). Feed the source, then .step again.`);

    expect(formatStatus(s.facts())).toContain('    append mode, console sink, default trigger, watermark on timestamp (delay 600 s)');
    expect(formatStatus(s.facts())).toMatch(/query clock paused/);
    expect(s.resume()).toBe('Query clock running again.');
    await q.stop();
  });

  it('Ctrl-C stops the queries first, then the DStream context', async () => {
    const s = start();
    const dir = join(tempDir(), 'in');
    mkdirSync(dir);
    const q = windowedQuery(s, dir);
    s.ssc.queueStream([[1]]).pprint();
    s.ssc.start();
    const first = s.stopStream('Ctrl-C');
    expect(first).toBe(
      `Stopping streaming query [id = ${q.id}] (Ctrl-C): the micro-batch in flight finishes; spark, sc and ssc stay.\n` +
        'The DStream context still runs: Ctrl-C again (on an empty line) or .stop stops it.',
    );
    await q.awaitTermination();
    expect(q.isActive).toBe(false);
    expect(s.ssc.state).toBe('ACTIVE');
    expect(s.isStreaming()).toBe(true);
    expect(s.stopStream('Ctrl-C')).toBe('Stopping the stream gracefully (Ctrl-C): batches in flight finish, sc stays.');
    await waitFor(() => !s.isStreaming(), 'the stream to stop');
    expect(s.stopStream('Ctrl-C')).toBe('No stream is running.');
    expect(diagnose(s.facts()).map((f) => f.id)).toContain('query-stopped');
  });

  it('reports a socket source that nobody listens on: the error above the prompt, and .doctor says what to start', async () => {
    const s = start();
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const srv = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
    const lines = s.spark.readStream.format('socket').option('host', 'localhost').option('port', port).load();
    const q = lines.writeStream.format('console').start();
    await expect(q.awaitTermination()).rejects.toThrow(/Connection refused/);
    expect(out).toMatch(/^ERROR MicroBatchExecution: Query {2}\[id = [0-9a-f-]+, runId = [0-9a-f-]+\] terminated with error: .*Connection refused/m);
    expect(out).toContain('WARN TextSocketSourceProvider: The socket source should not be used for production applications!');
    const findings = diagnose(s.facts());
    expect(findings.map((f) => f.id)).toEqual(['query-source-not-connected']);
    expect(findings[0]!.advice).toContain(`npx tspark nc -lk ${port}`);
    expect(formatStatus(s.facts())).toMatch(/^queries: {2}0 active, 1 ended\n {2}\[id = [0-9a-f-]+\]: failed: .*Connection refused/);
  });
});
