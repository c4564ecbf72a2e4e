/** The seeds' word count over socketTextStream, driven by a ManualClock, for the engine-level source tests. */
import { ManualClock } from '../../src/engine/clock.js';
import { StreamingContext } from '../../src/engine/streaming-context.js';
import type { StreamingEvent } from '../../src/engine/events.js';
import type { RDD } from '../../src/engine/rdd/rdd.js';
import { SparkContext } from '../../src/engine/spark-context.js';
import { waitFor } from './wait.js';

/** A running word count with everything the tests look at. */
export interface WordCount {
  readonly ssc: StreamingContext;
  readonly clock: ManualClock;
  /** Each batch's counts, sorted by word, in batch order. */
  readonly batches: Array<Array<[string, number]>>;
  /** What the engine printed on its error/info stream (source messages). */
  readonly messages: string[];
  readonly events: StreamingEvent[];
  received(): number;
  state(): string;
  /** Sums the counts of every batch so far. */
  totals(): Record<string, number>;
  /** Waits until the engine has received `n` lines in all. */
  waitForLines(n: number): Promise<void>;
  /** Advances the clock by retry periods until the source is connected. */
  ensureConnected(): Promise<void>;
  stop(): void;
}

/** Starts `socketTextStream("localhost", port).flatMap(split " ").map([w, 1]).reduceByKey(+)` on a ManualClock at 0. */
export function startWordCount(port: number): WordCount {
  const sc = new SparkContext('local[2]', 'sources-test');
  const clock = new ManualClock(0);
  const messages: string[] = [];
  const events: StreamingEvent[] = [];
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: (t) => messages.push(t) });
  ssc.events.on((e) => events.push(e));
  const batches: Array<Array<[string, number]>> = [];
  ssc
    .socketTextStream('localhost', port)
    .flatMap((line) => line.split(' '))
    .map((w): [string, number] => [w, 1])
    .reduceByKey((a, b) => a + b)
    .foreachRDD((rdd: RDD<[string, number]>) => {
      batches.push(rdd.collect().sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    });
  ssc.start();
  const info = () => ssc.sources()[0]!;
  return {
    ssc,
    clock,
    batches,
    messages,
    events,
    received: () => info().recordsReceived,
    state: () => info().state,
    totals: () => {
      const t: Record<string, number> = {};
      for (const b of batches) for (const [w, n] of b) t[w] = (t[w] ?? 0) + n;
      return t;
    },
    waitForLines: (n) => waitFor(() => info().recordsReceived >= n, `${n} lines received (have ${info().recordsReceived})`),
    ensureConnected: async () => {
      const deadline = Date.now() + 15_000;
      while (info().state !== 'connected') {
        if (Date.now() > deadline) throw new Error(`source never connected; messages: ${messages.join('')}`);
        // The first attempt may still be under way: give it a moment of real I/O before retrying.
        await waitFor(() => info().state === 'connected', 'connection', 200).catch(() => undefined);
        if (info().state === 'retrying') await clock.advance(2000);
      }
    },
    stop: () => ssc.stop(true),
  };
}

/** Counts words the way the pipeline does, for expected values. */
export function countWords(lines: string[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const l of lines) for (const w of l.split(' ')) t[w] = (t[w] ?? 0) + 1;
  return t;
}
