/**
 * `spark.readStream.format("kafka")` as a streaming source of the data-source contract: offsets
 * are Spark's JSON (`{"topic":{"0":42}}`), kept by the query in its offset log (no consumer
 * group, as Spark's source); each micro-batch reads exactly `(start, end]` in offsets of each
 * partition, one RowPartitions partition per Kafka partition. `maxOffsetsPerTrigger` (or the
 * query's row limit) is shared among partitions in proportion to their lag, as Spark does.
 * Offsets that retention deleted before they were read fail the query with `failOnDataLoss`
 * (the default) and are skipped with a warning without it.
 */
import { SparkArgumentError } from '../../../sql/errors.js';
import { MetadataLog } from '../../../sql/streaming/checkpoint/metadata-log.js';
import type { Offset, ReadLimit, RowPartitions, StreamSource } from '../../../sql/sources/contract.js';
import type { InternalRow } from '../../../sql/types/values.js';
import { baseOptions, kafkaClient } from '../client.js';
import { PartitionReader, type TopicMeta, tpKey } from '../reader.js';
import type { KafkaReadOptions, OffsetSpec } from './options.js';
import { kafkaSchema, recordRow } from './schema.js';

type Positions = Map<string, Map<number, number>>;

function toOffset(p: Positions): Offset {
  const out: Record<string, Record<string, number>> = {};
  for (const [t, m] of [...p].sort(([a], [b]) => (a < b ? -1 : 1))) out[t] = Object.fromEntries([...m].sort(([a], [b]) => a - b).map(([k, v]) => [String(k), v]));
  return out;
}

function fromOffset(o: Offset | null): Positions | undefined {
  if (o === null || typeof o !== 'object' || Array.isArray(o)) return undefined;
  const out: Positions = new Map();
  for (const [t, parts] of Object.entries(o as Record<string, Offset>)) {
    const m = new Map<number, number>();
    for (const [p, v] of Object.entries((parts ?? {}) as Record<string, Offset>)) if (typeof v === 'number') m.set(Number(p), v);
    out.set(t, m);
  }
  return out;
}

function positionsOf(parts: Array<{ topic: string; partition: number }>, at: Map<string, number>): Positions {
  const out: Positions = new Map();
  for (const { topic, partition } of parts) {
    if (!out.has(topic)) out.set(topic, new Map());
    out.get(topic)?.set(partition, at.get(tpKey(topic, partition)) ?? 0);
  }
  return out;
}

/** The streaming Kafka source. */
export class KafkaStreamSource implements StreamSource {
  readonly schema;
  private readonly reader: PartitionReader;
  private initial: Positions | undefined;
  private meta = new Map<string, TopicMeta>();
  private availableNowEnd: Map<string, number> | undefined;
  private latestKnown: Positions | undefined;

  constructor(
    private readonly o: KafkaReadOptions,
    private readonly warn: (message: string) => void = (m) => void process.stderr.write(`${m}\n`),
    /** `<checkpoint>/sources/<n>`: where the offsets the query started from are kept, as Spark's initial offset log. */
    private readonly metadataPath = '',
  ) {
    this.schema = kafkaSchema(o.includeHeaders);
    this.reader = new PartitionReader(o.params, `tspark-stream-${process.pid}`);
  }

  /** Every partition the subscription covers now. */
  private async partitions(): Promise<Array<{ topic: string; partition: number }>> {
    const s = this.o.subscription;
    let topics: string[];
    if (s.kind === 'subscribe') topics = [...s.topics];
    else if (s.kind === 'assign') topics = [...s.partitions.keys()];
    else {
      const k = await kafkaClient();
      const admin = new k.Admin(baseOptions(this.o.params, 'stream-admin'));
      try {
        topics = (await admin.listTopics()).filter((t) => s.pattern.test(t));
      } finally {
        await admin.close();
      }
    }
    const { found } = await this.reader.topics(topics);
    this.meta = found;
    const out: Array<{ topic: string; partition: number }> = [];
    for (const [topic, m] of found) {
      const wanted = s.kind === 'assign' ? (s.partitions.get(topic) ?? []) : m.leaders.map((_, p) => p);
      for (const partition of wanted) out.push({ topic, partition });
    }
    return out;
  }

  private async resolve(spec: OffsetSpec, parts: Array<{ topic: string; partition: number }>): Promise<Positions> {
    const [earliest, latest] = await Promise.all([this.reader.offsets(parts, 'earliest'), this.reader.offsets(parts, 'latest')]);
    const out: Positions = new Map();
    for (const { topic, partition } of parts) {
      const k = tpKey(topic, partition);
      const given = spec.kind === 'json' ? spec.offsets.get(topic)?.get(partition) : undefined;
      const o = given === undefined || given === -2 || given === -1 ? (given === -1 || (given === undefined && spec.kind === 'latest') ? latest.get(k) : earliest.get(k)) : given;
      if (!out.has(topic)) out.set(topic, new Map());
      out.get(topic)?.set(partition, o ?? 0);
    }
    return out;
  }

  async start(wake: () => void): Promise<void> {
    // As Spark's KafkaMicroBatchStream, the offsets `startingOffsets` resolved to when the query
    // first started are its log's entry 0, so a restart (even one before batch 0 committed)
    // starts from them, not from a newer "latest".
    const log = this.metadataPath === '' ? undefined : new MetadataLog<Offset>(this.metadataPath, { version: 1, encode: (o) => JSON.stringify(o), decode: (t) => JSON.parse(t) as Offset });
    const kept = fromOffset(log?.get(0) ?? null);
    if (kept !== undefined) this.initial = kept;
    else {
      this.initial = await this.resolve(this.o.starting, await this.partitions());
      log?.add(0, toOffset(this.initial));
    }
    wake();
  }

