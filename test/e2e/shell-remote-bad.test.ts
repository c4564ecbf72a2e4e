/**
 * Bad input to `tspark --remote`, in a real terminal: a server that is down, a wrong URL, a token
 * the server refuses, a connection dropped mid-query (a private server killed while the query
 * runs). Each gives one clear line, the shell stays alive, and local work goes on.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Pty } from '../support/pty.js';
import { runServicesScript } from '../support/services.js';
import { clusterServer, tokenOf } from '../sql/connect/server.js';
import { openShell, SHELL_ENV } from './remote-shell.js';

const BIN = 'dist/bin/tspark.js';
let pty: Pty | undefined;

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => {
  pty?.kill();
  pty = undefined;
});

/** A loopback port nothing listens on: bound once, then released. */
async function unusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Checks that the shell still answers, and that a local session still runs. */
async function stillAlive(p: Pty): Promise<void> {
  p.line('"alive " + (20 + 22)');
  await p.waitForText("'alive 42'");
  p.line('"local " + SparkSession.builder.master("local[1]").getOrCreate().range(3).count()');
  await p.waitForText("'local 3'");
}

/** The error lines the shell printed for the entries after `from` (the `Uncaught:` header, then the message: one line, no stack under it). */
function errorLine(screen: string, from: string, code: RegExp): string {
  const after = screen.slice(screen.lastIndexOf(from));
  const m = /Uncaught:\n(\w+): ([^\n]+)\n(?:tspark>|\s*$)/.exec(after);
  if (!m) throw new Error(`no one-line error after ${from}:\n${after}`);
  expect(m[1]).toMatch(code);
  return m[2]!;
}

/** Waits until the shell has printed the whole error after `from` (its header arrives before its message), then returns the message. */
async function errorLineOf(p: Pty, from: string, code: RegExp): Promise<string> {
  const whole = (): boolean => {
    try {
      errorLine(p.unwrapped(), from, code);
      return true;
    } catch {
      return false;
    }
  };
  await p.waitFor(whole, `the one-line error after ${from}`);
  return errorLine(p.unwrapped(), from, code);
}

