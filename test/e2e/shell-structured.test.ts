/**
 * Structured Streaming in the shell, in a real terminal: the guide's quick example typed line by
 * line and fed by the real `nc -lk` prints PySpark's recorded console text above the prompt
 * while a line is half typed; `.status` and `.doctor` describe the query; Ctrl-C on an empty
 * line stops it and says which; `.pause`/`.step` run one micro-batch at a time so the
 * watermark is seen to move (files dropped into a directory, no waiting on the clock); a socket
 * nobody listens on is reported above the prompt and `.doctor` says what to start.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recorded } from '../sql/streaming/support/recorded.js';
import { placeFile } from '../sql/streaming/support/streaming.js';
import { Pty } from '../support/pty.js';
import { freePort, Netcat } from './shell-helpers.js';

const BIN = path.resolve('dist/bin/tspark.js');
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
let pty: Pty | undefined;
let nc: Netcat | undefined;

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => {
  pty?.kill();
  nc?.stop();
  pty = undefined;
  nc = undefined;
});

/** The recorded console text up to (not including) batch `n`'s block, without its trailing blank line. */
function upToBatch(console: string, n: number): string {
  const i = console.indexOf(`-------------------------------------------\nBatch: ${n}\n`);
  return (i < 0 ? console : console.slice(0, i)).trimEnd();
}

