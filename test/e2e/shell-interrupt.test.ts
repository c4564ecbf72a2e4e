import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';
import { freePort, Netcat } from './shell-helpers.js';

const SHELL = 'node dist/bin/tspark.js --no-ui --batch 0.5';
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
const count = (text: string, s: string): number => text.split(s).length - 1;
let pty: Pty | undefined;
let nc: Netcat | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => {
  pty?.kill();
  nc?.stop();
  nc = undefined;
});

async function shell(): Promise<Pty> {
  pty = new Pty(SHELL, { env: ENV, cols: 200, rows: 40 });
  await pty.waitForText('tspark>');
  return pty;
}

/**
 * Waits for the code to print "stuck!" (it then never returns), presses Ctrl-C once the shell
 * has been stuck a moment, and returns how long the report took (ms).
 */
async function interrupt(p: Pty, expected: string): Promise<number> {
  await p.waitForText("stuck!");
  await new Promise((r) => setTimeout(r, 500));
  const before = count(p.all(), expected);
  const t0 = Date.now();
  p.write('\x03');
  await p.waitFor((all) => count(all, expected) > before, expected, 5000);
  return Date.now() - t0;
}

/** After an interrupt: a prompt that evaluates, and an sc that computes. */
async function usable(p: Pty): Promise<void> {
  await keyGap();
  p.line('sc.parallelize([1, 2, 3]).map((x: number) => x * 7).sum()');
  await p.waitForText('42');
}

describe('Ctrl-C stops code that never returns', () => {
  it('in a map at batch time: the batch fails once with the position, the stream stops, sc works', async () => {
    const p = await shell();
    p.line('ssc.queueStream([[1], [2], [3]]).map((x: number) => { if (x === 2) { console.log("stuck" + "!"); while (true) {} } return x }).pprint()');
    p.line('ssc.start()');
    await p.waitFor((all) => /\n1\n/.test(all), 'the first batch');
    const ms = await interrupt(p, 'Interrupted: Ctrl-C stopped code that never returned');
    expect(ms).toBeLessThan(1000);
    await p.waitForText('ssc is ready for a new pipeline');
    const all = p.all();
    expect(count(all, 'Error in batch')).toBe(1);
    expect(all).toMatch(/Error in batch [^(]+\(pprint\): Interrupted: Ctrl-C stopped code that never returned at REPL1\.ts:1:\d+/);
    expect(all).toContain('failed and the stream was stopped');
    await usable(p);
    p.line('ssc.state');
    await p.waitForText("'INITIALIZED'");
    // No batch after the stop.
    expect(p.all()).not.toMatch(/\n3\n/);
  });

  it('in foreachRDD', async () => {
    const p = await shell();
    p.line('ssc.queueStream([[1]]).foreachRDD((rdd) => { console.log("stuck" + "!"); for (;;) { rdd.count() } })');
    p.line('ssc.start()');
    const ms = await interrupt(p, 'Interrupted: Ctrl-C stopped code that never returned');
    expect(ms).toBeLessThan(1000);
    expect(p.all()).toMatch(/Error in batch [^(]+\(foreachRDD\): Interrupted: .* at REPL1\.ts:1:\d+/);
    await usable(p);
  });

  it('in the steps that run as socket records arrive', async () => {
    const port = await freePort();
    nc = new Netcat(port);
    await nc.ready();
    const p = await shell();
    p.line(`const words = ssc.socketTextStream("localhost", ${port}).map((l: string) => { if (l === "loop") { console.log("stuck" + "!"); while (true) {} } return l })`);
    p.line('words.countByValue().pprint()');
    p.line('ssc.start()');
    await p.waitForText(`connected to localhost:${port}`);
    nc.send('a', 'loop');
    const ms = await interrupt(p, 'Interrupted: Ctrl-C stopped code that never returned');
    expect(ms).toBeLessThan(1000);
    expect(p.all()).toMatch(/Error in batch [^(]+\(as records arrived\): Interrupted: .* at REPL1\.ts:1:\d+/);
    await p.waitForText('ssc is ready for a new pipeline');
    await usable(p);
  });

  it('in a timer started from the prompt', async () => {
    const p = await shell();
    p.line('setTimeout(() => { console.log("stuck" + "!"); while (true) {} }, 10); "started"');
    await p.waitForText("'started'");
    const ms = await interrupt(p, 'never returned; it was stopped');
    expect(ms).toBeLessThan(1000);
    expect(p.all()).toMatch(/Interrupted \(Ctrl-C\): the code at REPL1\.ts:1:\d+ never returned; it was stopped\./);
    await usable(p);
  });

  it('in a timer while a stream runs: the timer is stopped, the stream goes on', async () => {
    const p = await shell();
    p.line('ssc.queueStream([], true, ["tick"]).pprint(); ssc.start()');
    await p.waitFor((all) => count(all, 'Time: ') >= 1, 'a batch');
    p.line('setTimeout(() => { console.log("stuck" + "!"); while (true) {} }, 10); "started"');
    await interrupt(p, 'never returned; it was stopped');
    expect(p.all()).toMatch(/Interrupted \(Ctrl-C\): the code at REPL2\.ts:1:\d+ never returned; it was stopped\.\n/);
    expect(p.all()).not.toContain('Error in batch');
    const seen = count(p.all(), 'Time: ');
    await p.waitFor((all) => count(all, 'Time: ') >= seen + 2, 'batches going on');
  });

  it('in a promise loop started from the prompt', async () => {
    const p = await shell();
    p.line('(async () => { console.log("stuck" + "!"); for (;;) await null })(); "started"');
    await p.waitForText("'started'");
    const ms = await interrupt(p, 'never returned; it was stopped');
    expect(ms).toBeLessThan(1000);
    await usable(p);
    // Timers and promises still run after the interrupt.
    p.line('await new Promise((r) => setTimeout(() => r("timer ok"), 50))');
    await p.waitForText("'timer ok'");
  });

  it('keeps keys typed while the shell was stuck, and a stuck shell still exits on Ctrl-D after', async () => {
    const p = await shell();
    p.line('setTimeout(() => { console.log("stuck" + "!"); while (true) {} }, 10); 0');
    await p.waitForText("stuck!");
    await new Promise((r) => setTimeout(r, 500));
    p.write('1 + ');
    await keyGap(200);
    p.write('\x03');
    await p.waitForText('never returned; it was stopped');
    p.write('41\r');
    await p.waitForText('42');
    p.write('\x04');
    expect(await p.exited).toBe(0);
  });
});
