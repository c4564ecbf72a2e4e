/**
 * `StreamingContext.getOrCreate(checkpointPath, setupFunc)`: recovery from a checkpoint.
 *
 * Functions cannot be saved, so unlike Spark `setupFunc()` is called on recovery too, to build
 * the same pipeline again; the saved state (running totals, window contents, input positions)
 * is then checked against it and loaded before the first batch, so the totals carry on. A
 * corrupt checkpoint, or one written by a different pipeline, is a CheckpointError naming the
 * file; it never silently starts from zero.
 */
import { resolve } from 'node:path';
import { check, describeValue, nonEmptyString } from '../checks.js';
import { makeDirectory } from '../directories.js';
import { IllegalArgumentError } from '../errors.js';
import { checkpointFile, hasCheckpoint, readCheckpoint } from '../checkpoint/checkpoint-file.js';
import type { StreamingRuntime } from '../runtime.js';
import type { StreamingContext } from '../streaming-context.js';

/** The context for `checkpointPath`: built by `setupFunc`, with the saved state loaded if there is a checkpoint. */
export function getOrCreate(
  checkpointPath: string,
  setupFunc: () => StreamingContext,
  runtimeOf: (ssc: unknown) => StreamingRuntime | undefined,
): StreamingContext {
  check('getOrCreate', 'checkpointPath', checkpointPath, nonEmptyString('a directory path'));
  checkCallable('getOrCreate', setupFunc);
  const dir = resolve(checkpointPath);
  // A file in the way is said before setup runs, in getOrCreate's name.
  makeDirectory('getOrCreate', checkpointPath, 'pass getOrCreate a directory path');
  // Read (and verify) before building anything: a bad checkpoint fails before setup runs.
  const saved = hasCheckpoint(dir) ? readCheckpoint(dir) : undefined;
  const ssc = setupFunc();
  const runtime = runtimeOf(ssc);
  if (runtime === undefined) {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `getOrCreate: "setupFunc" must return a StreamingContext; got ${describeValue(ssc)}`);
  }
  ssc.checkpoint(dir);
  if (saved) {
    try {
      runtime.checkpoints.recover(saved, checkpointFile(dir));
    } catch (e) {
      ssc.stop(false);
      throw e;
    }
  }
  return ssc;
}

/** Spark's words for a setup function that is not one. */
export function checkCallable(method: string, setupFunc: unknown): void {
  if (typeof setupFunc !== 'function') throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `${method}: "setupFunc" should be callable.`);
}
