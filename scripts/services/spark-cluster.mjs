// A Spark standalone cluster on loopback: one master and two workers (one core, 1 GiB each), from
// the same pyspark venv as spark-connect. Spark's own deploy classes run under one launcher
// process (spark-cluster-run.mjs) so the cluster starts and stops as one service. Ready when the
// master's JSON status lists both workers ALIVE.
import { mkdirSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, spawnDetached } from './process.mjs';
import { waitReady } from './ready.mjs';
import { sparkEnv, sparkInstall } from './spark-connect.mjs';

/** How many workers, and what each offers. */
export const WORKERS = 2;
const CORES = 1;
const MEMORY = '1g';

/** The master's `/json/` status: resolves when `workers` workers are ALIVE. */
export function masterStatus(webUiPort, workers = WORKERS, timeoutMs = 5000) {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port: webUiPort, path: '/json/', timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        try {
          const status = JSON.parse(body);
          const alive = (status.workers ?? []).filter((w) => w.state === 'ALIVE').length;
          if (status.status !== 'ALIVE' || alive < workers) reject(new Error(`master ${status.status}, ${alive} of ${workers} workers alive`));
          else resolve(status);
        } catch (err) {
          reject(err);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from the master's web UI on port ${webUiPort}`)));
    req.on('error', reject);
  });
}

/** The standalone cluster service. */
export default {
  name: 'spark-cluster',
  envVar: 'SPARK_MASTER',
  stopSignal: 'SIGTERM',
  stopGraceMs: 30_000,

  /** Starts the master and the workers and resolves once every worker has registered. */
  async start({ dir, log, port, track }) {
    const { bin, home } = await sparkInstall();
    const webUiPort = await freePort();
    const workers = [];
    for (let i = 1; i <= WORKERS; i++) {
      const wdir = join(dir, `worker-${i}`);
      mkdirSync(wdir, { recursive: true });
      workers.push({ webUiPort: await freePort(), dir: wdir });
    }
    const config = { sparkHome: home, port, webUiPort, workers, cores: CORES, memory: MEMORY };
    const launcher = fileURLToPath(new URL('./spark-cluster-run.mjs', import.meta.url));
    const child = spawnDetached(process.execPath, [launcher, JSON.stringify(config)], { log, cwd: dir, env: { ...sparkEnv(bin, dir), SPARK_WORKER_DIR: dir } });
    track(child.pid);
    await waitReady('spark-cluster', () => masterStatus(webUiPort), { pid: child.pid, log, timeoutMs: 180_000, intervalMs: 500 });
    process.stderr.write(`spark-cluster: master and ${WORKERS} workers alive (master web UI on 127.0.0.1:${webUiPort})\n`);
    return { pid: child.pid, address: `spark://127.0.0.1:${port}`, extra: { webUiPort, workers: WORKERS } };
  },

  /** Resolves when the master answers with every worker alive. */
  probe(state) {
    return masterStatus(state.extra.webUiPort);
  },
};
