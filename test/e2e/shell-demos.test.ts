import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Pty } from '../support/pty.js';
import { freePort, Netcat } from './shell-helpers.js';

const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
const BIN = path.resolve('dist/bin/tspark.js');
let pty: Pty | undefined;
let nc: Netcat | undefined;
const children: Array<ReturnType<typeof spawn>> = [];

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first: these tests start the built shell');
});
afterEach(() => {
  pty?.kill();
  nc?.stop();
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

/** A copy of a demo in a temp directory, on a free port instead of 9999 (the class's port). */
function demoOnPort(name: string, port: number): { file: string; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-demo-'));
  const file = path.join(dir, `${name}.ts`);
  fs.writeFileSync(file, fs.readFileSync(`examples/${name}.ts`, 'utf8').replaceAll('9999', String(port)));
  return { file, dir };
}

/** Runs `tspark run FILE`, collecting stdout, until `done(stdout)`; then SIGINT; resolves with the exit code. */
async function runUntil(file: string, cwd: string, done: (out: string) => boolean, onStart?: (out: string) => void): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [BIN, 'run', file, '--batch', '1'], { cwd, env: { ...process.env, ...ENV } });
  children.push(child);
  let out = '';
  let signalled = false;
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const onData = (c: Buffer): void => {
    out += c.toString();
    onStart?.(out);
    if (!signalled && done(out)) {
      signalled = true;
      child.kill('SIGINT');
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timeout = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const code = await exited;
  clearTimeout(timeout);
  return { code, out };
}

describe('classroom demos', () => {
  it('queue-wordcount runs with tspark run, prints its batches and stops gracefully on Ctrl-C', async () => {
    const r = await runUntil(path.resolve('examples/queue-wordcount.ts'), process.cwd(), (out) => out.includes("'like', 3") && out.split('Time:').length >= 4);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/'spark', 1/);
    expect(r.out).toMatch(/'typescript', 1/);
  });

  it('wordcount counts lines from nc -lk (tspark run)', async () => {
    const port = await freePort();
    nc = new Netcat(port);
    await nc.ready();
    const { file, dir } = demoOnPort('wordcount', port);
    let sent = false;
    const r = await runUntil(file, dir, (out) => /'Like', 3/.test(out), (out) => {
      if (!sent && out.includes(`connected to localhost:${port}`)) {
        sent = true;
        nc!.send('I Like spark', 'you Like Python', 'he Like JAva');
      }
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/'spark', 1/);
  });

  it('running-totals keeps totals across batches in a checkpoint directory', async () => {
    const port = await freePort();
    nc = new Netcat(port);
    await nc.ready();
    const { file, dir } = demoOnPort('running-totals', port);
    let step = 0;
    const r = await runUntil(file, dir, (out) => /'spark', 3/.test(out), (out) => {
      if (step === 0 && out.includes(`connected to localhost:${port}`)) {
        step = 1;
        nc!.send('spark spark');
      } else if (step === 1 && /'spark', 2/.test(out)) {
        step = 2;
        nc!.send('spark');
      }
    });
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'checkpoint'))).toBe(true);
  });

  it('hashtags prints the top tags of the window from tspark feed tweets', async () => {
    const port = await freePort();
    const feed = spawn(process.execPath, [BIN, 'feed', '--port', String(port), '--rate', '20/s', '--seed', '7', 'tweets'], { stdio: 'ignore' });
    children.push(feed);
    const { file, dir } = demoOnPort('hashtags', port);
    const r = await runUntil(file, dir, (out) => /\[ '#\w+', \d+ \]|\('#\w+', \d+\)/.test(out));
    expect(r.code).toBe(0);
  }, 40_000);

  it('.demo lists the demos and .demo NAME loads one into the shell', async () => {
    pty = new Pty(`node ${BIN} --no-ui`, { env: ENV, cols: 100, rows: 40 });
    await pty.waitForText('tspark>');
    pty.line('.demo');
    await pty.waitForText('queue-wordcount');
    expect(pty.all()).toContain('wordcount');
    pty.line('.demo queue-wordcount');
    await pty.waitFor((all) => /'like', 3/.test(all), 'the demo batches');
    pty.line('.demo nope');
    await pty.waitForText('No demo named "nope"');
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });
});
