/**
 * `rdd.saveAsTextFile(path)`: Spark's part files and `_SUCCESS`; strings as they are and other
 * records as JSON lines (so `sc.textFile(dir).map(JSON.parse)` reads them back); a target that
 * exists, or a path under a file, is a clear error; a half-written directory is removed.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/index.js';
import { expected } from '../pyspark/expected.js';

const sc = new SparkContext('local[2]', 'save-test');
const temp = (): string => mkdtempSync(join(tmpdir(), 'tspark-save-'));

describe('saveAsTextFile', () => {
  it('writes part files and _SUCCESS, as Spark', () => {
    const out = join(temp(), 'wordcounts-1000');
    sc.parallelize(['w1', 'w2', 'w3'], 2).saveAsTextFile(out);
    expect(readdirSync(out).sort()).toEqual((expected.saveAsTextFile as Record<string, unknown>)['part files']);
  });

  it('round-trips records through JSON lines; strings stay as they are', () => {
    const out = join(temp(), 'out');
    const records: unknown[] = [['spark', 3], { a: [1, { b: null }] }, 1.5, true, null, 'a line, "quoted"'];
    sc.parallelize(records, 2).saveAsTextFile(out);
    const lines = sc.textFile(out).collect();
    expect(lines).toEqual(['["spark",3]', '{"a":[1,{"b":null}]}', '1.5', 'true', 'null', 'a line, "quoted"']);
    expect(sc.textFile(out).filter((l) => !l.startsWith('a line')).map((l) => JSON.parse(l) as unknown).collect()).toEqual(records.slice(0, 5));
  });

  it('writes what JSON has no word for as the nearest JSON: undefined → null, bigint → digits, Map → entries', () => {
    const out = join(temp(), 'out');
    sc.parallelize<unknown>([undefined, 12n, 2n ** 64n, new Map([['k', 1]]), new Set([1]), Uint8Array.from([7])], 1).saveAsTextFile(out);
    expect(readFileSync(join(out, 'part-00000'), 'utf8')).toBe('null\n12\n"18446744073709551616"\n[["k",1]]\n[1]\n[7]\n');
  });

  it('refuses a target that exists, with Spark’s meaning and what to do', () => {
    const out = join(temp(), 'out');
    sc.parallelize([1]).saveAsTextFile(out);
    expect((expected.saveAsTextFile as Record<string, { error: string }>)['existing target']?.error).toMatch(/FileAlreadyExistsException: Output directory .* already exists/);
    expect(() => sc.parallelize([1]).saveAsTextFile(out)).toThrow(
      expect.objectContaining({ code: 'ERR_FILE_EXISTS', message: `saveAsTextFile: Output directory ${out} already exists; choose another path or delete it first` }),
    );
  });

  it('refuses a path under a file in the same message shape, not a raw ENOTDIR', () => {
    const dir = temp();
    writeFileSync(join(dir, 'afile'), 'x');
    expect(() => sc.parallelize([1]).saveAsTextFile(join(dir, 'afile', 'out'))).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_ARGUMENT',
        message: `saveAsTextFile: cannot create ${join(dir, 'afile', 'out')}: ${join(dir, 'afile')} is a file, not a directory; choose a path under a directory`,
      }),
    );
  });

  it('removes what it wrote when a user function fails, so the path can be written again', () => {
    const out = join(temp(), 'out');
    const failing = sc.parallelize([1, 2, 3, 4], 2).map((x) => {
      if (x === 4) throw new Error('bad record');
      return x;
    });
    expect(() => failing.saveAsTextFile(out)).toThrow('bad record');
    expect(existsSync(out)).toBe(false);
    sc.parallelize([1]).saveAsTextFile(out);
    expect(existsSync(join(out, '_SUCCESS'))).toBe(true);
  });
});
