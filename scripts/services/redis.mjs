// Redis: `redis-server --port P --save ''` in the foreground (no daemonize), so its PID is ours.
import { ensureBinary } from './apt.mjs';
import { spawnDetached } from './process.mjs';
import { redisPing } from './probes.mjs';
import { waitReady } from './ready.mjs';

/** The Redis service: no persistence, loopback only. */
export default {
  name: 'redis',
  envVar: 'REDIS_URL',
  stopSignal: 'SIGTERM',

  /** Starts redis-server on `port` and resolves once it answers PING. */
  async start({ dir, log, port, track }) {
    const bin = await ensureBinary('redis', ['redis-server'], 'redis-server', () => ['/usr/sbin', '/usr/bin']);
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--dir', dir, '--logfile', ''];
    const child = spawnDetached(bin, args, { log, cwd: dir });
    track(child.pid);
    await waitReady('redis', () => redisPing(port, 1000), { pid: child.pid, log, timeoutMs: 30_000, intervalMs: 50 });
    return { pid: child.pid, address: `redis://127.0.0.1:${port}` };
  },

  /** Resolves when the server answers PING. */
  probe(state) {
    return redisPing(state.port, 2000);
  },
};
