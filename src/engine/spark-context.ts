/**
 * SparkContext: the entry point of the batch side, as pyspark's. Everything runs in this
 * process; `local[N]` sets how many partitions operations use by default.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { VERSION } from '../version.js';
import { check, describeValue, nonEmptyString, optional, positiveInteger, rule } from './checks.js';
import { copyRecord } from './copy.js';
import { makeDirectory } from './directories.js';
import { IllegalArgumentError, IllegalStateError } from './errors.js';
import { RDD, slices } from './rdd/rdd.js';
import { readTextPartitions } from './rdd/text-file.js';
import { Accumulator, type AccumulatorParam, Broadcast, defaultAccumulatorParam } from './shared-variables.js';

/** Parses `local`, `local[N]`, `local[*]` (and `local[N, F]`) into a thread count. */
export function parseMaster(master: string): number {
  const m = /^local(?:\[(\*|\d+)(?:\s*,\s*\d+)?\])?$/.exec(master.trim());
  if (!m) {
    throw new IllegalArgumentError(
      'ERR_INVALID_ARGUMENT',
      `"master" must be "local", "local[N]" or "local[*]" (tspark runs in this process); got ${describeValue(master)}`,
    );
  }
  if (m[1] === undefined) return 1;
  if (m[1] === '*') return availableParallelism();
  const n = Number(m[1]);
  if (n < 1) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `"master" must ask for at least one thread; got ${describeValue(master)}`);
  return n;
}

const ITERABLE = rule('an array or another iterable', (v): v is Iterable<unknown> => typeof (v as Partial<Iterable<unknown>> | null | undefined)?.[Symbol.iterator] === 'function');
const RDD_LIST = rule('a non-empty array of RDDs', (v): v is RDD<unknown>[] => Array.isArray(v) && v.length > 0 && v.every((r) => r instanceof RDD));

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
    check('parallelize', 'data', data, ITERABLE);
    const n = optional('parallelize', 'numSlices', numSlices, positiveInteger) ?? this.defaultParallelism;
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
        for (const x of parts[i] ?? []) sink(copyRecord(x));
      },
    });
  }

  /** Lines of a UTF-8 text file, or of every file in a directory, in Hadoop-style byte-range partitions. */
  textFile(path: string, minPartitions?: number): RDD<string> {
    this.checkActive();
    check('textFile', 'path', path, nonEmptyString('a file or directory path'));
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
    check('union', 'rdds', rdds, RDD_LIST);
    const offsets: Array<[RDD<T>, number]> = [];
    for (const r of rdds) for (let i = 0; i < r.getNumPartitions(); i++) offsets.push([r, i]);
    let size: number | undefined = 0;
    for (const r of rdds) size = size === undefined || r.spec.size === undefined ? undefined : size + r.spec.size;
    return new RDD<T>(this, {
      name: 'union',
      numPartitions: offsets.length,
      parents: rdds,
      ...(size !== undefined ? { size } : {}),
      compute: (i, sink) => {
        const at = offsets[i];
        if (at) at[0].iterate(at[1], sink);
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
    check('setCheckpointDir', 'dirName', dirName, nonEmptyString('a directory path'));
    makeDirectory('setCheckpointDir', dirName, 'choose another directory, e.g. sc.setCheckpointDir("checkpoint")');
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
