/**
 * SparkContext: the entry point of the batch side, as pyspark's. Everything runs in this
 * process; `local[N]` sets how many partitions operations use by default.
 */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { VERSION } from '../version.js';
import { copyRecord } from './copy.js';
import { IllegalArgumentError, IllegalStateError, describeValue } from './errors.js';
import { RDD, slices } from './rdd.js';
import { readTextPartitions } from './rdd/text-file.js';
import { Accumulator, type AccumulatorParam, Broadcast, defaultAccumulatorParam } from './shared-variables.js';

/** Parses `local`, `local[N]`, `local[*]` (and `local[N, F]`) into a thread count. */
export function parseMaster(master: string): number {
  const m = /^local(?:\[(\*|\d+)(?:\s*,\s*\d+)?\])?$/.exec(master.trim());
  if (!m) {
    throw new IllegalArgumentError(
      `"master" must be "local", "local[N]" or "local[*]" (tspark runs in this process); got ${describeValue(master)}`,
    );
  }
  if (m[1] === undefined) return 1;
  if (m[1] === '*') return availableParallelism();
  const n = Number(m[1]);
  if (n < 1) throw new IllegalArgumentError(`"master" must ask for at least one thread; got ${describeValue(master)}`);
  return n;
}

/** The entry point for RDDs: `new SparkContext("local[2]", "NetworkWordCount")`. */
export class SparkContext {
  /** The master URL, e.g. `local[2]`. */
  readonly master: string;
  /** The application name. */
  readonly appName: string;
  /** tspark's version (pyspark: the Spark version). */
  readonly version = VERSION;
  /** Default number of partitions for parallelize and shuffles: N of `local[N]`. */
  readonly defaultParallelism: number;
  /** When the context was created (ms since the epoch). */
  readonly startTime = Date.now();
  private stopped = false;
  private checkpointDirectory: string | undefined;
  private readonly stopListeners = new Set<() => void>();

  constructor(master = 'local[*]', appName = 'tspark') {
    this.defaultParallelism = parseMaster(master);
    this.master = master;
    this.appName = appName;
  }

  /** Default minimum partitions for textFile: min(defaultParallelism, 2). */
  get defaultMinPartitions(): number {
    return Math.min(this.defaultParallelism, 2);
  }

  /** True after `stop()`. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** An RDD of `data`, split into `numSlices` partitions (default: defaultParallelism) as Spark slices it. */
  parallelize<T>(data: Iterable<T>, numSlices?: number): RDD<T> {
    this.checkActive();
    if (data === null || data === undefined || typeof (data as Iterable<T>)[Symbol.iterator] !== 'function') {
      throw new IllegalArgumentError(`parallelize: "data" must be an array or another iterable; got ${describeValue(data)}`);
    }
    const n = numSlices ?? this.defaultParallelism;
    if (!Number.isInteger(n) || n < 1) {
      throw new IllegalArgumentError(`parallelize: "numSlices" must be a positive integer; got ${describeValue(numSlices)}`);
    }
    // Copied now, as pyspark serialises at this point: later changes to `data` are not seen.
    const parts = slices(Array.from(data, copyRecord), n);
    return this.fromPartitions(parts, 'parallelize');
  }

  /** @internal An RDD over given partitions; reads hand out copies of stored objects. */
  fromPartitions<T>(parts: T[][], name: string): RDD<T> {
    return new RDD<T>(this, {
      name,
      numPartitions: parts.length,
      parents: [],
      size: parts.reduce((n, p) => n + p.length, 0),
      compute: (i, sink) => {
        const p = parts[i]!;
        for (let j = 0; j < p.length; j++) sink(copyRecord(p[j]!));
      },
    });
  }

  /** Lines of a UTF-8 text file, or of every file in a directory, in Hadoop-style byte-range partitions. */
  textFile(path: string, minPartitions?: number): RDD<string> {
    this.checkActive();
    if (typeof path !== 'string' || path === '') {
      throw new IllegalArgumentError(`textFile: "path" must be a file or directory path; got ${describeValue(path)}`);
    }
    const parts = readTextPartitions(path, minPartitions ?? this.defaultMinPartitions);
    return this.fromPartitions(parts, 'textFile');
  }

  /** An RDD with no partitions and no elements. */
  emptyRDD<T = never>(): RDD<T> {
    this.checkActive();
    return this.fromPartitions<T>([], 'emptyRDD');
  }

  /** The elements of all `rdds`, one after the other (partitions concatenated). */
  union<T>(rdds: readonly RDD<T>[]): RDD<T> {
    this.checkActive();
    if (!Array.isArray(rdds) || rdds.length === 0) {
      throw new IllegalArgumentError('union: "rdds" must be a non-empty array of RDDs');
    }
    const offsets: Array<[RDD<T>, number]> = [];
    for (const r of rdds) for (let i = 0; i < r.getNumPartitions(); i++) offsets.push([r, i]);
    const sizes = rdds.map((r) => r.spec.size);
    return new RDD<T>(this, {
      name: 'union',
      numPartitions: offsets.length,
      parents: rdds,
      ...(sizes.every((n) => n !== undefined) ? { size: sizes.reduce((a, b) => a! + b!, 0) } : {}),
      compute: (i, sink) => {
        const [r, p] = offsets[i]!;
        r.iterate(p, sink);
      },
    });
  }

  /** A read-only value shared with tasks (`b.value`). */
  broadcast<T>(value: T): Broadcast<T> {
    this.checkActive();
    return new Broadcast(value);
  }

  /** A value tasks can add to; numbers by default, or any type with an AccumulatorParam. */
  accumulator<T>(initial: T, accumParam?: AccumulatorParam<T>): Accumulator<T> {
    this.checkActive();
    return new Accumulator(initial, accumParam ?? defaultAccumulatorParam(initial));
  }

  /** Sets the directory for checkpoints (created if missing); stateful streams need one. */
  setCheckpointDir(dirName: string): void {
    if (typeof dirName !== 'string' || dirName === '') {
      throw new IllegalArgumentError(`setCheckpointDir: "dirName" must be a directory path; got ${describeValue(dirName)}`);
    }
    mkdirSync(dirName, { recursive: true });
    this.checkpointDirectory = resolve(dirName);
  }

  /** The checkpoint directory, if set. */
  getCheckpointDir(): string | undefined {
    return this.checkpointDirectory;
  }

  /** Stops the context; using it afterwards is an error. A second stop is harmless. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    for (const l of this.stopListeners) l();
  }

  /** @internal Called when the context stops (a StreamingContext on it stops too). */
  onStop(listener: () => void): () => void {
    this.stopListeners.add(listener);
    return () => this.stopListeners.delete(listener);
  }

  /** @internal */
  checkActive(): void {
    if (this.stopped) {
      throw new IllegalStateError(
        'ERR_SPARK_CONTEXT_STOPPED',
        'Cannot call methods on a stopped SparkContext. Create a new one: new SparkContext("local[2]")',
      );
    }
  }

  toString(): string {
    return `SparkContext(master=${this.master}, appName=${this.appName})`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `<SparkContext master=${this.master} appName=${this.appName}>`;
  }
}
