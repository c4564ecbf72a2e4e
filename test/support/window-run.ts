/**
 * Test helper for windows and state: like pyspark's `_test_func` (queue one input per batch,
 * step the ManualClock one batch at a time, collect with foreachRDD), with a real temporary
 * checkpoint directory set, since incremental windows and state need one. Never sleeps.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DStream, ManualClock, type RDD, SparkContext, StreamingContext, compareNatural } from '../../src/index.js';

export interface WindowRunOptions {
  batchSeconds?: number;
  sort?: boolean;
}

/** Per batch: the collected output, or `undefined` for a batch where the stream had no RDD. */
export type PerBatch<U> = Array<U[] | undefined>;

/** A fresh temporary directory. */
export function tempDir(prefix = 'tspark-state-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Runs `count` batches of `input` through `func` and returns each batch's output (undefined = no RDD). */
export async function runPerBatch<T, U>(
  input: ReadonlyArray<readonly T[] | RDD<T>>,
  func: (stream: DStream<T>, ssc: StreamingContext) => DStream<U>,
  count: number,
  options: WindowRunOptions = {},
): Promise<PerBatch<U>> {
  const sc = new SparkContext('local[2]', 'test');
  sc.setCheckpointDir(tempDir());
  const clock = new ManualClock(0);
  const ssc = new StreamingContext(sc, options.batchSeconds ?? 0.5, { clock, out: () => undefined, err: () => undefined });
  const stream = ssc.queueStream(input as ReadonlyArray<readonly T[]>);
  const out = func(stream, ssc);
  const results: PerBatch<U> = [];
  out.foreachRDD((time: Date, rdd: RDD<U>) => {
    const r = rdd.collect();
    results[time.getTime() / ssc.batchDurationMs - 1] = options.sort ? r.sort(compareNatural) : r;
  });
  ssc.start();
  for (let i = 0; i < count; i++) {
    await clock.advance(ssc.batchDurationMs);
    if (results.length <= i) results.length = i + 1;
  }
  ssc.stop(true);
  return results;
}

/** pyspark's `_collect`: the outputs of the first `n` batches whose RDD is non-empty. */
export async function runLikePyspark<T, U>(
  input: ReadonlyArray<readonly T[]>,
  func: (stream: DStream<T>) => DStream<U>,
  n: number,
  options: WindowRunOptions = {},
): Promise<U[][]> {
  const all = await runPerBatch(input, func, n * 4 + input.length, options);
  return all.filter((r): r is U[] => r !== undefined && r.length > 0).slice(0, n);
}
