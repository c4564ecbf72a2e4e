/**
 * The web UI server: Spark's Streaming tab on http://127.0.0.1:4040 (or the next free port),
 * pushed live over a WebSocket. It serves one page and its assets, answers GETs only, and its
 * WebSocket accepts only this page's origin and only the `hello` / `ping` messages: nothing the
 * server receives can run code.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket, WebSocketServer } from 'ws';
import { OptionReader, integerIn, nonEmptyString } from '../engine/checks.js';
import { clientScript, uplotCss } from './assets.js';
import { hostAllowed, originAllowed, type GuardPolicy } from './guard.js';
import { listenWithFallback } from './listen.js';
import { ContextModel, type UiContext } from './model.js';
import { pageHtml } from './page.js';
import { SessionModel, type UiSession } from './session-model.js';
import {
  MAX_CLIENT_MESSAGE_BYTES,
  PROTOCOL_VERSION,
  WS_PATH,
  decodeClientMessage,
  encodeServerMessage,
  type PreviousContext,
  type ServerMessage,
} from './protocol.js';
import { pageCss } from './style.js';

/** Spark's UI port. */
export const DEFAULT_UI_PORT = 4040;

/** Loopback only, unless the user exposes it on purpose. */
export const DEFAULT_UI_HOST = '127.0.0.1';

/** How often connected pages get the clock (and any operators typed since). */
const HEARTBEAT_MS = 1000;

/** A page that cannot keep up (a sleeping laptop) is dropped past this much unsent data; it reconnects to a fresh snapshot. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * What all pages' unsent messages may cost together (each page's counted in full, though a
 * broadcast's bytes are shared): past it, a page that is behind is dropped rather than sent more,
 * so 100 pages that never read cost this much, not 100 times the bound of one.
 */
const MAX_TOTAL_BUFFERED_BYTES = 32 * 1024 * 1024;

/**
 * What one queued message costs besides its bytes: the frame header and the socket's write
 * requests for it and the body (measured about 500 bytes; a source's message is about 250).
 */
const QUEUED_MESSAGE_OVERHEAD_BYTES = 512;

/** One page's unsent messages, counted until the socket has handed each to the kernel. */
interface PageQueue {
  pending: number;
  readonly sent: () => void;
}

/** Options of {@link startUiServer}. */
export interface UiServerOptions {
  /** First port to try (default 4040); the next 16 are tried when it is in use. 0 picks any free port. */
  port?: number;
  /** Address to bind (default 127.0.0.1). "0.0.0.0" exposes the UI to the network. */
  host?: string;
}

/** A running UI server. */
export interface UiServer {
  /** The address to print and open, e.g. "http://127.0.0.1:4040". */
  readonly url: string;
  /** The port actually bound. */
  readonly port: number;
  /** The port asked for; differs from `port` when it was in use. */
  readonly requestedPort: number;
  /** The address bound. */
  readonly host: string;
  /** Shows this context from now on; the previous one stays on the page as "stopped". */
  attach(ssc: UiContext): void;
  /** Shows this SparkSession's streaming queries and SQL actions from now on (the Structured Streaming and SQL tabs). */
  attachSession(spark: UiSession): void;
  /** Closes every page's socket and the server. */
  close(): Promise<void>;
}

function checkOptions(options: UiServerOptions): { port: number; host: string } {
  const o = new OptionReader<UiServerOptions>('startUiServer', options);
  const port = o.get('port', integerIn(0, 65535)) ?? DEFAULT_UI_PORT;
  const host = o.get('host', nonEmptyString('a host name or address such as "127.0.0.1" or "0.0.0.0"')) ?? DEFAULT_UI_HOST;
  o.done();
  return { port, host };
}

/** The host to put in the printed URL: a wildcard bind is reached by this machine's LAN address. */
function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') {
    for (const addresses of Object.values(networkInterfaces())) {
      for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
    }
    return '127.0.0.1';
  }
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

// The page loads only its own script and styles and talks only to its own server.
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Starts the UI server and resolves once it listens.
 *
 * @example
 * const ui = await startUiServer();
 * console.log(`Spark context Web UI available at ${ui.url}`);
 * ui.attach(ssc);
 */
