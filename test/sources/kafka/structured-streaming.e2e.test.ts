/**
 * `spark.readStream.format("kafka")` through the real Structured Streaming engine (a session on
 * a ManualClock; triggers run by processAllAvailable), against the real broker: the tutorials'
 * `selectExpr("CAST(value AS STRING)")` to the console, `startingOffsets` latest kept in the
 * checkpoint across a restart, `maxOffsetsPerTrigger`, and Trigger.AvailableNow.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DataFrame } from '../../../src/sql/index.js';
import { createTopic, kafkaBootstrap, produce, uniqueTopic } from '../../support/kafka.js';
import { type TestSession, tempDir, testSession } from '../../sql/streaming/support/streaming.js';

let bootstrap = '';
let t: TestSession | undefined;

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

afterEach(() => {
  t?.stop();
  t = undefined;
});

const values = (...vs: string[]): Array<{ value: string; partition: number }> => vs.map((value) => ({ value, partition: 0 }));

describe('readStream.format("kafka") in the engine', () => {
  it('prints CAST(value AS STRING) to the console, batch by batch', async () => {
    const topic = uniqueTopic('ss-console');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, values('apache spark', 'apache kafka'));
    t = testSession();
    const df = t.spark.readStream.format('kafka').option('kafka.bootstrap.servers', bootstrap).option('subscribe', topic).option('startingOffsets', 'earliest').load();
    expect(df.isStreaming).toBe(true);
    expect(df.columns).toEqual(['key', 'value', 'topic', 'partition', 'offset', 'timestamp', 'timestampType']);
    const q = df.selectExpr('CAST(value AS STRING)').writeStream.format('console').start();
    await q.processAllAvailable();
    await produce(bootstrap, topic, values('hello'));
    await q.processAllAvailable();
    expect(q.lastProgress?.sources[0]?.description).toBe(`KafkaV2[Subscribe[${topic}]]`);
    expect(q.lastProgress?.sources[0]?.endOffset).toEqual({ [topic]: { '0': 3 } });
    await q.stop();
    const batch = (n: number, rows: string[], width: number): string =>
      [`-------------------------------------------`, `Batch: ${n}`, `-------------------------------------------`, `+${'-'.repeat(width)}+`, `|${'value'.padStart(width)}|`, `+${'-'.repeat(width)}+`, ...rows.map((r) => `|${r.padStart(width)}|`), `+${'-'.repeat(width)}+`, '', ''].join('\n');
    expect(t.out).toBe(batch(0, ['apache spark', 'apache kafka'], 12) + batch(1, ['hello'], 5));
  }, 60_000);

  it('starts at latest by default and keeps that start in the checkpoint for a restart', async () => {
    const topic = uniqueTopic('ss-latest');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, values('before'));
    const checkpoint = join(tempDir(), 'chk');
    const session = testSession();
    t = session;
    const read = (): DataFrame => session.spark.readStream.format('kafka').option('kafka.bootstrap.servers', bootstrap).option('subscribe', topic).load();
    const first = read().selectExpr('CAST(value AS STRING) AS v').writeStream.format('memory').queryName('latest_first').option('checkpointLocation', checkpoint).start();
    await first.processAllAvailable();
    await first.stop();
    // Spark's initial offset log: the offsets "latest" meant when the query first started.
    expect(readFileSync(join(checkpoint, 'sources', '0', '0'), 'utf8')).toBe(`v1\n{"${topic}":{"0":1}}`);
    await produce(bootstrap, topic, values('after'));
    // A restart (batch 0 done, nothing after it) reads from there, not from a newer "latest".
    const second = read().selectExpr('CAST(value AS STRING) AS v').writeStream.format('memory').queryName('latest_second').option('checkpointLocation', checkpoint).start();
    await second.processAllAvailable();
    await second.stop();
    expect(session.spark.sql('SELECT v FROM latest_first').collect().map((r) => r['v'])).toEqual([]);
    expect(session.spark.sql('SELECT v FROM latest_second').collect().map((r) => r['v'])).toEqual(['after']);
  }, 60_000);

  it('takes at most maxOffsetsPerTrigger a batch, and Trigger.AvailableNow stops at the end it found', async () => {
    const topic = uniqueTopic('ss-limit');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, values('a', 'b', 'c', 'd', 'e'));
    t = testSession();
    const df = t.spark.readStream.format('kafka').option('kafka.bootstrap.servers', bootstrap).option('subscribe', topic).option('startingOffsets', 'earliest').option('maxOffsetsPerTrigger', 2).load();
    const q = df.selectExpr('CAST(value AS STRING) AS v').writeStream.format('memory').queryName('limited').start();
    await q.processAllAvailable();
    expect(q.recentProgress.map((p) => p.numInputRows)).toEqual([2, 2, 1]);
    // Progress' latestOffset is the partition's end, past the limit (Spark's reportLatestOffset).
    expect(q.recentProgress[0]?.sources[0]?.latestOffset).toEqual({ [topic]: { '0': 5 } });
    await q.stop();

    const now = t.spark.readStream.format('kafka').option('kafka.bootstrap.servers', bootstrap).option('subscribe', topic).option('startingOffsets', 'earliest').option('maxOffsetsPerTrigger', 2).load();
    const once = now.selectExpr('CAST(value AS STRING) AS v').writeStream.format('memory').queryName('available_now').trigger({ availableNow: true }).start();
    // Each trigger is due at once; the ManualClock runs it when stepped. A record written after
    // the first trigger is past the end AvailableNow fixed at the start.
    await t.clock.advance(1);
    await produce(bootstrap, topic, values('f'));
    for (let i = 0; i < 20 && once.isActive; i++) await t.clock.advance(1);
    expect(once.isActive).toBe(false);
    expect(once.exception()).toBeNull();
    expect(once.recentProgress.map((p) => p.numInputRows)).toEqual([2, 2, 1]);
    expect(t.spark.sql('SELECT v FROM available_now').collect().map((r) => r['v'])).toEqual(['a', 'b', 'c', 'd', 'e']);
  }, 60_000);
});
