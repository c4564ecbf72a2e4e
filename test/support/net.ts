/** Loopback networking for tests: servers, clients and free ports, all real sockets on 127.0.0.1. */
import net from 'node:net';
import { waitFor } from './wait.js';

/** A TCP server on loopback that remembers its connected clients. */
export interface TestServer {
  readonly port: number;
  readonly server: net.Server;
  readonly clients: net.Socket[];
  close(): Promise<void>;
}

/** Starts a loopback TCP server on `port` (0 = any free port). */
export async function startServer(port = 0): Promise<TestServer> {
  const clients: net.Socket[] = [];
  const server = net.createServer((s) => {
    clients.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    server,
    clients,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago (bound to port 0, then released). */
export async function freePort(): Promise<number> {
  const s = await startServer(0);
  const port = s.port;
  await s.close();
  return port;
}

/** Writes `data` and resolves once it is handed to the kernel. */
export function write(socket: net.Socket, data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => socket.write(data, (err) => (err ? reject(err) : resolve())));
}

/** A client that connects to `port` on loopback and collects what it receives as text. */
export interface TestClient {
  readonly socket: net.Socket;
  text(): string;
  readonly closed: Promise<void>;
}

/** Connects a collecting client to `port` on 127.0.0.1. */
export async function connectClient(port: number): Promise<TestClient> {
  const socket = net.connect({ host: '127.0.0.1', port });
  let received = '';
  socket.setEncoding('utf8');
  socket.on('data', (d: string) => (received += d));
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, text: () => received, closed };
}

/**
 * Waits until some process listens on TCP `port` (read from /proc/net/tcp*, Linux), without
 * connecting: a probe connection would use up a one-client server such as `nc -lk`.
 */
export async function waitListening(port: number): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  const listening = () =>
    ['/proc/net/tcp', '/proc/net/tcp6'].some((f) => {
      try {
        // Columns: sl local_address rem_address st …; st 0A is LISTEN.
        return readFileSync(f, 'utf8')
          .split('\n')
          .some((l) => {
            const cols = l.trim().split(/\s+/);
            return (cols[1] ?? '').endsWith(hex.trim()) && cols[3] === '0A';
          });
      } catch {
        return false;
      }
    });
  await waitFor(listening, `a server listening on port ${port}`);
}

/** A client that counts what it receives (bytes and lines) without keeping it: for high volumes. */
export interface CountingClient {
  readonly socket: net.Socket;
  bytes(): number;
  lines(): number;
  readonly closed: Promise<void>;
}

/** Connects a counting client to `port` on 127.0.0.1. */
export async function connectCounter(port: number): Promise<CountingClient> {
  const socket = net.connect({ host: '127.0.0.1', port });
  let bytes = 0;
  let lines = 0;
  socket.on('data', (d: Buffer) => {
    bytes += d.length;
    for (let i = d.indexOf(10); i >= 0; i = d.indexOf(10, i + 1)) lines++;
  });
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return { socket, bytes: () => bytes, lines: () => lines, closed };
}

/** Connects a client that never reads: what is sent to it stays in the kernel's buffers, then the sender's. */
export async function connectStalled(port: number): Promise<net.Socket> {
  const socket = net.connect({ host: '127.0.0.1', port });
  socket.pause();
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return socket;
}
