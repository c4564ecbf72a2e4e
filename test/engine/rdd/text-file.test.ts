import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/index.js';
import { expected } from '../pyspark/expected.js';

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

describe('sc.textFile paths, as Spark users write them', () => {
  const recorded = expected.textFile as Record<string, { path: string; value?: string[]; error?: string }>;
  // The tree record.py made for pyspark.
  const root = mkdtempSync(join(tmpdir(), 'tspark-paths-'));
  mkdirSync(join(root, 'in'));
  writeFileSync(join(root, 'in', 'a.txt'), 'a1\na2\n');
  writeFileSync(join(root, 'in', 'b.txt'), 'b1');
  writeFileSync(join(root, 'in', '_c.txt'), 'hidden\n');
  writeFileSync(join(root, 'in', '.d.txt'), 'hidden\n');
  sc.parallelize(['w1', 'w2', 'w3'], 2).saveAsTextFile(join(root, 'out', 'wordcounts-1000'));
  sc.parallelize(['x1'], 1).saveAsTextFile(join(root, 'out', 'wordcounts-2000'));
  const resolve = (p: string): string => (p.includes('<root>') ? p.replace('<root>', root) : p.split(',').map((x) => join(root, x)).join(','));

  it.each([
    'directory',
    'directory of part files',
    'glob of directories',
    'glob of part files',
    'glob with ? and []',
    'glob with {}',
    'comma list',
    'comma list with a glob',
    'file://',
    'file:/ (one slash)',
  ])('%s: the lines pyspark read', (name) => {
    const want = recorded[name];
    expect(want?.value).toBeDefined();
    expect(sc.textFile(resolve(want?.path ?? '')).collect().sort()).toEqual(want?.value);
  });

  it.each([
    ['glob that matches nothing', 'ERR_PATH_NOT_FOUND', /^Input Pattern .*in\/zz\* matches 0 files$/],
    ['missing path', 'ERR_PATH_NOT_FOUND', /^Input path does not exist: .*in\/missing.txt$/],
    ['directory with sub-directories', 'ERR_INVALID_ARGUMENT', /wordcounts-1000 is a directory inside .*out; a directory's files are read, not its sub-directories \(as in Spark\)\. Name the files with a glob instead, e\.g\. .*out\/\*\/part-\*/],
  ])('%s: refused where pyspark refuses, saying what to do', (name, code, message) => {
    expect(recorded[name]?.error).toBeDefined();
    expect(() => sc.textFile(resolve(recorded[name]?.path ?? ''))).toThrow(expect.objectContaining({ code, message: expect.stringMatching(message) }));
  });

  it.each(['hdfs://', 's3a://'])('%s: says what tspark reads instead', (name) => {
    const p = recorded[name]?.path ?? '';
    expect(() => sc.textFile(p)).toThrow(
      expect.objectContaining({
        code: 'ERR_UNSUPPORTED_SCHEME',
        message: expect.stringMatching(/which tspark cannot read: it reads local files only \(a file, a directory of part files, a glob such as out\/\*\/part-\*, a comma-separated list of these, or a file:\/\/ URL\)/),
      }),
    );
  });
});

describe('sc.textFile of a large file', () => {
  it('reads lines that cross its 8 MiB read chunks, \\r\\n split across two of them included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-text-'));
    const f = join(dir, 'big.txt');
    const chunk = 8 * 1024 * 1024;
    // A line ending exactly with \r at the end of the first chunk, its \n first in the next.
    const first = 'x'.repeat(chunk - 1);
    writeFileSync(f, `${first}\r\nsecond\r\n${'y'.repeat(100)}`);
    const lines = sc.textFile(f, 1).collect();
    expect(lines.map((l) => l.length)).toEqual([chunk - 1, 6, 100]);
  });
});
