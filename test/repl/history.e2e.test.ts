import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-history-'));

describe('history across runs (real terminal)', () => {
  let pty: Pty | undefined;
  afterEach(() => pty?.kill());

  it('recalls a line from the previous run with Up, keeps at most the configured size', async () => {
    const file = path.join(tmp(), 'hist');
    const env = { NO_COLOR: '1', TSPARK_HISTORY: file, TSPARK_HISTORY_SIZE: '2' };
    pty = new Pty('node test/repl/fixtures/plain-shell.mjs', { env });
    await pty.waitForText('ts>');
    pty.line('"a fairly long line of thirty c"');
    pty.line('1');
    pty.line('"remember me"');
    await pty.waitForText("'remember me'");
    pty.write('\x04');
    expect(await pty.exited).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe('"remember me"\n1\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);

    pty = new Pty('node test/repl/fixtures/plain-shell.mjs', { env });
    await pty.waitForText('ts>');
    await keyGap();
    pty.write('\x1b[A');
    await pty.waitFor(() => pty!.lastRow() === 'ts> "remember me"', 'the last entry recalled');
  });

  it('warns once and keeps working when the history file cannot be written', async () => {
    const file = path.join(tmp(), 'no-such-dir', 'hist');
    pty = new Pty('node test/repl/fixtures/plain-shell.mjs', { env: { NO_COLOR: '1', TSPARK_HISTORY: file } });
    await pty.waitForText('ts>');
    pty.line('1 + 1');
    pty.line('2 + 2');
    await pty.waitForText('4');
    expect(pty.all().split('history will not be saved').length - 1).toBe(1);
  });
});
