import { createServer, request, type Server } from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { ManualClock } from '../../src/engine/clock.js';
import { StreamingContext } from '../../src/engine/streaming-context.js';
import type { TsparkError } from '../../src/engine/errors.js';
import { SparkContext } from '../../src/engine/spark-context.js';
import { uiBannerLines } from '../../src/ui/banner.js';
import {
  PROTOCOL_VERSION,
  decodeServerMessage,
  encodeClientMessage,
  type ServerMessage,
  type SnapshotMessage,
} from '../../src/ui/protocol.js';
import { startUiServer, type UiServer } from '../../src/ui/server.js';
import { PushReceiver } from '../support/push-receiver.js';

const T0 = Date.UTC(2026, 10, 21, 10, 41, 0);
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function ui(options: { port?: number; host?: string } = { port: 0 }): Promise<UiServer> {
  const server = await startUiServer(options);
  cleanups.push(() => server.close());
  return server;
}

function context(appName = 'server-test'): { ssc: StreamingContext; clock: ManualClock; receiver: PushReceiver } {
  const clock = new ManualClock(T0);
  const sc = new SparkContext('local[2]', appName);
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined });
  const receiver = new PushReceiver();
  ssc.receiverStream(receiver).map((x) => x.length).pprint();
  cleanups.push(() => {
    ssc.stop(true);
    sc.stop();
  });
  return { ssc, clock, receiver };
}

interface Got {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(server: UiServer, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Got> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A WebSocket client that records every decoded message and lets the test wait for one. */
class Page {
  readonly messages: ServerMessage[] = [];
  private waiters: { pred: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  readonly ws: WebSocket;

  constructor(url: string, origin: string | undefined) {
    this.ws = new WebSocket(url, origin === undefined ? {} : { origin });
    this.ws.on('message', (data) => {
      const decoded = decodeServerMessage(String(data));
      if (!decoded.ok) throw new Error(decoded.error);
      this.messages.push(decoded.message);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(decoded.message)) return true;
        w.resolve(decoded.message);
        return false;
      });
    });
    this.closed = new Promise((resolve) => this.ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    cleanups.push(() => this.ws.terminate());
  }

  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
  }

  next<T extends ServerMessage>(pred: (m: ServerMessage) => m is T): Promise<T> {
    const found = this.messages.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ pred, resolve: resolve as (m: ServerMessage) => void }));
  }

  send(text: string): void {
    this.ws.send(text);
  }
}

const isSnapshot = (m: ServerMessage): m is SnapshotMessage => m.type === 'snapshot';

async function openPage(server: UiServer): Promise<Page> {
  const page = new Page(`ws://127.0.0.1:${server.port}/ws`, `http://127.0.0.1:${server.port}`);
  await page.opened();
  page.send(encodeClientMessage({ v: PROTOCOL_VERSION, type: 'hello' }));
  return page;
}