describe('tspark --remote: bad input gives one line and the shell lives', () => {
  it('a server that is down: says so under the banner, spark says it again when used, local work goes on', async () => {
    const port = await unusedPort();
    pty = await openShell(undefined, `--remote sc://127.0.0.1:${port}`);
    await pty.waitForText('Not connected to the Spark Connect server at');
    expect(pty.unwrapped()).toContain(
      `Not connected to the Spark Connect server at 127.0.0.1:${port}: Cannot reach Spark Connect at 127.0.0.1:${port}: connection refused (no server listens on that port); start one (node scripts/services.mjs start spark-connect) or fix the port in the URL.\nThe shell works; spark tries again when used.`,
    );
    pty.line('spark.range(3).count()');
    await pty.waitForText('Uncaught:');
    expect(await errorLineOf(pty, 'spark.range(3)', /Error$/)).toContain(`Cannot reach Spark Connect at 127.0.0.1:${port}: connection refused`);
    await stillAlive(pty);
  });

  it('a wrong URL: the command line refuses it in one line (exit 2); in the shell, builder.remote refuses it and the shell lives', async () => {
    const flag = spawnSync(process.execPath, [BIN, '--remote', 'sc://localhost:port'], { env: { ...process.env, ...SHELL_ENV }, encoding: 'utf8', timeout: 20_000 });
    expect(flag.status).toBe(2);
    expect(flag.stderr).toBe(
      "tspark: --remote: [INVALID_CONNECT_URL] Invalid URL for Spark Connect: The port 'port' must be a number from 1 to 65535 (the default is 15002), e.g. 'sc://localhost:15002'.\n",
    );
    const env = spawnSync(process.execPath, [BIN], { env: { ...process.env, ...SHELL_ENV, SPARK_REMOTE: 'http://localhost:15002' }, encoding: 'utf8', timeout: 20_000 });
    expect(env.status).toBe(2);
    expect(env.stderr).toMatch(/^tspark: SPARK_REMOTE: \[INVALID_CONNECT_URL\] Invalid URL for Spark Connect: The URL must start with 'sc:\/\/'[^\n]*\n$/);

    pty = await openShell(undefined);
    pty.line('SparkSession.builder.remote("sc://localhost:15002/;session_id=abc").getOrCreate()');
    await pty.waitForText('Uncaught:');
    expect(await errorLineOf(pty, 'session_id=abc', /Error$/)).toBe(
      '[INVALID_SESSION_UUID_ID] Parameter value session_id must be a valid UUID format: got "abc", e.g. 550e8400-e29b-41d4-a716-446655440000.',
    );
    await stillAlive(pty);
  });

  describe('a token the server refuses', async () => {
    const cluster = await clusterServer();
    const url = 'url' in cluster ? cluster.url : undefined;
    it.skipIf(tokenOf(url) === undefined)('says the server refused it and where to fix it; the shell lives', async () => {
      pty = await openShell(undefined, `--remote '${url!.replace(/;token=[^;]*/, ';token=not-the-token')}'`);
      await pty.waitForText('Not connected to the Spark Connect server at', 1, 60_000);
      expect(pty.unwrapped()).toMatch(/Not connected to the Spark Connect server at \S+: Spark Connect at \S+ refused the request: Invalid authentication token\. Check the token=… parameter of the URL \(or SPARK_CONNECT_AUTHENTICATE_TOKEN\)\./);
      expect(pty.all()).not.toContain('not-the-token');
      await stillAlive(pty);
    }, 120_000);
  });

  describe('a connection dropped mid-query (a private server, killed)', () => {
    let stateDir: string;
    let serverUrl: string | undefined;
    let why = '';
    beforeAll(async () => {
      stateDir = fs.mkdtempSync(join(tmpdir(), 'tspark-remote-drop-'));
      const r = await runServicesScript(['start', 'spark-connect'], { TSPARK_SERVICES_DIR: stateDir }, 10 * 60_000);
      serverUrl = /^SPARK_REMOTE=(\S+)$/m.exec(r.stdout)?.[1];
      why = r.stderr;
    }, 10 * 60_000);
    afterAll(async () => {
      await runServicesScript(['stop', 'spark-connect'], { TSPARK_SERVICES_DIR: stateDir }, 120_000);
      fs.rmSync(stateDir, { recursive: true, force: true });
    }, 180_000);

    it('the running action fails with one line, the shell lives, and spark says the server is unreachable', async () => {
      if (serverUrl === undefined) throw new Error(`the private Spark Connect server did not start:\n${why}`);
      const state = JSON.parse(fs.readFileSync(join(stateDir, 'spark-connect', 'state.json'), 'utf8')) as { pid: number };
      pty = await openShell(serverUrl);
      // Long enough to be killed in the middle (tens of seconds on two cores).
      pty.line('spark.range(0, 200000000000).selectExpr("sum(id * 3 % 7) AS s").collect()');
      // The shell is blocked in the action now; the server cannot be asked how far it is (its log
      // level is not ours to rely on), so the kill comes a few seconds in: long before the sum,
      // which takes minutes, can finish. A kill before the request would show "Cannot reach".
      await new Promise((r) => setTimeout(r, 5000));
      expect(pty.all()).not.toMatch(/\[Row\(s=/);
      process.kill(state.pid, 'SIGKILL');
      await pty.waitForText('Uncaught:', 1, 60_000);
      const line = await errorLineOf(pty, 'sum(id * 3 % 7)', /Error$/);
      expect(line).toMatch(/^Lost the connection to Spark Connect at 127\.0\.0\.1:\d+ during (ExecutePlan|ReattachExecute) \(.+\); the result is incomplete\. Check that the server is still running, then run the query again\.$/);
      await stillAlive(pty);
      pty.line('spark.range(2).count()');
      await pty.waitFor((all) => all.split('Uncaught:').length >= 3, 'the next remote call to fail', 60_000);
      expect(await errorLineOf(pty, 'spark.range(2).count()', /Error$/)).toMatch(/^Cannot reach Spark Connect at 127\.0\.0\.1:\d+/);
      await stillAlive(pty);
    }, 240_000);
  });
});
