// mosquitto: a small config on a loopback port, anonymous clients allowed, and a persistence
// directory so QoS 1 messages of clean-session-false subscriptions survive a restart.
import { mkdirSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ensureBinary } from './apt.mjs';
import { spawnDetached } from './process.mjs';
import { mqttConnack } from './probes.mjs';
import { waitReady } from './ready.mjs';

/** The mosquitto service (MQTT 3.1.1 and 5). */
export default {
  name: 'mosquitto',
  envVar: 'MQTT_URL',
  stopSignal: 'SIGTERM',

  /** Writes the config, starts mosquitto on `port` and resolves once it accepts a CONNECT. */
  async start({ dir, log, port, track }) {
    const bin = await ensureBinary('mosquitto', ['mosquitto'], 'mosquitto', () => ['/usr/sbin', '/usr/bin']);
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    const conf = join(dir, 'mosquitto.conf');
    writeFileSync(
      conf,
      [
        `listener ${port} 127.0.0.1`,
        'allow_anonymous true',
        'persistence true',
        `persistence_location ${data}/`,
        // Saved every second as well as on a clean stop, so a kill -9 loses at most a second.
        'autosave_interval 1',
        'log_dest stdout',
        'log_type error',
        'log_type warning',
        'log_type notice',
        // Started as root, mosquitto would switch to the `mosquitto` user, which cannot write here.
        `user ${userInfo().username}`,
        '',
      ].join('\n'),
    );
    const child = spawnDetached(bin, ['-c', conf], { log, cwd: dir });
    track(child.pid);
    await waitReady('mosquitto', () => mqttConnack(port, 1000), { pid: child.pid, log, timeoutMs: 30_000, intervalMs: 50 });
    return { pid: child.pid, address: `mqtt://127.0.0.1:${port}` };
  },

  /** Resolves when the broker accepts an MQTT CONNECT. */
  probe(state) {
    return mqttConnack(state.port, 2000);
  },
};
