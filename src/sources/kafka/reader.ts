/**
 * The broker calls a direct stream makes, on one `@platformatic/kafka` Consumer: topic metadata,
 * the earliest and latest offsets of partitions, the group's committed offsets, and fetching
 * exact offset ranges (the direct approach: each batch reads `[from, until)` of each partition,
 * whatever the broker returns around it is dropped).
 */
import type { Consumer } from '@platformatic/kafka';
import { type Kafka, baseOptions, kafkaClient } from './client.js';
import { FencedCommitter, type Membership } from './fenced-commit.js';
import type { KafkaParams } from './params.js';

/** `topic:partition`, the key of every per-partition table here. */
export type TpKey = string;

/** The key of `topic`'s partition `partition`. */
export function tpKey(topic: string, partition: number): TpKey {
  return `${topic}:${partition}`;
}

/** A topic's partitions as the broker describes them. */
export interface TopicMeta {
  readonly id: string;
  /** Leader node of each partition, by partition number. */
  readonly leaders: readonly number[];
}

/** One range to fetch: `[from, until)` of a partition. */
export interface FetchRange {
  readonly topic: string;
  readonly partition: number;
  readonly from: number;
  readonly until: number;
}

/** Called for each record inside a range, in offset order per range. */
export type OnRecord = (range: number, offset: number, key: Buffer | null, value: Buffer | null, timestamp: number) => void;

/** A Kafka protocol error on one partition of a fetch (`OFFSET_OUT_OF_RANGE` …). */
export class PartitionFetchError extends Error {
  constructor(
    readonly topic: string,
    readonly partition: number,
    readonly errorId: string,
    readonly logStartOffset: number,
  ) {
    super(`${errorId} on ${topic}-${partition}`);
  }
}

/** Reads partitions of one cluster with one client. */
export class PartitionReader {
  private consumer: Consumer | undefined;
  private kafka: Kafka | undefined;
  private fenced: FencedCommitter | undefined;
  private closed = false;

  constructor(
    private readonly params: KafkaParams,
    private readonly groupId: string,
  ) {}

  /** The client, made on first use. */
  async client(): Promise<Consumer> {
    if (this.consumer) return this.consumer;
    const kafka = await kafkaClient();
    this.kafka = kafka;
    if (this.closed) throw new Error('the stream was stopped');
    this.consumer = new kafka.Consumer({
      ...baseOptions(this.params, 'consumer'),
      groupId: this.groupId,
      sessionTimeout: this.params.sessionTimeoutMs,
      heartbeatInterval: this.params.heartbeatIntervalMs,
      rebalanceTimeout: this.params.rebalanceTimeoutMs,
      maxWaitTime: this.params.fetchMaxWaitMs,
      maxBytes: this.params.fetchMaxBytes,
    });
    return this.consumer;
  }

  /** Metadata of each topic that exists; the others are listed in `missing`. */
  async topics(names: readonly string[]): Promise<{ found: Map<string, TopicMeta>; missing: string[] }> {
    const c = await this.client();
    const found = new Map<string, TopicMeta>();
    const missing: string[] = [];
    await Promise.all(
      names.map(async (name) => {
        try {
          const md = await c.metadata({ topics: [name], forceUpdate: true });
          const t = md.topics.get(name);
          if (t) found.set(name, { id: t.id, leaders: t.partitions.map((p) => p.leader) });
          else missing.push(name);
        } catch (e) {
          if (e instanceof Error && /Unknown topic/i.test(e.message)) missing.push(name);
          else throw e;
        }
      }),
    );
    return { found, missing: missing.sort() };
  }

  /** The earliest (first kept) or latest (next to be written) offset of each partition. */
  async offsets(partitions: readonly { topic: string; partition: number }[], which: 'earliest' | 'latest'): Promise<Map<TpKey, number>> {
    const out = new Map<TpKey, number>();
    if (partitions.length === 0) return out;
    const c = await this.client();
    const byTopic: Record<string, number[]> = {};
    for (const { topic, partition } of partitions) (byTopic[topic] ??= []).push(partition);
    const res = await c.listOffsets({ topics: Object.keys(byTopic), partitions: byTopic, timestamp: which === 'earliest' ? -2n : -1n });
    for (const [topic, list] of res) {
      for (const p of byTopic[topic] ?? []) {
        const o = list[p];
        if (o !== undefined) out.set(tpKey(topic, p), Number(o));
      }
    }
    return out;
  }

  /** The group's committed offset of each partition that has one. */
  async committed(partitions: readonly { topic: string; partition: number }[]): Promise<Map<TpKey, number>> {
    const out = new Map<TpKey, number>();
    if (partitions.length === 0) return out;
    const c = await this.client();
    const byTopic = new Map<string, number[]>();
    for (const { topic, partition } of partitions) byTopic.set(topic, [...(byTopic.get(topic) ?? []), partition]);
    const res = await c.listCommittedOffsets({ topics: [...byTopic].map(([topic, ps]) => ({ topic, partitions: ps })) });
    for (const [topic, list] of res) {
      list.forEach((o, p) => {
        if (o !== undefined && o >= 0n) out.set(tpKey(topic, p), Number(o));
      });
    }
    return out;
  }

