import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/index.js';

const sc = new SparkContext('local[2]');

describe('sc.textFile', () => {
  it('reads lines ending in \\n, \\r\\n or \\r, without an empty element after the last', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-text-'));
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'one\r\ntwo\rthree\n\nfive\n');
    expect(sc.textFile(f).collect()).toEqual(['one', 'two', 'three', '', 'five']);
  });

  it('splits a file into byte ranges as Hadoop does: a line belongs to the split where it starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-text-'));
    const f = join(dir, 'a.txt');
    writeFileSync(f, 'aaaa\nbbbb\ncccc\ndddd\n');
    // 20 bytes in 2 splits of 10: Hadoop's reader reads while its position is <= the split end,
    // so split 0 also takes 'cccc' (which starts at byte 10), and split 1 skips it.
    expect(sc.textFile(f, 2).glom().collect()).toEqual([['aaaa', 'bbbb', 'cccc'], ['dddd']]);
    writeFileSync(f, 'aaaa\nbbbb\ncc\ndddd\n');
    expect(sc.textFile(f, 2).glom().collect()).toEqual([['aaaa', 'bbbb'], ['cc', 'dddd']]);
    expect(sc.textFile(f, 1).getNumPartitions()).toBe(1);
  });

  it('reads every file of a directory, skipping names that start with . or _', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-text-'));
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'p1'), 'x\n');
    writeFileSync(join(dir, 'd', 'p2'), 'y\n');
    writeFileSync(join(dir, 'd', '_SUCCESS'), '');
    writeFileSync(join(dir, 'd', '.hidden'), 'z\n');
    expect(sc.textFile(join(dir, 'd')).collect()).toEqual(['x', 'y']);
  });

  it('names the missing path', () => {
    expect(() => sc.textFile('/nonexistent/tspark')).toThrow(
      expect.objectContaining({ code: 'ERR_PATH_NOT_FOUND', message: 'Input path does not exist: /nonexistent/tspark' }),
    );
  });
});
