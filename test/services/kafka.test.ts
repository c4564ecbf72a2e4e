// A real Kafka broker (scripts/services.mjs start kafka) used with the client the Kafka
// connector will use, @platformatic/kafka: topics, keyed produce, a consumer group that commits.
import { randomUUID } from 'node:crypto';
import { Admin, Consumer, Producer, stringDeserializers, stringSerializers, type Message } from '@platformatic/kafka';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../support/services.js';

let bootstrap: string;
let admin: Admin;

beforeAll(async () => {
  bootstrap = await service('kafka');
  admin = new Admin({ clientId: 'tspark-test-admin', bootstrapBrokers: [bootstrap] });
}, 600_000);

afterAll(async () => {
  await admin?.close();
});

/** Reads `count` messages from a fresh consumer of `groupId` and closes it (its commits stay). */
async function consume(groupId: string, topic: string, count: number, commit: boolean): Promise<Message<string, string, string, string>[]> {
  const consumer = new Consumer({
    groupId,
    clientId: `tspark-test-${groupId}`,
    bootstrapBrokers: [bootstrap],
    deserializers: stringDeserializers,
    // The classic protocol with a short session, as the scale-out tests will use it.
    sessionTimeout: 6000,
    heartbeatInterval: 500,
  });
  const got: Message<string, string, string, string>[] = [];
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'committed', fallbackMode: 'earliest', autocommit: false });
    for await (const message of stream) {
      got.push(message);
      if (commit) await message.commit();
      if (got.length === count) break;
    }
    await stream.close();
  } finally {
    await consumer.close(true);
  }
  return got;
}

describe('Kafka (real broker)', () => {
  it('prints a loopback bootstrap address', () => {
    expect(bootstrap).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('produces keyed records to a 2-partition topic and a consumer group reads and commits them', async () => {
    const topic = `services-test-${randomUUID()}`;
    const groupId = `group-${randomUUID()}`;
    await admin.createTopics({ topics: [topic], partitions: 2, replicas: 1 });

    // Idempotent: on a topic created a moment ago a plain producer's retry wrote some records
    // twice (seen on a fresh broker); the broker drops an idempotent producer's retries.
    const producer = new Producer({ clientId: 'tspark-test-producer', bootstrapBrokers: [bootstrap], serializers: stringSerializers, idempotent: true });
    const words = ['spark', 'kafka', 'stream', 'batch', 'window', 'state'];
    try {
      await producer.send({ messages: words.map((w, i) => ({ topic, key: w, value: `${w}-${i}` })) });
    } finally {
      await producer.close();
    }

    const first = await consume(groupId, topic, words.length, true);
    expect(first.map((m) => m.value).sort()).toEqual(words.map((w, i) => `${w}-${i}`).sort());
    expect(new Set(first.map((m) => m.partition))).toEqual(new Set([0, 1])); // keys spread over both partitions

    // The group's committed offsets are the broker's record of what was read: all 6 records.
    const [offsets] = await admin.listConsumerGroupOffsets({ groups: [groupId] });
    const committed = offsets.topics.find((t) => t.name === topic)?.partitions.reduce((sum, p) => sum + p.committedOffset, 0n);
    expect(committed).toBe(BigInt(words.length));

    // A new member of the same group resumes after the commits: it sees only what comes next.
    const next = new Producer({ clientId: 'tspark-test-producer-2', bootstrapBrokers: [bootstrap], serializers: stringSerializers, idempotent: true });
    try {
      await next.send({ messages: [{ topic, key: 'late', value: 'late-6' }] });
    } finally {
      await next.close();
    }
    const second = await consume(groupId, topic, 1, false);
    expect(second.map((m) => m.value)).toEqual(['late-6']);
  }, 120_000);
});
