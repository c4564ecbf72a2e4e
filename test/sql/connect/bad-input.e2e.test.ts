import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { ConnectClient } from '../../../src/sql/connect/client.js';
import { toConnectError } from '../../../src/sql/connect/errors.js';
import type { TsparkError } from '../../../src/engine/errors.js';
import { parseConnectionString } from '../../../src/sql/connect/url.js';
import { clusterServer, tokenOf } from './server.js';
import { describeRemote, newClient, serverUrl, serverUrlWith } from './remote.js';
import { startTcpProxy } from './tcp-proxy.js';

async function failure(url: string, query = 'select 1'): Promise<TsparkError> {
  const c = ConnectClient.connect(url);
  try {
    await c.sql(query);
  } catch (e) {
    return e as TsparkError;
  } finally {
    c.close();
  }
  throw new Error(`${url}: the query succeeded`);
}

function oneLine(e: Error): void {
  expect(e.message).not.toContain('\n');
  expect(e.message.length).toBeLessThan(400);
}

/** Calls a method by name on the client's server, as a newer client would, and returns the raw gRPC error. */
function rawUnary(c: ConnectClient, method: string): Promise<unknown> {
  const raw = new grpc.Client(c.endpoint, grpc.credentials.createInsecure());
  const md = new grpc.Metadata();
  if (c.options.token !== undefined) md.set('authorization', `Bearer ${c.options.token}`);
  return new Promise((resolve) => {
    raw.makeUnaryRequest(
      `/spark.connect.SparkConnectService/${method}`,
      () => Buffer.alloc(0),
      (b: Buffer) => b,
      {},
      md,
      (err) => {
        raw.close();
        resolve(err ?? new Error(`${method} succeeded`));
      },
    );
  });
}

/** A loopback port nothing listens on: bound once, then released. */
async function unusedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

// The cluster's Connect server requires a token (CI starts it), when the main one does not.
const tokenUrl = tokenOf(serverUrl) !== undefined ? serverUrl : await clusterServer().then((c) => ('url' in c ? c.url : undefined));

