/**
 * A direct stream in a consumer group, one process at a time, on a ManualClock: it reads the
 * partitions Kafka assigns, commits each batch's offsets to the group, writes its keyed state's
 * changes to a compacted changelog topic, and a later member of the group starts from the
 * commits with the state rebuilt from the changelog.
 */
import { Admin } from '@platformatic/kafka';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KafkaUtils, ManualClock, SparkContext, StreamingContext } from '../../../src/index.js';
import { createTopic, kafkaBootstrap, lastValues, produce, uniqueTopic } from '../../support/kafka.js';
import { waitFor } from '../../support/wait.js';
import { tempDir } from '../../support/window-run.js';

let bootstrap = '';
const contexts: StreamingContext[] = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

afterEach(() => {
  for (const ssc of contexts.splice(0)) ssc.stop(true);
});

/** A running word count in group `group` over keyed `topic`, writing totals to `out`. */
function wordCount(topic: string, group: string, out: string) {
  const clock = new ManualClock(0);
  const err: string[] = [];
  const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: (t) => err.push(t) });
  contexts.push(ssc);
  ssc.checkpoint(tempDir('tspark-group-cp-'));
  const params = { 'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'smallest', 'session.timeout.ms': '6000', 'heartbeat.interval.ms': '500' };
  const totals = KafkaUtils.createDirectStream(ssc, [topic], params)
    .map(([k]): [string, number] => [k ?? '', 1])
    .reduceByKey((a, b) => a + b)
    .updateStateByKey((vs: number[], t: number | undefined) => vs.reduce((a, b) => a + b, t ?? 0));
  const seen: Array<Record<string, number>> = [];
  totals.foreachRDD((rdd) => void seen.push(Object.fromEntries(rdd.collect())));
  KafkaUtils.writeToKafka(totals, out, params);
  ssc.start();
  return { ssc, clock, err, seen };
}

async function committed(group: string, topic: string): Promise<number[]> {
  const admin = new Admin({ clientId: 'tspark-test-admin', bootstrapBrokers: [bootstrap] });
  try {
    const [g] = await admin.listConsumerGroupOffsets({ groups: [group] });
    return (g?.topics.find((t) => t.name === topic)?.partitions ?? []).sort((a, b) => a.partitionIndex - b.partitionIndex).map((p) => Number(p.committedOffset));
  } finally {
    await admin.close();
  }
}

describe('createDirectStream with a group.id', () => {
  it('commits each batch, keeps keyed state in a changelog, and a new member resumes from both', async () => {
    const topic = uniqueTopic('group-words');
    const out = uniqueTopic('group-totals');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    const words = ['spark', 'kafka', 'spark', 'state', 'spark', 'kafka'];
    await produce(bootstrap, topic, words.map((w) => ({ key: w, value: w })));

    const a = wordCount(topic, group, out);
    await waitFor(() => a.ssc.sources()[0]?.state === 'connected' && (a.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await a.clock.advance(1000);
    expect(a.seen.at(-1)).toEqual({ spark: 3, kafka: 2, state: 1 });
    await a.clock.advance(1000);
    expect((await committed(group, topic)).reduce((x, y) => x + y, 0)).toBe(6);
    expect(a.ssc.sources()[0]?.partitions?.map((p) => [p.partition, p.offset])).toHaveLength(2);
    a.ssc.stop(true);
    contexts.pop();

    await produce(bootstrap, topic, [{ key: 'state', value: 'state' }]);
    const b = wordCount(topic, group, out);
    await waitFor(() => (b.ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the second member to join', 30_000);
    await b.clock.advance(1000);
    // The state came back from the changelog; only the new record was read.
    expect(b.seen.at(-1)).toEqual({ spark: 3, kafka: 2, state: 2 });
    expect(b.err.join('')).toMatch(/state of 3 keys restored from/);
    await b.clock.advance(1000);
    // The totals topic keeps the last total of each word: an upsert per key.
    expect(await lastValues(bootstrap, out)).toEqual({ spark: '3', kafka: '2', state: '2' });
  }, 120_000);

  it('says once, at the first batch, that records not keyed by the grouping key cannot follow their partitions (ERR_KAFKA_NOT_KEYED)', async () => {
    const topic = uniqueTopic('group-lines');
    const group = uniqueTopic('group');
    await createTopic(bootstrap, topic, 2);
    // Lines without keys: the words that state is kept by are in the values.
    await produce(bootstrap, topic, [{ value: 'to be or not' }, { value: 'to be' }]);
    const clock = new ManualClock(0);
    const err: string[] = [];
    const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: (t) => err.push(t) });
    contexts.push(ssc);
    ssc.checkpoint(tempDir('tspark-group-cp-'));
    const seen: Array<Record<string, number>> = [];
    KafkaUtils.createDirectStream(ssc, [topic], { 'bootstrap.servers': bootstrap, 'group.id': group, 'auto.offset.reset': 'smallest' })
      .flatMap(([, line]) => (line ?? '').split(' '))
      .map((w): [string, number] => [w, 1])
      .updateStateByKey((vs: number[], t: number | undefined) => vs.reduce((a, b) => a + b, t ?? 0))
      .foreachRDD((rdd) => void seen.push(Object.fromEntries(rdd.collect())));
    ssc.start();
    await waitFor(() => (ssc.sources()[0]?.group?.generation ?? -1) >= 0, 'the member to join', 30_000);
    await clock.advance(1000);
    await produce(bootstrap, topic, [{ value: 'or not' }]);
    await clock.advance(1000);
    const notKeyed = err.filter((l) => l.includes('not the key of a record'));
    expect(notKeyed).toHaveLength(1);
    expect(notKeyed[0]).toContain('KafkaUtils.writeToKafka(pairs,');
    const e = await ssc.awaitTerminationOrTimeout(0).catch((x: unknown) => x);
    expect((e as { cause?: { code?: string } }).cause?.code).toBe('ERR_KAFKA_NOT_KEYED');
    // The count goes on in this process.
    expect(seen.at(-1)).toEqual({ to: 2, be: 2, or: 2, not: 2 });
  }, 60_000);
});
