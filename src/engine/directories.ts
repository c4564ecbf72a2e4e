/**
 * Directories the engine creates for the user (a checkpoint directory, saveAsTextFile's output):
 * created with their parents, and when a file is in the way, refused in the project's words,
 * naming the file, instead of Node's raw EEXIST or ENOTDIR.
 */
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { IllegalArgumentError } from './errors.js';

/** Creates `path` and its parents; `method` and `advice` complete the message when a file is in the way. */
export function makeDirectory(method: string, path: string, advice: string): void {
  try {
    mkdirSync(path, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw e;
    const blocker = fileOnTheWay(path);
    const message =
      blocker === undefined || resolve(blocker) === resolve(path)
        ? `${method}: ${path} is a file, not a directory; ${advice}`
        : `${method}: cannot create ${path}: ${blocker} is a file, not a directory; ${advice}`;
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', message, { cause: e });
  }
}

/** `path` or its nearest existing ancestor that is not a directory, if any. */
function fileOnTheWay(path: string): string | undefined {
  for (let p = path; ; p = dirname(p)) {
    try {
      if (!statSync(p).isDirectory()) return p;
    } catch {
      // Not there: look further up.
    }
    if (dirname(p) === p) return undefined;
  }
}
