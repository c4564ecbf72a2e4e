import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Pty } from '../support/pty.js';
import { waitFor } from '../support/wait.js';

const BIN = path.resolve('dist/bin/tspark.js');
const ENV = { ...process.env, NO_COLOR: '1', TSPARK_HISTORY: '' };
const children: ChildProcess[] = [];
let pty: Pty | undefined;

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first: these tests start the built tspark');
});
afterEach(() => {
  pty?.kill();
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function jobFile(source: string): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-run-'));
  const file = path.join(dir, 'job.ts');
  fs.writeFileSync(file, source);
  return { file, dir };
}

/** Starts `tspark run job.ts` in its directory; resolves the exit code, collects stdout and stderr. */
function run(source: string): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const { dir } = jobFile(source);
  const child = spawn(process.execPath, [BIN, 'run', 'job.ts', '--batch', '0.5'], { cwd: dir, env: ENV });
  children.push(child);
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, out: () => out, err: () => err, exited };
}

const STUCK = [
  'ssc.queueStream([[1], [2], [3]]).map((x: number) => {',
  '  if (x === 2) { console.log("stuck" + "!"); while (true) {} }',
  '  return x',
  '}).pprint()',
  'ssc.start()',
].join('\n');

describe('tspark run and signals', () => {
  it('SIGTERM ends a job whose batch never returns: status 143, one line naming the signal, the batch and the position', async () => {
    const job = run(STUCK);
    await waitFor(() => job.out().includes('stuck!'), 'the stuck batch');
    job.child.kill('SIGTERM');
    expect(await job.exited).toBe(143);
    const lines = job.err().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^tspark run: SIGTERM while batch \d\d:\d\d:\d\d \(pprint\) was running: the code at job\.ts:2:\d+ never returned; the job is stopped\.$/);
  });

  it('Ctrl-C in the terminal ends it with status 130, naming SIGINT', async () => {
    const { dir } = jobFile(STUCK);
    pty = new Pty(`node ${BIN} run job.ts --batch 0.5`, { cwd: dir, cols: 200, env: { NO_COLOR: '1' } });
    await pty.waitForText('stuck!');
    await new Promise((r) => setTimeout(r, 300));
    pty.write('\x03');
    expect(await pty.exited).toBe(130);
    await pty.waitForText('never returned');
    expect(pty.all()).toMatch(/tspark run: SIGINT while batch \S+ \(pprint\) was running: the code at job\.ts:2:\d+ never returned/);
  });

  it('a job that answers stops gracefully on SIGTERM, saying SIGTERM, and exits 0', async () => {
    const job = run('ssc.queueStream([], true, ["tick"]).pprint()\nssc.start()\n');
    await waitFor(() => job.out().includes('tick'), 'a batch');
    job.child.kill('SIGTERM');
    expect(await job.exited).toBe(0);
    expect(job.err()).toContain('tspark run: SIGTERM: stopping the stream gracefully');
    expect(job.err()).not.toContain('Ctrl-C');
  });

  it('waits for a Structured Streaming query the job started; SIGTERM stops it after its batch, status 0', async () => {
    const job = run(
      [
        "const q = spark.readStream.format('rate').option('rowsPerSecond', 5).load()",
        "  .writeStream.foreachBatch((df, id) => console.log(`batch ${id}: ${df.count() >= 0 ? 'ok' : ''}`)).start()",
        'console.log(`started ${q.isActive}`)',
      ].join('\n'),
    );
    await waitFor(() => job.out().includes('batch 1: ok'), 'two batches', 20_000);
    expect(job.out()).toContain('started true');
    job.child.kill('SIGTERM');
    expect(await job.exited).toBe(0);
    expect(job.err()).toContain('tspark run: SIGTERM: stopping the stream gracefully');
  });

  it('ends with status 1 when a Structured Streaming query fails, saying so', async () => {
    const job = run(
      [
        "spark.readStream.format('rate').option('rowsPerSecond', 5).load()",
        "  .writeStream.foreachBatch((df, id) => { if (id === 1) throw new Error('the sink broke') }).start()",
      ].join('\n'),
    );
    expect(await job.exited).toBe(1);
    expect(job.err()).toContain('the sink broke');
    expect(job.err()).toMatch(/The job stopped because a streaming query failed: \[STREAM_FAILED\] Query \[id = [0-9a-f-]+, runId = [0-9a-f-]+\] terminated with exception: the sink broke/);
  });

  it('runs a standalone program: imports from "tspark" and "node:fs", its own sc and ssc, awaitTermination without await', async () => {
    const job = run(
      [
        "import { SparkContext, StreamingContext } from 'tspark';",
        "import * as fs from 'node:fs';",
        '',
        "const sc = new SparkContext('local[2]', 'Standalone');",
        'const ssc = new StreamingContext(sc, 0.5);',
        'const files = fs.readdirSync(".").length;',
        'ssc.queueStream([["a b a"]]).flatMap((l: string) => l.split(" ")).map((w): [string, number] => [w, files]).reduceByKey((a, b) => a + b).pprint();',
        'ssc.start();',
        'setTimeout(() => ssc.stop(), 1500);',
        'ssc.awaitTermination();',
      ].join('\n'),
    );
    expect(await job.exited).toBe(0);
    expect(job.err()).toBe('');
    expect(job.out()).toContain("[ 'a', 2 ]");
    expect(job.out()).toContain("[ 'b', 1 ]");
  });
});
