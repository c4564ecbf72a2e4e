import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { historyPath, readHistory, writeHistory } from '../../src/repl/history.js';
import { keyGap, Pty } from './pty.js';

const tmp = (): string => fs.mkdtempSync(path.join(os.tmpdir(), 'tspark-history-'));

describe('history file', () => {
  it('defaults to ~/.tspark_history, takes TSPARK_HISTORY, and is off when it is empty', () => {
    expect(historyPath({}, '/home/u')).toBe('/home/u/.tspark_history');
    expect(historyPath({ TSPARK_HISTORY: ' /tmp/h ' }, '/home/u')).toBe('/tmp/h');
    expect(historyPath({ TSPARK_HISTORY: '' }, '/home/u')).toBeUndefined();
  });

  it('writes the whole history with mode 0600, truncating what was longer before', () => {
    const file = path.join(tmp(), 'h');
    writeHistory(file, ['a'.repeat(30), '1', '2']);
    writeHistory(file, ['2', '1']);
    expect(fs.readFileSync(file, 'utf8')).toBe('2\n1\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('reads newest first, capped, skipping blank lines; a missing file is empty', () => {
    const file = path.join(tmp(), 'h');
    fs.writeFileSync(file, 'c\n\nb\na\n');
    expect(readHistory(file, 2)).toEqual(['c', 'b']);
    expect(readHistory(path.join(tmp(), 'none'), 5)).toEqual([]);
  });
});

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