describe('Structured Streaming in the shell', () => {
  it('runs the guide’s quick example over nc -lk: PySpark’s batches above the prompt, .status, .doctor, Ctrl-C', async () => {
    const port = await freePort();
    nc = new Netcat(port);
    await nc.ready();
    pty = new Pty(`node ${BIN} --no-ui`, { env: ENV, cols: 250, rows: 60 });
    await pty.waitForText('tspark>');
    pty.line(`const lines = spark.readStream.format("socket").option("host", "localhost").option("port", ${port}).load()`);
    pty.line('const words = lines.select(F.explode(F.split(lines.value, " ")).alias("word"))');
    pty.line('const wordCounts = words.groupBy("word").count()');
    pty.line('const query = wordCounts.writeStream.outputMode("complete").format("console").start()');
    const expected = recorded('quick_example').console;
    await pty.waitFor((all) => all.includes(upToBatch(expected, 1)), 'batch 0');

    nc.send('apache spark');
    await pty.waitFor((all) => all.includes(upToBatch(expected, 2)), 'batch 1');
    // A line half typed when the next batch arrives stays on the prompt, below the batch.
    pty.write('const half = 4');
    await pty.waitFor(() => pty!.lastRow() === 'tspark> const half = 4', 'the half-typed line');
    nc.send('apache hadoop');
    await pty.waitFor((all) => all.includes(expected.trimEnd()), 'batch 2');
    await pty.waitFor(() => pty!.lastRow() === 'tspark> const half = 4', 'the prompt below batch 2');
    // Batches 0–2 print exactly as PySpark's console sink printed them, one after the other.
    expect(pty.all()).toContain(expected.trimEnd());
    pty.write(' * 2\r');
    pty.line('half');
    await pty.waitForText('\n8\n');

    pty.line('.status');
    await pty.waitForText('last batch 2: 1 input row(s), 3 output row(s)');
    expect(pty.all()).toMatch(/queries: {2}1 active\n {2}\[id = [0-9a-f-]{36}\]: Waiting for data to arrive\n {4}complete mode, console sink, default trigger\n {4}last batch 2: 1 input row\(s\), 3 output row\(s\), .*3 state row\(s\)\n {4}3 micro-batch\(es\), 2 input row\(s\) in all/);
    pty.line('.doctor');
    await pty.waitForText('Nothing looks wrong');

    // Ctrl-C on an empty line stops the query (not the shell), and says which.
    pty.write('\x03');
    await pty.waitFor((all) => /Stopping streaming query \[id = [0-9a-f-]{36}\] \(Ctrl-C\): the micro-batch in flight finishes; spark, sc and ssc stay\./.test(all), 'the stop message');
    pty.line('query.isActive');
    await pty.waitForText('\nfalse\n');
    pty.line('.doctor');
    await pty.waitFor((all) => /Query \[id = [0-9a-f-]{36}\] was stopped; start it again/.test(all), 'the stopped finding');
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });

  it('.pause and .step run one micro-batch of the structured-windowed demo at a time: the watermark moves batch by batch', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-shell-ss-'));
    const events = path.join(dir, 'events');
    fs.mkdirSync(events);
    pty = new Pty(`node ${BIN} --no-ui`, { env: ENV, cols: 250, rows: 60, cwd: dir });
    await pty.waitForText('tspark>');
    // The guide's late-data example as a demo: reads CSV files from ./events (the shell's directory).
    pty.line('.demo structured-windowed');
    await pty.waitForText('WARN ResolveWriteToStream');
    pty.line('.pause');
    await pty.waitForText('Query clock paused. .step runs exactly one micro-batch of each query; .resume lets them run again.');

    placeFile(events, 'part0.csv', '2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n');
    pty.line('.step');
    await pty.waitFor((all) => /batch 0 ran: 2 input row\(s\), 0 row\(s\) written; watermark 00:00:00, moves to 11:58:00 for the next batch \(max event time 12:08:00 − 600 s\)/.test(all), 'step 1');
    expect(pty.all()).toContain('Batch: 0\n---');
    pty.line('.status');
    await pty.waitForText('query clock paused');
    pty.line('.step');
    await pty.waitFor((all) => /batch 1 ran: 0 input row\(s\), 0 row\(s\) written; watermark 11:58:00\n/.test(all), 'the no-data batch');
    pty.line('.step');
    await pty.waitForText('no new data, so no micro-batch ran (Waiting for data to arrive). Feed the source, then .step again.');
    pty.line('.doctor');
    await pty.waitFor((all) => all.includes('is in append mode: a window is written once, when the watermark passes its end.') && all.includes('The watermark is 2024-01-01T11:58:00.000Z'), 'the watermark finding');
    expect(pty.all()).toContain('The query clock is paused');
    pty.line('.resume');
    await pty.waitForText('Query clock running again.');
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });

  it('Ctrl-C interrupts a foreachBatch function that never returns: that query stops, another runs on', async () => {
    pty = new Pty(`node ${BIN} --no-ui`, { env: ENV, cols: 250, rows: 50 });
    await pty.waitForText('tspark>');
    pty.line('const other = spark.readStream.format("rate").load().writeStream.format("noop").start()');
    pty.line('const stuck = spark.readStream.format("rate").load().writeStream.foreachBatch((df, id) => { if (id >= 1) { console.log(`looping in batch ${id}`); while (true) {} } }).start()');
    await pty.waitForText('looping in batch 1');
    pty.write('\x03');
    await pty.waitFor((all) => /Interrupted \(Ctrl-C\): a micro-batch of streaming query \[id = [0-9a-f-]{36}\] never returned; the query was stopped/.test(all), 'the interrupt report');
    pty.line('[stuck.isActive, other.isActive]');
    await pty.waitForText('[ false, true ]');
    pty.line('.status');
    await pty.waitFor((all) => /queries: {2}1 active, 1 ended\n[\s\S]*: failed: Interrupted: Ctrl-C stopped code that never returned at REPL\d+\.ts:1:\d+/.test(all), 'the status');
    // Waiting is stopped by Ctrl-C, the query it waited on goes on.
    pty.line('other.awaitTermination()');
    pty.write('\x03');
    await pty.waitForText('Stopped waiting (Ctrl-C). Work already started goes on; ssc.stop() stops a stream, query.stop() a query.');
    pty.line('other.isActive');
    await pty.waitForText('\ntrue\n');
  });

  it('reports a socket nobody listens on above the prompt, and .doctor says to start nc', async () => {
    const port = await freePort();
    pty = new Pty(`node ${BIN} --no-ui`, { env: ENV, cols: 250, rows: 50 });
    await pty.waitForText('tspark>');
    pty.line(`const q = spark.readStream.format("socket").option("host", "localhost").option("port", ${port}).load().writeStream.format("console").start()`);
    await pty.waitFor((all) => /ERROR MicroBatchExecution: Query {2}\[id = [0-9a-f-]+, runId = [0-9a-f-]+\] terminated with error: .*Connection refused/.test(all), 'the query error');
    pty.line('.doctor');
    await pty.waitForText(`In another terminal run: npx tspark nc -lk ${port}`);
    expect(pty.all()).toContain(`its socket source could not connect to localhost:${port}`);
    pty.line('1 + 1');
    await pty.waitForText('\n2\n');
  });
});
