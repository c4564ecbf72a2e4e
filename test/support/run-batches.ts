/**
 * Test helper modelled on pyspark's `_test_func`: queue the inputs (one batch each), apply
 * `func`, collect each batch's output with foreachRDD, and step the ManualClock one batch at a
 * time. Never sleeps.
 */
import { ManualClock, type DStream, type RDD, SparkContext, StreamingContext, compareNatural } from '../../src/index.js';

export interface RunOptions {
  /** Sort each batch's output in natural order before comparing (pyspark's sort=True). */
  sort?: boolean;
  /** How many batches to run; default: as many as expected outputs. */
  batches?: number;
  batchSeconds?: number;
  master?: string;
}

export function newContext(batchSeconds = 1, master = 'local[2]'): { sc: SparkContext; ssc: StreamingContext; clock: ManualClock; out: string[]; err: string[] } {
  const sc = new SparkContext(master, 'test');
  const clock = new ManualClock(0);
  const out: string[] = [];
  const err: string[] = [];
  const ssc = new StreamingContext(sc, batchSeconds, { clock, out: (t) => out.push(t), err: (t) => err.push(t) });
  return { sc, ssc, clock, out, err };
}

export async function runBatches<T, U>(
  input: ReadonlyArray<readonly T[] | RDD<T>>,
  func: (stream: DStream<T>, ssc: StreamingContext) => DStream<U>,
  count: number,
  options: RunOptions = {},
): Promise<U[][]> {
  const { ssc, clock } = newContext(options.batchSeconds ?? 1, options.master);
  const stream = ssc.queueStream(input as ReadonlyArray<readonly T[]>);
  const results: U[][] = [];
  func(stream, ssc).foreachRDD((rdd) => {
    const r = rdd.collect();
    results.push(options.sort ? r.sort(compareNatural) : r);
  });
  ssc.start();
  await clock.advance(count * ssc.batchDurationMs);
  ssc.stop(true);
  return results;
}

export async function runBatches2<T, T2, U>(
  input: ReadonlyArray<readonly T[]>,
  input2: ReadonlyArray<readonly T2[]>,
  func: (a: DStream<T>, b: DStream<T2>) => DStream<U>,
  count: number,
  options: RunOptions = {},
): Promise<U[][]> {
  const { ssc, clock } = newContext(options.batchSeconds ?? 1, options.master);
  const a = ssc.queueStream(input);
  const b = ssc.queueStream(input2);
  const results: U[][] = [];
  func(a, b).foreachRDD((rdd) => {
    const r = rdd.collect();
    results.push(options.sort ? r.sort(compareNatural) : r);
  });
  ssc.start();
  await clock.advance(count * ssc.batchDurationMs);
  ssc.stop(true);
  return results;
}

export const range = (a: number, b?: number): number[] => {
  const [from, to] = b === undefined ? [0, a] : [a, b];
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
};
