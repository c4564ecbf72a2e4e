/**
 * `spark.readStream.format("mqtt")` through the real engine (a ManualClock session; batches run
 * by processAllAvailable) against a real mosquitto: a query stopped and started again on its
 * checkpoint gets what was published meanwhile and nothing twice; QoS 1 messages published
 * while the broker restarts reach the query; a payload that is not JSON (or not UTF-8) under
 * from_json's FAILFAST stops the query with Spark's error, its batch uncommitted, and the query
 * restarted (PERMISSIVE) runs that batch again from the source's store, losing nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import { type DataFrame, type StreamingQuery, functions as F } from '../../../src/sql/index.js';
import { runServicesScript, service } from '../../support/services.js';
import { type TestSession, testSession } from '../../sql/streaming/support/streaming.js';

let shared: string;
const dirs: string[] = [];
const clients: MqttClient[] = [];
let t: TestSession | undefined;

beforeAll(async () => {
  shared = await service('mosquitto');
}, 600_000);

afterEach(async () => {
  for (const q of t?.spark.streams.active ?? []) await q.stop();
  t?.stop();
  t = undefined;
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function checkpoint(): string {
  const d = mkdtempSync(join(tmpdir(), 'tspark-mqtt-query-'));
  dirs.push(d);
  return join(d, 'chk');
}

async function publisher(url: string): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { clientId: `pub-${Math.random().toString(16).slice(2)}`, reconnectPeriod: 200 });
  clients.push(c);
  return c;
}

/** Each batch's rows by batch id: a batch run again replaces its rows, as an idempotent sink would. */
class Batches {
  readonly byId = new Map<number, string[]>();
  readonly sink = (df: DataFrame, batchId: number): void => {
    this.byId.set(batchId, df.collect().map((r) => String(r.value)));
  };
  all(): string[] {
    return [...this.byId.keys()].sort((a, b) => a - b).flatMap((id) => this.byId.get(id)!);
  }
}

/** Runs batches until `n` values have arrived (the broker delivers on its own time: bounded polling on real I/O). */
async function drain(q: StreamingQuery, b: Batches, n: number, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    await q.processAllAvailable();
    if (b.all().length >= n) return;
    if (Date.now() > deadline) throw new Error(`${b.all().length} of ${n} values after ${ms} ms: ${JSON.stringify(b.all().slice(-5))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Until the source has subscribed the broker keeps nothing for it: a retained-free probe loop. */
async function untilSubscribed(q: StreamingQuery, b: Batches, pub: MqttClient, topic: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (b.all().length === 0) {
    if (Date.now() > deadline) throw new Error('the query never received the probe');
    await pub.publishAsync(topic, 'probe', { qos: 1 });
    await new Promise((r) => setTimeout(r, 100));
    await q.processAllAvailable();
  }
}

function payloads(url: string, topic: string): DataFrame {
  return t!.spark.readStream.format('mqtt').option('topic', topic).load(url).select(F.col('payload').cast('string').alias('value'));
}

function startText(url: string, topic: string, chk: string, b: Batches): StreamingQuery {
  return payloads(url, topic).writeStream.option('checkpointLocation', chk).foreachBatch(b.sink).start();
}

describe('mqtt query: restart on its checkpoint', () => {
  it('gets what was published while it was stopped, and nothing twice', async () => {
    t = testSession();
    const topic = `mq-restart-${process.pid}`;
    const chk = checkpoint();
    const b = new Batches();
    const pub = await publisher(shared);
    const first = startText(shared, `${topic}/#`, chk, b);
    await untilSubscribed(first, b, pub, `${topic}/probe`);
    const probes = b.all().length;
    for (let i = 0; i < 10; i++) await pub.publishAsync(`${topic}/a`, `m${i}`, { qos: 1 });
    await drain(first, b, probes + 10);
    await first.stop();
    for (let i = 10; i < 20; i++) await pub.publishAsync(`${topic}/a`, `m${i}`, { qos: 1 }); // kept by the broker for the query's session
    const lastBatch = Math.max(...b.byId.keys());

    const second = startText(shared, `${topic}/#`, chk, b);
    await drain(second, b, probes + 20);
    expect(b.all().filter((v) => v !== 'probe')).toEqual(Array.from({ length: 20 }, (_, i) => `m${i}`));
    expect(Math.min(...second.recentProgress.map((p) => p.batchId))).toBe(lastBatch + 1);
    expect(second.id).toBe(first.id);
  });
});

