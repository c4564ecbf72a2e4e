// The mqtt streaming source against a real mosquitto (scripts/services.mjs), through the
// data-source contract: offsets, batches by offset range, commits; QoS 1 messages kept across a
// broker restart (clean-session-false subscription) and across a restart of the query.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import type { StreamSource } from '../../../src/sql/sources/contract.js';
import { SystemClock } from '../../../src/engine/clock.js';
import { SourceOptions } from '../../../src/sql/sources/options.js';
import { StringType, StructField, StructType } from '../../../src/sql/types/data-types.js';
import { MessageStore } from '../../../src/sources/mqtt/message-store.js';
import { mqttSourceProvider } from '../../../src/sources/mqtt/provider.js';
import { noSession, readAll } from '../../support/row-partitions.js';
import { runServicesScript, service } from '../../support/services.js';

let shared: string;
const dirs: string[] = [];
const clients: MqttClient[] = [];
const sources: StreamSource[] = [];

beforeAll(async () => {
  shared = await service('mosquitto');
}, 600_000);

afterAll(async () => {
  await Promise.all(sources.map((s) => Promise.resolve(s.stop()).catch(() => undefined)));
  await Promise.all(clients.map((c) => c.endAsync(true)));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'tspark-mqtt-'));
  dirs.push(d);
  return d;
}

/** A source made by the provider as `spark.readStream.format("mqtt")…load(url)` would, with a wake counter to wait on. */
function open(url: string, options: Record<string, string | number | boolean>, checkpoint = tempDir()) {
  const source = mqttSourceProvider.createStreamSource!({
    format: 'mqtt',
    paths: [url],
    options: new SourceOptions(options),
    session: noSession,
    metadataPath: join(checkpoint, 'sources', '0'),
    clock: new SystemClock(),
    warn: () => undefined,
  });
  sources.push(source);
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  /** Resolves once latestOffset reaches `offset` (checked on every wake), or rejects after `ms`. */
  const until = (offset: number, ms = 15_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`latestOffset ${String(source.latestOffset(null, { kind: 'all' }))}, waiting for ${offset}`)), ms);
      const check = () => {
        const latest = source.latestOffset(null, { kind: 'all' });
        if (typeof latest === 'number' && latest >= offset) {
          clearTimeout(timer);
          resolve();
        } else waiters.push(check);
      };
      check();
    });
  return { source, start: () => source.start(wake), until, checkpoint };
}

async function publisher(url: string): Promise<MqttClient> {
  const c = await mqtt.connectAsync(url, { clientId: `pub-${Math.random().toString(16).slice(2)}`, reconnectPeriod: 200 });
  clients.push(c);
  return c;
}

const text = (rows: unknown[][]) => rows.map((r) => Buffer.from(r[2] as Uint8Array).toString());

describe('mqtt source: offsets and batches', () => {
  it('numbers messages from 0, serves a batch by offset range with Bahir\'s columns and qos, and forgets it on commit', async () => {
    const { source, start, until } = open(shared, { topic: 'sensors/+/temp', clientId: `t1-${process.pid}` });
    await start();
    expect(source.latestOffset(null, { kind: 'all' })).toBe(null);
    const pub = await publisher(shared);
    for (let i = 0; i < 5; i++) await pub.publishAsync(`sensors/s${i}/temp`, JSON.stringify({ i }), { qos: 1 });
    await until(4);
    expect(source.schema.simpleString()).toBe('struct<id:int,topic:string,payload:binary,timestamp:timestamp,qos:int>');
    expect(source.latestOffset(null, { kind: 'maxRows', rows: 2 })).toBe(1);
    const rows = readAll(await source.getBatch(null, 4));
    expect(rows.map((r) => r[1])).toEqual(['sensors/s0/temp', 'sensors/s1/temp', 'sensors/s2/temp', 'sensors/s3/temp', 'sensors/s4/temp']);
    expect(text(rows)).toEqual([0, 1, 2, 3, 4].map((i) => JSON.stringify({ i })));
    expect(rows.every((r) => r[4] === 1 && typeof r[0] === 'number' && typeof r[3] === 'number')).toBe(true);
    expect(text(readAll(await source.getBatch(1, 3)))).toEqual(['{"i":2}', '{"i":3}']);
    await source.commit(2);
    expect(text(readAll(await source.getBatch(2, 4)))).toEqual(['{"i":3}', '{"i":4}']);
    expect(() => source.getBatch(0, 4)).toThrow(/no longer has messages 1\.\.4/);
    expect(source.describe()).toBe(`MQTTStreamSource[brokerUrl: ${shared}, topic: sensors/+/temp clientId: t1-${process.pid}]`);
  });

  it('a restarted query finds its uncommitted messages and those the broker kept while it was stopped', async () => {
    const clientId = `t2-${process.pid}`;
    const first = open(shared, { topic: 'restart/#', clientId });
    await first.start();
    const pub = await publisher(shared);
    for (let i = 0; i < 4; i++) await pub.publishAsync('restart/a', `m${i}`, { qos: 1 });
    await first.until(3);
    await first.source.commit(1); // batch 0..1 done; 2..3 fetched but not committed when it stops
    await first.source.stop();
    for (let i = 4; i < 6; i++) await pub.publishAsync('restart/a', `m${i}`, { qos: 1 }); // queued by the broker
    const second = open(shared, { topic: 'restart/#', clientId }, first.checkpoint);
    await second.start();
    await second.until(5);
    expect(text(readAll(await second.source.getBatch(1, 5)))).toEqual(['m2', 'm3', 'm4', 'm5']);
  });
});

