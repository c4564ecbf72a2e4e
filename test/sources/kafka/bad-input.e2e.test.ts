/**
 * Bad input for a direct stream, against the real broker: a topic that does not exist yet,
 * records that are not UTF-8, offsets deleted by retention before they were read. Each gives
 * one clear message, and nothing that could be read is lost or read twice.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KafkaUtils, ManualClock, SparkContext, StreamingContext, type TsparkError } from '../../../src/index.js';
import { type DirectRun, createTopic, deleteRecordsBefore, kafkaBootstrap, produce, startDirect, uniqueTopic } from '../../support/kafka.js';
import { waitFor } from '../../support/wait.js';

let bootstrap = '';
const runs: DirectRun<unknown>[] = [];

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

afterEach(() => {
  for (const r of runs.splice(0)) r.stop();
});

function start(...args: Parameters<typeof startDirect>): DirectRun<[string | null, string | null]> {
  const r = startDirect<[string | null, string | null]>(...args);
  runs.push(r as DirectRun<unknown>);
  return r;
}

describe('a direct stream meets bad input', () => {
  it('waits for a topic that does not exist, says so once, and reads it from its beginning once made', async () => {
    const topic = uniqueTopic('missing');
    const run = start([topic], { 'bootstrap.servers': bootstrap });
    await waitFor(() => run.err.some((l) => l.includes('does not exist')), 'the missing-topic message', 20_000);
    expect(await run.step()).toEqual([]);
    expect(await run.step()).toEqual([]);
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: 'first' }, { value: 'second' }]);
    expect(await run.step()).toEqual([
      [null, 'first'],
      [null, 'second'],
    ]);
    expect(run.err.filter((l) => l.includes('does not exist'))).toEqual([
      `[kafka ${topic} @ ${bootstrap}] topic "${topic}" does not exist on ${bootstrap}; waiting for it (create it, or produce to it: it will be read from its beginning)\n`,
    ]);
  });

  it('turns bytes that are not UTF-8 into U+FFFD and says once where they were, losing no record', async () => {
    const topic = uniqueTopic('utf8');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: 'ok' }, { value: Buffer.from([0x68, 0xff, 0x69]) }, { value: Buffer.from([0xc3]) }, { value: 'é ok' }]);
    const run = start([topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'smallest' });
    await run.connected();
    expect(await run.step()).toEqual([
      [null, 'ok'],
      [null, 'h\uFFFDi'],
      [null, '\uFFFD'],
      [null, 'é ok'],
    ]);
    const warnings = run.err.filter((l) => l.includes('UTF-8'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`2 records with bytes that are not valid UTF-8 (first: ${topic}-0 offset 1)`);
  });

  it('reports offsets deleted by retention before they were read as a failed batch (ERR_KAFKA_OFFSET_OUT_OF_RANGE), once, and reads on', async () => {
    const topic = uniqueTopic('retention');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: 'a' }, { value: 'b' }]);
    const clock = new ManualClock(0);
    const err: string[] = [];
    const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined, err: (t) => err.push(t) });
    const batches: unknown[][] = [];
    KafkaUtils.createDirectStream(ssc, [topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'smallest' }).foreachRDD((rdd) => void batches.push(rdd.collect()));
    ssc.start();
    try {
      await waitFor(() => ssc.sources()[0]?.state === 'connected', 'connect', 20_000);
      await clock.advance(1000);
      expect(batches).toEqual([
        [
          [null, 'a'],
          [null, 'b'],
        ],
      ]);
      await produce(bootstrap, topic, ['c', 'd', 'e', 'f'].map((value) => ({ value })));
      // Retention deletes c, d and e before the stream reads them.
      await deleteRecordsBefore(bootstrap, topic, 0, 5);
      await clock.advance(1000);
      expect(batches[1]).toEqual([[null, 'f']]);
      await produce(bootstrap, topic, [{ value: 'g' }]);
      await clock.advance(1000);
      expect(batches[2]).toEqual([[null, 'g']]);
      const lost = err.filter((l) => l.includes('deleted by retention'));
      expect(lost).toHaveLength(1);
      expect(lost[0]).toContain(`${topic}-0 offsets 2 to 5 (3 records) were deleted by retention`);
      const e = await ssc.awaitTerminationOrTimeout(0).catch((x: unknown) => x);
      expect((e as TsparkError).cause).toMatchObject({ code: 'ERR_KAFKA_OFFSET_OUT_OF_RANGE' });
    } finally {
      ssc.stop(true);
    }
  });
});
