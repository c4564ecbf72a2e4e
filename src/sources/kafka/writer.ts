/**
 * Writing to Kafka: one idempotent producer per cluster and context (a plain producer's retries
 * wrote records twice on a fresh broker here; the broker drops an idempotent producer's
 * duplicates), topic creation for changelogs, and how stream elements become records.
 */
import type { Admin, Producer } from '@platformatic/kafka';
import { describeValue } from '../../engine/checks.js';
import { baseOptions, kafkaClient, protocolErrorIds } from './client.js';
import type { KafkaParams } from './params.js';

/** One record to write: bytes, and the partition when the writer chooses it. */
export interface OutRecord {
  readonly topic: string;
  readonly key: Buffer | undefined;
  readonly value: Buffer | undefined;
  readonly partition?: number;
}

/** A record's key or value as bytes: strings as UTF-8, bytes as they are, other values as JSON. */
export function toBytes(v: unknown): Buffer | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  if (Buffer.isBuffer(v)) return v;
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return Buffer.from(String(v), 'utf8');
  try {
    return Buffer.from(JSON.stringify(v), 'utf8');
  } catch {
    return Buffer.from(describeValue(v), 'utf8');
  }
}

/** Producer and admin client for one cluster, made on first use and closed together. */
export class KafkaWriter {
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;
  /** Sends one after another: the client's idempotent producer refuses overlapping sends (OUT_OF_ORDER_SEQUENCE_NUMBER). */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly params: KafkaParams) {}

  private getProducer(): Promise<Producer> {
    this.producer ??= kafkaClient().then(
      (k) => new k.Producer({ ...baseOptions(this.params, 'producer'), idempotent: true, autocreateTopics: true, retries: 5 }),
    );
    return this.producer;
  }

  private getAdmin(): Promise<Admin> {
    this.admin ??= kafkaClient().then((k) => new k.Admin(baseOptions(this.params, 'admin')));
    return this.admin;
  }

  /** Writes `records` and resolves once the broker has them all. */
  send(records: readonly OutRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const run = this.queue.then(() => this.sendNow(records));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async sendNow(records: readonly OutRecord[]): Promise<void> {
    const p = await this.getProducer();
    // Large batches in slices: one produce request per slice keeps memory flat.
    for (let i = 0; i < records.length; i += 10_000) {
      const messages = records.slice(i, i + 10_000).map((r) => ({
        topic: r.topic,
        ...(r.key !== undefined ? { key: r.key } : {}),
        ...(r.value !== undefined ? { value: r.value } : {}),
        ...(r.partition !== undefined ? { partition: r.partition } : {}),
      }));
      await p.send({ messages });
    }
  }

  /**
   * Makes a compacted topic with `partitions` partitions unless it exists; returns the partition
   * count it has (which may differ when it existed before).
   */
  async ensureCompactedTopic(topic: string, partitions: number): Promise<number> {
    const admin = await this.getAdmin();
    try {
      await admin.createTopics({
        topics: [topic],
        partitions,
        replicas: 1,
        configs: [
          { name: 'cleanup.policy', value: 'compact' },
          // Entries of a batch that was never committed must outlive the compaction of older
          // ones for a while (docs/SCALING.md, "What is guaranteed").
          { name: 'min.compaction.lag.ms', value: '3600000' },
        ],
      });
      return partitions;
    } catch (e) {
      if (!protocolErrorIds(e).includes('TOPIC_ALREADY_EXISTS') && !/already exists/i.test(String((e as Error).message))) throw e;
      const md = await admin.metadata({ topics: [topic], forceUpdate: true });
      return md.topics.get(topic)?.partitionsCount ?? partitions;
    }
  }

  /** Closes the clients. */
  async close(): Promise<void> {
    const [p, a] = [this.producer, this.admin];
    this.producer = undefined;
    this.admin = undefined;
    await Promise.all([p?.then((x) => x.close()).catch(() => undefined), a?.then((x) => x.close()).catch(() => undefined)]);
  }
}
