/**
 * The Kafka benchmark's data: the suite's Zipf corpus (generator/corpus.ts), one record per
 * line, written round-robin into a fresh topic of six partitions on the real broker of
 * `scripts/services.mjs` (or KAFKA_BOOTSTRAP), so every contender reads the same records and
 * must find the same word counts.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Admin, Producer } from '@platformatic/kafka';
import { buildCorpus } from '../generator/corpus.js';

/** What the topic holds, and the totals a correct word count finds. */
export interface KafkaPlan {
  readonly bootstrap: string;
  readonly topic: string;
  readonly partitions: number;
  readonly records: number;
  readonly words: number;
  readonly fingerprint: number;
  readonly bytes: number;
  /** Records per partition, by partition. */
  readonly perPartition: readonly number[];
}

/** The broker: KAFKA_BOOTSTRAP when set, else the one `scripts/services.mjs start kafka` runs (started if needed). */
export function kafkaBootstrap(root: string): string {
  const fromEnv = process.env.KAFKA_BOOTSTRAP;
  if (fromEnv) return fromEnv;
  const out = execFileSync(process.execPath, [`${root}/scripts/services.mjs`, 'start', 'kafka'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const line = out.split('\n').find((l) => l.startsWith('KAFKA_BOOTSTRAP='));
  if (!line) throw new Error('scripts/services.mjs start kafka printed no KAFKA_BOOTSTRAP line');
  return line.slice('KAFKA_BOOTSTRAP='.length);
}

/** Writes the corpus (`mb` MiB of lines) into a new topic and returns its plan. */
export async function fillTopic(bootstrap: string, mb: number, partitions = 6): Promise<KafkaPlan> {
  const corpus = buildCorpus({ maxBytes: Math.floor(mb * 1024 * 1024) });
  const topic = `bench-words-${randomUUID().slice(0, 8)}`;
  const admin = new Admin({ clientId: 'bench-admin', bootstrapBrokers: [bootstrap] });
  try {
    await admin.createTopics({ topics: [topic], partitions, replicas: 1 });
  } finally {
    await admin.close();
  }
  const producer = new Producer({ clientId: 'bench-producer', bootstrapBrokers: [bootstrap], idempotent: true });
  const perPartition = new Array<number>(partitions).fill(0);
  try {
    let start = 0;
    // One send in flight: this client's idempotent producer refuses overlapping sends (OUT_OF_ORDER_SEQUENCE_NUMBER).
    let batch: Array<{ topic: string; value: Buffer; partition: number }> = [];
    for (let i = 0; i < corpus.lines; i++) {
      const end = corpus.lineEnds[i] ?? start;
      const p = i % partitions;
      perPartition[p] = (perPartition[p] ?? 0) + 1;
      batch.push({ topic, value: corpus.bytes.subarray(start, end - 1), partition: p });
      start = end;
      if (batch.length === 20_000) {
        await producer.send({ messages: batch });
        batch = [];
      }
    }
    if (batch.length > 0) await producer.send({ messages: batch });
  } finally {
    await producer.close();
  }
  return { bootstrap, topic, partitions, records: corpus.lines, words: corpus.words, fingerprint: corpus.fingerprint, bytes: corpus.bytes.length, perPartition };
}

/** Deletes the topic at the end of a run (the broker's disk is shared). */
export async function dropTopic(bootstrap: string, topic: string): Promise<void> {
  const admin = new Admin({ clientId: 'bench-admin', bootstrapBrokers: [bootstrap] });
  try {
    await admin.deleteTopics({ topics: [topic] });
  } catch {
    // A topic left behind costs disk, not correctness.
  } finally {
    await admin.close();
  }
}
