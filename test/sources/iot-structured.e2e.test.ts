// examples/iot-sensors.ts (Structured Streaming) run by `tspark run` against a real mosquitto:
// JSON readings published over MQTT become 10 s windows sliding by 5 s per sensor, with a 10 s
// watermark, upserted into SQLite by foreachBatch. Payloads that are not JSON or not UTF-8 are
// skipped; a reading later than the watermark changes nothing; the job stopped with Ctrl-C and
// run again resumes from its checkpoint with the readings the broker kept meanwhile.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SensorReading, sensorLines } from '../support/sensor-lines.js';
import { service } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const BIN = resolve('dist/bin/tspark.js');
const T0 = Date.parse('2024-01-01T00:00:00Z');
let url: string;
let pub: MqttClient | undefined;
const dir = mkdtempSync(join(tmpdir(), 'tspark-iot-ss-'));
const children: ChildProcess[] = [];

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first: this test starts the built CLI');
  url = await service('mosquitto');
  pub = await mqtt.connectAsync(url, { clientId: `iot-ss-pub-${process.pid}` });
}, 600_000);

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await pub?.endAsync();
  rmSync(dir, { recursive: true, force: true });
});

// Its own topic on the shared broker: other tests publish sensors/… too.
const topic = `iot-ss-${process.pid}`;

/** Starts the example with `tspark run` in `dir`; `out()` is everything it printed so far. */
function runExample(file: string): { child: ChildProcess; out: () => string } {
  const child = spawn(process.execPath, [BIN, 'run', file], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TSPARK_HISTORY: '' } });
  children.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  child.on('exit', (code, signal) => (out += `[exited ${code ?? signal}]`));
  return { child, out: () => out };
}

/** The demo's readings, 0.5 s apart from `T0 + firstMs`. */
async function readings(count: number, seed: number, firstMs: number): Promise<SensorReading[]> {
  return (await sensorLines(count, seed)).map((l, i) => ({ ...(JSON.parse(l) as SensorReading), time: new Date(T0 + firstMs + i * 500).toISOString() }));
}

async function publish(rs: readonly SensorReading[]): Promise<void> {
  for (const r of rs) await pub!.publishAsync(`${topic}/${r.sensor}/${r.type}`, JSON.stringify(r), { qos: 1 });
}

type Row = [string, string, string, number, number];

/** What the table should hold: per 10 s window sliding by 5 s (two per reading) and sensor, the average to 0.1 and the count. */
function expectedRows(rs: readonly SensorReading[]): Row[] {
  const acc = new Map<string, { start: number; sensor: string; type: string; sum: number; n: number }>();
  for (const r of rs) {
    const t = Date.parse(r.time);
    const last = Math.floor(t / 5000) * 5000;
    for (const start of [last - 5000, last]) {
      const k = `${start} ${r.sensor} ${r.type}`;
      const a = acc.get(k) ?? { start, sensor: r.sensor, type: r.type, sum: 0, n: 0 };
      a.sum += r.value;
      a.n += 1;
      acc.set(k, a);
    }
  }
  return [...acc.values()].map((a) => [sqliteTime(a.start), a.sensor, a.type, Math.round((a.sum / a.n) * 10) / 10, a.n] as Row).sort(byKey);
}

