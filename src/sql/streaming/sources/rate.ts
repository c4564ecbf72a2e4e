/**
 * The `rate` and `rate-micro-batch` sources, as Spark's RateStreamProvider and
 * RatePerMicroBatchProvider: rows of `timestamp: timestamp, value: long`.
 *
 * `rate`: `rowsPerSecond` rows each second since the query's first start (kept in the source's
 * metadata log, so a restart continues the sequence), with an optional ramp-up; offsets are
 * whole seconds elapsed on the query's clock, values are dealt over `numPartitions`
 * (default parallelism) as Spark's partitions read them.
 *
 * `rate-micro-batch`: exactly `rowsPerBatch` rows per micro-batch, timestamps advancing by
 * `advanceMillisPerBatch` from `startTimestamp`, independent of the clock.
 */
import { SparkArgumentError } from '../../errors.js';
import type { DataSourceProvider, Offset, RowPartitions, StreamReadRequest, StreamSchemaRequest, StreamSource } from '../../sources/contract.js';
import type { SourceOptions } from '../../sources/options.js';
import { LongType, StructField, StructType, TimestampType } from '../../types/data-types.js';
import { intervalMicros, parseInterval } from '../../types/interval.js';
import type { InternalRow } from '../../types/values.js';
import { MetadataLog } from '../checkpoint/metadata-log.js';

/** The schema of both rate sources. */
export const RATE_SCHEMA = new StructType([new StructField('timestamp', new TimestampType(), true), new StructField('value', new LongType(), true)]);

function positiveLong(o: SourceOptions, key: string, dflt: number | undefined): number {
  const v = o.get(key);
  if (v === undefined) {
    if (dflt === undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Invalid value 'null'. The option '${key}' must be specified` });
    return dflt;
  }
  const n = Number(v.trim());
  if (!Number.isSafeInteger(n)) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `For input string: "${v}" (option '${key}' must be a positive integer)` });
  if (n <= 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Invalid value '${v}'. The option '${key}' must be positive` });
  return n;
}

function nonNegativeLong(o: SourceOptions, key: string, dflt: number): number {
  const v = o.get(key);
  if (v === undefined) return dflt;
  const n = Number(v.trim());
  if (!Number.isSafeInteger(n)) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `For input string: "${v}" (option '${key}' must be an integer)` });
  if (n < 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Invalid value '${v}'. The option '${key}' must be non-negative` });
  return n;
}

function noUserSchema(request: StreamSchemaRequest, name: string): void {
  if (request.userSchema !== undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `The ${name} source does not support a user-specified schema.` });
}

function rows(parts: InternalRow[][]): RowPartitions {
  return { schema: RATE_SCHEMA, numPartitions: parts.length, readPartition: (i, emit) => parts[i]!.forEach((r) => emit(r)) };
}

// --- rate -----------------------------------------------------------------------------------

const RATE_OPTIONS = ['rowsPerSecond', 'rampUpTime', 'numPartitions'];

interface RateConf {
  rowsPerSecond: number;
  rampUpSeconds: number;
  numPartitions: number | undefined;
}

function rateConf(o: SourceOptions): RateConf {
  o.checkKnown('rate source', RATE_OPTIONS);
  const rowsPerSecond = positiveLong(o, 'rowsPerSecond', 1);
  const ramp = o.get('rampUpTime');
  let rampUpSeconds = 0;
  if (ramp !== undefined) {
    const i = parseInterval(/^\d+$/.test(ramp.trim()) ? `${ramp} seconds` : ramp.replace(/^(\d+)s$/, '$1 seconds'));
    if (i === null || i.months !== 0 || intervalMicros(i) < 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Invalid value '${ramp}'. The option 'rampUpTime' must not be negative` });
    rampUpSeconds = Math.floor(intervalMicros(i) / 1_000_000);
  }
  const numPartitions = o.has('numPartitions') ? positiveLong(o, 'numPartitions', undefined) : undefined;
  return { rowsPerSecond, rampUpSeconds, numPartitions };
}

/** The value reached after `seconds` (Spark's valueAtSecond, with the ramp-up). */
export function valueAtSecond(seconds: number, rowsPerSecond: number, rampUpSeconds: number): number {
  const delta = Math.floor(rowsPerSecond / (rampUpSeconds + 1));
  if (seconds <= rampUpSeconds) return seconds % 2 === 1 ? ((seconds + 1) / 2) * delta * seconds : (seconds / 2) * delta * (seconds + 1);
  return valueAtSecond(rampUpSeconds, rowsPerSecond, rampUpSeconds) + (seconds - rampUpSeconds) * rowsPerSecond;
}

class RateSource implements StreamSource {
  readonly schema = RATE_SCHEMA;
  private creationTimeMs = 0;
  private lastTimeMs = 0;
  private readonly numPartitions: number;

  constructor(
    private readonly request: StreamReadRequest,
    private readonly conf: RateConf,
  ) {
    this.numPartitions = conf.numPartitions ?? request.session.sparkContext.defaultParallelism;
  }

  start(): void {
    // The creation time is the source's first log entry, so a restart keeps the same sequence.
    const log = new MetadataLog<number>(this.request.metadataPath, { version: 1, encode: String, decode: (t) => Number(t.trim()) });
    let created = log.get(0);
    if (created === undefined) {
      created = this.request.clock.now();
      log.add(0, created);
    }
    this.creationTimeMs = created;
    this.lastTimeMs = created;
  }

