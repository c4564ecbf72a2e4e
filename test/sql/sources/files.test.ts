/**
 * The shared file machinery: Hadoop-style splits (every line read exactly once, whatever the
 * split boundaries and line ends), Spark's split packing, paths and globs, partition
 * directory names both ways.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapePathName, inferPartitionType, partitionDir, unescapePathName } from '../../../src/sql/sources/files/partitioning.js';
import { globToRegExp, isHiddenName, localPath, qualified } from '../../../src/sql/sources/files/paths.js';
import { maxSplitBytes, packSplits } from '../../../src/sql/sources/files/scan.js';
import { lineBlocks, splitLines, splittableLineSep } from '../../../src/sql/sources/files/text-blocks.js';
import { SourceOptions } from '../../../src/sql/sources/options.js';
import { textFormat } from '../../../src/sql/sources/text/format.js';
import { cleanup, tempDir } from './helpers.js';

function linesOfSplits(path: string, size: number, cuts: number[], lineSep?: string, block = 7): string[] {
  const bounds = [0, ...cuts, size];
  const out: string[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const split = { path, start: bounds[i]!, length: bounds[i + 1]! - bounds[i]!, fileSize: size };
    for (const b of lineBlocks(split, lineSep, block)) out.push(...splitLines(b, lineSep));
  }
  return out;
}

describe('splits of a text file', () => {
  const cases: [string, string, string | undefined][] = [
    ['\\n', 'alpha\nbeta\n\ngamma delta\nεψιλον\nlast', undefined],
    ['\\r\\n', 'alpha\r\nbeta\r\n\r\ngamma\r\nlast\r\n', undefined],
    ['\\r', 'alpha\rbeta\r\rgamma\rlast', undefined],
    ['mixed', 'a\r\nb\nc\rd\r\n\ne', undefined],
    ['lineSep |#', 'a|#bb|#|#ccc|#d', '|#'],
    ['lineSep é', 'aébbééccc', 'é'],
  ];
  for (const [name, text, sep] of cases) {
    it(`reads every line exactly once for every split boundary (${name})`, () => {
      const dir = tempDir();
      try {
        const path = join(dir, 'f.txt');
        writeFileSync(path, text);
        const size = Buffer.byteLength(text);
        const whole = splitLines(text, sep);
        for (let a = 1; a < size; a++) {
          expect(linesOfSplits(path, size, [a], sep), `cut at ${a}`).toEqual(whole);
          for (let b = a + 1; b < size; b += 3) expect(linesOfSplits(path, size, [a, b], sep), `cuts at ${a}, ${b}`).toEqual(whole);
        }
      } finally {
        cleanup(dir);
      }
    });
  }

  it('does not split files whose separator overlaps itself', () => {
    expect(splittableLineSep('||')).toBe(false);
    expect(splittableLineSep('abab')).toBe(false);
    expect(splittableLineSep('|#')).toBe(true);
    expect(splittableLineSep(undefined)).toBe(true);
    expect(textFormat.isSplittable(new SourceOptions({ lineSep: '||' }), '/x.txt')).toBe(false);
  });

  it('drops a UTF-8 byte order mark at the start of a file only', () => {
    const dir = tempDir();
    try {
      const path = join(dir, 'bom.txt');
      writeFileSync(path, '\ufeffa\nb\n');
      expect(linesOfSplits(path, Buffer.byteLength('\ufeffa\nb\n'), [])).toEqual(['a', 'b']);
    } finally {
      cleanup(dir);
    }
  });
});

describe("Spark's split packing", () => {
  it('cuts large files at maxSplitBytes and packs small ones together, largest first', () => {
    const MB = 1024 * 1024;
    const files = [
      { path: '/a', size: 300 * MB, mtimeMs: 0 },
      { path: '/b', size: 1 * MB, mtimeMs: 0 },
      { path: '/c', size: 2 * MB, mtimeMs: 0 },
    ];
    const max = maxSplitBytes(files, 128 * MB, 4 * MB, 2);
    expect(max).toBe(128 * MB);
    const parts = packSplits(files, () => true, max, 4 * MB);
    expect(parts.map((p) => p.map((s) => `${s.path}@${s.start / MB}+${s.length / MB}`))).toEqual([
      ['/a@0+128'],
      ['/a@128+128'],
      ['/a@256+44', '/c@0+2', '/b@0+1'],
    ]);
  });

  it('keeps a file whole when it cannot be split', () => {
    const parts = packSplits([{ path: '/z.gz', size: 500, mtimeMs: 0 }], () => false, 100, 10);
    expect(parts).toEqual([[{ path: '/z.gz', start: 0, length: 500, fileSize: 500 }]]);
  });
});

describe('paths', () => {
  it('takes file: URIs and relative paths as local paths, and qualifies them as Spark prints them', () => {
    expect(localPath('file:///tmp/x.csv')).toBe('/tmp/x.csv');
    expect(localPath('file:/tmp/x.csv')).toBe('/tmp/x.csv');
    expect(localPath('/tmp/a b.csv')).toBe('/tmp/a b.csv');
    expect(localPath('rel/x.csv')).toBe(join(process.cwd(), 'rel/x.csv'));
    expect(qualified('/tmp/x.csv')).toBe('file:/tmp/x.csv');
    expect(() => localPath('hdfs://nn/x.csv')).toThrow('No FileSystem for scheme "hdfs"');
  });

  it('reads Hadoop globs', () => {
    expect(globToRegExp('part-*.csv').test('part-0.csv')).toBe(true);
    expect(globToRegExp('part-?.csv').test('part-10.csv')).toBe(false);
    expect(globToRegExp('{a,b}[0-9].txt').test('b7.txt')).toBe(true);
    expect(globToRegExp('[^a]x').test('ax')).toBe(false);
    expect(globToRegExp('a\\*b').test('a*b')).toBe(true);
  });

  it('hides _ and . names except partition directories', () => {
    expect(isHiddenName('_SUCCESS')).toBe(true);
    expect(isHiddenName('.part-0.crc')).toBe(true);
    expect(isHiddenName('_k=1')).toBe(false);
    expect(isHiddenName('part-0.csv')).toBe(false);
  });
});

describe('partition directory names', () => {
  it("escapes as Spark's escapePathName and back", () => {
    expect(escapePathName('a/b=c%d:e')).toBe('a%2Fb%3Dc%25d%3Ae');
    expect(unescapePathName('a%2Fb%3Dc%25d%3Ae')).toBe('a/b=c%d:e');
    expect(partitionDir(['k', 'n'], [null, '1'])).toBe('k=__HIVE_DEFAULT_PARTITION__/n=1');
  });

  it('infers int, long, decimal, double, date, timestamp, string', () => {
    expect(inferPartitionType('12').kind).toBe('integer');
    expect(inferPartitionType('3000000000').kind).toBe('long');
    expect(inferPartitionType('123456789012345678901').simpleString()).toBe('decimal(21,0)');
    expect(inferPartitionType('1.5').kind).toBe('double');
    expect(inferPartitionType('2020-01-02').kind).toBe('date');
    expect(inferPartitionType('2020-01-02 03:04:05').kind).toBe('timestamp');
    expect(inferPartitionType('Paris').kind).toBe('string');
    expect(inferPartitionType(null).kind).toBe('null');
  });
});
