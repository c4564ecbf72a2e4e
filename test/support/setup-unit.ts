/**
 * Setup of the unit project, which runs test files one after another in shared workers (no
 * per-file isolation, for speed): a file that leaves a context running must not make the next
 * file's `ssc.start()` fail with ERR_ANOTHER_CONTEXT_ACTIVE, nor give it a stale SparkSession.
 */
import { afterAll } from 'vitest';
import { SparkSession, StreamingContext } from '../../src/index.js';

afterAll(() => {
  StreamingContext.getActive()?.stop(false);
  // SparkSession.builder.getOrCreate() returns the active session: do not hand one file's to the next.
  SparkSession.getActiveSession()?.stop();
});
