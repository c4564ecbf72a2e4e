/**
 * `tspark --remote sc://…` in a real terminal against the real Spark Connect server: the banner
 * says where `spark` is connected; the Structured Streaming guide's quick example and its
 * windowed count with a watermark, typed line by line, print the same console batches above the
 * prompt as the same lines typed in the local shell; `sc`, `ssc` and RDDs are refused with one
 * line each and the shell goes on; `.status`, `.doctor`, `.pause` and Ctrl-C speak of the
 * server's queries, not of the local ssc the remote shell does not use.
 *
 * Lines go to a real loopback socket one at a time, each once the batch before has printed, so
 * each non-empty batch holds one line's data on both engines. Empty batches (a first batch before
 * any data, a watermark's no-data batch) depend on timing and are left out of the comparison;
 * rows are compared in sorted order (Spark hashes groups to partitions).
 */
import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Pty } from '../support/pty.js';
import { connectServer } from '../sql/connect/server.js';
import { LineServer } from '../sql/connect/line-server.js';
import { nonEmptyTables, openShell } from './remote-shell.js';

const found = await connectServer();
const url = 'url' in found ? found.url : undefined;
if ('skip' in found) console.warn(`[test/e2e/shell-remote] skipping: ${found.skip}`);

let pty: Pty | undefined;
let server: LineServer | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => {
  pty?.kill();
  pty = undefined;
  server?.close();
  server = undefined;
});

/** The guide's quick example (complete mode word count from a socket). */
const QUICK = (port: number): string[] => [
  `const lines = spark.readStream.format("socket").option("host", "127.0.0.1").option("port", ${port}).load()`,
  'const words = lines.select(F.explode(F.split(lines.value, " ")).alias("word"))',
  'const wordCounts = words.groupBy("word").count()',
  'const query = wordCounts.writeStream.outputMode("complete").format("console").start()',
];
const QUICK_LINES = ['apache spark', 'spark streaming', 'spark apache kafka'];

/** The guide's windowed word count with a watermark (update mode), event times in the lines. */
const WINDOWED = (port: number): string[] => [
  'spark.conf.set("spark.sql.session.timeZone", "UTC")',
  `const lines = spark.readStream.format("socket").option("host", "127.0.0.1").option("port", ${port}).load()`,
  'const parts = F.split(lines.value, " ")',
  'const words = lines.select(F.to_timestamp(parts.getItem(0)).alias("timestamp"), F.explode(F.slice(parts, 2, 100)).alias("word"))',
  'const windowedCounts = words.withWatermark("timestamp", "10 seconds").groupBy(F.window(words.timestamp, "10 seconds", "5 seconds"), words.word).count()',
  'const query = windowedCounts.writeStream.outputMode("update").format("console").option("truncate", false).start()',
];
const WINDOWED_LINES = [
  '2024-01-01T12:00:03Z spark apache spark',
  '2024-01-01T12:00:07Z streaming spark',
  '2024-01-01T12:00:12Z apache kafka',
  '2024-01-01T12:00:02Z late spark',
  '2024-01-01T12:00:26Z spark',
];

/** Types `program` in a shell (remote when `remoteUrl`), feeds `input` one line per batch, returns the printed tables. */
async function run(remoteUrl: string | undefined, program: (port: number) => string[], input: string[]): Promise<{ tables: string[]; screen: string }> {
  server = new LineServer();
  const port = await server.listen();
  pty = await openShell(remoteUrl);
  const connected = server.nextReader();
  for (const line of program(port)) pty.line(line);
  await connected;
  for (let k = 1; k <= input.length; k++) {
    server.send([input[k - 1]!]);
    await pty.waitFor((all) => nonEmptyTables(all).length >= k, `batch ${k} of ${remoteUrl ? 'the remote' : 'the local'} query`, 60_000);
  }
  pty.line('query.stop()');
  pty.line('"after " + "stop"');
  await pty.waitForText("'after stop'", 1, 30_000);
  const screen = pty.all();
  pty.kill();
  pty = undefined;
  server.close();
  server = undefined;
  return { tables: nonEmptyTables(screen), screen };
}

