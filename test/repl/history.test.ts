import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyPath, readHistory, writeHistory } from '../../src/repl/history.js';

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

  it('never writes through a symlink planted where the temporary file goes', () => {
    const dir = tmp();
    const file = path.join(dir, 'h');
    const victim = path.join(dir, 'victim');
    fs.writeFileSync(victim, 'precious\n', { mode: 0o644 });
    // Where the temporary file used to go (a name anyone could guess), and the target itself.
    fs.symlinkSync(victim, `${file}.${process.pid}.tmp`);
    writeHistory(file, ['secret line']);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.statSync(victim).mode & 0o777).toBe(0o644);
    expect(fs.lstatSync(file).isFile()).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file, 'utf8')).toBe('secret line\n');
    // A symlink at the history's own path is replaced, not followed.
    fs.rmSync(file);
    fs.symlinkSync(victim, file);
    writeHistory(file, ['again']);
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(fs.lstatSync(file).isFile()).toBe(true);
  });

  it('reads newest first, capped, skipping blank lines; a missing file is empty', () => {
    const file = path.join(tmp(), 'h');
    fs.writeFileSync(file, 'c\n\nb\na\n');
    expect(readHistory(file, 2)).toEqual(['c', 'b']);
    expect(readHistory(path.join(tmp(), 'none'), 5)).toEqual([]);
  });
});