export async function startUiServer(options: UiServerOptions = {}): Promise<UiServer> {
  const { port: requestedPort, host } = checkOptions(options);
  const http = createServer();
  // `ws` is loaded on the first page connection, so a UI nobody opens costs only an HTTP listener.
  let wssPromise: Promise<WebSocketServer> | undefined;
  const webSockets = (): Promise<WebSocketServer> =>
    (wssPromise ??= import('ws').then(({ WebSocketServer: Server }) => new Server({ noServer: true, maxPayload: MAX_CLIENT_MESSAGE_BYTES })));
  /** Every open page socket, subscribed or not (a `ping` is answered before `hello`), with its queue. */
  const sockets = new Map<WebSocket, PageQueue>();
  const subscribers = new Set<WebSocket>();
  let policy: GuardPolicy = { port: requestedPort, bindHost: host };
  let current: ContextModel | null = null;
  let session: SessionModel | null = null;
  let previous: PreviousContext | null = null;
  let contexts = 0;

  /** What a page's unsent messages cost in memory. */
  const backlog = (ws: WebSocket, queue: PageQueue | undefined): number =>
    ws.bufferedAmount + (queue ? queue.pending * QUEUED_MESSAGE_OVERHEAD_BYTES : 0);
  const totalBuffered = (): number => {
    let total = 0;
    for (const [ws, queue] of sockets) total += backlog(ws, queue);
    return total;
  };
  /** Sends `data` (a text frame) unless the page is too far behind; returns the new total cost of unsent messages. */
  const deliver = (ws: WebSocket, data: Buffer, total: number): number => {
    const queue = sockets.get(ws);
    if (ws.readyState !== ws.OPEN || !queue) return total;
    const behind = backlog(ws, queue);
    // A page that has taken everything always gets the next message; one that is behind is dropped past either bound.
    if (behind > MAX_BUFFERED_BYTES || (behind > 0 && total + data.length > MAX_TOTAL_BUFFERED_BYTES)) {
      ws.terminate();
      sockets.delete(ws);
      subscribers.delete(ws);
      return total - behind;
    }
    queue.pending += 1;
    ws.send(data, { binary: false }, queue.sent);
    return total + data.length + QUEUED_MESSAGE_OVERHEAD_BYTES;
  };
  const send = (ws: WebSocket, message: ServerMessage): void => {
    deliver(ws, Buffer.from(encodeServerMessage(message)), totalBuffered());
  };
  const broadcast = (message: ServerMessage): void => {
    // Encoded once: every page's queue holds the same bytes.
    const data = Buffer.from(encodeServerMessage(message));
    let total = totalBuffered();
    for (const ws of subscribers) total = deliver(ws, data, total);
  };

  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!hostAllowed(req.headers.host, policy)) {
      res.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('This tspark UI only answers to its own address.\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end('The tspark UI is read-only.\n');
      return;
    }
    const path = pathOf(req);
    const reply = (type: string, body: string, extra: Record<string, string> = {}): void => {
      res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), ...SECURITY_HEADERS, ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    switch (path) {
      case '/':
      case '/streaming':
        res.writeHead(302, { Location: '/streaming/', ...SECURITY_HEADERS });
        res.end();
        return;
      case '/StreamingQuery':
      case '/SQL':
        res.writeHead(302, { Location: `${path}/`, ...SECURITY_HEADERS });
        res.end();
        return;
      case '/streaming/':
      case '/StreamingQuery/':
      case '/SQL/':
        // One page; the script shows the tab its path names.
        reply('text/html; charset=utf-8', pageHtml(), { 'Content-Security-Policy': PAGE_CSP });
        return;
      case '/static/app.js':
        reply('text/javascript; charset=utf-8', await clientScript());
        return;
      case '/static/app.css':
        reply('text/css; charset=utf-8', pageCss);
        return;
      case '/static/uPlot.min.css':
        reply('text/css; charset=utf-8', await uplotCss());
        return;
      case '/api/v1/streaming':
        // The same snapshot the page gets, for scripts and curl; read-only like everything else.
        reply('application/json; charset=utf-8', current ? encodeServerMessage(current.snapshot(previous)) : 'null');
        return;
      case '/api/v1/queries':
        reply('application/json; charset=utf-8', session ? encodeServerMessage(session.snapshot()) : 'null');
        return;
      default:
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
        res.end('Not found. The Streaming page is at /streaming/\n');
    }
  };

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    serve(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(`tspark UI error: ${err instanceof Error ? err.message : String(err)}\n`);
    });
  });

  const refuseUpgrade = (socket: Duplex, status: string, why: string): void => {
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n${why}\n`);
  };

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    if (pathOf(req) !== WS_PATH) return refuseUpgrade(socket, '404 Not Found', 'No WebSocket here.');
    if (!originAllowed(req.headers.origin, req.headers.host, policy)) {
      return refuseUpgrade(socket, '403 Forbidden', 'This WebSocket only accepts the tspark page served from this address.');
    }
    webSockets().then(
      (wss) => wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws)),
      () => refuseUpgrade(socket, '500 Internal Server Error', 'The WebSocket server could not start.'),
    );
  });

  const onConnection = (ws: WebSocket): void => {
    const queue: PageQueue = {
      pending: 0,
      sent: () => {
        queue.pending -= 1;
      },
    };
    sockets.set(ws, queue);
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      sockets.delete(ws);
      subscribers.delete(ws);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      const decoded = isBinary ? { ok: false as const, error: 'binary messages are not part of the protocol' } : decodeClientMessage(rawText(data));
      if (!decoded.ok) {
        // 1008 = policy violation; the reason is cut to fit the 123-byte limit of a close frame.
        ws.close(1008, truncateUtf8(`refused: ${decoded.error}`, 123));
        subscribers.delete(ws);
        return;
      }
      const message = decoded.message;
      switch (message.type) {
        case 'hello':
          // A page says hello once; a repeated one while the last answer is still unsent gets none.
          if (subscribers.has(ws) && ws.bufferedAmount > 0) return;
          subscribers.add(ws);
          if (current) send(ws, current.snapshot(previous));
          if (session) send(ws, session.snapshot());
          return;
        case 'ping':
          send(ws, { v: PROTOCOL_VERSION, type: 'pong', id: message.id });
          return;
      }
    });
  };

  const heartbeat = setInterval(() => {
    if (subscribers.size === 0) return;
    // Without a StreamingContext, the session's clock keeps "duration" moving on the queries tab.
    if (current === null && session !== null) broadcast({ v: PROTOCOL_VERSION, type: 'clock', now: session.now() });
    for (const model of [current, session]) {
      try {
        for (const m of model?.poll() ?? []) broadcast(m);
      } catch {
        // A context that cannot describe itself this second (mid-stop) is asked again on the next beat.
      }
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();

  let port: number;
  try {
    port = await listenWithFallback(http, requestedPort, host);
  } catch (err) {
    clearInterval(heartbeat);
    throw err;
  }
  policy = { port, bindHost: host };
  const url = `http://${urlHost(host)}:${port}`;
  let closing: Promise<void> | undefined;

  return {
    url,
    port,
    requestedPort,
    host,
    attach(ssc: UiContext): void {
      if (current) {
        previous = current.summary();
        current.detach();
      }
      contexts += 1;
      ssc.sparkContext.setUiWebUrl?.(url);
      current = new ContextModel(ssc, contexts, broadcast);
      const snapshot = current.snapshot(previous);
      for (const ws of subscribers) send(ws, snapshot);
    },
    attachSession(spark: UiSession): void {
      session?.detach();
      session = new SessionModel(spark, broadcast);
      const snapshot = session.snapshot();
      for (const ws of subscribers) send(ws, snapshot);
    },
    close(): Promise<void> {
      // A second close (the shell's exit after an error) waits for the first instead of failing.
      closing ??= shutDown();
      return closing;
    },
  };

  async function shutDown(): Promise<void> {
    clearInterval(heartbeat);
    current?.detach();
    session?.detach();
    const wss = wssPromise ? await wssPromise.catch(() => undefined) : undefined;
    if (wss) {
      // Pages are told why (1001, going away), then sockets that do not finish the handshake soon are cut.
      const closed = [...wss.clients].map(
        (ws) =>
          new Promise<void>((resolve) => {
            ws.once('close', () => resolve());
            ws.close(1001, 'tspark is closing');
          }),
      );
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(closed), new Promise<void>((resolve) => (timer = setTimeout(resolve, 500)))]);
      clearTimeout(timer);
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  }
}

/** The request's path, or null for a target that is not a URL path (never thrown: this runs in the shell's process). */
function pathOf(req: IncomingMessage): string | null {
  try {
    return new URL(req.url ?? '/', 'http://ui').pathname;
  } catch {
    return null;
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  return data.toString('utf8');
}

function truncateUtf8(text: string, maxBytes: number): string {
  let out = text;
  while (Buffer.byteLength(out) > maxBytes) out = out.slice(0, -1);
  return out;
}
