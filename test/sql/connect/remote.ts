/** Shared set-up of the suites that run against the real Spark Connect server. */
import { describe } from 'vitest';
import { ConnectClient, type ConnectClientOptions } from '../../../src/sql/connect/client.js';
import { connectServer, NO_SERVER_REASON } from './server.js';

const found = await connectServer();

/** The server's URL (the suites are skipped without one). */
export const serverUrl: string | undefined = 'url' in found ? found.url : undefined;

if ('skip' in found) console.warn(`[test/sql/connect] skipping remote suites: ${found.skip}`);

/**
 * `describe` for suites that need the server: skipped, visibly, when there is none. A test gets
 * 2 minutes: a cold server compiles its first plans, seconds idle but past 30 s on a loaded
 * 2-core machine (seen in CI).
 */
export function describeRemote(name: string, body: () => void): void {
  describe.skipIf(serverUrl === undefined)(name, { timeout: 120_000 }, body);
}

/** A new session on the test server; close it in afterAll/afterEach. */
export function newClient(options: ConnectClientOptions = {}): ConnectClient {
  if (!serverUrl) throw new Error(NO_SERVER_REASON);
  return ConnectClient.connect(serverUrl, options);
}

/** The test server's URL with more `key=value` parameters, and optionally another `host:port`. */
export function serverUrlWith(params: readonly string[], hostPort?: string): string {
  if (!serverUrl) throw new Error(NO_SERVER_REASON);
  const m = /^sc:\/\/([^/;]*)\/?(?:;(.*))?$/.exec(serverUrl)!;
  const all = [...(m[2] ? m[2].split(';') : []), ...params];
  return `sc://${hostPort ?? m[1]}/${all.map((p) => `;${p}`).join('')}`;
}