describe('mqtt query: a broker restart mid-stream (own mosquitto)', () => {
  let stateDir: string;
  let own: string;

  beforeAll(async () => {
    stateDir = mkdtempSync(join(tmpdir(), 'tspark-mqtt-query-broker-'));
    dirs.push(stateDir);
    const started = await runServicesScript(['start', 'mosquitto'], { TSPARK_SERVICES_DIR: stateDir }, 120_000);
    expect(started.code, started.stderr).toBe(0);
    own = started.stdout.trim().replace(/^MQTT_URL=/, '');
  }, 120_000);

  afterAll(async () => {
    await runServicesScript(['stop', 'all'], { TSPARK_SERVICES_DIR: stateDir });
  });

  it('loses no QoS 1 message: those published while it reconnects arrive in later batches, in order', async () => {
    t = testSession();
    const b = new Batches();
    const pub = await publisher(own);
    const q = startText(own, 'sensors/#', checkpoint(), b);
    await untilSubscribed(q, b, pub, 'sensors/probe');
    const probes = b.all().length;
    for (let i = 0; i < 50; i++) await pub.publishAsync('sensors/s1/temp', String(i), { qos: 1 });
    await drain(q, b, probes + 50);
    const restarted = await runServicesScript(['restart', 'mosquitto'], { TSPARK_SERVICES_DIR: stateDir }, 60_000);
    expect(restarted.code, restarted.stderr).toBe(0);
    const again = await publisher(own);
    for (let i = 50; i < 100; i++) await again.publishAsync('sensors/s1/temp', String(i), { qos: 1 });
    await drain(q, b, probes + 100);
    expect(q.exception()).toBeNull();
    expect(b.all().filter((v) => v !== 'probe').map(Number)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  }, 60_000);
});

describe('mqtt query: payloads that are not JSON', () => {
  it('FAILFAST stops the query at its batch; restarted PERMISSIVE, that batch runs again from the store and nothing is lost', async () => {
    t = testSession();
    const topic = `mq-bad-${process.pid}`;
    const chk = checkpoint();
    const b = new Batches();
    const pub = await publisher(shared);
    const readings = (mode: string): DataFrame =>
      t!.spark.readStream
        .format('mqtt')
        .option('topic', `${topic}/#`)
        .load(shared)
        .select(F.from_json(F.col('payload').cast('string'), 'sensor STRING, value DOUBLE', { mode }).alias('r'))
        .select(F.concat_ws('=', F.col('r.sensor'), F.col('r.value')).alias('value'));
    const first = readings('FAILFAST').writeStream.option('checkpointLocation', chk).foreachBatch(b.sink).start();
    // The probe is a reading here.
    const deadline = Date.now() + 30_000;
    while (b.all().length === 0) {
      if (Date.now() > deadline) throw new Error('the query never received the first reading');
      await pub.publishAsync(`${topic}/s0`, JSON.stringify({ sensor: 's0', value: 1 }), { qos: 1 });
      await new Promise((r) => setTimeout(r, 100));
      await first.processAllAvailable();
    }
    const before = b.all().length;
    await pub.publishAsync(`${topic}/s1`, JSON.stringify({ sensor: 's1', value: 2.5 }), { qos: 1 });
    await pub.publishAsync(`${topic}/s2`, Buffer.from([0xff, 0xfe, 0x7b]), { qos: 1 });
    await pub.publishAsync(`${topic}/s3`, 'not json', { qos: 1 });
    await pub.publishAsync(`${topic}/s4`, JSON.stringify({ sensor: 's4', value: 4 }), { qos: 1 });
    const failDeadline = Date.now() + 30_000;
    while (first.exception() === null) {
      if (Date.now() > failDeadline) throw new Error('the query did not fail on the payload that is not JSON');
      await first.processAllAvailable().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 20));
    }
    const cause = first.exception()!.cause;
    expect(cause).toBeInstanceOf(SparkError);
    expect((cause as SparkError).errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
    expect(first.exception()!.message).toContain("Parse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.");
    // The failed batch (the last with offsets; s1 may have come in a batch before it) has no commit.
    const failed = Math.max(...readdirSync(join(chk, 'offsets')).filter((f) => /^\d+$/.test(f)).map(Number));
    expect(existsSync(join(chk, 'commits', String(failed)))).toBe(false);
    expect(b.byId.has(failed)).toBe(false);

    const second = readings('PERMISSIVE').where('value IS NOT NULL AND value != ""').writeStream.option('checkpointLocation', chk).foreachBatch(b.sink).start();
    await drain(second, b, before + 2);
    expect(second.recentProgress[0]?.batchId).toBe(failed);
    expect(b.all().slice(before)).toEqual(['s1=2.5', 's4=4.0']);
  });
});
