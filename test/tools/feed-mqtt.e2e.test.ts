// `tspark feed --mqtt URL sensors` against a real mosquitto: the sensors demo's lines published
// on sensors/<sensor>/<type>, all of them (QoS 1), and clear messages for the mistakes.
import { PassThrough } from 'node:stream';
import { createServer } from 'node:net';
import mqtt from 'mqtt';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedCommand, parseFeedArgs } from '../../src/tools/feed-command.js';
import { defaultTopic, topicFor } from '../../src/tools/feed-mqtt.js';
import { service } from '../support/services.js';

let url: string;
beforeAll(async () => {
  url = await service('mosquitto');
}, 600_000);

function runFeed(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = feedCommand(argv, { stdin: new PassThrough(), stdout, stderr });
  return { exit, err: () => err };
}

describe('tspark feed --mqtt', () => {
  it('publishes every line of the sensors demo on sensors/<sensor>/<type>', async () => {
    const sub = await mqtt.connectAsync(url, { clientId: `feed-sub-${process.pid}` });
    const got: { topic: string; reading: { sensor: string; type: string } }[] = [];
    sub.on('message', (topic, payload) => got.push({ topic, reading: JSON.parse(payload.toString()) as { sensor: string; type: string } }));
    await sub.subscribeAsync('sensors/+/+', { qos: 1 });
    const r = runFeed(['--mqtt', url.replace('mqtt://', 'tcp://'), '--rate', 'max', '--count', '40', '--seed', '3', 'sensors']);
    expect(await r.exit).toBe(0);
    expect(r.err()).toContain('topic sensors/{sensor}/{type}, QoS 1');
    expect(r.err()).toContain('published 40 lines');
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`got ${got.length} of 40`)), 10_000);
      const check = () => (got.length >= 40 ? (clearTimeout(t), resolve()) : setTimeout(check, 20));
      check();
    });
    await sub.endAsync();
    expect(got.every((m) => m.topic === `sensors/${m.reading.sensor}/${m.reading.type}`)).toBe(true);
    expect(new Set(got.map((m) => m.reading.sensor)).size).toBeGreaterThan(3);
  });

  it('says how to start a broker when none answers', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const r = runFeed(['--mqtt', `mqtt://127.0.0.1:${port}`, '--count', '1', 'sensors']);
    expect(await r.exit).toBe(1);
    expect(r.err()).toContain('node scripts/services.mjs start mosquitto');
  });

  it.each([
    [['--mqtt', 'localhost:1883', 'sensors'], '--mqtt must be a broker URL such as mqtt://localhost:1883'],
    [['--mqtt', 'mqtt://h:1', '--topic', 'a/#', 'sensors'], '--topic must be a topic name without wildcards'],
    [['--topic', 'a', 'sensors'], '--topic goes with --kafka host:port or --mqtt URL (where the broker is)'],
    [['--mqtt', 'mqtt://h:1', '--stdout', 'sensors'], 'give --mqtt or --stdout, not both'],
  ])('refuses %j', (argv, message) => {
    expect(parseFeedArgs(argv)).toContain(message);
  });

  it('fills topic templates from JSON lines', () => {
    expect(defaultTopic('sensors')).toBe('sensors/{sensor}/{type}');
    expect(defaultTopic('words')).toBe('tspark/words');
    expect(topicFor('sensors/{sensor}/{type}', '{"sensor":"s-1","type":"co2"}')).toBe('sensors/s-1/co2');
    expect(topicFor('x/{nope}', 'not json')).toBe('x/unknown');
    expect(topicFor('x/{a}', '{"a":"b/c#"}')).toBe('x/b_c_');
  });
});
