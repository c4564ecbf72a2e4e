// Real servers for tests: the address from the environment when CI started the service up front,
// otherwise from `node scripts/services.mjs start NAME` (idempotent: one server per checkout).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** The services scripts/services.mjs starts. */
export type ServiceName = 'kafka' | 'postgres' | 'redis' | 'mosquitto' | 'spark-connect' | 'spark-cluster' | 'spark-connect-cluster';

/** The environment variable that carries each service's address (also the prefix of its line). */
export const SERVICE_ENV: Readonly<Record<ServiceName, string>> = {
  kafka: 'KAFKA_BOOTSTRAP',
  postgres: 'POSTGRES_URL',
  redis: 'REDIS_URL',
  mosquitto: 'MQTT_URL',
  'spark-connect': 'SPARK_REMOTE',
  'spark-cluster': 'SPARK_MASTER',
  'spark-connect-cluster': 'SPARK_CLUSTER_REMOTE',
};

/** Absolute path of scripts/services.mjs in this checkout. */
export const SERVICES_SCRIPT = fileURLToPath(new URL('../../scripts/services.mjs', import.meta.url));

/** What one run of scripts/services.mjs did. */
export interface ScriptResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs scripts/services.mjs with `args` (extra environment in `env`) and resolves with its output, whatever its exit code. */
export function runServicesScript(args: readonly string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 15 * 60_000): Promise<ScriptResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SERVICES_SCRIPT, ...args], { env: { ...process.env, ...env }, timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** The run id the global setup hands to workers, so the teardown stops only what this run started. */
function owner(): string | undefined {
  try {
    return inject('tsparkServicesOwner');
  } catch {
    return process.env.TSPARK_SERVICES_OWNER;
  }
}

const started = new Map<ServiceName, Promise<string>>();

/**
 * The address of a real `name` server, e.g. `await service('kafka')` → `127.0.0.1:40123`:
 * the value of its environment variable (KAFKA_BOOTSTRAP …) when set, else the address
 * `scripts/services.mjs start NAME` prints. Cold starts can take minutes (Maven, pip): give the
 * calling hook a long timeout.
 */
export function service(name: ServiceName): Promise<string> {
  const fromEnv = process.env[SERVICE_ENV[name]];
  if (fromEnv) return Promise.resolve(fromEnv);
  let address = started.get(name);
  if (!address) {
    address = startService(name);
    started.set(name, address);
    address.catch(() => started.delete(name));
  }
  return address;
}

async function startService(name: ServiceName): Promise<string> {
  const run = owner();
  const result = await runServicesScript(['start', name], run ? { TSPARK_SERVICES_OWNER: run } : {});
  const prefix = `${SERVICE_ENV[name]}=`;
  const line = result.stdout.split('\n').find((l) => l.startsWith(prefix));
  if (result.code !== 0 || !line) {
    throw new Error(`node scripts/services.mjs start ${name} failed (exit ${result.code}):\n${result.stderr.trim()}`);
  }
  return line.slice(prefix.length);
}