  async latestOffset(start: Offset | null, limit: ReadLimit): Promise<Offset | null> {
    const parts = await this.partitions();
    const from = fromOffset(start) ?? this.initial ?? (await this.resolve(this.o.starting, parts));
    const [latestNow, earliest] = await Promise.all([this.reader.offsets(parts, 'latest'), this.reader.offsets(parts, 'earliest')]);
    // Trigger.AvailableNow never reads past what was there when the query was told to stop.
    const latest = new Map([...latestNow].map(([k, v]) => [k, Math.min(v, this.availableNowEnd?.get(k) ?? v)] as const));
    this.latestKnown = positionsOf(parts, latestNow);
    const end: Positions = new Map();
    const lags: Array<{ topic: string; partition: number; from: number; latest: number }> = [];
    for (const { topic, partition } of parts) {
      // A partition that appeared after the query started is read from its beginning, as Spark does.
      const f = from.get(topic)?.get(partition) ?? earliest.get(tpKey(topic, partition)) ?? 0;
      lags.push({ topic, partition, from: f, latest: latest.get(tpKey(topic, partition)) ?? f });
    }
    // The engine asks with its widest `maxRows` when the source's own limit (maxOffsetsPerTrigger) applies.
    const asked = limit.kind === 'maxRows' && limit.rows < Number.MAX_SAFE_INTEGER ? limit.rows : undefined;
    const own = this.o.maxOffsetsPerTrigger;
    const max = limit.kind === 'all' ? undefined : asked === undefined ? own : own === undefined ? asked : Math.min(asked, own);
    const total = lags.reduce((n, l) => n + Math.max(0, l.latest - l.from), 0);
    for (const l of lags) {
      const lag = Math.max(0, l.latest - l.from);
      const share = max === undefined || total <= max ? lag : Math.floor((lag / total) * max);
      if (!end.has(l.topic)) end.set(l.topic, new Map());
      end.get(l.topic)?.set(l.partition, l.from + share);
    }
    return toOffset(end);
  }

  async getBatch(start: Offset | null, end: Offset): Promise<RowPartitions> {
    const to = fromOffset(end) ?? new Map();
    const from = fromOffset(start) ?? this.initial ?? new Map();
    const ranges: Array<{ topic: string; partition: number; from: number; until: number }> = [];
    for (const [topic, m] of to) for (const [partition, until] of m) ranges.push({ topic, partition, from: from.get(topic)?.get(partition) ?? 0, until });
    const earliest = await this.reader.offsets(ranges, 'earliest');
    for (const r of ranges) {
      const first = earliest.get(tpKey(r.topic, r.partition)) ?? 0;
      if (r.from >= first) continue;
      const message = `Some data may have been lost because they are not available in Kafka any more; either the data was aged out by Kafka or the topic may have been deleted before all the data in the topic was processed. ${r.topic}-${r.partition} offsets ${r.from} to ${first} are gone.`;
      if (this.o.failOnDataLoss) {
        throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${message} If you don't want your streaming query to fail on such cases, set the source option "failOnDataLoss" to "false".` });
      }
      this.warn(`${message} Reading on from offset ${first} (failOnDataLoss is false).`);
      r.from = first;
    }
    if (this.meta.size === 0) await this.partitions();
    const rows: InternalRow[][] = ranges.map(() => []);
    const open = ranges.map((r, i) => [r, i] as const).filter(([r]) => r.until > r.from);
    await this.reader.fetch(
      open.map(([r]) => r),
      this.meta,
      (j, offset, key, value, timestamp) => {
        const at = open[j];
        if (!at) return;
        const [r, i] = at;
        rows[i]?.push(recordRow({ key: key === null ? null : new Uint8Array(key), value: value === null ? null : new Uint8Array(value), topic: r.topic, partition: r.partition, offset, timestamp, headers: [] }, this.o.includeHeaders));
      },
    );
    const schema = this.schema;
    return {
      schema,
      numPartitions: rows.length,
      readPartition: (index, emit) => {
        for (const row of rows[index] ?? []) emit(row);
      },
    };
  }

  /** Trigger.AvailableNow: the partitions' latest offsets now are the end of what the query reads. */
  async prepareForAvailableNow(): Promise<void> {
    this.availableNowEnd = await this.reader.offsets(await this.partitions(), 'latest');
  }

  /** The partitions' latest offsets when last asked, past maxOffsetsPerTrigger (progress' `latestOffset`). */
  reportLatestOffset(): Offset | null {
    return this.latestKnown === undefined ? null : toOffset(this.latestKnown);
  }

  commit(): void {
    // Offsets live in the query's checkpoint (Spark's Kafka source commits nothing to Kafka).
  }

  async stop(): Promise<void> {
    await this.reader.close();
  }

  describe(): string {
    const s = this.o.subscription;
    const what = s.kind === 'subscribe' ? `Subscribe[${s.topics.join(',')}]` : s.kind === 'assign' ? `Assign[${[...s.partitions].map(([t, ps]) => ps.map((p) => `${t}-${p}`).join(',')).join(',')}]` : `SubscribePattern[${s.pattern.source}]`;
    return `KafkaV2[${what}]`;
  }
}
