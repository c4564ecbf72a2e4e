/**
 * Memory of the seeds' hashtag window: `reduceByKeyAndWindow(add, sub, 300, 1)` (300 s window,
 * 1 s slide), fed like a socket (a receiver, whose batches are released after they run).
 *
 * Not a timed test: it prints retained heap after the window is full, for several numbers of
 * distinct keys, records per batch and window lengths, next to `window(300, 1)` over the raw
 * records as the baseline. Figures are recorded in docs/WINDOWS.md.
 *
 * Run: npx esbuild bench/window-memory.ts --bundle --platform=node --format=esm --outfile=/tmp/window-memory.mjs
 *      node --expose-gc /tmp/window-memory.mjs           (or, after npm run build: node --expose-gc dist/bench/window-memory.js)
 */
import { ManualClock, type RDD, type Receiver, type ReceiverSink, SparkContext, StreamingContext } from '../src/index.js';

/** One scenario: window and slide in seconds, distinct hashtags, records per 1 s batch. */
export interface WindowMemoryCase {
  readonly label: string;
  readonly windowSeconds: number;
  readonly keys: number;
  readonly recordsPerBatch: number;
  /** 'incremental' = reduceByKeyAndWindow with invFunc; 'raw' = window() over the records. */
  readonly mode: 'incremental' | 'raw';
}

/** Heap retained by the pipeline once the window is full, in MB. */
export interface WindowMemoryResult extends WindowMemoryCase {
  readonly retainedMB: number;
  readonly keysInResult: number;
  readonly seconds: number;
}

/** The scenarios of docs/WINDOWS.md. */
export const CASES: readonly WindowMemoryCase[] = [
  { label: '1k keys, 1k rec/s', windowSeconds: 300, keys: 1_000, recordsPerBatch: 1_000, mode: 'incremental' },
  { label: '1k keys, 20k rec/s', windowSeconds: 300, keys: 1_000, recordsPerBatch: 20_000, mode: 'incremental' },
  { label: '10k keys, 20k rec/s', windowSeconds: 300, keys: 10_000, recordsPerBatch: 20_000, mode: 'incremental' },
  { label: '100k keys, 20k rec/s', windowSeconds: 300, keys: 100_000, recordsPerBatch: 20_000, mode: 'incremental' },
  { label: '1k keys, 20k rec/s, 30 s window', windowSeconds: 30, keys: 1_000, recordsPerBatch: 20_000, mode: 'incremental' },
  { label: 'baseline: window() of raw records, 1k keys, 20k rec/s', windowSeconds: 300, keys: 1_000, recordsPerBatch: 20_000, mode: 'raw' },
];

function gcHeapMB(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed / 1e6;
}

/** A small seeded PRNG, so every run feeds the same hashtags. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs one scenario for window + 10 batches and measures the heap it retains. */
export async function measure(c: WindowMemoryCase): Promise<WindowMemoryResult> {
  // A short warm-up first, so compiled code and one-time allocations are not counted.
  if (c.label !== 'warm-up') await measure({ label: 'warm-up', windowSeconds: 10, keys: 100, recordsPerBatch: 100, mode: 'incremental' });
  const started = Date.now();
  const before = gcHeapMB();
  const sc = new SparkContext('local[2]', 'window-memory');
  sc.setCheckpointDir('/tmp/tspark-window-memory-bench');
  const clock = new ManualClock(0);
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined });
  let sink: ReceiverSink<string> | undefined;
  const receiver: Receiver<string> = { name: 'hashtags', start: (s) => void (sink = s), stop: async () => undefined };
  const lines = ssc.receiverStream(receiver, { maxBufferedRecords: 10_000_000 });
  let keysInResult = 0;
  let finish: (() => number) | undefined;
  if (c.mode === 'incremental') {
    lines
      .map((t): [string, number] => [t, 1])
      .reduceByKeyAndWindow((a, b) => a + b, (a, b) => a - b, c.windowSeconds, 1)
      .foreachRDD((rdd) => void (keysInResult = rdd.count()));
  } else {
    // Reducing 300 s of raw records at every slide is the cost this baseline is about; only
    // its memory is measured here, so the window is reduced once, after the last batch.
    let last: RDD<string> | undefined;
    lines.window(c.windowSeconds, 1).foreachRDD((rdd) => void (last = rdd));
    finish = () => (last ? last.map((t): [string, number] => [t, 1]).reduceByKey((a, b) => a + b).count() : 0);
  }
  ssc.start();
  await new Promise((r) => setImmediate(r));
  const rnd = prng(42);
  for (let b = 0; b < c.windowSeconds + 10; b++) {
    const batch: string[] = new Array(c.recordsPerBatch);
    // A new string per record, as a socket's decoded lines are: a window that keeps records
    // keeps their text, not pointers to a shared table.
    for (let i = 0; i < c.recordsPerBatch; i++) batch[i] = `#tag${Math.floor(rnd() * c.keys)}`;
    sink!.store(batch);
    await clock.advance(1000);
  }
  const after = gcHeapMB();
  if (finish) keysInResult = finish();
  ssc.stop(true);
  return { ...c, retainedMB: Math.round((after - before) * 10) / 10, keysInResult, seconds: Math.round((Date.now() - started) / 100) / 10 };
}

/** Each scenario runs in its own process, so no scenario measures another's leftovers. */
async function main(): Promise<void> {
  const self = process.argv[1]!;
  const only = process.argv.indexOf('--case');
  if (only >= 0) {
    const r = await measure(CASES[Number(process.argv[only + 1])]!);
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  const { execFileSync } = await import('node:child_process');
  console.log('| scenario | window | distinct keys | records/s | retained heap (MB) | keys in result | run time (s) |');
  console.log('|---|---|---|---|---|---|---|');
  for (let i = 0; i < CASES.length; i++) {
    const out = execFileSync(process.execPath, ['--expose-gc', self, '--case', String(i)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').at(-1)!) as WindowMemoryResult;
    console.log(`| ${r.label} | ${r.windowSeconds} s / 1 s | ${r.keys} | ${r.recordsPerBatch} | ${r.retainedMB} | ${r.keysInResult} | ${r.seconds} |`);
  }
}

if (process.argv[1] && /window-memory\.(m?js|ts)$/.test(process.argv[1])) await main();