describe('mqtt source: a message sent again because its PUBACK was lost', () => {
  it('is acknowledged and kept once while its copy is still uncommitted in the store', async () => {
    const clientId = `t3-${process.pid}`;
    const checkpoint = tempDir();
    // A client with the source's id and session stores nothing and never acknowledges: the
    // message stays the broker's to send again, as when a query stops between store and PUBACK.
    const holder = await mqtt.connectAsync(shared, { clientId, clean: false, reconnectPeriod: 0 });
    const held: Array<{ id: number; topic: string; payload: Buffer }> = [];
    holder.handleMessage = (packet) => {
      held.push({ id: packet.messageId ?? 0, topic: packet.topic, payload: Buffer.from(packet.payload) });
    };
    await holder.subscribeAsync('dup/#', { qos: 1 });
    const pub = await publisher(shared);
    await pub.publishAsync('dup/a', 'm0', { qos: 1 });
    const deadline = Date.now() + 15_000;
    while (held.length === 0) {
      if (Date.now() > deadline) throw new Error('the holder never received m0');
      await new Promise((r) => setTimeout(r, 20));
    }
    // The query had stored it (under offset 0) before it stopped.
    const store = MessageStore.open(join(checkpoint, 'sources', '0', 'mqtt-messages'), false);
    store.append({ ...held[0]!, timestamp: Date.now() * 1000, qos: 1 });
    store.close();
    await holder.endAsync(true);

    const again = open(shared, { topic: 'dup/#', clientId }, checkpoint);
    await again.start();
    await pub.publishAsync('dup/a', 'm1', { qos: 1 });
    await again.until(1);
    expect(text(readAll(await again.source.getBatch(null, 1)))).toEqual(['m0', 'm1']);
    expect(again.source.latestOffset(null, { kind: 'all' })).toBe(1);
  });
});

describe('mqtt source: a broker restart mid-stream (own mosquitto)', () => {
  let stateDir: string;
  let own: string;

  beforeAll(async () => {
    stateDir = tempDir();
    const started = await runServicesScript(['start', 'mosquitto'], { TSPARK_SERVICES_DIR: stateDir }, 120_000);
    expect(started.code, started.stderr).toBe(0);
    own = started.stdout.trim().replace(/^MQTT_URL=/, '');
  }, 120_000);

  afterAll(async () => {
    await runServicesScript(['stop', 'all'], { TSPARK_SERVICES_DIR: stateDir });
  });

  it('loses no QoS 1 message: those sent while it reconnects arrive after, in order', async () => {
    const { source, start, until } = open(own, { topic: 'sensors/#', clientId: `restart-${process.pid}` });
    await start();
    const pub = await publisher(own);
    for (let i = 0; i < 50; i++) await pub.publishAsync('sensors/s1/temp', String(i), { qos: 1 });
    await until(49);
    const restarted = await runServicesScript(['restart', 'mosquitto'], { TSPARK_SERVICES_DIR: stateDir }, 60_000);
    expect(restarted.code, restarted.stderr).toBe(0);
    // The source reconnects after its 1 s reconnect period: these wait in its session meanwhile.
    const again = await publisher(own);
    for (let i = 50; i < 100; i++) await again.publishAsync('sensors/s1/temp', String(i), { qos: 1 });
    await until(99, 30_000);
    expect(text(readAll(await source.getBatch(null, 99))).map(Number)).toEqual(Array.from({ length: 100 }, (_, i) => i));
  }, 60_000);
});

describe('mqtt source: mistakes', () => {
  it('a broker that is down: FAILED_MQTT.CONNECT at start, saying what to start', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const { start } = open(`tcp://127.0.0.1:${port}`, { topic: 'x' });
    const e = await Promise.resolve(start()).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(SparkError);
    expect((e as SparkError).errorClass).toBe('FAILED_MQTT.CONNECT');
    expect((e as SparkError).message).toContain('node scripts/services.mjs start mosquitto');
  });

  it.each([
    [{}, 'Please specify a topic, by .options("topic",...)'],
    [{ topic: 't', QoS: 3 }, 'option "QoS" must be 0, 1 or 2; got 3'],
    [{ topic: 't', persistence: 'disk' }, 'option "persistence" must be one of file, memory'],
    [{ topic: 't', qos_: 1 }, 'mqtt: unknown option "qos_"'],
  ])('checks options with Bahir\'s messages: %j', (options, message) => {
    expect(() => open(shared, options)).toThrow(message);
  });

  it('refuses a user schema, as Bahir does', () => {
    expect(() =>
      mqttSourceProvider.createStreamSource!({ format: 'mqtt', paths: [shared], options: new SourceOptions({ topic: 't' }), session: noSession, metadataPath: tempDir(), clock: new SystemClock(), warn: () => undefined, userSchema: new StructType([new StructField('value', new StringType())]) }),
    ).toThrow('The mqtt source does not support a user-specified schema.');
  });
});
