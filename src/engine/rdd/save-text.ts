/**
 * `rdd.saveAsTextFile(path)`: one `part-NNNNN` file per partition and `_SUCCESS` when all are
 * written, as Spark writes them. Strings are written as they are and every other record as JSON,
 * one per line (format.ts). The target must not exist, as in Spark; a directory left half
 * written by a failing user function is removed, so the same path can be written again.
 */
import { appendFileSync, existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeDirectory } from '../directories.js';
import { TsparkError } from '../errors.js';
import { recordToText } from '../format.js';
import type { RDDBase } from './rdd-base.js';

/** Writes `rdd` under the new directory `path`. */
export function saveAsTextFile(rdd: RDDBase<unknown>, path: string): void {
  if (existsSync(path)) {
    const what = statSync(path).isDirectory() ? 'Output directory' : 'A file named like the output directory,';
    throw new TsparkError('ERR_FILE_EXISTS', `saveAsTextFile: ${what} ${path} already exists; choose another path or delete it first`);
  }
  makeDirectory('saveAsTextFile', path, 'choose a path under a directory');
  try {
    for (let i = 0; i < rdd.getNumPartitions(); i++) {
      const file = join(path, `part-${String(i).padStart(5, '0')}`);
      writeFileSync(file, '');
      let buf = '';
      rdd.iterate(i, (x) => {
        buf += recordToText(x) + '\n';
        if (buf.length > 1 << 20) {
          appendFileSync(file, buf);
          buf = '';
        }
      });
      if (buf) appendFileSync(file, buf);
    }
    writeFileSync(join(path, '_SUCCESS'), '');
  } catch (e) {
    rmSync(path, { recursive: true, force: true });
    throw e;
  }
}
