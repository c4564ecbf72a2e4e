/**
 * `saveAsTextFiles(prefix, suffix)`: writes every batch as text files under
 * `prefix-<batch time in ms>[.suffix]`, and pyspark's `rddToFileName` that names them.
 */
import { check, nonEmptyString } from '../checks.js';
import { TsparkError } from '../errors.js';
import { addOutput } from './output.js';
import type { StreamNode } from './stream-node.js';

/** pyspark's `rddToFileName(prefix, suffix, time)`: `prefix-<ms>` or `prefix-<ms>.<suffix>`. */
export function rddToFileName(prefix: string, suffix: string | undefined | null, timeMs: number | Date): string {
  const ms = timeMs instanceof Date ? timeMs.getTime() : timeMs;
  return suffix === undefined || suffix === null ? `${prefix}-${ms}` : `${prefix}-${ms}.${suffix}`;
}

/** Registers the saveAsTextFiles output of `stream`. */
export function saveAsTextFiles<T>(stream: StreamNode<T>, prefix: string, suffix?: string): void {
  check('saveAsTextFiles', 'prefix', prefix, nonEmptyString('a path prefix'));
  addOutput(stream, 'saveAsTextFiles', (time, rdd) => {
    try {
      rdd.saveAsTextFile(rddToFileName(prefix, suffix, time));
    } catch (e) {
      // After recovery a batch may be written twice; Spark swallows "already exists" too.
      if (!(e instanceof TsparkError && e.code === 'ERR_FILE_EXISTS')) throw e;
    }
  });
}