describeRemote('bad input on the way to Spark Connect: one clear line each', () => {
  const target = (() => {
    const o = parseConnectionString(serverUrl ?? 'sc://localhost');
    return { host: o.host, port: o.port };
  })();

  it('a server that is down (nothing on the port): ERR_CONNECT_UNAVAILABLE, says to start one', async () => {
    const port = await unusedPort();
    const e = await failure(serverUrlWith([], `${target.host}:${port}`));
    expect(e.code).toBe('ERR_CONNECT_UNAVAILABLE');
    expect(e.message).toBe(
      `Cannot reach Spark Connect at ${target.host}:${port}: connection refused (no server listens on that port); start one (node scripts/services.mjs start spark-connect) or fix the port in the URL.`,
    );
  });

  it('a host that does not exist: ERR_CONNECT_UNAVAILABLE naming the host', async () => {
    const e = await failure('sc://no-such-host.invalid:15002');
    expect(e.code).toBe('ERR_CONNECT_UNAVAILABLE');
    expect(e.message).toContain('the host "no-such-host.invalid" was not found');
    oneLine(e);
  });

  it('a port where something else listens (not gRPC): says it is not a Spark Connect server', async () => {
    const http = createHttpServer((_req, res) => res.end('hello'));
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    const port = (http.address() as { port: number }).port;
    try {
      // Same host as the test server, so a token in its URL does not switch TLS on.
      const e = await failure(serverUrlWith([], `${target.host}:${port}`));
      expect(e.code).toBe('ERR_CONNECT_UNAVAILABLE');
      expect(e.message).toContain('does not speak gRPC, so it is not a Spark Connect server');
      oneLine(e);
    } finally {
      await new Promise<void>((r) => http.close(() => r()));
    }
  });

  it('TLS asked of a server without TLS: says the handshake failed and what to drop', async () => {
    const e = await failure(serverUrlWith(['use_ssl=true']));
    expect(e.code).toBe('ERR_CONNECT_UNAVAILABLE');
    expect(e.message).toMatch(/the TLS handshake failed \(TLS: wrong version number\); if the server does not use TLS, drop use_ssl=true/);
    oneLine(e);
  });

  it.skipIf(tokenOf(tokenUrl) === undefined)('a token the server refuses, and a missing token: ERR_CONNECT_AUTH', async () => {
    const wrong = await failure(tokenUrl!.replace(/;token=[^;]*/, ';token=not-the-token'));
    expect(wrong.code).toBe('ERR_CONNECT_AUTH');
    expect(wrong.message).toMatch(/refused the request: Invalid authentication token\. Check the token=… parameter/);
    oneLine(wrong);
    const missing = await failure(tokenUrl!.replace(/;token=[^;]*/, ''));
    expect(missing.code).toBe('ERR_CONNECT_AUTH');
    expect(missing.message).toContain('No authentication token provided');
  });

  it('a request kind the server does not know (as an older server sees newer relations): ERR_CONNECT_UNSUPPORTED', async () => {
    const c = newClient();
    try {
      // An empty oneof is exactly what an older server decodes from a relation or command added later.
      const rel = (await c.collect({}).catch((x: unknown) => x)) as TsparkError;
      expect(rel.code).toBe('ERR_CONNECT_UNSUPPORTED');
      expect(rel.message).toMatch(/cannot run this request: it does not know this kind of relation; the request needs a newer Spark/);
      const cmd = (await c.command({}).catch((x: unknown) => x)) as TsparkError;
      expect(cmd.code).toBe('ERR_CONNECT_UNSUPPORTED');
      expect(cmd.message).toContain('it does not know this kind of command');
      oneLine(cmd);
    } finally {
      c.close();
    }
  });

  it('an RPC the server lacks (UNIMPLEMENTED, as ReleaseSession on Spark 3.5): ERR_CONNECT_UNSUPPORTED with the server version', async () => {
    const c = newClient();
    try {
      const version = await c.sparkVersion();
      // CloneSession is an RPC of Spark releases after 4.0; this server has no such method.
      const raw = await rawUnary(c, 'CloneSession');
      const e = toConnectError(raw, { endpoint: c.endpoint, method: 'CloneSession', receivedAny: false, serverVersion: version });
      expect(e.code).toBe('ERR_CONNECT_UNSUPPORTED');
      expect(e.message).toBe(
        `Spark Connect at ${c.endpoint} (Spark ${version}) does not support CloneSession (Method not found: spark.connect.SparkConnectService/CloneSession); this request needs a newer Spark Connect server.`,
      );
    } finally {
      c.close();
    }
  });

  describeRemote('a connection dropped mid-query', () => {
    let proxy: Awaited<ReturnType<typeof startTcpProxy>>;
    beforeAll(async () => {
      proxy = await startTcpProxy(target.host === 'localhost' ? '127.0.0.1' : target.host, target.port);
    });
    afterAll(async () => {
      await proxy.close();
    });
    const bigQuery = "select id, repeat('x', 200) as pad from range(300000)";

    it('is resumed with ReattachExecute when the server can be reached again: every row arrives once', async () => {
      const c = ConnectClient.connect(serverUrlWith([], `${target.host}:${proxy.port}`));
      try {
        const { handle, responses } = c.executePlan({ root: { sql: { query: bigQuery } } });
        const cut = proxy.cutAfter(4 * 1024 * 1024, 'keep-listening');
        const { collectResult } = await import('../../../src/sql/connect/results.js');
        const result = await collectResult(responses);
        await cut;
        expect(handle.reattachCount).toBeGreaterThanOrEqual(1);
        expect(result.rows.length).toBe(300_000);
        expect(result.rows.every((r, i) => r[0] === i)).toBe(true);
      } finally {
        c.close();
      }
    });

    it('fails with ERR_CONNECT_DROPPED, one line, when the server stays unreachable', async () => {
      const c = ConnectClient.connect(serverUrlWith([], `${target.host}:${proxy.port}`));
      try {
        const done = proxy.cutAfter(2 * 1024 * 1024, 'stop-listening');
        const e = (await c.sql(bigQuery).catch((x: unknown) => x)) as TsparkError;
        await done;
        expect(e.code).toBe('ERR_CONNECT_DROPPED');
        expect(e.message).toMatch(new RegExp(`^Lost the connection to Spark Connect at ${target.host}:${proxy.port} during (ExecutePlan|ReattachExecute) \\(.+\\); the result is incomplete\\. Check that the server is still running, then run the query again\\.$`));
      } finally {
        c.close();
      }
      // Nothing else is affected: a fresh session on the real server still works.
      const ok = newClient();
      expect((await ok.sql('select 1 as a')).rows).toEqual([[1]]);
      ok.close();
    });
  });
});
