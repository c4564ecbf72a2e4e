/**
 * `tspark feed --kafka BOOTSTRAP --topic T <demo>`: the feeders' lines as records of a Kafka
 * topic (one record per line, UTF-8 value, no key), through an idempotent producer, so the
 * seeds' demos run on a real topic. A missing topic is made (with `--partitions N`, default 1).
 */
import { describeKafkaError, isUnreachable, protocolErrorIds } from '../sources/kafka/client.js';
import { parseBootstrap, readKafkaParams } from '../sources/kafka/params.js';
import { KafkaWriter } from '../sources/kafka/writer.js';

/** Where `--kafka` sends lines. */
export interface KafkaTarget {
  readonly bootstrap: string;
  readonly topic: string;
  readonly partitions: number;
}

/** Checks `--kafka` (host:port[,host:port]); returns a message naming the problem, or undefined. */
export function checkBootstrap(value: string): string | undefined {
  try {
    parseBootstrap('feed', '--kafka', value);
    return undefined;
  } catch {
    return `--kafka must be host:port of a broker (e.g. localhost:9092); got ${JSON.stringify(value)}`;
  }
}

/** A producer for `target`: `send(chunk)` writes each line of `chunk` as a record. */
export class KafkaLineSink {
  private readonly writer: KafkaWriter;
  private ready: Promise<void> | undefined;

  constructor(private readonly target: KafkaTarget) {
    this.writer = new KafkaWriter(readKafkaParams('feed', { 'bootstrap.servers': target.bootstrap, 'client.id': 'tspark-feed' }));
  }

  /** Makes the topic if it does not exist yet; resolves once the broker answered. */
  open(): Promise<void> {
    this.ready ??= this.makeTopic();
    return this.ready;
  }

  private async makeTopic(): Promise<void> {
    const { kafkaClient, baseOptions } = await import('../sources/kafka/client.js');
    const k = await kafkaClient();
    const admin = new k.Admin(baseOptions(readKafkaParams('feed', { 'bootstrap.servers': this.target.bootstrap }), 'feed-admin'));
    try {
      await admin.createTopics({ topics: [this.target.topic], partitions: this.target.partitions, replicas: 1 });
    } catch (e) {
      if (!protocolErrorIds(e).includes('TOPIC_ALREADY_EXISTS') && !/already exists/i.test(String((e as Error).message))) throw e;
    } finally {
      await admin.close().catch(() => undefined);
    }
  }

  /** Writes every line of `chunk` (lines end in "\n"). */
  async send(chunk: string): Promise<void> {
    const lines = chunk.split('\n');
    if (lines.at(-1) === '') lines.pop();
    await this.writer.send(lines.map((l) => ({ topic: this.target.topic, key: undefined, value: Buffer.from(l, 'utf8') })));
  }

  async close(): Promise<void> {
    await this.writer.close();
  }
}

/** The user's sentence for a failed Kafka call. */
export function kafkaFeedError(e: unknown, bootstrap: string): string {
  return isUnreachable(e) ? `cannot reach Kafka at ${bootstrap} (${describeKafkaError(e)}); is the broker running?` : `Kafka: ${describeKafkaError(e)}`;
}