  latestOffset(): Offset {
    const now = this.request.clock.now();
    if (this.lastTimeMs < now) this.lastTimeMs = now;
    return Math.floor((this.lastTimeMs - this.creationTimeMs) / 1000);
  }

  getBatch(start: Offset | null, end: Offset): RowPartitions {
    const startSeconds = start === null ? 0 : (start as number);
    const endSeconds = end as number;
    const { rowsPerSecond, rampUpSeconds } = this.conf;
    if (this.lastTimeMs < endSeconds * 1000 + this.creationTimeMs) this.lastTimeMs = endSeconds * 1000 + this.creationTimeMs;
    const rangeStart = valueAtSecond(startSeconds, rowsPerSecond, rampUpSeconds);
    const rangeEnd = valueAtSecond(endSeconds, rowsPerSecond, rampUpSeconds);
    if (rangeStart === rangeEnd) return rows([]);
    const localStartTimeMs = this.creationTimeMs + startSeconds * 1000;
    const msPerValue = ((endSeconds - startSeconds) * 1000) / (rangeEnd - rangeStart);
    const n = this.numPartitions;
    const parts: InternalRow[][] = [];
    for (let p = 0; p < n; p++) {
      const part: InternalRow[] = [];
      for (let v = rangeStart + p; v < rangeEnd; v += n) part.push([Math.round(localStartTimeMs + (v - rangeStart) * msPerValue) * 1000, v]);
      parts.push(part);
    }
    return rows(parts);
  }

  commit(): void {}
  stop(): void {}

  describe(): string {
    return `RateStreamV2[rowsPerSecond=${this.conf.rowsPerSecond}, rampUpTimeSeconds=${this.conf.rampUpSeconds}, numPartitions=${this.conf.numPartitions ?? 'default'}`;
  }
}

/** The `rate` source provider. */
export const rateProvider: DataSourceProvider = {
  name: 'rate',
  aliases: ['org.apache.spark.sql.execution.streaming.sources.RateStreamProvider'],
  checkOptions: (options) => void rateConf(options),
  streamSchema: (request) => {
    noUserSchema(request, 'rate');
    rateConf(request.options);
    return RATE_SCHEMA;
  },
  createStreamSource: (request) => new RateSource(request, rateConf(request.options)),
};

// --- rate-micro-batch -----------------------------------------------------------------------

const RMB_OPTIONS = ['rowsPerBatch', 'numPartitions', 'startTimestamp', 'advanceMillisPerBatch'];

interface RmbConf {
  rowsPerBatch: number;
  numPartitions: number | undefined;
  startTimestamp: number;
  advanceMillisPerBatch: number;
}

function rmbConf(o: SourceOptions): RmbConf {
  o.checkKnown('rate-micro-batch source', RMB_OPTIONS);
  return {
    rowsPerBatch: positiveLong(o, 'rowsPerBatch', undefined),
    numPartitions: o.has('numPartitions') ? positiveLong(o, 'numPartitions', undefined) : undefined,
    startTimestamp: nonNegativeLong(o, 'startTimestamp', 0),
    advanceMillisPerBatch: nonNegativeLong(o, 'advanceMillisPerBatch', 1000),
  };
}

interface RmbOffset {
  offset: number;
  timestamp: number;
}

class RateMicroBatchSource implements StreamSource {
  readonly schema = RATE_SCHEMA;
  private readonly numPartitions: number;

  constructor(
    request: StreamReadRequest,
    private readonly conf: RmbConf,
  ) {
    this.numPartitions = conf.numPartitions ?? request.session.sparkContext.defaultParallelism;
  }

  private initial(): RmbOffset {
    return { offset: 0, timestamp: this.conf.startTimestamp };
  }

  start(): void {}

  latestOffset(start: Offset | null): Offset {
    const s = (start as unknown as RmbOffset | null) ?? this.initial();
    return { offset: s.offset + this.conf.rowsPerBatch, timestamp: s.timestamp + this.conf.advanceMillisPerBatch };
  }

  getBatch(start: Offset | null, end: Offset): RowPartitions {
    const s = (start as unknown as RmbOffset | null) ?? this.initial();
    const e = end as unknown as RmbOffset;
    if (s.offset === e.offset) return rows([]);
    const n = this.numPartitions;
    const parts: InternalRow[][] = [];
    for (let p = 0; p < n; p++) {
      const part: InternalRow[] = [];
      for (let v = s.offset + p; v < e.offset; v += n) {
        const rel = Math.floor(((v - s.offset) * (e.timestamp - s.timestamp)) / (e.offset - s.offset));
        part.push([(s.timestamp + rel) * 1000, v]);
      }
      parts.push(part);
    }
    return rows(parts);
  }

  commit(): void {}
  stop(): void {}

  describe(): string {
    const c = this.conf;
    return `RatePerMicroBatchStream[rowsPerBatch=${c.rowsPerBatch}, numPartitions=${c.numPartitions ?? 'default'}, startTimestamp=${c.startTimestamp}, advanceMillisPerBatch=${c.advanceMillisPerBatch}]`;
  }
}

/** The `rate-micro-batch` source provider. */
export const rateMicroBatchProvider: DataSourceProvider = {
  name: 'rate-micro-batch',
  aliases: ['org.apache.spark.sql.execution.streaming.sources.RatePerMicroBatchProvider'],
  checkOptions: (options) => void rmbConf(options),
  streamSchema: (request) => {
    noUserSchema(request, 'rate-micro-batch');
    rmbConf(request.options);
    return RATE_SCHEMA;
  },
  createStreamSource: (request) => new RateMicroBatchSource(request, rmbConf(request.options)),
};
