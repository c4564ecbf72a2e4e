/**
 * Helpers for Structured Streaming tests: a session on a ManualClock writing into strings,
 * files placed atomically in a watched directory, and the progress summary line the PySpark
 * recorder prints (so both sides compare the same figures).
 */
import { mkdtempSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManualClock, SparkContext } from '../../../../src/index.js';
import { SparkSession } from '../../../../src/sql/index.js';
import type { StreamingQuery } from '../../../../src/sql/index.js';

/** A session whose output, errors and clock the test holds. */
export interface TestSession {
  readonly spark: SparkSession;
  readonly sc: SparkContext;
  readonly clock: ManualClock;
  out: string;
  err: string;
  stop(): void;
}

/** A session on local[2], UTC, with a ManualClock and captured output. */
export function testSession(options: { shufflePartitions?: number; startMs?: number } = {}): TestSession {
  const sc = new SparkContext('local[2]', 'streaming-test');
  const clock = new ManualClock(options.startMs ?? 1_704_110_400_000);
  const t: TestSession = {
    sc,
    clock,
    out: '',
    err: '',
    spark: undefined as unknown as SparkSession,
    stop: () => sc.stop(),
  };
  const spark = new SparkSession(sc, { clock, out: (s) => (t.out += s), err: (s) => (t.err += s) });
  spark.conf.set('spark.sql.session.timeZone', 'UTC');
  if (options.shufflePartitions !== undefined) spark.conf.set('spark.sql.shuffle.partitions', options.shufflePartitions);
  (t as { spark: SparkSession }).spark = spark;
  return t;
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'tspark-stream-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes a file into `dir` atomically (written beside it, then renamed in), as file sources expect. */
export function placeFile(dir: string, name: string, text: string, mtimeMs?: number): void {
  const tmp = join(dir, '..', `.${name}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, join(dir, name));
  // Modification times order a file source's files: a test may set them.
  if (mtimeMs !== undefined) utimesSync(join(dir, name), new Date(mtimeMs), new Date(mtimeMs));
}

/** The recorder's progress line: `progress batch=… rows=… watermark=… sinkRows=… <op> total=… …`. */
export function summary(q: StreamingQuery): string[] {
  return q.recentProgress.map((p) => {
    const ops = p.stateOperators
      .map((o) => `${o.operatorName} total=${o.numRowsTotal} updated=${o.numRowsUpdated} removed=${o.numRowsRemoved} dropped=${o.numRowsDroppedByWatermark}`)
      .join(';');
    const wm = p.eventTime?.['watermark'] ?? 'None';
    return `progress batch=${p.batchId} rows=${p.numInputRows} watermark=${wm} sinkRows=${p.sink.numOutputRows} ${ops}`;
  });
}
