/**
 * The Structured Streaming examples, each run as a job (`tspark run examples/x.ts`) against real
 * input: the guide's quick example fed by the real `nc -lk`, the windowed count with a watermark
 * fed by CSV files dropped into ./events, and the hashtag count fed by `tspark feed tweets`. The
 * first two print exactly what PySpark 3.5 printed for the same input (recorded in
 * test/sql/streaming/pyspark/expected); Ctrl-C (SIGINT) stops the query and the job exits 0.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recorded } from '../sql/streaming/support/recorded.js';
import { placeFile } from '../sql/streaming/support/streaming.js';
import { freePort, Netcat } from './shell-helpers.js';

const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
const BIN = path.resolve('dist/bin/tspark.js');
const children: ChildProcess[] = [];
let nc: Netcat | undefined;

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first: these tests start the built CLI');
});
afterEach(() => {
  nc?.stop();
  nc = undefined;
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** A copy of an example in a fresh directory (its cwd), on `port` instead of the class's 9999. */
function exampleCopy(name: string, port?: number): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-ss-example-'));
  const file = path.join(dir, `${name}.ts`);
  const text = fs.readFileSync(`examples/${name}.ts`, 'utf8');
  fs.writeFileSync(file, port === undefined ? text : text.replaceAll('9999', String(port)));
  return { file, dir };
}

/** A running `tspark run FILE`; `onOutput` sees stdout as it grows; SIGINT once `done(stdout)`. */
async function runJob(file: string, cwd: string, done: (out: string) => boolean, onOutput?: (out: string) => void): Promise<{ code: number | null; out: string; err: string }> {
  const child = spawn(process.execPath, [BIN, 'run', file], { cwd, env: { ...process.env, ...ENV } });
  children.push(child);
  let out = '';
  let err = '';
  let signalled = false;
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  child.stdout.on('data', (c: Buffer) => {
    out += c.toString();
    onOutput?.(out);
    if (!signalled && done(out)) {
      signalled = true;
      child.kill('SIGINT');
    }
  });
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const timeout = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const code = await exited;
  clearTimeout(timeout);
  return { code, out, err };
}

/** Spark's WARN lines (they go to the log, not to the console sink's text). */
const withoutWarnings = (out: string): string =>
  out
    .split('\n')
    .filter((l) => !l.startsWith('WARN '))
    .join('\n');

/** The recorded console text up to (not including) batch `n`'s block. */
function upToBatch(console: string, n: number): string {
  const i = console.indexOf(`-------------------------------------------\nBatch: ${n}\n`);
  return i < 0 ? console : console.slice(0, i);
}

describe('Structured Streaming examples (tspark run)', () => {
  it('structured-wordcount: the guide’s quick example over nc -lk prints PySpark’s batches', async () => {
    const port = await freePort();
    nc = new Netcat(port);
    await nc.ready();
    const { file, dir } = exampleCopy('structured-wordcount', port);
    const expected = recorded('quick_example').console;
    const inputs = ['apache spark', 'apache hadoop'];
    let sent = 0;
    // Each line is sent once the previous batch has printed, so each is a micro-batch of its own, as in the recording.
    const r = await runJob(file, dir, (out) => withoutWarnings(out) === expected, (out) => {
      if (sent < inputs.length && withoutWarnings(out).startsWith(upToBatch(expected, sent + 1))) nc!.send(inputs[sent++]!);
    });
    expect(withoutWarnings(r.out)).toBe(expected);
    expect(r.out).toContain('WARN TextSocketSourceProvider: The socket source should not be used for production applications! It does not support recovery.');
    expect(r.err).toContain('tspark run: SIGINT: stopping the stream gracefully');
    expect(r.code).toBe(0);
  });

  it('structured-windowed: files into ./events, a 10-minute watermark, PySpark’s append-mode batches', async () => {
    const { file, dir } = exampleCopy('structured-windowed');
    const events = path.join(dir, 'events');
    fs.mkdirSync(events);
    const files = [
      '2024-01-01 12:07:00,dog\n2024-01-01 12:08:00,owl\n',
      '2024-01-01 12:14:00,dog\n2024-01-01 12:09:00,cat\n',
      '2024-01-01 12:15:00,cat\n2024-01-01 12:08:00,dog\n2024-01-01 12:13:00,owl\n2024-01-01 12:21:00,owl\n',
      '2024-01-01 12:04:00,donkey\n2024-01-01 12:17:00,owl\n',
    ];
    const expected = recorded('watermark_append').console;
    // The batches that read a file (each is followed by a no-data batch that moves the watermark on).
    const dataBatches = [0, 2, 4, 6];
    placeFile(events, 'part0.csv', files[0]!);
    let placed = 1;
    const r = await runJob(file, dir, (out) => withoutWarnings(out) === expected, (out) => {
      // The next file only once the batch before its own has printed: one file per micro-batch, as recorded.
      if (placed < files.length && withoutWarnings(out) === upToBatch(expected, dataBatches[placed]!)) {
        placeFile(events, `part${placed}.csv`, files[placed]!);
        placed++;
      }
    });
    expect(withoutWarnings(r.out)).toBe(expected);
    expect(r.code).toBe(0);
  });

  it('structured-hashtags: the seeds’ hashtag count over tspark feed tweets, newest window first', async () => {
    const port = await freePort();
    const feed = spawn(process.execPath, [BIN, 'feed', '--port', String(port), '--rate', '50/s', '--seed', '7', 'tweets'], { stdio: 'ignore' });
    children.push(feed);
    const { file, dir } = exampleCopy('structured-hashtags', port);
    // Batch 0 runs at start, the next ones on multiples of the 10-second trigger: wait for one with 5 tags or more.
    const full = /-+\nBatch: [1-9]\d*\n(?:(?!Batch: )[\s\S])*?only showing top 5 rows\n/;
    const r = await runJob(file, dir, (out) => full.test(out));
    const block = full.exec(r.out)![0];
    const rows = [...block.matchAll(/^\|\{(\S+ \S+), (\S+ \S+)\}\|(#\w+) *\|(\d+) *\|$/gm)];
    expect(rows).toHaveLength(5);
    // Newest window first, then the most frequent tags first within it.
    const first = rows.filter((m) => m[1] === rows[0]![1]).map((m) => Number(m[4]));
    expect(first).toEqual([...first].sort((a, b) => b - a));
    for (const m of rows) expect(Date.parse(`${m[2]!.replace(' ', 'T')}Z`) - Date.parse(`${m[1]!.replace(' ', 'T')}Z`)).toBe(30_000);
    expect(r.code).toBe(0);
  }, 45_000);

  it('a job whose query fails ends with status 1 and says why', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-ss-job-'));
    const file = path.join(dir, 'fails.ts');
    fs.writeFileSync(file, 'spark.readStream.format("rate").load().writeStream.foreachBatch((df, id) => { if (id >= 1) throw new Error("boom in batch " + id); }).start();\n');
    const r = await runJob(file, dir, () => false);
    expect(r.out).toMatch(/^ERROR MicroBatchExecution: Query {2}\[id = [0-9a-f-]+, runId = [0-9a-f-]+\] terminated with error: boom in batch 1$/m);
    expect(r.err).toMatch(/The job stopped because a streaming query failed: \[STREAM_FAILED\] Query \[id = [0-9a-f-]+, runId = [0-9a-f-]+\] terminated with exception: boom in batch 1/);
    expect(r.code).toBe(1);
  });
});
