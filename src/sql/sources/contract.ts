/**
 * The data-source contract: what csv, json, text, parquet (and later jdbc, kafka, socket, rate
 * …) implement so that `spark.read`, `df.write`, `spark.readStream` and `df.writeStream` can
 * use them. One provider per format, registered by name (`registry.ts`).
 *
 * The family:
 * - {@link RowPartitions}: rows split into partitions, pushed one partition at a time. A batch
 *   scan is one; a streaming source returns one per micro-batch; a writer receives one.
 * - Batch: `createBatchScan` (schema inferred or given, at `load()` as Spark does) and `write`.
 * - Streaming (issues 13/14): `createStreamSource` with offsets (JSON values, written to the
 *   offset log) and admission control; `createStreamSink` taking micro-batches.
 *
 * Rows are internal rows (`types/values.ts`): arrays in schema order, values in their internal
 * form (long as number|bigint, timestamp as µs, date as days, struct as an array …).
 *
 * Batch reads are synchronous because DataFrame actions are (as pyspark's): a connector that
 * needs the network for a batch read fetches ahead or blocks in a worker; streaming methods may
 * return promises, since micro-batches are scheduled asynchronously.
 */
import type { Clock, SparkContext } from '../engine.js';
import type { StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import type { SourceOptions } from './options.js';

/** Rows in partitions: `readPartition(i, emit)` pushes partition i's rows into `emit`. */
export interface RowPartitions {
  readonly schema: StructType;
  readonly numPartitions: number;
  /**
   * `required[i]` false says the query never reads column i: a reader may leave it null without
   * parsing it (column pruning); absent, every column is read.
   */
  readPartition(index: number, emit: (row: InternalRow) => void, required?: readonly boolean[]): void;
}

/** What a source may ask of the session: its SparkContext and SQL confs (time zone, corrupt-record column …). */
export interface SourceSession {
  readonly sparkContext: SparkContext;
  /** The effective value of a SQL conf (set or default), e.g. `spark.sql.session.timeZone`. */
  conf(key: string): string | undefined;
}

/** `spark.read.format(f).options(o).schema(s).load(paths)`, checked and ready for a provider. */
export interface BatchReadRequest {
  readonly format: string;
  readonly paths: readonly string[];
  readonly options: SourceOptions;
  /** The user's schema; when absent the provider infers one (or raises UNABLE_TO_INFER_SCHEMA). */
  readonly userSchema?: StructType;
  readonly session: SourceSession;
}

/** A planned batch read: the schema is known; partitions are read when a query runs (possibly many times). */
export interface BatchScan extends RowPartitions {
  /** One line for `explain()`: `FileScan csv [Location: file:/data/people.csv]`. */
  describe(): string;
}

/** `df.write.mode(m)`: what to do when the target exists (`error` = `errorifexists`, the default). */
export type SaveMode = 'error' | 'append' | 'overwrite' | 'ignore';

/** `df.write.format(f).mode(m).partitionBy(cols).options(o).save(path)`, checked. */
export interface BatchWriteRequest {
  readonly format: string;
  readonly path?: string;
  readonly mode: SaveMode;
  readonly options: SourceOptions;
  /** Columns whose values become `col=value` directories, in order; removed from the files' rows. */
  readonly partitionBy: readonly string[];
  readonly session: SourceSession;
}

/** A source's position in its stream, written to the offset log as JSON (`{"logOffset": 3}`, `{"topic":{"0":42}}`). */
export type Offset = null | boolean | number | string | readonly Offset[] | { readonly [key: string]: Offset };

/** How much one micro-batch may take (`maxFilesPerTrigger`, `maxOffsetsPerTrigger`; `all` for Trigger.AvailableNow's end). */
export type ReadLimit =
  | { readonly kind: 'all' }
  | { readonly kind: 'maxRows'; readonly rows: number }
  | { readonly kind: 'maxFiles'; readonly files: number }
  | { readonly kind: 'maxBytes'; readonly bytes: number };

/** `spark.readStream…load()`, checked: what a provider needs to say the stream's schema (Spark's `sourceSchema`). */
export interface StreamSchemaRequest extends BatchReadRequest {
  /** Logs a warning once, as Spark's WARN lines (`The socket source should not be used for production…`). */
  readonly warn: (message: string) => void;
}

/** A query starting on a streaming read: as a schema request, plus where it keeps this source's metadata. */
export interface StreamReadRequest extends StreamSchemaRequest {
  /** `<checkpoint>/sources/<n>`: the source's own log (seen files …); the directory may not exist yet. */
  readonly metadataPath: string;
  /** The query's clock: the only time a source may read (the rate source's rows per second). */
  readonly clock: Clock;
}

/**
 * A streaming source with offsets, shaped after Spark's `Source`/`SupportsAdmissionControl` and
 * bytewax's non-blocking sources: it never blocks; it reports what is available, serves a batch
 * for a range of offsets (again after a restart), and is told when a batch is committed.
 */
export interface StreamSource {
  readonly schema: StructType;
  /** Starts receiving (connect a socket …); `wake` tells the query that new data may be available. */
  start(wake: () => void): void | Promise<void>;
  /** The furthest offset a batch starting at `start` may reach under `limit`; null when nothing is available yet. */
  latestOffset(start: Offset | null, limit: ReadLimit): Offset | null | Promise<Offset | null>;
  /** The rows after `start` (exclusive; null = from the beginning) up to `end` (inclusive). */
  getBatch(start: Offset | null, end: Offset): RowPartitions | Promise<RowPartitions>;
  /** Everything up to `end` is committed: the source may forget it. */
  commit(end: Offset): void | Promise<void>;
  /** Stops receiving and releases resources. */
  stop(): void | Promise<void>;
  /** For progress and explain: `TextSocketV2[host: localhost, port: 9999]`. */
  describe(): string;
  /**
   * Trigger.AvailableNow: fixes the end of the data to process now (Spark's
   * `prepareForTriggerAvailableNow`); later `latestOffset` calls never go past it.
   */
  prepareForAvailableNow?(): void | Promise<void>;
  /**
   * The newest offset the source knows of, past any read limit, for progress' `latestOffset`
   * (Spark's `reportLatestOffset`; null when unknown). When absent, progress shows the end of
   * the batch.
   */
  reportLatestOffset?(): Offset | null;
}

/** Structured Streaming output modes. */
export type OutputMode = 'append' | 'complete' | 'update';

/** `df.writeStream.format(f).options(o).start(path)`, checked. */
export interface StreamWriteRequest {
  readonly format: string;
  readonly path?: string;
  readonly options: SourceOptions;
  readonly partitionBy: readonly string[];
  readonly outputMode: OutputMode;
  readonly checkpointPath: string;
  /** The schema of the rows each micro-batch brings. */
  readonly schema: StructType;
  readonly session: SourceSession;
  /** Where user-visible output goes (the console sink; the shell injects its writer). */
  readonly out: (text: string) => void;
}

/** A streaming sink: receives each micro-batch once per batch id (again after a restart: it must be idempotent or say so). */
export interface StreamSink {
  addBatch(batchId: number, data: RowPartitions): void | Promise<void>;
  stop?(): void | Promise<void>;
  /** For progress: `ConsoleTable`, `FileSink[/out]`. */
  describe(): string;
}

/** Which calls a provider is asked about, for option checking. */
export type SourceUse = 'read' | 'write' | 'readStream' | 'writeStream';

/** One data source format. Implement the parts the format supports; the rest are refused with Spark's message. */
export interface DataSourceProvider {
  /** Short name used in `format(…)`: `csv`, `json`, `text`, `parquet`, `jdbc`, `kafka`, `socket`, `rate`. */
  readonly name: string;
  /** Other names accepted by `format(…)` (`org.apache.spark.sql.csv`). */
  readonly aliases?: readonly string[];
  /**
   * Checks the options at the boundary (at `load()`/`save()`/`start()`), before any I/O:
   * throws a SparkArgumentError naming the option, the rule and the value.
   */
  checkOptions?(options: SourceOptions, use: SourceUse): void;
  createBatchScan?(request: BatchReadRequest): BatchScan;
  write?(request: BatchWriteRequest, data: RowPartitions): void;
  /**
   * The schema of a streaming read, checked at `load()` (required options, a user schema for
   * files) without starting anything; when absent, `createStreamSource(…).schema` is used.
   */
  streamSchema?(request: StreamSchemaRequest): StructType;
  createStreamSource?(request: StreamReadRequest): StreamSource;
  createStreamSink?(request: StreamWriteRequest): StreamSink;
}