  /**
   * Fetches every record of `ranges` (each `[from, until)`), calling `onRecord` for each, and
   * resolves once every range has been read to its end. Records outside a range (a record
   * batch that starts before it or ends after it) are dropped, as are transaction markers.
   */
  async fetch(ranges: readonly FetchRange[], meta: ReadonlyMap<string, TopicMeta>, onRecord: OnRecord): Promise<void> {
    const c = await this.client();
    const pos = ranges.map((r) => r.from);
    const kafka = this.kafka;
    const IS_CONTROL = kafka?.IS_CONTROL ?? 0x20;
    let idle = 0;
    for (;;) {
      const open = ranges.map((r, i) => i).filter((i) => (pos[i] ?? 0) < (ranges[i]?.until ?? 0));
      if (open.length === 0) return;
      // One request per leader; on this kind of cluster (one broker) that is one request.
      const byLeader = new Map<number, number[]>();
      for (const i of open) {
        const r = ranges[i];
        const leader = r ? meta.get(r.topic)?.leaders[r.partition] : undefined;
        if (r === undefined || leader === undefined) throw new Error(`no leader known for ${r?.topic}-${r?.partition}`);
        byLeader.set(leader, [...(byLeader.get(leader) ?? []), i]);
      }
      let progressed = false;
      await Promise.all(
        [...byLeader].map(async ([node, idx]) => {
          const topics = new Map<string, { topicId: string; partitions: Array<{ partition: number; fetchOffset: bigint; partitionMaxBytes: number; currentLeaderEpoch: number; lastFetchedEpoch: number }> }>();
          const rangeOf = new Map<string, number>();
          for (const i of idx) {
            const r = ranges[i];
            const id = r ? meta.get(r.topic)?.id : undefined;
            if (r === undefined || id === undefined) continue;
            let t = topics.get(id);
            if (!t) topics.set(id, (t = { topicId: id, partitions: [] }));
            t.partitions.push({ partition: r.partition, fetchOffset: BigInt(pos[i] ?? r.from), partitionMaxBytes: this.params.maxPartitionFetchBytes, currentLeaderEpoch: -1, lastFetchedEpoch: -1 });
            rangeOf.set(`${id}:${r.partition}`, i);
          }
          let res;
          try {
            res = await c.fetch({ node, topics: [...topics.values()], maxWaitTime: this.params.fetchMaxWaitMs, minBytes: 1, maxBytes: this.params.fetchMaxBytes });
          } catch (e) {
            throw partitionError(e, ranges, rangeOf) ?? e;
          }
          for (const t of res.responses) {
            for (const p of t.partitions) {
              const i = rangeOf.get(`${t.topicId}:${p.partitionIndex}`);
              const r = i === undefined ? undefined : ranges[i];
              if (i === undefined || r === undefined) continue;
              let at = pos[i] ?? r.from;
              for (const batch of p.records ?? []) {
                const first = Number(batch.firstOffset);
                const last = first + batch.lastOffsetDelta;
                if (!(batch.attributes & IS_CONTROL)) {
                  const ts0 = Number(batch.firstTimestamp);
                  for (const rec of batch.records) {
                    const off = first + rec.offsetDelta;
                    if (off < at || off >= r.until) continue;
                    onRecord(i, off, rec.key, rec.value, ts0 + Number(rec.timestampDelta));
                  }
                }
                if (last + 1 > at) at = Math.min(last + 1, r.until);
              }
              if (at > (pos[i] ?? 0)) progressed = true;
              pos[i] = at;
            }
          }
        }),
      );
      // A range whose tail was compacted or aborted ends with no record to read: the broker
      // answers nothing more below the high watermark, so give up on it after a few empty rounds.
      idle = progressed ? 0 : idle + 1;
      if (idle >= 20) return;
    }
  }

  /**
   * Commits `offsets` (next offset to read, per partition) for the group under `membership`'s
   * generation only (fenced-commit.ts): rejects with CommitRefusedError once the group has moved on.
   */
  async commitFenced(offsets: ReadonlyMap<TpKey, number>, membership: Membership): Promise<void> {
    if (this.closed) throw new Error('the stream was stopped');
    this.fenced ??= new FencedCommitter(this.params, this.groupId);
    await this.fenced.commit(offsets, membership);
  }

  /** Closes the client (leaving the group if it joined one). */
  async close(): Promise<void> {
    this.closed = true;
    const c = this.consumer;
    this.consumer = undefined;
    const f = this.fenced;
    this.fenced = undefined;
    await f?.close();
    if (c) await c.close().catch(() => undefined);
  }
}

/** A fetch error on one partition, with its log start offset when the broker gave one. */
function partitionError(e: unknown, ranges: readonly FetchRange[], rangeOf: ReadonlyMap<string, number>): PartitionFetchError | undefined {
  const response = (e as { response?: { responses?: Array<{ topicId: string; partitions: Array<{ partitionIndex: number; errorCode: number; logStartOffset: bigint }> }> } }).response;
  for (const t of response?.responses ?? []) {
    for (const p of t.partitions) {
      if (p.errorCode === 0) continue;
      const i = rangeOf.get(`${t.topicId}:${p.partitionIndex}`);
      const r = i === undefined ? undefined : ranges[i];
      if (!r) continue;
      const id = p.errorCode === 1 ? 'OFFSET_OUT_OF_RANGE' : p.errorCode === 3 ? 'UNKNOWN_TOPIC_OR_PARTITION' : `error ${p.errorCode}`;
      return new PartitionFetchError(r.topic, r.partition, id, Number(p.logStartOffset));
    }
  }
  return undefined;
}
