/**
 * The shell starts the web UI on its own: the banner prints the real address, and when the
 * asked-for port is taken the UI moves to the next one and the shell says so.
 */
import * as net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Pty } from '../support/pty.js';
import { freePort } from './shell-helpers.js';

const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
let pty: Pty | undefined;
let blocker: net.Server | undefined;

afterEach(() => {
  pty?.kill();
  blocker?.close();
});

describe('the shell and its web UI', () => {
  it('moves to the next port when the asked-for one is taken, says so, and serves the page there', async () => {
    const taken = await freePort();
    blocker = net.createServer();
    await new Promise<void>((r) => blocker!.listen(taken, '127.0.0.1', r));
    pty = new Pty(`node dist/bin/tspark.js --ui-port ${taken}`, { env: ENV, cols: 120, rows: 30 });
    await pty.waitForText('Web UI available at');
    const all = pty.all();
    expect(all).toContain(`Port ${taken} is in use, so the web UI is on port`);
    const url = /Spark context Web UI available at (http:\/\/127\.0\.0\.1:(\d+))/.exec(all);
    expect(url).not.toBeNull();
    expect(Number(url![2])).toBeGreaterThan(taken);
    const page = await fetch(url![1]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });

  it('starts no UI with --no-ui', async () => {
    pty = new Pty('node dist/bin/tspark.js --no-ui', { env: ENV });
    await pty.waitForText('tspark>');
    pty.line('1 + 1');
    await pty.waitForText('2');
    expect(pty.all()).not.toContain('Web UI');
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });
});
