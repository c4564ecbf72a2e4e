/**
 * KafkaUtils.createDirectStream against the real broker, batch by batch on a ManualClock: each
 * batch is the exact offset range of every partition decided at its tick, records are
 * `[key, value]` pairs of UTF-8 text, and where reading starts follows `auto.offset.reset`.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KafkaUtils, ManualClock, OffsetRange, SparkContext, StreamingContext, TopicAndPartition } from '../../../src/index.js';
import { waitFor } from '../../support/wait.js';
import { type DirectRun, createTopic, kafkaBootstrap, produce, startDirect, uniqueTopic } from '../../support/kafka.js';

let bootstrap = '';
const runs: DirectRun<unknown>[] = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

afterEach(() => {
  for (const r of runs.splice(0)) r.stop();
});

function start<T = [string | null, string | null]>(...args: Parameters<typeof startDirect>): DirectRun<T> {
  const r = startDirect<T>(...args);
  runs.push(r as DirectRun<unknown>);
  return r;
}

const sortPairs = <T>(xs: T[]): T[] => [...xs].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('createDirectStream', () => {
  it('reads from the earliest offsets with "smallest": each batch an offset range per partition', async () => {
    const topic = uniqueTopic('direct');
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, [
      { key: 'a', value: 'one', partition: 0 },
      { key: 'b', value: 'two', partition: 1 },
      { key: 'c', value: 'three', partition: 0 },
    ]);
    const run = start([topic], { 'metadata.broker.list': bootstrap, 'auto.offset.reset': 'smallest' });
    await run.connected();
    expect(sortPairs(await run.step())).toEqual([
      ['a', 'one'],
      ['b', 'two'],
      ['c', 'three'],
    ]);
    expect(run.ranges[0]?.map(String)).toEqual([`OffsetRange(topic: ${topic}, partition: 0, range: [0 -> 2])`, `OffsetRange(topic: ${topic}, partition: 1, range: [0 -> 1])`]);
    // Nothing new: empty ranges, at the end.
    expect(await run.step()).toEqual([]);
    expect(run.ranges[1]?.map((r) => [r.partition, r.fromOffset, r.untilOffset])).toEqual([
      [0, 2, 2],
      [1, 1, 1],
    ]);
    await produce(bootstrap, topic, [{ key: null, value: 'four', partition: 1 }]);
    expect(await run.step()).toEqual([[null, 'four']]);
    expect(run.ranges[2]?.map((r) => r.count())).toEqual([0, 1]);
    expect(run.ssc.sources()[0]).toMatchObject({ state: 'connected', recordsReceived: 4 });
  });

  it('starts at the latest offsets by default: only records written after the start', async () => {
    const topic = uniqueTopic('latest');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: 'old' }]);
    const run = start([topic], { 'bootstrap.servers': bootstrap });
    await run.connected();
    expect(run.ssc.sources()[0]?.startingOffsets).toBe('latest');
    await produce(bootstrap, topic, [{ value: 'new' }]);
    expect(await run.step()).toEqual([[null, 'new']]);
    expect(run.ranges[0]?.map((r) => [r.fromOffset, r.untilOffset])).toEqual([[1, 2]]);
  });

  it('starts each given partition at fromOffsets, as pyspark\'s {TopicAndPartition: offset}', async () => {
    const topic = uniqueTopic('from');
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, ['p0-0', 'p0-1', 'p0-2'].map((value) => ({ value, partition: 0 })));
    await produce(bootstrap, topic, [{ value: 'p1-0', partition: 1 }]);
    const run = start([topic], { 'bootstrap.servers': bootstrap }, {}, new Map([[new TopicAndPartition(topic, 0), 1]]));
    await run.connected();
    expect(await run.step()).toEqual([
      [null, 'p0-1'],
      [null, 'p0-2'],
    ]);
    // Only the partitions of fromOffsets are read.
    expect(run.ranges[0]?.map((r) => r.partition)).toEqual([0]);
  });

  it('caps each partition at maxRatePerPartition × batch seconds (spark.streaming.kafka.maxRatePerPartition)', async () => {
    const topic = uniqueTopic('rate');
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, Array.from({ length: 50 }, (_, i) => ({ value: `v${i}`, partition: i % 2 })));
    const run = start([topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'earliest' }, { 'spark.streaming.kafka.maxRatePerPartition': '10' });
    await run.connected();
    const sizes: number[] = [];
    for (let i = 0; i < 4; i++) sizes.push((await run.step()).length);
    expect(sizes).toEqual([20, 20, 10, 0]);
    expect(run.ranges[2]?.map((r) => [r.fromOffset, r.untilOffset])).toEqual([
      [20, 25],
      [20, 25],
    ]);
  });

  it('under backpressure, the first batch takes spark.streaming.backpressure.initialRate records, shared by lag', async () => {
    const topic = uniqueTopic('backpressure');
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, Array.from({ length: 60 }, (_, i) => ({ value: `v${i}`, partition: i < 45 ? 0 : 1 })));
    const run = start([topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'earliest' }, {
      'spark.streaming.backpressure.enabled': 'true',
      'spark.streaming.backpressure.initialRate': '20',
    });
    await run.connected();
    await run.step();
    // 45 and 15 behind: 20 records/s shared 3:1.
    expect(run.ranges[0]?.map((r) => r.count())).toEqual([15, 5]);
  });

  it('runs a word count\'s map side as the records are fetched, with the counts of computing the batch', async () => {
    const topic = uniqueTopic('eager');
    await createTopic(bootstrap, topic, 3);
    const lines = ['to be or not to be', 'that is the question', 'to be', 'or not', 'be'];
    await produce(bootstrap, topic, lines.map((value, i) => ({ value, partition: i % 3 })));
    const wordCount = async (cached: boolean): Promise<Array<[string, number]>> => {
      const clock = new ManualClock(0);
      const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: () => undefined });
      const kvs = KafkaUtils.createDirectStream(ssc, [topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'earliest' });
      // A cached stream is computed at the tick: the path to compare with.
      if (cached) kvs.cache();
      let got: Array<[string, number]> = [];
      kvs
        .map(([, v]) => v ?? '')
        .flatMap((l) => l.split(' '))
        .map((w): [string, number] => [w, 1])
        .reduceByKey((a, b) => a + b)
        .foreachRDD((rdd) => void (got = rdd.collect().sort((a, b) => (a[0] < b[0] ? -1 : 1))));
      ssc.start();
      try {
        await waitFor(() => ssc.sources()[0]?.state === 'connected', 'connect', 20_000);
        await clock.advance(1000);
        // The narrow steps' counts come from the eager run (the pipeline picture's numbers).
        expect(Object.values(ssc.lastBatch()?.streamCounts ?? {})).toContain(15);
        return got;
      } finally {
        ssc.stop(true);
      }
    };
    const eager = await wordCount(false);
    expect(eager).toEqual(await wordCount(true));
    expect(eager).toContainEqual(['be', 4]);
  });

  it('decodes with keyDecoder/valueDecoder and builds elements with messageHandler', async () => {
    const topic = uniqueTopic('decode');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ key: 'k', value: '42' }]);
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: () => undefined });
    const got: string[] = [];
    KafkaUtils.createDirectStream(ssc, [topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'earliest' }, null, {
      valueDecoder: (b) => (b === null ? null : Number(Buffer.from(b).toString())),
      messageHandler: (m) => `${m.topic}/${m.partition}@${m.offset}: ${String(m.key)}=${String(m.message)}`,
    }).foreachRDD((rdd) => void got.push(...rdd.collect()));
    ssc.start();
    try {
      await waitFor(() => ssc.sources()[0]?.state === 'connected', 'the source to connect', 20_000);
      await clock.advance(1000);
      expect(got).toEqual([`${topic}/0@0: k=42`]);
    } finally {
      ssc.stop(true);
    }
  });

  it('OffsetRange and TopicAndPartition read as pyspark\'s', () => {
    const r = new OffsetRange('t', 1, 5, 9);
    expect([String(r), r.count(), String(r.topicAndPartition())]).toEqual(['OffsetRange(topic: t, partition: 1, range: [5 -> 9])', 4, 't-1']);
    expect(() => new OffsetRange('t', -1, 0, 1)).toThrow('"partition" must be a whole number >= 0');
  });
});
