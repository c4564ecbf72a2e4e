import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Pty } from '../support/pty.js';

const BIN = 'dist/bin/tspark.js';
// Without SPARK_REMOTE (CI exports it for the remote suites): these shells are local.
const ENV = { ...process.env, NO_COLOR: '1', TSPARK_HISTORY: '', SPARK_REMOTE: undefined };
let pty: Pty | undefined;

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first: these tests start the built shell');
});
afterEach(() => pty?.kill());

function tspark(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { input, env: ENV, encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('tspark on the command line', () => {
  it('--help and --version print and exit 0', () => {
    const help = tspark(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--master local[N]');
    const version = tspark(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^tspark \d+\.\d+\.\d+\n$/);
  });

  it('refuses a bad option with a message naming it, exit 2', () => {
    const r = tspark(['--batch', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('tspark: --batch must be a number of seconds > 0, e.g. --batch 1 or --batch 0.5; got "soon"\n');
  });

  it('runs piped input line by line: results only, no prompt, no echo, exit 0', () => {
    const r = tspark(['--no-ui'], 'const a: number = 1\na + 41\n');
    expect(r.stdout).toBe('42\n');
    expect(r.status).toBe(0);
  });

  it('binds the engine classes tutorials use, besides sc and ssc', () => {
    const r = tspark(['--no-ui'], 'typeof StateSpec.function\nnew StreamingContext(sc, 2).batchDurationMs\ntypeof SparkContext\n');
    expect(r.stdout).toBe("'function'\n2000\n'function'\n");
    expect(r.status).toBe(0);
  });

  it('exits 1 when a piped line failed, after running the rest', () => {
    const r = tspark(['--no-ui'], '1\nnope()\n"after"\n');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("'after'");
  });

  it('stops a stream at the end of piped input; awaiting first lets batches print', () => {
    const quick = tspark(['--no-ui'], 'ssc.queueStream([[1]]).pprint()\nssc.start()\n');
    expect(quick.status).toBe(0);
    const r = tspark(['--no-ui'], 'ssc.queueStream([["x"]], true, ["y"]).pprint()\nssc.start()\nawait ssc.awaitTerminationOrTimeout(2.3)\n');
    expect(r.status).toBe(0);
    expect(r.stdout.split('Time: ').length - 1).toBeGreaterThanOrEqual(2);
    expect(r.stdout).toContain('\nx\n');
  });

  it('with stdin piped and stdout a terminal, still shows no prompt and no echo', async () => {
    const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-piped-')), 'script.ts');
    fs.writeFileSync(script, 'const b: number = 2\nb * 21\n');
    pty = new Pty(`node ${BIN} --no-ui < ${script}`, { env: { NO_COLOR: '1', TSPARK_HISTORY: '' } });
    expect(await pty.exited).toBe(0);
    expect(pty.all().trim()).toBe('42');
  });

  it('colours results on a terminal, and not with NO_COLOR or TERM=dumb', async () => {
    pty = new Pty(`node ${BIN} --no-ui`, { env: { TSPARK_HISTORY: '', NO_COLOR: undefined, FORCE_COLOR: undefined } });
    await pty.waitForText('tspark>');
    pty.line('({ a: 1 })');
    await pty.waitFor((all) => /\n\{ a: 1 \}\n/.test(all), 'the result on its own line');
    expect(pty.raw).toMatch(/\x1b\[33m1\x1b\[39m/);
    pty.line('.exit');
    await pty.exited;

    pty = new Pty(`node ${BIN} --no-ui`, { env: { TSPARK_HISTORY: '', NO_COLOR: '1' } });
    await pty.waitForText('tspark>');
    pty.line('({ a: 1 })');
    await pty.waitFor((all) => /\n\{ a: 1 \}\n/.test(all), 'the result on its own line');
    expect(pty.raw).not.toMatch(/\x1b\[3\dm/);
    pty.line('.exit');
    await pty.exited;

    pty = new Pty(`node ${BIN} --no-ui`, { env: { TSPARK_HISTORY: '', NO_COLOR: undefined, TERM: 'dumb' } });
    await pty.waitForText('tspark>');
    pty.line('({ a: 1 })');
    await pty.waitFor((all) => /\n\{ a: 1 \}\n/.test(all), 'the result on its own line');
    expect(pty.raw).not.toMatch(/\x1b\[3\dm/);
    pty.line('.exit');
    await pty.exited;
  });

  it('SIGTERM stops a running stream and exits 0', async () => {
    const child = spawn(process.execPath, [BIN, '--no-ui'], { env: ENV, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stdin.write('ssc.queueStream([], true, ["tick"]).pprint()\nssc.start()\nawait ssc.awaitTermination()\n');
    const deadline = Date.now() + 10_000;
    while (!out.includes('tick') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain('tick');
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => child.on('exit', (c) => r(c)));
    expect(code).toBe(0);
  });
});
