// examples/iot-sensors-dstream.ts run by `tspark run` against a real mosquitto: sensor readings
// published over MQTT become windowed averages per sensor, printed and kept in a SQLite table.
// (The Structured Streaming version, examples/iot-sensors.ts: iot-structured.e2e.test.ts.)
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sensorLines } from '../support/sensor-lines.js';
import { service } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const BIN = resolve('dist/bin/tspark.js');
let url: string;
const dir = mkdtempSync(join(tmpdir(), 'tspark-iot-'));
let child: ChildProcess | undefined;

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error('run `npm run build` first: this test starts the built CLI');
  url = await service('mosquitto');
}, 600_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('examples/iot-sensors-dstream.ts', () => {
  it('averages each sensor over MQTT and keeps the averages in SQLite', async () => {
    const file = join(dir, 'iot-sensors-dstream.ts');
    // Its own topic on the shared broker: other tests publish sensors/… too.
    const topic = `iot-dstream-${process.pid}`;
    writeFileSync(file, readFileSync('examples/iot-sensors-dstream.ts', 'utf8').replaceAll('mqtt://localhost:1883', url).replaceAll("'sensors/+/+'", `'${topic}/+/+'`));
    child = spawn(process.execPath, [BIN, 'run', file, '--batch', '1'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', TSPARK_HISTORY: '' } });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code, signal) => (out += `[exited ${code ?? signal}]`));
    await waitFor(() => out.includes(`connected to ${url}`), 'the stream to connect', 40_000).catch((err: Error) => {
      throw new Error(`${err.message}; output: ${out}`);
    });

    const lines = await sensorLines(40);
    const pub = await mqtt.connectAsync(url, { clientId: `iot-test-${process.pid}` });
    for (const l of lines) {
      const r = JSON.parse(l) as { sensor: string; type: string };
      await pub.publishAsync(`${topic}/${r.sensor}/${r.type}`, l, { qos: 1 });
    }
    await pub.endAsync();

    const expected = new Map<string, [number, number]>();
    for (const l of lines) {
      const r = JSON.parse(l) as { sensor: string; type: string; unit: string; value: number };
      const k = `${r.sensor} ${r.type} (${r.unit})`;
      const [s, n] = expected.get(k) ?? [0, 0];
      expected.set(k, [s + r.value, n + 1]);
    }
    const want = [...expected].map(([k, [s, n]]) => [k, Math.round((s / n) * 10) / 10]).sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    const rows = (): unknown[][] => {
      if (!existsSync(join(dir, 'sensors.db'))) return [];
      const db = new Database(join(dir, 'sensors.db'), { readonly: true });
      try {
        return db.prepare('select sensor, average from sensor_averages order by sensor').raw(true).all() as unknown[][];
      } catch {
        return [];
      } finally {
        db.close();
      }
    };
    await waitFor(() => JSON.stringify(rows()) === JSON.stringify(want), 'sensor_averages to hold the averages', 40_000).catch((err: Error) => {
      throw new Error(`${err.message}; table: ${JSON.stringify(rows())}; want ${JSON.stringify(want)}; output: ${out}`);
    });
    // pprint shows the same averages as the table.
    const [firstKey, firstAverage] = want[0] ?? [];
    expect(out).toContain(`'${String(firstKey)}', ${String(firstAverage)}`);
    child.kill('SIGINT');
    await new Promise((r) => child?.once('exit', r));
  }, 120_000);
});
