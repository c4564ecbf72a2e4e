/** `tspark feed --kafka B --topic T <demo>` produces the demo's lines into a real Kafka topic. */
import { PassThrough } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { feedCommand, parseFeedArgs } from '../../src/tools/feed-command.js';
import { freePort } from '../support/net.js';
import { kafkaBootstrap, readTopic, uniqueTopic } from '../support/kafka.js';

let bootstrap = '';
beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
}, 600_000);

function runFeed(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exit = feedCommand(argv, { stdin: new PassThrough(), stdout, stderr, signal: new AbortController().signal });
  return { exit, out: () => out, err: () => err };
}

describe('tspark feed --kafka', () => {
  it('produces the trips demo into a topic it makes, the same lines as --stdout', async () => {
    const topic = uniqueTopic('trips');
    const args = ['trips', '--count', '40', '--seed', '3', '--start', '2014-08-01T00:00:00Z', '--rate', 'max'];
    const toKafka = runFeed([...args, '--kafka', bootstrap, '--topic', topic, '--partitions', '2']);
    expect(await toKafka.exit).toBe(0);
    expect(toKafka.err()).toContain(`producing trips into Kafka topic "${topic}" at ${bootstrap}`);
    const local = runFeed([...args, '--stdout']);
    expect(await local.exit).toBe(0);
    const records = await readTopic(bootstrap, topic);
    expect(new Set(records.map((r) => r.partition)).size).toBeLessThanOrEqual(2);
    expect(records.map((r) => r.value).sort()).toEqual(local.out().split('\n').slice(0, -1).sort());
    expect(records[0]?.value).toMatch(/^2014-08-01 00:00:00,40\.\d+,-7\d\.\d+,B0\d+$/);
  }, 60_000);

  it('says so in one line when the broker cannot be reached', async () => {
    const port = await freePort();
    const r = runFeed(['words', '--count', '3', '--kafka', `127.0.0.1:${port}`, '--topic', 'words']);
    expect(await r.exit).toBe(1);
    expect(r.err()).toMatch(new RegExp(`^tspark feed: cannot reach Kafka at 127\\.0\\.0\\.1:${port} \\(.*\\); is the broker running\\?\\n$`));
  }, 60_000);

  it.each([
    [['words', '--kafka', 'localhost'], '--kafka must be host:port of a broker (e.g. localhost:9092); got "localhost"'],
    [['words', '--kafka', 'localhost:9092'], '--kafka needs --topic T: the topic to produce into'],
    [['words', '--topic', 't'], '--topic goes with --kafka host:port or --mqtt URL (where the broker is)'],
    [['words', '--kafka', 'localhost:9092', '--topic', 'a b'], '--topic must be a Kafka topic name'],
    [['words', '--kafka', 'localhost:9092', '--topic', 't', '--partitions', '0'], '--partitions must be a whole number >= 1; got "0"'],
  ])('refuses %j', (argv, message) => {
    expect(parseFeedArgs(argv)).toEqual(expect.stringContaining(message));
  });
});
