/**
 * Helpers for tests against the real broker of `scripts/services.mjs` (never a mock): fresh
 * topics with unique names, an idempotent producer, and a ManualClock context around a direct
 * stream that collects each batch.
 */
import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Producer } from '@platformatic/kafka';
import { KafkaUtils, ManualClock, type OffsetRange, SparkConf, SparkContext, StreamingContext } from '../../src/index.js';
import type { KafkaParamsInput } from '../../src/sources/kafka/kafka-utils.js';
import { service } from './services.js';
import { waitFor } from './wait.js';

/** The real broker's bootstrap address (starts it when needed: give the hook minutes). */
export function kafkaBootstrap(): Promise<string> {
  return service('kafka');
}

/** A topic name no other test uses. */
export function uniqueTopic(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Creates `topic` with `partitions` partitions (and optional topic configs). */
export async function createTopic(bootstrap: string, topic: string, partitions: number, configs: Record<string, string> = {}): Promise<void> {
  const admin = new Admin({ clientId: 'tspark-test-admin', bootstrapBrokers: [bootstrap] });
  try {
    await admin.createTopics({ topics: [topic], partitions, replicas: 1, configs: Object.entries(configs).map(([name, value]) => ({ name, value })) });
  } finally {
    await admin.close();
  }
}

/** Deletes the records of `partition` below `offset`, as retention would. */
export async function deleteRecordsBefore(bootstrap: string, topic: string, partition: number, offset: number): Promise<void> {
  const admin = new Admin({ clientId: 'tspark-test-admin', bootstrapBrokers: [bootstrap] });
  try {
    await admin.deleteRecords({ topics: [{ name: topic, partitions: [{ partition, offset: BigInt(offset) }] }] });
  } finally {
    await admin.close();
  }
}

/** Every record of `topic` from its beginning to its end now, as text, in partition and offset order. */
export async function readTopic(bootstrap: string, topic: string): Promise<Array<{ key: string | null; value: string | null; partition: number; offset: number }>> {
  const consumer = new Consumer({ clientId: 'tspark-test-reader', groupId: `tspark-test-reader-${randomUUID()}`, bootstrapBrokers: [bootstrap] });
  try {
    const latest = await consumer.listOffsets({ topics: [topic] });
    const ends = (latest.get(topic) ?? []).map(Number);
    const total = ends.reduce((a, b) => a + b, 0);
    const earliest = ((await consumer.listOffsets({ topics: [topic], timestamp: -2n })).get(topic) ?? []).map(Number);
    const want = total - earliest.reduce((a, b) => a + b, 0);
    const out: Array<{ key: string | null; value: string | null; partition: number; offset: number }> = [];
    if (want === 0) return out;
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    const done = new Set<number>();
    for await (const m of stream) {
      out.push({ key: m.key?.length ? m.key.toString('utf8') : null, value: m.value?.length ? m.value.toString('utf8') : null, partition: m.partition, offset: Number(m.offset) });
      if (Number(m.offset) + 1 >= (ends[m.partition] ?? 0)) done.add(m.partition);
      if (ends.every((e, p) => e === (earliest[p] ?? 0) || done.has(p))) break;
    }
    await stream.close();
    return out.sort((a, b) => a.partition - b.partition || a.offset - b.offset);
  } finally {
    await consumer.close(true);
  }
}

/** The last value of each key of `topic` (what a compacted topic keeps). */
export async function lastValues(bootstrap: string, topic: string): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const r of await readTopic(bootstrap, topic)) if (r.key !== null) out[r.key] = r.value;
  return out;
}

/** One record to produce: key and value as strings or bytes, and optionally the partition. */
export interface TestRecord {
  key?: string | Buffer | null;
  value: string | Buffer | null;
  partition?: number;
}

/** Produces `records` to `topic` through an idempotent producer and waits for the broker's acks. */
export async function produce(bootstrap: string, topic: string, records: readonly TestRecord[]): Promise<void> {
  const producer = new Producer({ clientId: 'tspark-test-producer', bootstrapBrokers: [bootstrap], idempotent: true });
  try {
    for (let i = 0; i < records.length; i += 5000) {
      await producer.send({
        messages: records.slice(i, i + 5000).map((r) => ({
          topic,
          ...(r.key !== undefined && r.key !== null ? { key: typeof r.key === 'string' ? Buffer.from(r.key) : r.key } : {}),
          ...(r.value !== null ? { value: typeof r.value === 'string' ? Buffer.from(r.value) : r.value } : {}),
          ...(r.partition !== undefined ? { partition: r.partition } : {}),
        })),
      });
    }
  } finally {
    await producer.close();
  }
}

/** A direct stream on a ManualClock, collecting every batch's records and offset ranges. */
export interface DirectRun<T> {
  readonly sc: SparkContext;
  readonly ssc: StreamingContext;
  readonly clock: ManualClock;
  readonly batches: T[][];
  readonly ranges: OffsetRange[][];
  readonly err: string[];
  /** Runs the next batch. */
  step(): Promise<T[]>;
  /** Waits until the source says it reads its topics. */
  connected(timeoutMs?: number): Promise<void>;
  stop(): void;
}

/** Starts `createDirectStream(ssc, topics, params)` with a ManualClock; `conf` settings go to the SparkContext. */
export function startDirect<T = [string | null, string | null]>(topics: string[], params: KafkaParamsInput, conf: Record<string, string> = {}, fromOffsets?: Parameters<typeof KafkaUtils.createDirectStream>[3]): DirectRun<T> {
  const sc = new SparkContext(new SparkConf().setMaster('local[2]').setAppName('kafka-test').setAll(Object.entries(conf)));
  const clock = new ManualClock(0);
  const err: string[] = [];
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: (t) => err.push(t) });
  const batches: T[][] = [];
  const ranges: OffsetRange[][] = [];
  const stream = KafkaUtils.createDirectStream(ssc, topics, params, fromOffsets);
  stream.foreachRDD((rdd) => {
    ranges.push(rdd.offsetRanges());
    batches.push(rdd.collect() as T[]);
  });
  ssc.start();
  return {
    sc,
    ssc,
    clock,
    batches,
    ranges,
    err,
    async step() {
      const n = batches.length;
      await clock.advance(1000);
      return batches[n] ?? [];
    },
    connected: (timeoutMs = 20_000) => waitFor(() => ssc.sources()[0]?.state === 'connected', 'the Kafka source to connect', timeoutMs),
    stop: () => ssc.stop(true),
  };
}