describe.skipIf(url === undefined)('tspark --remote: the shell on a real Spark Connect server', () => {
  it('says where spark is connected, refuses sc, ssc and RDDs in one line each, and runs DataFrames there', async () => {
    pty = await openShell(url);
    const endpoint = /^sc:\/\/([^/;]+)/.exec(url!)![1]!;
    const all = pty.all();
    expect(all).toContain(`Remote mode: spark runs on the Spark Connect server at ${endpoint.includes(':') ? endpoint : `${endpoint}:15002`}`);
    expect(all).toMatch(/Client connected to the Spark Connect server at \S+ \(Spark 4\.\d+\.\d+\)\./);
    expect(all).not.toContain('token=');
    pty.line('spark.version');
    await pty.waitForText("'4.");
    pty.line('spark.range(3).selectExpr("id * 2 AS twice").show()');
    await pty.waitForText('|    4|');
    expect(pty.all()).toContain('+-----+\n|twice|\n+-----+\n|    0|\n|    2|\n|    4|\n+-----+');
    for (const [entry, says] of [
      ['sc', 'sc (the SparkContext) is not available in a remote shell: RDDs run only on the local engine'],
      ['ssc.socketTextStream("localhost", 9999)', 'ssc (DStreams) is not available in a remote shell: DStreams run only on the local engine; use Structured Streaming'],
      ['spark.sparkContext', 'spark.sparkContext is not available on a remote session'],
      ['spark.range(2).rdd', 'df.rdd is not available on a remote session'],
    ] as const) {
      pty.line(entry);
      await pty.waitForText(says);
    }
    // Local work is unaffected: plain code, and a local session of the engine.
    expect(pty.all()).not.toContain('    at ');
    pty.line('"local " + SparkSession.builder.master("local[1]").getOrCreate().range(4).count()');
    await pty.waitForText("'local 4'");
    pty.line('"remote " + spark.range(5).count()');
    await pty.waitForText("'remote 5'");
  });

  it("the guide's quick example prints the same batches as in the local shell", async () => {
    const local = await run(undefined, QUICK, QUICK_LINES);
    const remote = await run(url, QUICK, QUICK_LINES);
    expect(local.tables).toHaveLength(QUICK_LINES.length);
    expect(remote.tables).toEqual(local.tables);
    expect(remote.tables.at(-1)).toBe(
      ['+---------+-----+', '|     word|count|', '+---------+-----+', '|    kafka|    1|', '|    spark|    3|', '|   apache|    2|', '|streaming|    1|', '+---------+-----+'].join('\n'),
    );
  }, 240_000);

  it('the windowed count with a watermark prints the same batches as in the local shell', async () => {
    const local = await run(undefined, WINDOWED, WINDOWED_LINES);
    const remote = await run(url, WINDOWED, WINDOWED_LINES);
    expect(local.tables).toHaveLength(WINDOWED_LINES.length);
    expect(remote.tables).toEqual(local.tables);
    // The late line still counts: its windows end after the watermark (12:00:12 - 10 s).
    expect(remote.tables[3]).toContain('|{2024-01-01 12:00:00, 2024-01-01 12:00:10}|spark|4    |');
  }, 240_000);

  it('.status and .doctor describe the server\'s queries, .pause says why it cannot, and Ctrl-C stops the query', async () => {
    pty = await openShell(url);
    const endpoint = /^sc:\/\/([^/;]+)/.exec(url!)![1]!;
    pty.line('.status');
    await pty.waitForText(`spark runs on the Spark Connect server at ${endpoint}: no streaming query yet.`);
    pty.line('.doctor');
    await pty.waitForText(`No streaming query yet on the Spark Connect server at ${endpoint}.`);
    // The local ssc the remote shell does not use is not described.
    expect(pty.all()).not.toContain('context:  INITIALIZED');
    expect(pty.all()).not.toContain('call ssc.start()');
    pty.line('const q = spark.readStream.format("rate").option("rowsPerSecond", 5).load().writeStream.format("noop").queryName("remote_rate").start()');
    pty.line('await q.processAllAvailable()');
    pty.line('.status');
    await pty.waitForText('queries:  1 active');
    await pty.waitForText('remote_rate [id = ');
    pty.line('.doctor');
    // Whether the rate source has produced rows yet depends on timing; either way the advice is about the query.
    await pty.waitFor((all) => /Nothing looks wrong|Query remote_rate \[id = /.test(all.slice(all.lastIndexOf('tspark> .doctor'))), 'advice about the query');
    pty.line('.pause');
    await pty.waitFor((all) => all.replace(/\n/g, '').includes('Queries on a Spark Connect server run on its clock: .pause, .step and .resume work on local streams only.'), 'the .pause answer');
    // Ctrl-C on an empty line stops the running query on the server; the shell stays.
    pty.write('\x03');
    await pty.waitForText('Stopping streaming query remote_rate');
    await pty.waitFor((all) => all.replace(/\n/g, '').includes('the micro-batch in flight finishes; spark stays connected.'), 'the stop line');
    // The stop is asynchronous (the micro-batch in flight finishes): wait for it on the server.
    pty.line('"ended " + (await q.awaitTermination(30))');
    await pty.waitForText("'ended true'", 1, 60_000);
    pty.line('"active " + spark.streams.active.length');
    await pty.waitForText("'active 0'", 1, 30_000);
    // The tracker hears of the end through the server's terminated event: ask until it has.
    for (let i = 0; !pty.all().includes('queries:  0 active, 1 ended'); i++) {
      if (i === 40) throw new Error(`.status never showed the query ended; screen:\n${pty.all()}`);
      const asked = pty.all().split('tspark> .status').length;
      pty.line('.status');
      await pty.waitFor((all) => all.split('tspark> .status').length > asked && /queries: {2}\d+ active/.test(all.slice(all.lastIndexOf('tspark> .status'))), 'the .status answer');
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 120_000);
});
