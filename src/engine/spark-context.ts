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
import { RDD } from './rdd/rdd.js';
import { parallelizeSlices, rangeBounds } from './rdd/slices.js';
import { readTextPartitions, readWholeFiles } from './rdd/text-file.js';
import { Accumulator, type AccumulatorParam, Broadcast, defaultAccumulatorParam } from './shared-variables.js';
import { SparkConf } from './spark-conf.js';

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

/** The levels `setLogLevel` takes, as Spark's (any case). */
const LOG_LEVELS = ['ALL', 'DEBUG', 'ERROR', 'FATAL', 'TRACE', 'WARN', 'INFO', 'OFF'] as const;
/** A log level, as `setLogLevel` takes it. */
export type LogLevel = (typeof LOG_LEVELS)[number];
/** Levels at which warnings are shown. */
const SHOWS_WARNINGS: ReadonlySet<string> = new Set(['ALL', 'TRACE', 'DEBUG', 'INFO', 'WARN']);
const INTEGER = rule('an integer', (v): v is number => Number.isSafeInteger(v));

const ITERABLE = rule('an array or another iterable', (v): v is Iterable<unknown> => typeof (v as Partial<Iterable<unknown>> | null | undefined)?.[Symbol.iterator] === 'function');
const RDD_LIST = rule('a non-empty array of RDDs', (v): v is RDD<unknown>[] => Array.isArray(v) && v.length > 0 && v.every((r) => r instanceof RDD));

const IS_CONF = rule('a SparkConf', (v): v is SparkConf => v instanceof SparkConf);

