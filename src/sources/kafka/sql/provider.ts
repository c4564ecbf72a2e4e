/**
 * `format("kafka")` for DataFrames, as a provider of the data-source contract
 * (sql/sources/contract.ts), with Spark's options and schema (Structured Streaming + Kafka
 * Integration Guide, 3.5):
 *
 * - `spark.read.format("kafka")`: a batch scan of `startingOffsets` (default earliest) to
 *   `endingOffsets` (default latest), one partition per Kafka partition, decided at `load()`;
 * - `spark.readStream.format("kafka")`: a streaming source with offsets (stream-source.ts);
 * - `df.write.format("kafka")` and `df.writeStream.format("kafka")`: each row's `value` (and
 *   `key`, `topic`, `partition`) written through an idempotent producer, the `topic` option
 *   winning over a `topic` column, as Spark.
 *
 * Batch reads and writes are synchronous, as DataFrame actions are, and so run through the
 * blocking worker (blocking.ts). It depends on the contract (and the types it names) only.
 */
import type {
  BatchReadRequest,
  BatchScan,
  BatchWriteRequest,
  DataSourceProvider,
  RowPartitions,
  SourceUse,
  StreamReadRequest,
  StreamSink,
  StreamSource,
  StreamWriteRequest,
} from '../../../sql/sources/contract.js';
import type { SourceOptions } from '../../../sql/sources/options.js';
import type { InternalRow } from '../../../sql/types/values.js';
import { KafkaWriter } from '../writer.js';
import { callBlocking } from './blocking.js';
import { type KafkaReadOptions, readOptions, writeOptions } from './options.js';
import { type FetchedRecord, kafkaSchema, recordRow, rowWriter } from './schema.js';
import { KafkaStreamSource } from './stream-source.js';
import { registerDataSource } from '../../../sql/sources/registry.js';

/** The ranges a batch read covers, decided at `load()` through the worker. */
function planBatchRead(o: KafkaReadOptions): Array<[string, number, number, number]> {
  const bootstrap = o.params.bootstrap;
  const s = o.subscription;
  const parts =
    s.kind === 'assign'
      ? [...s.partitions].flatMap(([t, ps]) => ps.map((p) => [t, p] as [string, number]))
      : callBlocking({ op: 'partitions', bootstrap, topics: s.kind === 'subscribe' ? s.topics : null, pattern: s.kind === 'subscribePattern' ? s.pattern.source : null });
  const earliest = new Map<string, number>(callBlocking({ op: 'offsets', bootstrap, partitions: parts, which: 'earliest' }).map(([t, p, off]) => [`${t}:${p}`, off] as const));
  const latest = new Map<string, number>(callBlocking({ op: 'offsets', bootstrap, partitions: parts, which: 'latest' }).map(([t, p, off]) => [`${t}:${p}`, off] as const));
  const pick = (spec: KafkaReadOptions['starting'], t: string, p: number, dflt: 'earliest' | 'latest'): number => {
    const k = `${t}:${p}`;
    const given = spec.kind === 'json' ? spec.offsets.get(t)?.get(p) : undefined;
    const which = given === -2 ? 'earliest' : given === -1 ? 'latest' : given === undefined ? (spec.kind === 'json' ? dflt : spec.kind) : undefined;
    if (which === undefined) return given ?? 0;
    return (which === 'earliest' ? earliest.get(k) : latest.get(k)) ?? 0;
  };
  return parts.map(([t, p]) => [t, p, pick(o.starting, t, p, 'earliest'), pick(o.ending, t, p, 'latest')]);
}

/** A batch scan: the ranges are fixed; the records are fetched once, when a partition is first read. */
function batchScan(o: KafkaReadOptions): BatchScan {
  const ranges = planBatchRead(o);
  const schema = kafkaSchema(o.includeHeaders);
  let rows: InternalRow[][] | undefined;
  const load = (): InternalRow[][] => {
    if (rows) return rows;
    const got = callBlocking({ op: 'fetch', bootstrap: o.params.bootstrap, ranges, maxBytes: o.params.maxPartitionFetchBytes });
    const byRange = new Map(ranges.map(([t, p], i) => [`${t}:${p}`, i] as const));
    const out: InternalRow[][] = ranges.map(() => []);
    for (const r of got as FetchedRecord[]) out[byRange.get(`${r.topic}:${r.partition}`) ?? 0]?.push(recordRow(r, o.includeHeaders));
    rows = out;
    return out;
  };
  return {
    schema,
    numPartitions: ranges.length,
    readPartition(index, emit) {
      for (const row of load()[index] ?? []) emit(row);
    },
    describe: () => `KafkaRelation(strategy=${o.subscription.kind}, ranges=${ranges.map(([t, p, f, u]) => `${t}-${p}[${f},${u})`).join(' ')})`,
  };
}

function rowsOf(data: RowPartitions): InternalRow[] {
  const out: InternalRow[] = [];
  for (let i = 0; i < data.numPartitions; i++) data.readPartition(i, (row) => out.push(row));
  return out;
}

/** The `kafka` data source. */
export const kafkaDataSource: DataSourceProvider = {
  name: 'kafka',
  aliases: ['org.apache.spark.sql.kafka010.KafkaSourceProvider'],

  checkOptions(options: SourceOptions, use: SourceUse): void {
    if (use === 'read' || use === 'readStream') readOptions(options, use);
    else writeOptions(options, use);
  },

  createBatchScan(request: BatchReadRequest): BatchScan {
    return batchScan(readOptions(request.options, 'read'));
  },

  write(request: BatchWriteRequest, data: RowPartitions): void {
    const o = writeOptions(request.options, 'write');
    const toRecord = rowWriter(data.schema, o.topic);
    const records = rowsOf(data).map((row) => {
      const r = toRecord(row);
      return [r.topic, r.key ?? null, r.value ?? null, r.partition ?? null] as const;
    });
    callBlocking({ op: 'produce', bootstrap: o.params.bootstrap, records });
  },

  createStreamSource(request: StreamReadRequest): StreamSource {
    return new KafkaStreamSource(readOptions(request.options, 'readStream'), request.warn, request.metadataPath);
  },

  createStreamSink(request: StreamWriteRequest): StreamSink {
    const o = writeOptions(request.options, 'writeStream');
    const writer = new KafkaWriter(o.params);
    return {
      async addBatch(_batchId: number, data: RowPartitions): Promise<void> {
        const toRecord = rowWriter(data.schema, o.topic);
        await writer.send(
          rowsOf(data).map((row) => {
            const r = toRecord(row);
            return {
              topic: r.topic,
              key: r.key === undefined ? undefined : Buffer.from(r.key.buffer, r.key.byteOffset, r.key.byteLength),
              value: r.value === undefined ? undefined : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength),
              ...(r.partition !== undefined ? { partition: r.partition } : {}),
            };
          }),
        );
      },
      stop: () => writer.close(),
      describe: () => `KafkaSink[${o.topic ?? 'topic column'}]`,
    };
  },
};

// A connector registers itself as the built-in formats do (sql/sources/registry.ts).
registerDataSource(kafkaDataSource);
