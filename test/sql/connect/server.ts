/**
 * Where the real Spark Connect server for these tests is: `SPARK_REMOTE` when set (CI's .ci/run
 * exports what `node scripts/services.mjs start spark-connect` prints), else, when the services
 * helper test/support/services.ts is present, its `service('spark-connect')`, which starts the
 * project's server (once per checkout; the first start installs pyspark and takes minutes).
 * Without either the remote suites are skipped with a message that says how to run them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Why the remote suites are skipped, printed once. */
export const NO_SERVER_REASON =
  'no Spark Connect server: run `node scripts/services.mjs start spark-connect` and export the SPARK_REMOTE=sc://… it prints';

const servicesModule = fileURLToPath(new URL('../../support/services.ts', import.meta.url));

/** The URL of the test server (`sc://host:port[/;token=…]`), or why there is none. */
export function connectServer(): Promise<{ url: string } | { skip: string }> {
  return serverOf('spark-connect', 'SPARK_REMOTE', NO_SERVER_REASON);
}

/** Why the cluster suites are skipped. */
export const NO_CLUSTER_REASON =
  'no Spark Connect server on a standalone cluster: run `node scripts/services.mjs start spark-connect-cluster` and export the SPARK_CLUSTER_REMOTE=sc://… it prints';

/** The URL of the Connect server in front of the standalone cluster (it requires a token), or why there is none. */
export function clusterServer(): Promise<{ url: string } | { skip: string }> {
  return serverOf('spark-connect-cluster', 'SPARK_CLUSTER_REMOTE', NO_CLUSTER_REASON);
}

async function serverOf(name: string, envVar: string, reason: string): Promise<{ url: string } | { skip: string }> {
  const fromEnv = process.env[envVar];
  if (fromEnv && fromEnv.startsWith('sc://')) return { url: fromEnv };
  if (!existsSync(servicesModule)) return { skip: reason };
  try {
    // Loaded by path so this file does not depend on the services branch being merged.
    const mod: unknown = await import(pathToFileURL(servicesModule).href);
    const service = (mod as { service?: unknown }).service;
    if (typeof service !== 'function') return { skip: `test/support/services.ts has no service(); ${reason}` };
    const url: unknown = await (service as (name: string) => Promise<unknown>)(name);
    return typeof url === 'string' && url.startsWith('sc://') ? { url } : { skip: `service('${name}') gave ${String(url)}` };
  } catch (e) {
    return { skip: `could not start ${name} (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); ${reason}` };
  }
}

/** The token in a server URL, if it has one (then a wrong token can be tested). */
export function tokenOf(url: string | undefined): string | undefined {
  return url ? /;token=([^;]*)/.exec(url)?.[1] : undefined;
}