/** A timestamp as tspark writes it into SQLite (UTC, milliseconds). */
const sqliteTime = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const byKey = (a: Row, b: Row): number => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`);

function tableRows(): Row[] {
  const file = join(dir, 'sensors.db');
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('select window_start, sensor, type, average, readings from sensor_windows').raw(true).all() as Row[]).sort(byKey);
  } catch {
    return [];
  } finally {
    db.close();
  }
}

/** Same windows, same counts, averages equal to 0.1 (the engine sums partial aggregates in another order, which may move a rounding). */
function sameRows(got: Row[], want: Row[]): boolean {
  return got.length === want.length && got.every((g, i) => {
    const w = want[i]!;
    return g[0] === w[0] && g[1] === w[1] && g[2] === w[2] && g[4] === w[4] && Math.abs(g[3] - w[3]) < 0.11;
  });
}

async function untilTable(want: Row[], out: () => string, what: string): Promise<void> {
  await waitFor(() => sameRows(tableRows(), want), what, 40_000).catch((err: Error) => {
    throw new Error(`${err.message}; table: ${JSON.stringify(tableRows())}; want ${JSON.stringify(want)}; output: ${out()}`);
  });
}

describe('examples/iot-sensors.ts (Structured Streaming)', () => {
  it('windows per sensor with a watermark into SQLite; bad payloads skipped; late readings dropped; resumes after Ctrl-C', async () => {
    const file = join(dir, 'iot-sensors.ts');
    writeFileSync(file, readFileSync('examples/iot-sensors.ts', 'utf8').replaceAll('mqtt://localhost:1883', url).replaceAll("'sensors/+/+'", `'${topic}/+/+'`));
    const first = runExample(file);
    await waitFor(() => first.out().includes('started: averages go to sensors.db'), 'the query to start', 40_000).catch((err: Error) => {
      throw new Error(`${err.message}; output: ${first.out()}`);
    });
    // Until the source has subscribed, the broker keeps nothing for it: send payloads that are
    // not JSON, and not UTF-8, until a batch has run on them (it finds no reading in them).
    const deadline = Date.now() + 40_000;
    while (!first.out().includes('batch 0: 0 windows updated')) {
      if (Date.now() > deadline) throw new Error(`no batch on payloads that are not readings; output: ${first.out()}`);
      await pub!.publishAsync(`${topic}/probe/x`, 'not json', { qos: 1 });
      await pub!.publishAsync(`${topic}/probe/y`, Buffer.from([0xff, 0xfe, 0x7b]), { qos: 1 });
      await new Promise((r) => setTimeout(r, 200));
    }

    const onTime = await readings(60, 5, 0); // 0 s … 29.5 s
    await publish(onTime);
    await untilTable(expectedRows(onTime), first.out, 'sensor_windows to hold every window');
    expect(first.out()).toMatch(/\|\s+window_start\|\s+window_end\|\s+sensor\|\s+type\|unit\|average\|readings\|/);
    expect(first.out()).not.toContain('ERROR');

    // A batch on an on-time reading (30 s) first, so the watermark (29.5 s - 10 s) is the one late
    // readings are judged by, however the readings above were split into batches; then a reading
    // at 1 s is too late for its windows (0-10 s and -5-5 s) and changes nothing.
    const [late, fresh, fresher] = await readings(3, 9, 0);
    const freshReading = { ...fresh!, time: new Date(T0 + 30_000).toISOString() };
    await publish([freshReading]);
    await untilTable(expectedRows([...onTime, freshReading]), first.out, 'the on-time reading at 30 s');
    await publish([{ ...late!, sensor: onTime[0]!.sensor, type: onTime[0]!.type, unit: onTime[0]!.unit, value: 99_999, time: new Date(T0 + 1000).toISOString() }]);
    const fresherReading = { ...fresher!, time: new Date(T0 + 30_200).toISOString() };
    await publish([fresherReading]);
    await untilTable(expectedRows([...onTime, freshReading, fresherReading]), first.out, 'the next on-time reading, and not the late one');

    // Ctrl-C stops the query after its batch; readings published while it is away wait in its
    // broker session (QoS 1, clean session false, client id from the checkpoint).
    first.child.kill('SIGINT');
    await new Promise((r) => (first.child.exitCode === null ? first.child.once('exit', r) : r(undefined)));
    expect(first.child.exitCode, first.out()).toBe(0);
    const whileAway = await readings(20, 11, 30_500);
    await publish(whileAway);

    const second = runExample(file);
    await untilTable(expectedRows([...onTime, freshReading, fresherReading, ...whileAway]), second.out, 'the readings sent while the job was stopped');
    // Batches go on from the checkpoint: no batch 0 again, and nothing counted twice (the counts above).
    expect(second.out()).not.toContain('batch 0:');
    expect(second.out()).not.toContain('ERROR');
    second.child.kill('SIGINT');
    await new Promise((r) => (second.child.exitCode === null ? second.child.once('exit', r) : r(undefined)));
  }, 180_000);
});
