// scripts/services.mjs itself: the one-line contract, idempotence, PID files, crash recovery,
// restart, stop and usage errors. Runs Redis (the quickest real server) in a private state
// directory, so it never touches the servers other tests or CI share.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServicesScript, SERVICES_SCRIPT, type ScriptResult } from '../support/services.js';

let stateDir: string;
const env = (): NodeJS.ProcessEnv => ({ TSPARK_SERVICES_DIR: stateDir });
const script = (...args: string[]): Promise<ScriptResult> => runServicesScript(args, env(), 120_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // A killed server whose parent is gone may linger as a zombie until reaped: that is not alive.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Sends PING to 127.0.0.1:port and resolves with Redis's reply line. */
function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      socket.destroy();
      resolve(d.toString().trim());
    });
    socket.once('error', reject);
  });
}

const portOf = (line: string): number => Number(/:(\d+)$/.exec(line)?.[1]);
const pidOf = (): number => Number(readFileSync(join(stateDir, 'redis', 'redis.pid'), 'utf8'));

beforeAll(() => {
  stateDir = mkdtempSync(join(tmpdir(), 'tspark-services-test-'));
});

afterAll(async () => {
  await script('stop', 'all');
  rmSync(stateDir, { recursive: true, force: true });
}, 60_000);

describe('scripts/services.mjs', () => {
  let first: ScriptResult;

  it('start prints exactly one REDIS_URL line on stdout, progress on stderr, and writes a PID file of a live server', async () => {
    first = await script('start', 'redis');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^REDIS_URL=redis:\/\/127\.0\.0\.1:\d+\n$/);
    expect(first.stderr).toContain('redis: ready in');
    expect(alive(pidOf())).toBe(true);
    expect(await ping(portOf(first.stdout.trim()))).toBe('+PONG');
  }, 120_000);

  it('start again prints the same line and keeps the same server', async () => {
    const pid = pidOf();
    const again = await script('start', 'redis');
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(again.stderr).toContain('already running');
    expect(pidOf()).toBe(pid);
  });

  it('parallel starts share one server', async () => {
    const results = await Promise.all([script('start', 'redis'), script('start', 'redis'), script('start', 'redis')]);
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(new Set(results.map((r) => r.stdout))).toEqual(new Set([first.stdout]));
  });

  it('status --json lists the service as running with its line and PID', async () => {
    const status = await script('status', '--json');
    const rows: unknown = JSON.parse(status.stdout);
    expect(rows).toEqual([expect.objectContaining({ name: 'redis', running: true, pid: pidOf(), line: first.stdout.trim() })]);
  });

  it('a start after the server was killed with SIGKILL starts a new one', async () => {
    const old = pidOf();
    process.kill(old, 'SIGKILL');
    const deadline = Date.now() + 5000;
    while (alive(old) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const again = await script('start', 'redis');
    expect(again.code, again.stderr).toBe(0);
    expect(pidOf()).not.toBe(old);
    expect(await ping(portOf(again.stdout.trim()))).toBe('+PONG');
    first = again;
  }, 60_000);

  it('restart keeps the port and replaces the process', async () => {
    const old = pidOf();
    const again = await script('restart', 'redis');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(pidOf()).not.toBe(old);
    expect(alive(old)).toBe(false);
    expect(await ping(portOf(again.stdout.trim()))).toBe('+PONG');
  }, 60_000);

  it('stop ends the server by its PID and removes its state', async () => {
    const pid = pidOf();
    const stopped = await script('stop', 'redis');
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toBe('');
    expect(alive(pid)).toBe(false);
    expect(existsSync(join(stateDir, 'redis'))).toBe(false);
    await expect(ping(portOf(first.stdout.trim()))).rejects.toThrow(/ECONNREFUSED/);
    expect((await script('stop', 'redis')).code).toBe(0); // stopping twice is fine
  });

  it('an unknown service or command exits 2 naming the known services', async () => {
    const bad = await script('start', 'zookeeper');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('unknown service "zookeeper"; known: kafka, postgres, redis, mosquitto, spark-connect');
    const none = await script('launch', 'redis');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('unknown command "launch"');
  });

  it('imports only Node built-ins and its own modules, so it runs before npm ci', () => {
    const dir = join(SERVICES_SCRIPT, '..', 'services');
    const files = [SERVICES_SCRIPT, ...readdirSync(dir).filter((f) => f.endsWith('.mjs')).map((f) => join(dir, f))];
    const specifiers = files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]));
    expect(specifiers.length).toBeGreaterThan(10);
    expect(specifiers.filter((s) => !s.startsWith('node:') && !s.startsWith('./'))).toEqual([]);
  });

  it('runs from another working directory and finds its checkout', async () => {
    const child = spawn(process.execPath, [SERVICES_SCRIPT, 'status'], { cwd: tmpdir(), env: { ...process.env, ...env(), NODE_PATH: '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(0);
    expect(out).toBe('no services started from this checkout\n');
  });
});
