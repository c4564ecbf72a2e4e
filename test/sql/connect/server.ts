/**
 * Where the real Spark Connect server for these tests is. One place to change: today it reads
 * `SPARK_REMOTE` (what `node scripts/services.mjs start spark-connect` prints); when the services
 * branch's test/support/services.ts is merged, point {@link connectServerUrl} at its getter.
 *
 * Without a server the remote suites are skipped with a message that says how to run them.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The URL of the test server (`sc://host:port[/;token=…]`), or undefined when none is configured. */
export function connectServerUrl(): string | undefined {
  const fromEnv = process.env['SPARK_REMOTE'];
  if (fromEnv && fromEnv.startsWith('sc://')) return fromEnv;
  return undefined;
}

/** Whether the services helper module exists (then the lead wires {@link connectServerUrl} to it). */
export const servicesSupportPresent = existsSync(fileURLToPath(new URL('../../support/services.ts', import.meta.url)));

/** Why the remote suites are skipped, printed once by each. */
export const NO_SERVER_REASON =
  'no Spark Connect server: run `node scripts/services.mjs start spark-connect` and export the SPARK_REMOTE=sc://… it prints';

/** The token in the test server's URL, if it has one (then a wrong token can be tested). */
export function connectServerToken(): string | undefined {
  const url = connectServerUrl();
  return url ? /;token=([^;]*)/.exec(url)?.[1] : undefined;
}
