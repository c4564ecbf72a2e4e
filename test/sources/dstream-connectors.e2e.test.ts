// The DStream side of the connectors against real servers: MQTTUtils.createStream (Bahir's
// pyspark spelling) fed by a real mosquitto, and foreachRDD writing through saveToJdbc and
// saveToRedis (a pooled connection per process, one per partition, batched statements). Batches
// are stepped with the ManualClock; the test waits for the broker's messages, not for time.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import mqtt, { type MqttClient } from 'mqtt';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, MQTTUtils, SparkContext, StreamingContext, closeConnectorConnections, saveToJdbc, saveToRedis } from '../../src/index.js';
import { service } from '../support/services.js';

let mqttUrl: string;
let pgUrl: string;
let redisUrl: string;
const dir = mkdtempSync(join(tmpdir(), 'tspark-dstream-connectors-'));
const clients: MqttClient[] = [];
let ssc: StreamingContext | undefined;

beforeAll(async () => {
  [mqttUrl, pgUrl, redisUrl] = await Promise.all([service('mosquitto'), service('postgres'), service('redis')]);
}, 600_000);

afterEach(() => {
  ssc?.stop(true);
  ssc = undefined;
});

afterAll(async () => {
  closeConnectorConnections();
  await Promise.all(clients.map((c) => c.endAsync(true)));
  rmSync(dir, { recursive: true, force: true });
});

function context(): { ssc: StreamingContext; clock: ManualClock } {
  const clock = new ManualClock();
  const sc = new SparkContext('local[2]', 'connectors');
  ssc = new StreamingContext(sc, 1, { clock });
  return { ssc, clock };
}

/** Resolves when `ssc`'s source status says `state` (the receiver reports its connection). */
function sourceState(s: StreamingContext, state: string, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`source never ${state}`)), ms);
    const off = s.events.on((e) => {
      if (e.type === 'sourceStatus' && e.source.state === state) {
        clearTimeout(timer);
        off();
        resolve();
      }
    });
  });
}

/** Resolves once the first source has received `n` records (the broker's delivery, checked every 20 ms). */
function received(s: StreamingContext, n: number, ms = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const got = s.sources()[0]?.recordsReceived ?? 0;
      if (got >= n || Date.now() - started > ms) {
        clearInterval(timer);
        if (got >= n) resolve();
        else reject(new Error(`received ${got} of ${n} records`));
      }
    }, 20);
  });
}

describe('MQTTUtils.createStream', () => {
  it('is a DStream of payloads; a windowed average per sensor reaches SQLite through saveToJdbc', async () => {
    const { ssc: s, clock } = context();
    const file = join(dir, 'iot.db');
    const seen: string[][] = [];
    const readings = MQTTUtils.createStream(s, mqttUrl.replace('mqtt://', 'tcp://'), 'sensors/+/reading').map((p) => JSON.parse(p) as { sensor: string; value: number });
    const sums = readings.map((r): [string, [number, number]] => [r.sensor, [r.value, 1]]).reduceByKey((a, b): [number, number] => [a[0] + b[0], a[1] + b[1]]);
    const averages = sums.mapValues(([sum, n]) => sum / n);
    averages.foreachRDD((rdd) => void seen.push(rdd.collect().map(([k, v]) => `${k}=${v}`).sort()));
    averages.foreachRDD(saveToJdbc({ url: `jdbc:sqlite:${file}`, dbtable: 'averages', upsertKeys: 'sensor' }, ['sensor', 'average']));
    const connected = sourceState(s, 'connected');
    s.start();
    await connected;
    const pub = await mqtt.connectAsync(mqttUrl, { clientId: `iot-pub-${process.pid}` });
    clients.push(pub);
    for (const [sensor, value] of [['s1', 20], ['s1', 22], ['s2', 10], ['s2', 14]] as const) {
      await pub.publishAsync(`sensors/${sensor}/reading`, JSON.stringify({ sensor, value }), { qos: 1 });
    }
    await received(s, 4);
    await clock.advance(1000);
    expect(seen.at(-1)).toEqual(['s1=21', 's2=12']);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('select sensor, average from averages order by sensor').raw(true).all()).toEqual([['s1', 21], ['s2', 12]]);
    db.close();
  });
});

describe('MQTTUtils.createStream: payloads that are not UTF-8 or not JSON', () => {
  it('reports bytes that are not UTF-8 once (they become U+FFFD), fails only the batch whose JSON.parse fails, and the next batch runs', async () => {
    const clock = new ManualClock();
    let err = '';
    ssc = new StreamingContext(new SparkContext('local[2]', 'connectors-bad'), 1, { clock, err: (t) => (err += t) });
    const s = ssc;
    const topic = `bad-${process.pid}`;
    const seen: string[][] = [];
    MQTTUtils.createStream(s, mqttUrl, `${topic}/#`)
      .map((p) => JSON.parse(p) as { sensor: string; value: number })
      .map((r) => `${r.sensor}=${r.value}`)
      .foreachRDD((rdd) => void seen.push(rdd.collect().sort()));
    const connected = sourceState(s, 'connected');
    s.start();
    await connected;
    const pub = await mqtt.connectAsync(mqttUrl, { clientId: `bad-pub-${process.pid}` });
    clients.push(pub);
    await pub.publishAsync(`${topic}/s1`, JSON.stringify({ sensor: 's1', value: 1 }), { qos: 1 });
    await pub.publishAsync(`${topic}/s2`, Buffer.from([0xff, 0xfe, 0x7b]), { qos: 1 });
    await received(s, 2);
    await clock.advance(1000);
    // The batch with the payload that is not JSON fails (reported with its time); nothing of it reaches the output.
    expect(seen).toEqual([]);
    expect(err).toContain(`1 MQTT payload on ${topic}/s2 was not valid UTF-8; the bad bytes became U+FFFD`);
    expect(err).toMatch(/SyntaxError/);
    await pub.publishAsync(`${topic}/s3`, JSON.stringify({ sensor: 's3', value: 3 }), { qos: 1 });
    await received(s, 3);
    await clock.advance(1000);
    expect(seen).toEqual([['s3=3']]);
    expect(s.state).toBe('ACTIVE');
  });
});

describe('saveToJdbc and saveToRedis in foreachRDD', () => {
  it('writes each batch through a pooled connection per partition, upserting running totals in PostgreSQL and Redis', async () => {
    const { ssc: s, clock } = context();
    s.checkpoint(join(dir, 'cp'));
    const table = `totals_${process.pid}`;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(`drop table if exists ${table}`);
    const queue: string[][] = [['a b a'], ['b c'], []];
    const totals = s
      .queueStream(queue)
      .flatMap((l) => l.split(' '))
      .map((w): [string, number] => [w, 1])
      .updateStateByKey((vs: number[], t: number | undefined) => vs.reduce((x, y) => x + y, t ?? 0));
    totals.foreachRDD(saveToJdbc({ url: pgUrl, dbtable: table, upsertKeys: 'word' }, ['word', 'total']));
    totals.foreachRDD(saveToRedis({ url: redisUrl, table, 'key.column': 'word' }, ['word', 'total']));
    s.start();
    await clock.advance(3000);
    const rows = await client.query<{ word: string; total: string }>(`select word, total from ${table} order by word`);
    expect(rows.rows).toEqual([{ word: 'a', total: '2' }, { word: 'b', total: '2' }, { word: 'c', total: '1' }]);
    const redis = new Redis(redisUrl);
    expect(await redis.hgetall(`${table}:b`)).toEqual({ total: '2' });
    redis.disconnect();
    await client.end();
  });
});
