/**
 * A TCP server that sends the same bytes to every connected client: the common part of
 * `tspark nc -lk` and `tspark feed`. It listens on all interfaces (like `nc -l`), so both
 * `localhost` as IPv4 and as IPv6 reach it.
 */
import net from 'node:net';

/** What a {@link BroadcastServer} tells its command about. */
export interface BroadcastEvents {
  /** A client connected; `count` clients are now connected. */
  connected?(remote: string, count: number): void;
  /** A client left; `count` clients remain. */
  disconnected?(remote: string, count: number): void;
  /** A client sent bytes (nc prints them, as `nc` does). */
  received?(chunk: Buffer): void;
}

/** A listening socket with a set of clients that all get what is broadcast. */
export class BroadcastServer {
  private readonly server: net.Server;
  private readonly clients = new Set<net.Socket>();
  private readonly waiters: Array<() => void> = [];

  private constructor(server: net.Server, private readonly events: BroadcastEvents) {
    this.server = server;
  }

  /**
   * Starts listening on `port` (0 = any free port) and `host` (default: all interfaces).
   * Rejects with the listen error (EADDRINUSE, EACCES) for the command to explain.
   */
  static async listen(port: number, host: string | undefined, events: BroadcastEvents = {}): Promise<BroadcastServer> {
    const server = net.createServer();
    const b = new BroadcastServer(server, events);
    server.on('connection', (s) => b.accept(s));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const done = () => {
        server.off('error', reject);
        resolve();
      };
      if (host === undefined) server.listen(port, done);
      else server.listen(port, host, done);
    });
    server.on('error', () => undefined);
    return b;
  }

  /** The port actually listened on (useful with port 0). */
  get port(): number {
    const a = this.server.address();
    return a && typeof a === 'object' ? a.port : 0;
  }

  /** Clients connected now. */
  get clientCount(): number {
    return this.clients.size;
  }

  /**
   * Sends `data` to every client. Resolves at once if all took it without buffering, or
   * once every slow client has drained (so a fast producer waits instead of piling up memory).
   */
  async send(data: string | Uint8Array): Promise<void> {
    const slow: Array<Promise<void>> = [];
    for (const c of this.clients) {
      if (c.destroyed || c.writableEnded) continue;
      if (!c.write(data)) {
        slow.push(
          new Promise<void>((resolve) => {
            const done = () => {
              c.off('drain', done);
              c.off('close', done);
              resolve();
            };
            c.on('drain', done);
            c.on('close', done);
          }),
        );
      }
    }
    if (slow.length > 0) await Promise.all(slow);
  }

  /** Resolves when at least one client is connected. */
  waitForClient(): Promise<void> {
    if (this.clients.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends every client connection after what was sent has gone out, and stops listening. */
  async close(): Promise<void> {
    const closing = [...this.clients].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.destroyed) return resolve();
          c.once('close', () => resolve());
          c.end();
          // A client that never reads must not hold the command open forever.
          c.setTimeout(2000, () => c.destroy());
        }),
    );
    const stopped = new Promise<void>((resolve) => this.server.close(() => resolve()));
    await Promise.all([...closing, stopped]);
    for (const w of this.waiters.splice(0)) w();
  }

  private accept(socket: net.Socket): void {
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.clients.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => undefined); // a client that resets is just gone
    socket.on('data', (chunk: Buffer) => this.events.received?.(chunk));
    socket.on('close', () => {
      if (!this.clients.delete(socket)) return;
      this.events.disconnected?.(remote, this.clients.size);
    });
    this.events.connected?.(remote, this.clients.size);
    for (const w of this.waiters.splice(0)) w();
  }
}