describe('startUiServer: HTTP', () => {
  it('binds 127.0.0.1 and reports a URL with the bound port', async () => {
    const server = await ui();
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('serves the Streaming page with a policy that allows only its own scripts and connections', async () => {
    const server = await ui();
    const res = await get(server, '/streaming/', { Host: `127.0.0.1:${server.port}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Streaming Statistics - tspark</title>');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'.*connect-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('redirects / to /streaming/', async () => {
    const server = await ui();
    const res = await get(server, '/', { Host: `127.0.0.1:${server.port}` });
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/streaming/');
  });

  it('serves every asset itself: the bundled client (with uPlot inside) and both stylesheets', async () => {
    const server = await ui();
    const host = { Host: `127.0.0.1:${server.port}` };
    const js = await get(server, '/static/app.js', host);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    // uPlot's own class names show it was bundled in rather than fetched from elsewhere.
    expect(js.body.includes('u-legend')).toBe(true);
    expect(/\bimport\s*[{*"(]|https?:\/\/(?!www\.w3\.org)/.test(js.body)).toBe(false);
    const css = await get(server, '/static/uPlot.min.css', host);
    expect(css.body).toContain('.uplot');
    expect((await get(server, '/static/app.css', host)).body).toContain('.op-count');
  });

  it('refuses a request whose Host header names another site (DNS rebinding) with 421', async () => {
    const server = await ui();
    const res = await get(server, '/streaming/', { Host: `evil.example:${server.port}` });
    expect(res.status).toBe(421);
  });

  it('answers 405 to anything but GET and HEAD: the UI is read-only', async () => {
    const server = await ui();
    const res = await get(server, '/api/v1/streaming', { Host: `127.0.0.1:${server.port}` }, 'POST');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('returns the current snapshot as JSON at /api/v1/streaming', async () => {
    const server = await ui();
    const { ssc } = context('api-test');
    server.attach(ssc);
    const res = await get(server, '/api/v1/streaming', { Host: `127.0.0.1:${server.port}` });
    const decoded = decodeServerMessage(res.body);
    expect(decoded.ok && decoded.message.type === 'snapshot' && decoded.message.context.appName).toBe('api-test');
  });

  it('gives the SparkContext its address: sc.uiWebUrl, as pyspark', async () => {
    const server = await ui();
    const { ssc } = context('url-test');
    expect(ssc.sparkContext.uiWebUrl).toBeUndefined();
    server.attach(ssc);
    expect(ssc.sparkContext.uiWebUrl).toBe(server.url);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('says where the page is for an unknown path', async () => {
    const server = await ui();
    const res = await get(server, '/nope', { Host: `127.0.0.1:${server.port}` });
    expect(res.status).toBe(404);
    expect(res.body).toContain('/streaming/');
  });

  it('rejects bad options with the option, the rule and the value', async () => {
    await expect(startUiServer({ port: 70000 })).rejects.toMatchObject({
      code: 'ERR_INVALID_ARGUMENT',
      message: 'startUiServer: "port" must be an integer from 0 to 65535; got 70000',
    });
    await expect(startUiServer({ host: '' })).rejects.toMatchObject({ code: 'ERR_INVALID_ARGUMENT' });
    await expect(startUiServer({ prot: 4040 } as never)).rejects.toMatchObject({ code: 'ERR_UNKNOWN_OPTION' });
  });
});

describe('startUiServer: port fallback', () => {
  it('goes to the next port when 4040 is taken, and the banner says so', async () => {
    // Take 4040 (if something else already holds it, it is taken all the same).
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => {
      blocker.once('error', () => resolve());
      blocker.listen(4040, '127.0.0.1', () => resolve());
    });
    cleanups.push(() => new Promise<void>((resolve) => (blocker.listening ? blocker.close(() => resolve()) : resolve())));

    const server = await ui({});
    expect(server.requestedPort).toBe(4040);
    expect(server.port).toBeGreaterThanOrEqual(4041);
    expect(server.port).toBeLessThanOrEqual(4056);
    const lines = uiBannerLines(server);
    expect(lines).toContain(`Port 4040 is in use, so the web UI is on port ${server.port} instead.`);
    expect(lines).toContain(`Spark context Web UI available at http://127.0.0.1:${server.port}`);
    expect((await get(server, '/streaming/', { Host: `127.0.0.1:${server.port}` })).status).toBe(200);
  });

  it('takes the port given by --ui-port when it is free', async () => {
    const probe = await ui();
    const free = probe.port;
    await probe.close();
    const server = await ui({ port: free });
    expect(server.port).toBe(free);
    expect(uiBannerLines(server)).toEqual([`Spark context Web UI available at http://127.0.0.1:${free}`]);
  });
});

describe('startUiServer: WebSocket', () => {
  it('refuses a WebSocket from another origin with 403', async () => {
    const server = await ui();
    const page = new Page(`ws://127.0.0.1:${server.port}/ws`, 'https://evil.example');
    await expect(page.opened()).rejects.toThrow(/403/);
  });

  it('refuses a WebSocket without an Origin header', async () => {
    const server = await ui();
    const page = new Page(`ws://127.0.0.1:${server.port}/ws`, undefined);
    await expect(page.opened()).rejects.toThrow(/403/);
  });

  it('sends a snapshot of the attached context after hello, and answers ping with pong', async () => {
    const server = await ui();
    const { ssc } = context();
    server.attach(ssc);
    const page = await openPage(server);
    const snap = await page.next(isSnapshot);
    expect(snap.context).toMatchObject({ id: 1, state: 'INITIALIZED', appName: 'server-test' });
    expect(snap.graph.map((n) => n.name)).toEqual(['pushReceiver', 'map', 'pprint']);
    page.send(encodeClientMessage({ v: PROTOCOL_VERSION, type: 'ping', id: 7 }));
    expect(await page.next((m): m is ServerMessage => m.type === 'pong')).toEqual({ v: PROTOCOL_VERSION, type: 'pong', id: 7 });
  });

  it.each([
    ['not JSON', 'hello?', /not JSON/],
    ['an unknown type', JSON.stringify({ v: PROTOCOL_VERSION, type: 'eval', code: 'process.exit(1)' }), /type "eval"/],
    ['another version', JSON.stringify({ v: 99, type: 'hello' }), /version 99/],
  ])('closes the socket with 1008 and the reason when a page sends %s', async (_what, text, reason) => {
    const server = await ui();
    const page = await openPage(server);
    page.send(text);
    const closed = await page.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(reason);
  });

  it('closes the socket when a page sends more than the size limit', async () => {
    const server = await ui();
    const page = await openPage(server);
    page.send('x'.repeat(5000));
    expect((await page.closed).code).toBe(1009);
  });

  it('pushes batches live as the context runs them', async () => {
    const server = await ui();
    const { ssc, clock, receiver } = context();
    server.attach(ssc);
    const page = await openPage(server);
    await page.next(isSnapshot);
    ssc.start();
    await receiver.started;
    receiver.push(['one', 'two', 'three']);
    await clock.advance(1000);
    const done = await page.next((m): m is Extract<ServerMessage, { type: 'batch' }> => m.type === 'batch' && m.batch.status === 'completed');
    expect(done.batch).toMatchObject({ batchTime: T0 + 1000, numRecords: 3, outputOpsSucceeded: 1, outputOpsTotal: 1 });
    expect(done.totals).toEqual({ completedBatches: 1, totalRecords: 3 });
  });

  it('shows a new context after the old one stopped, remembering the old one as previous', async () => {
    const server = await ui();
    const first = context('first');
    server.attach(first.ssc);
    const page = await openPage(server);
    await page.next(isSnapshot);
    first.ssc.start();
    await first.receiver.started;
    first.receiver.push(['a']);
    await first.clock.advance(1000);
    first.ssc.stop(false);
    await page.next((m): m is ServerMessage => m.type === 'context' && m.context.state === 'STOPPED');

    const second = context('second');
    server.attach(second.ssc);
    const snap = await page.next((m): m is SnapshotMessage => isSnapshot(m) && m.context.id === 2);
    expect(snap.context).toMatchObject({ appName: 'second', state: 'INITIALIZED' });
    expect(snap.previous).toEqual({ id: 1, state: 'STOPPED', stopTime: T0 + 1000, completedBatches: 1, totalRecords: 1 });
    expect(snap.batches).toEqual([]);
  });

  it('tells connected pages it is closing with 1001', async () => {
    const server = await startUiServer({ port: 0 });
    const page = await openPage(server);
    await server.close();
    expect((await page.closed).code).toBe(1001);
  });

  it('can be closed twice, and no longer accepts connections after', async () => {
    const server = await startUiServer({ port: 0 });
    await Promise.all([server.close(), server.close()]);
    await expect(get(server, '/streaming/', { Host: `127.0.0.1:${server.port}` })).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('startUiServer: hostile requests', () => {
  /** Sends raw bytes and returns the first line of the answer. */
  function raw(server: UiServer, request: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => socket.write(request));
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (c: string) => (text += c));
      socket.on('end', () => resolve(text.split('\r\n')[0] ?? ''));
      socket.on('error', reject);
    });
  }

  it.each(['GET', 'GET-upgrade'])('answers a request target that is not a URL (%s) without failing the process', async (kind) => {
    const server = await ui();
    const host = `Host: 127.0.0.1:${server.port}\r\n`;
    const upgrade = kind === 'GET-upgrade' ? `Connection: Upgrade\r\nUpgrade: websocket\r\nOrigin: http://127.0.0.1:${server.port}\r\n` : '';
    const first = await raw(server, `GET http://[ HTTP/1.1\r\n${host}${upgrade}Connection: close\r\n\r\n`);
    expect(first).toMatch(/^HTTP\/1\.1 (400|404)/);
    expect((await get(server, '/streaming/', { Host: `127.0.0.1:${server.port}` })).status).toBe(200);
  });
});

describe('startUiServer: exposed to the network', () => {
  it('listens on every address with --ui-host 0.0.0.0, prints a reachable URL, warns, and still refuses foreign Host names', async () => {
    const server = await ui({ port: 0, host: '0.0.0.0' });
    const url = new URL(server.url);
    expect(url.port).toBe(String(server.port));
    expect(url.hostname).not.toBe('0.0.0.0');
    expect(uiBannerLines(server).some((l) => l.startsWith('Warning: the web UI listens on 0.0.0.0'))).toBe(true);
    expect((await get(server, '/streaming/', { Host: `${url.hostname}:${server.port}` })).status).toBe(200);
    expect((await get(server, '/streaming/', { Host: `127.0.0.1:${server.port}` })).status).toBe(200);
    expect((await get(server, '/streaming/', { Host: `evil.example:${server.port}` })).status).toBe(421);
  });
});

describe('startUiServer: errors', () => {
  it('fails with ERR_UI_PORT when the host cannot be bound', async () => {
    const err = await startUiServer({ port: 0, host: '203.0.113.7' }).catch((e: unknown) => e);
    expect((err as TsparkError).code).toBe('ERR_UI_PORT');
  });
});

describe('startUiServer: the Structured Streaming and SQL tabs', () => {
  it('serves the page at /StreamingQuery/ and /SQL/ under the same policy, and redirects the bare paths', async () => {
    const server = await ui();
    for (const path of ['/StreamingQuery/', '/SQL/']) {
      const res = await get(server, path, { Host: `127.0.0.1:${server.port}` });
      expect(res.status).toBe(200);
      expect(res.body).toContain('id="tab-structured"');
      expect(res.headers['content-security-policy']).toMatch(/script-src 'self'.*connect-src 'self'/);
    }
    const bare = await get(server, '/SQL', { Host: `127.0.0.1:${server.port}` });
    expect(bare.status).toBe(302);
    expect(bare.headers.location).toBe('/SQL/');
    expect((await get(server, '/api/v1/queries', { Host: `127.0.0.1:${server.port}` })).body).toBe('null');
  });

  it("sends a session's queries on hello and each batch of a query live, with no StreamingContext attached", async () => {
    const { SparkSession } = await import('../../src/sql/index.js');
    const { MemoryStream } = await import('../../src/sql/streaming/memory-stream-api.js');
    const sc = new SparkContext('local[2]', 'server-queries');
    cleanups.push(() => sc.stop());
    const spark = new SparkSession(sc, { clock: new ManualClock(T0), out: () => undefined, err: () => undefined });
    const server = await ui();
    server.attachSession(spark);
    const page = await openPage(server);
    const first = await page.next((m): m is Extract<ServerMessage, { type: 'queries' }> => m.type === 'queries');
    expect(first.queries).toEqual([]);
    expect(page.messages.some((m) => m.type === 'snapshot')).toBe(false);
    const input = new MemoryStream<[string]>(spark, 'word STRING');
    const q = input.toDF().groupBy('word').count().writeStream.outputMode('complete').format('memory').queryName('live').start();
    input.addData(['a'], ['b']);
    await q.processAllAvailable();
    const batch = await page.next((m): m is Extract<ServerMessage, { type: 'query' }> => m.type === 'query' && m.point !== null);
    expect(batch.query.name).toBe('live');
    expect(batch.point!.numInputRows).toBe(2);
    expect(batch.query.result!.totalRows).toBe(2);
    const api = JSON.parse((await get(server, '/api/v1/queries', { Host: `127.0.0.1:${server.port}` })).body) as { queries: Array<{ points: unknown[] }> };
    expect(api.queries[0]!.points.length).toBe(1);
    spark.range(3).collect();
    const sql = await page.next((m): m is Extract<ServerMessage, { type: 'sqlExecution' }> => m.type === 'sqlExecution');
    expect(sql.execution.plan[0]!.rows).toBe(3);
    await q.stop();
  });
});
