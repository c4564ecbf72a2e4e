/**
 * `rdd.saveAsTextFile(path)`: one `part-NNNNN` file per partition and `_SUCCESS` when all are
 * written, as Spark writes them. Strings are written as they are and every other record as JSON,
 * one per line (format.ts). The target must not exist, as in Spark; a directory left half
 * written by a failing user function is removed, so the same path can be written again.
 */
import { appendFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { IllegalArgumentError, TsparkError } from '../errors.js';
import { recordToText } from '../format.js';
import type { RDDBase } from './rdd-base.js';

/** Writes `rdd` under the new directory `path`. */
export function saveAsTextFile(rdd: RDDBase<unknown>, path: string): void {
  if (existsSync(path)) {
    const what = statSync(path).isDirectory() ? 'Output directory' : 'A file named like the output directory,';
    throw new TsparkError('ERR_FILE_EXISTS', `saveAsTextFile: ${what} ${path} already exists; choose another path or delete it first`);
  }
  try {
    mkdirSync(path, { recursive: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTDIR' || (e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `saveAsTextFile: cannot create ${path}: ${fileOnTheWay(path)} is a file, not a directory; choose a path under a directory`, {
        cause: e,
      });
    }
    throw e;
  }
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

/** The nearest existing ancestor of `path` that is not a directory. */
function fileOnTheWay(path: string): string {
  for (let p = dirname(path); p !== dirname(p); p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {
      // not there: look further up
    }
  }
  return dirname(path);
}
