/**
 * Setup of the unit project, which runs test files one after another in shared workers (no
 * per-file isolation, for speed): a file that leaves a context running must not make the next
 * file's `ssc.start()` fail with ERR_ANOTHER_CONTEXT_ACTIVE, nor give it a stale SparkSession.
 */
import { afterAll } from 'vitest';
import { SparkSession, StreamingContext } from '../../src/index.js';

// CI exports SPARK_REMOTE for the remote (e2e) suites; unit tests run on the local engine, and
// SparkSession.builder.getOrCreate() would otherwise connect to it, as pyspark's does.
delete process.env['SPARK_REMOTE'];

afterAll(() => {
  StreamingContext.getActive()?.stop(false);
  // SparkSession.builder.getOrCreate() returns the active session: do not hand one file's to the next.
  SparkSession.getActiveSession()?.stop();
});
