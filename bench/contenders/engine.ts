/**
 * The tspark contenders reach the engine only through its public entry (`src/index.ts`, built
 * to `dist/src/index.js`). It is loaded at run time and checked for the names each contender
 * uses, so the suite builds and runs before every engine piece has landed, and a contender
 * whose piece is missing reports "not yet measurable" with the missing name instead of failing
 * the build or faking a figure. The types below are the slice of the public API the
 * contenders use, in the engine's own names.
 */
import type { StreamingEvent } from '../../src/engine/events.js';
import type { Clock } from '../../src/engine/clock.js';
import type { Receiver } from '../../src/engine/source.js';

/** The RDD calls the contenders make. */
export interface RddApi<T> {
  collect(): T[];
  count(): number;
}

/** The DStream calls the contenders make (pair operators typed for the pairs they get). */
export interface DStreamApi<T> {
  map<U>(f: (x: T) => U): DStreamApi<U>;
  flatMap<U>(f: (x: T) => Iterable<U>): DStreamApi<U>;
  filter(f: (x: T) => unknown): DStreamApi<T>;
  count(): DStreamApi<number>;
  reduceByKey(f: (a: number, b: number) => number): DStreamApi<[string, number]>;
  reduceByKeyAndWindow(
    func: (a: number, b: number) => number,
    invFunc: ((a: number, b: number) => number) | null,
    windowDuration: number,
    slideDuration?: number,
    numPartitions?: number,
    filterFunc?: (kv: [string, number]) => unknown,
  ): DStreamApi<[string, number]>;
  updateStateByKey(f: (values: number[], state: number | undefined) => number | undefined): DStreamApi<[string, number]>;
  pprint(num?: number): void;
  foreachRDD(f: (time: Date, rdd: RddApi<T>) => unknown): void;
}

/** The SparkContext calls the contenders make. */
export interface SparkContextApi {
  parallelize<T>(data: Iterable<T>, numSlices?: number): RddApi<T>;
  stop(): void;
}

/** The StreamingContext calls the contenders make. */
export interface StreamingContextApi {
  socketTextStream(hostname: string, port: number): DStreamApi<string>;
  queueStream<T>(rdds: ReadonlyArray<readonly T[]>, oneAtATime?: boolean): DStreamApi<T>;
  receiverStream<T>(receiver: Receiver<T>, options?: { maxBufferedRecords?: number; blockIntervalMs?: number }): DStreamApi<T>;
  checkpoint(directory: string): void;
  start(): void;
  stop(stopSparkContext?: boolean, stopGracefully?: boolean): void;
  readonly events: { on(listener: (e: StreamingEvent) => void): () => void };
}

/** The engine's constructors, as the contenders use them. */
export interface EngineApi {
  SparkContext: new (master?: string, appName?: string) => SparkContextApi;
  StreamingContext: new (
    sc: SparkContextApi,
    batchSeconds: number,
    options?: { clock?: Clock; out?: (text: string) => void },
  ) => StreamingContextApi;
  ManualClock: new (startMs?: number) => Clock & { advance(ms: number): Promise<void> };
}

/** Where the built public entry sits relative to `dist/bench/contenders/`. */
const ENTRY = '../../src/index.js';

/**
 * Loads the engine and checks that it has the constructors and the named stream methods.
 * Resolves with the API, or with a sentence naming what is missing.
 */
export async function loadEngine(methods: readonly string[] = []): Promise<EngineApi | string> {
  let mod: unknown;
  try {
    mod = await import(ENTRY);
  } catch (e) {
    return `cannot load the engine (${ENTRY}): ${e instanceof Error ? e.message : String(e)}`;
  }
  if (typeof mod !== 'object' || mod === null) return 'the engine entry exports nothing';
  const exports = mod as Record<string, unknown>;
  for (const name of ['SparkContext', 'StreamingContext', 'ManualClock']) {
    if (typeof exports[name] !== 'function') return `src/index.ts does not export ${name} yet`;
  }
  const ssc = exports['StreamingContext'] as { prototype: Record<string, unknown> };
  for (const m of methods) {
    const [owner, name] = m.includes('.') ? (m.split('.') as [string, string]) : ['StreamingContext', m];
    const proto = owner === 'StreamingContext' ? ssc.prototype : undefined;
    if (proto && typeof proto[name] !== 'function') return `StreamingContext.${name} is not there yet`;
  }
  return mod as EngineApi;
}

/** Checks that a stream has the named methods (operators added by later issues). */
export function missingMethods(stream: object, names: readonly string[]): string | undefined {
  const rec = stream as Record<string, unknown>;
  for (const n of names) if (typeof rec[n] !== 'function') return `DStream.${n} is not there yet`;
  return undefined;
}
