/**
 * A direct stream and a broker that is not there: down when the stream starts, and going away
 * in the middle of the stream and coming back on the same port (`scripts/services.mjs restart`).
 * The stream says so once, its batches are empty meanwhile, and when the broker is back it reads
 * on from where it stood: nothing lost, nothing read twice. A private broker (its own
 * TSPARK_SERVICES_DIR), so the shared one is never disturbed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DirectRun, createTopic, produce, startDirect, uniqueTopic } from '../../support/kafka.js';
import { runServicesScript } from '../../support/services.js';
import { waitFor } from '../../support/wait.js';
import { tempDir } from '../../support/window-run.js';

const env = { TSPARK_SERVICES_DIR: tempDir('tspark-kafka-outage-') };
let bootstrap = '';
const runs: DirectRun<unknown>[] = [];

async function services(command: 'start' | 'restart' | 'stop'): Promise<string> {
  const r = await runServicesScript([command, 'kafka'], env);
  if (r.code !== 0) throw new Error(`services.mjs ${command} kafka failed:\n${r.stderr}`);
  return r.stdout.split('\n').find((l) => l.startsWith('KAFKA_BOOTSTRAP='))?.slice('KAFKA_BOOTSTRAP='.length) ?? '';
}

/** Kills the private broker with SIGKILL, leaving its state so `restart` brings it back on the same port. */
function killBroker(): void {
  const state = JSON.parse(readFileSync(join(env.TSPARK_SERVICES_DIR, 'kafka', 'state.json'), 'utf8')) as { pid: number };
  process.kill(state.pid, 'SIGKILL');
}

beforeAll(async () => {
  bootstrap = await services('start');
}, 600_000);

afterAll(async () => {
  await services('stop');
}, 120_000);

afterEach(() => {
  for (const r of runs.splice(0)) r.stop();
});

const values = (batches: unknown[][]): unknown[] => batches.flat().map((kv) => (kv as [unknown, unknown])[1]);

describe('a direct stream when the broker is away', () => {
  it('goes away mid-stream and comes back: one message each way, every record read once', async () => {
    const topic = uniqueTopic('outage');
    await createTopic(bootstrap, topic, 2);
    const run = startDirect([topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'smallest', 'request.timeout.ms': '2000' });
    runs.push(run);
    await run.connected();
    await produce(bootstrap, topic, ['a', 'b', 'c'].map((value, i) => ({ value, partition: i % 2 })));
    await run.step();
    // Written, but not read before the broker goes away.
    await produce(bootstrap, topic, ['d', 'e'].map((value, i) => ({ value, partition: i % 2 })));
    const restarting = services('restart');
    let emptyWhileAway = 0;
    let done = false;
    void restarting.finally(() => (done = true));
    while (!done) {
      if ((await run.step()).length === 0) emptyWhileAway++;
    }
    await restarting;
    await produce(bootstrap, topic, ['f', 'g'].map((value, i) => ({ value, partition: i % 2 })));
    for (let i = 0; i < 30 && values(run.batches).length < 7; i++) await run.step();
    expect(values(run.batches).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(emptyWhileAway).toBeGreaterThan(0);
    expect(run.err.filter((l) => l.includes('cannot reach Kafka'))).toHaveLength(1);
    expect(run.err.filter((l) => l.includes('is back'))).toHaveLength(1);
  }, 180_000);

  it('is down when the stream starts: says so once, then reads when it comes up', async () => {
    const topic = uniqueTopic('down');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, [{ value: 'before' }]);
    killBroker();
    const run = startDirect([topic], { 'bootstrap.servers': bootstrap, 'auto.offset.reset': 'smallest', 'request.timeout.ms': '2000' });
    runs.push(run);
    await waitFor(() => run.ssc.sources()[0]?.state === 'retrying', 'the source to say the broker is away', 30_000);
    for (let i = 0; i < 3; i++) expect(await run.step()).toEqual([]);
    await services('restart');
    await produce(bootstrap, topic, [{ value: 'after' }]);
    for (let i = 0; i < 30 && values(run.batches).length < 2; i++) await run.step();
    expect(values(run.batches)).toEqual(['before', 'after']);
    const away = run.err.filter((l) => l.includes('cannot reach Kafka'));
    expect(away).toHaveLength(1);
    expect(away[0]).toMatch(/cannot reach Kafka at 127\.0\.0\.1:\d+ \((ECONNREFUSED|Connection closed)/);
  }, 180_000);
});
