// A real mosquitto (scripts/services.mjs start mosquitto) used with mqtt (MQTT.js 5), the client
// the MQTT source will use: QoS 1 delivery, and a clean-session-false subscription whose queued
// QoS 1 messages survive a broker restart (the broker's persistence directory).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServicesScript, service } from '../support/services.js';

let url: string;
const clients: MqttClient[] = [];

beforeAll(async () => {
  url = await service('mosquitto');
}, 600_000);

afterAll(async () => {
  await Promise.all(clients.map((c) => c.endAsync(true)));
});

/** Connects, remembering the client so afterAll closes it; messages go to `onMessage` from the first packet on. */
function open(address: string, options: IClientOptions, onMessage?: (topic: string, payload: Buffer, qos: number) => void): Promise<MqttClient> {
  const client = mqtt.connect(address, { reconnectPeriod: 0, connectTimeout: 5000, ...options });
  clients.push(client);
  if (onMessage) client.on('message', (topic, payload, packet) => onMessage(topic, payload, packet.qos));
  return new Promise((resolve, reject) => {
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

/** Resolves once `received` holds `count` entries (checked on each message), or rejects after `ms`. */
function until(received: unknown[], count: number, client: MqttClient, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`received ${received.length} of ${count} messages`)), ms);
    const check = (): void => {
      if (received.length >= count) {
        clearTimeout(timer);
        client.off('message', check);
        resolve();
      }
    };
    client.on('message', check);
    check();
  });
}

describe('mosquitto (real broker)', () => {
  it('prints a loopback mqtt:// URL', () => {
    expect(url).toMatch(/^mqtt:\/\/127\.0\.0\.1:\d+$/);
  });

  it('delivers QoS 1 sensor readings to a wildcard subscriber in order (MQTT 5)', async () => {
    const received: { topic: string; reading: unknown; qos: number }[] = [];
    const sub = await open(url, { protocolVersion: 5, clientId: `sub-${process.pid}` }, (topic, payload, qos) =>
      received.push({ topic, reading: JSON.parse(payload.toString()), qos }),
    );
    await sub.subscribeAsync('sensors/+/temp', { qos: 1 });
    const pub = await open(url, { protocolVersion: 5, clientId: `pub-${process.pid}` });
    for (let i = 0; i < 20; i++) await pub.publishAsync(`sensors/s${i % 4}/temp`, JSON.stringify({ i, celsius: 20 + i / 10 }), { qos: 1 });
    await until(received, 20, sub);
    expect(received.map((r) => (r.reading as { i: number }).i)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(received.every((r) => r.qos === 1)).toBe(true);
    expect(received[5]).toEqual({ topic: 'sensors/s1/temp', reading: { i: 5, celsius: 20.5 }, qos: 1 });
  });

  describe('a clean-session-false subscriber across a broker restart (own broker)', () => {
    let stateDir: string;
    let own: string;

    beforeAll(async () => {
      stateDir = mkdtempSync(join(tmpdir(), 'tspark-mqtt-test-'));
      const started = await runServicesScript(['start', 'mosquitto'], { TSPARK_SERVICES_DIR: stateDir }, 120_000);
      expect(started.code, started.stderr).toBe(0);
      own = started.stdout.trim().replace(/^MQTT_URL=/, '');
    }, 120_000);

    afterAll(async () => {
      await runServicesScript(['stop', 'all'], { TSPARK_SERVICES_DIR: stateDir });
      rmSync(stateDir, { recursive: true, force: true });
    });

    it('gets the QoS 1 messages published while it was away, after mosquitto restarted', async () => {
      const session = { protocolVersion: 4, clean: false, clientId: `durable-${process.pid}` } as const;
      const first = await open(own, session);
      await first.subscribeAsync('sensors/#', { qos: 1 });
      await first.endAsync();

      const pub = await open(own, { protocolVersion: 4, clientId: `pub2-${process.pid}` });
      for (let i = 0; i < 5; i++) await pub.publishAsync('sensors/s9/temp', `reading-${i}`, { qos: 1 });
      await pub.endAsync();

      const restarted = await runServicesScript(['restart', 'mosquitto'], { TSPARK_SERVICES_DIR: stateDir }, 60_000);
      expect(restarted.code, restarted.stderr).toBe(0);
      expect(restarted.stdout.trim()).toBe(`MQTT_URL=${own}`); // same port

      const received: string[] = [];
      const again = await open(own, session, (_topic, payload) => received.push(payload.toString()));
      await until(received, 5, again);
      expect(received).toEqual(['reading-0', 'reading-1', 'reading-2', 'reading-3', 'reading-4']);
    }, 60_000);
  });
});