/**
 * The entry point for RDDs: `new SparkContext("local[2]", "NetworkWordCount")`, or
 * `new SparkContext(conf)` with a SparkConf (pyspark's `SparkContext(conf=conf)`).
 */
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
  #logLevel: LogLevel = 'WARN';
  #uiWebUrl: string | undefined;
  #warningWriter: (text: string) => void = (text) => void process.stderr.write(text);
  readonly #conf: SparkConf;

  /** `master` and `appName` win over the conf's `spark.master` and `spark.app.name`, as in pyspark. */
  constructor(master?: string | SparkConf, appName?: string, conf?: SparkConf) {
    const given = master instanceof SparkConf ? master : conf;
    if (given !== undefined) check('SparkContext', 'conf', given, IS_CONF);
    const c = given?.clone() ?? new SparkConf();
    const m = (typeof master === 'string' ? master : undefined) ?? c.get('spark.master') ?? 'local[*]';
    const name = appName ?? c.get('spark.app.name') ?? 'tspark';
    this.defaultParallelism = parseMaster(m);
    this.master = m;
    this.appName = name;
    this.#conf = c.set('spark.master', m).set('spark.app.name', name);
  }

  /** Default minimum partitions for textFile: min(defaultParallelism, 2). */
  get defaultMinPartitions(): number {
    return Math.min(this.defaultParallelism, 2);
  }

  /** The application's id, as Spark's local mode names it: `local-<start time in ms>`. */
  get applicationId(): string {
    return `local-${this.startTime}`;
  }

  /** The web UI's address while the shell's UI runs (pyspark's `sc.uiWebUrl`); undefined without one. */
  get uiWebUrl(): string | undefined {
    return this.#uiWebUrl;
  }

  /** @internal The web UI sets its address when it shows this context. */
  setUiWebUrl(url: string | undefined): void {
    this.#uiWebUrl = url;
  }

  /**
   * Which messages are shown, as Spark's `setLogLevel`: `"ERROR"`, `"FATAL"` or `"OFF"` hide
   * tspark's warnings (a rounded big sum, a source's bad input); `"WARN"` (the default) and
   * more verbose levels show them. Batch errors are always shown.
   */
  setLogLevel(logLevel: string): void {
    const level = typeof logLevel === 'string' ? logLevel.toUpperCase() : logLevel;
    if (!LOG_LEVELS.includes(level as LogLevel)) {
      throw new IllegalArgumentError(
        'ERR_INVALID_ARGUMENT',
        `setLogLevel: Supplied level ${describeValue(logLevel)} did not match one of: ${LOG_LEVELS.join(', ')}`,
      );
    }
    this.#logLevel = level as LogLevel;
  }

  /** @internal True when warnings are shown at the current log level. */
  get showsWarnings(): boolean {
    return SHOWS_WARNINGS.has(this.#logLevel);
  }

  /** @internal Writes one warning line (unless the log level hides warnings). */
  warn(message: string): void {
    if (this.showsWarnings) this.#warningWriter(`WARN ${message}\n`);
  }

  /** @internal Where warnings go (standard error by default; the shell may send them above the prompt). */
  setWarningWriter(writer: (text: string) => void): void {
    this.#warningWriter = writer;
  }

  /**
   * A copy of this context's settings: those it was made with, and what it is (`spark.master`,
   * `spark.app.name`, `spark.app.id` …). Changing the copy changes nothing here, as in Spark.
   */
  getConf(): SparkConf {
    return this.#conf.clone().setAll([
      ['spark.app.id', this.applicationId],
      ['spark.app.startTime', this.startTime],
      ['spark.executor.id', 'driver'],
      ['spark.submit.deployMode', 'client'],
    ]);
  }

  /** True after `stop()`. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** An RDD of `data`, split into `numSlices` partitions (default: defaultParallelism) at pyspark's boundaries. */
  parallelize<T>(data: Iterable<T>, numSlices?: number): RDD<T> {
    this.checkActive();
    check('parallelize', 'data', data, ITERABLE);
    const n = optional('parallelize', 'numSlices', numSlices, positiveInteger) ?? this.defaultParallelism;
    // Copied now, as pyspark serialises at this point: later changes to `data` are not seen.
    const parts = parallelizeSlices(Array.from(data, copyRecord), n);
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

  /**
   * Integers from `start` to `end` (exclusive) by `step`, as pyspark's `sc.range`: `range(5)` is
   * 0…4; each partition computes its numbers when read, at pyspark's boundaries.
   */
  range(start: number, end?: number | null, step = 1, numSlices?: number): RDD<number> {
    this.checkActive();
    const [from, to] = end === undefined || end === null ? [0, start] : [start, end];
    check('range', 'start', from, INTEGER);
    check('range', 'end', to, INTEGER);
    check('range', 'step', step, INTEGER);
    if (step === 0) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', 'range: "step" must not be zero');
    const n = optional('range', 'numSlices', numSlices, positiveInteger) ?? this.defaultParallelism;
    const size = Math.max(0, Math.ceil((to - from) / step));
    const bounds = size === 0 ? Array.from({ length: n }, (): [number, number] => [from, from]) : rangeBounds(from, step, size, n);
    return new RDD<number>(this, {
      name: 'range',
      numPartitions: n,
      parents: [],
      size,
      compute: (i, sink) => {
        const b = bounds[i];
        if (b === undefined) return;
        for (let x = b[0]; step > 0 ? x < b[1] : x > b[1]; x += step) sink(x);
      },
    });
  }

  /**
   * Lines of UTF-8 text files, in Hadoop-style byte-range partitions. `path` is a file, a
   * directory (its files: `sc.textFile("out")` reads a saveAsTextFile directory), a glob
   * (`out/*\/part-*`), a comma-separated list of these, or a `file://` URL.
   */
  textFile(path: string, minPartitions?: number): RDD<string> {
    this.checkActive();
    check('textFile', 'path', path, nonEmptyString('a file, directory or glob'));
    const min = optional('textFile', 'minPartitions', minPartitions, positiveInteger) ?? this.defaultMinPartitions;
    return this.fromPartitions(readTextPartitions(path, min), 'textFile');
  }

  /** Each file whole, as `[file:/path, content]` pairs; `path` as for `textFile`. */
  wholeTextFiles(path: string, minPartitions?: number): RDD<[string, string]> {
    this.checkActive();
    check('wholeTextFiles', 'path', path, nonEmptyString('a file, directory or glob'));
    const min = optional('wholeTextFiles', 'minPartitions', minPartitions, positiveInteger) ?? this.defaultMinPartitions;
    return this.fromPartitions(readWholeFiles(path, min), 'wholeTextFiles');
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
