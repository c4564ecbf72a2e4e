import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';

const FIXTURE = 'node test/repl/fixtures/plain-shell.mjs';
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
let pty: Pty | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/src/repl/server.js')) throw new Error('run `npm run build` first: the PTY tests start the built shell');
});
afterEach(() => pty?.kill());

describe('output above the prompt (real terminal)', () => {
  it('prints async output above a half-typed line and keeps the line and cursor intact', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.line('let n = 0; const h = setInterval(() => { console.log("tick", ++n); if (n === 3) clearInterval(h) }, 150)');
    pty.write('const typed = "hello wor');
    await pty.waitForText('tick 3');
    await pty.waitFor(() => pty!.lastRow() === 'ts> const typed = "hello wor', 'the typed line redrawn');
    expect(pty.cursor().x).toBe(28);
    const rows = pty.screen();
    expect(rows.filter((r) => /^tick \d$/.test(r))).toEqual(['tick 1', 'tick 2', 'tick 3']);
    pty.line('ld"');
    pty.line('typed');
    await pty.waitForText("'hello world'");
  });

  it('keeps every printed block whole when the typed input wraps over several rows', async () => {
    pty = new Pty(FIXTURE, { env: ENV, cols: 40 });
    await pty.waitForText('ts>');
    pty.line('let k = 0; const h2 = setInterval(() => { k++; console.log(`block ${k} a\\nblock ${k} b`); if (k === 3) clearInterval(h2) }, 200)');
    const long = 'const longName = "' + 'x'.repeat(70) + '"';
    pty.write(long);
    await pty.waitForText('block 3 b');
    await pty.waitFor((all) => all.trimEnd().endsWith('xxx"'), 'the wrapped input redrawn');
    const all = pty.all();
    for (const k of [1, 2, 3]) {
      expect(all).toContain(`block ${k} a\nblock ${k} b`);
    }
    // The wrapped input is intact below the blocks.
    const tail = all.slice(all.lastIndexOf('block 3 b'));
    expect(tail.replace(/\n/g, '')).toContain(`ts> ${long}`);
    pty.line('');
    pty.line('longName.length');
    await pty.waitForText('70');
  });

  it('prints output that arrives during an evaluation without a stray prompt, before the result', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.line('setTimeout(() => console.log("during"), 50); await new Promise((r) => setTimeout(() => r("done"), 300))');
    await pty.waitForText("'done'");
    const all = pty.all();
    expect(all).toMatch(/\nduring\n'done'\n/);
    expect(all).not.toContain('ts> during');
  });
});

describe('output in special modes', () => {
  it('prints above the current line in .editor mode, and runs the block with Ctrl-D', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.line('setTimeout(() => console.log("ti" + "ck"), 500); 0');
    pty.line('.editor');
    await pty.waitForText('editor mode');
    pty.line('const ed: number = 41');
    pty.write('ed + 1');
    await pty.waitForText('tick');
    await pty.waitFor((all) => /const ed: number = 41\ntick\ned \+ 1/.test(all), 'tick above the editor line');
    await keyGap();
    pty.write('\x04');
    await pty.waitFor((all) => /ed \+ 1\n42\n/.test(all), 'the block evaluated');
  });

  it('holds output during a Ctrl-R search and prints it once the search ends', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    const flag = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-flag-')), 'fired');
    pty.line('const alpha = 1');
    // The timer leaves a file behind, so the test knows it fired without guessing a delay.
    pty.line(`setTimeout(() => { console.log("he" + "ld"); require("node:fs").writeFileSync(${JSON.stringify(flag)}, "") }, 300); 0`);
    await keyGap();
    pty.write('\x12');
    await keyGap();
    pty.write('alp');
    await pty.waitForText('bck-i-search: alp');
    await pty.waitFor(() => fs.existsSync(flag), 'the timer to fire');
    // The timer has fired, but the search UI is intact and the output waits.
    expect(pty.all()).not.toMatch(/\nheld\n/);
    expect(pty.lastRow()).toContain('bck-i-search: alp');
    pty.write('\r');
    await pty.waitFor((all) => /\nheld\n/.test(all), 'the held output printed');
  });
});

describe('keys', () => {
  it('Ctrl-C clears a typed line; on an empty line gives the exit hint; twice exits 0', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.write('half typed');
    await pty.waitForText('half typed');
    await keyGap();
    pty.write('\x03');
    // Like Node's REPL (and bash), the abandoned text stays visible above a fresh, empty prompt.
    await pty.waitFor(() => pty!.lastRow() === 'ts>' && pty!.screen().length > 0, 'a fresh empty prompt');
    expect(pty.all()).not.toContain('half is not defined');
    await keyGap();
    pty.write('\x03');
    await pty.waitForText('(To exit, press Ctrl+C again or Ctrl+D or type .exit)');
    await keyGap();
    pty.write('\x03');
    expect(await pty.exited).toBe(0);
  });

  it('Ctrl-D on an empty line exits 0, and .exit does too', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.write('\x04');
    expect(await pty.exited).toBe(0);
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });

  it('Ctrl-C interrupts an infinite loop and TypeScript still works after it', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.line('while (true) {}');
    await pty.waitForText('while (true) {}');
    await keyGap(300);
    pty.write('\x03');
    await pty.waitForText('Interrupted (Ctrl-C)');
    pty.line('const z: number = 1');
    pty.line('z + 1');
    await pty.waitFor((all) => /\n2\n/.test(all), 'the next TypeScript entry evaluated');
  });

  it('keeps keys typed during a top-level await for the next prompt, and Ctrl-C stops the wait', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.line('await new Promise((r) => setTimeout(r, 600))');
    await pty.waitForText('setTimeout(r, 600))');
    pty.write('abc');
    await pty.waitFor(() => pty!.lastRow() === 'ts> abc', 'typed-ahead keys on the next prompt');
    expect(pty.cursor().x).toBe(7);
    pty.write('\x15');
    await keyGap();
    pty.line('await new Promise(() => {})');
    await pty.waitForText('new Promise(() => {})');
    await keyGap();
    pty.write('\x03');
    await pty.waitForText('Stopped waiting (Ctrl-C)');
    pty.line('1 + 1');
    await pty.waitFor((all) => /\n2\n/.test(all), 'the shell answering again');
  });

  it('reports errors thrown later by timers and rejections without dying', async () => {
    pty = new Pty(FIXTURE, { env: ENV });
    await pty.waitForText('ts>');
    pty.line('setTimeout(() => { throw new Error("timer boom") }, 20); 0');
    await pty.waitForText('Uncaught Error: timer boom');
    pty.line('Promise.reject(new Error("r")); 0');
    await pty.waitForText('Error: r');
    pty.line('"alive"');
    await pty.waitForText("'alive'");
  });
});
