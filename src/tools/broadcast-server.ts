/**
 * A TCP server that sends the same bytes to every connected client: the common part of
 * `tspark nc -lk` and `tspark feed`. It listens on all interfaces (like `nc -l`), so both
 * `localhost` as IPv4 and as IPv6 reach it.
 *
 * The pace is the fastest client's: the producer waits only while every client is behind. A
 * client that stops reading while another keeps up therefore holds nobody up; what it has not
 * taken piles up in its own buffer, and past {@link MAX_CLIENT_BACKLOG_BYTES} it is dropped (one
 * `dropped` event), so its memory is bounded. A lone client that stops reading makes the
 * producer wait for it, as `nc` waits for its one client.
 */
import net from 'node:net';

/** Unsent bytes a client may have waiting for it, while another keeps up, before it is dropped. */
export const MAX_CLIENT_BACKLOG_BYTES = 8 * 1024 * 1024;

/** What a {@link BroadcastServer} tells its command about. */
export interface BroadcastEvents {
  /** A client connected; `count` clients are now connected. */
  connected?(remote: string, count: number): void;
  /** A client left; `count` clients remain. */
  disconnected?(remote: string, count: number): void;
  /** A client sent bytes (nc prints them, as `nc` does). */
  received?(chunk: Buffer): void;
  /**
   * A client stopped reading while others kept up: it was disconnected with `backlogBytes`
   * unsent (instead of a `disconnected` event); `count` clients remain.
   */
  dropped?(remote: string, backlogBytes: number, count: number): void;
}

/** The one line a command prints when a client is dropped. */
export function droppedMessage(remote: string, backlogBytes: number, count: number): string {
  const mib = (backlogBytes / (1024 * 1024)).toFixed(1);
  return `client ${remote} stopped reading: disconnected it with ${mib} MiB unsent, so the other clients are not held up (${count} connected)`;
}

/** Options of {@link BroadcastServer.listen}. */
export interface BroadcastOptions {
  /** Unsent bytes a client may have before it is dropped (default {@link MAX_CLIENT_BACKLOG_BYTES}). */
  readonly maxBacklogBytes?: number;
}

/** A listening socket with a set of clients that all get what is broadcast. */
export class BroadcastServer {
  private readonly server: net.Server;
  private readonly clients = new Map<net.Socket, string>();
  private readonly waiters: Array<() => void> = [];
  /** Woken when a client drains, leaves or arrives: a producer held up may go on. */
  private wakers: Array<() => void> = [];

  private constructor(
    server: net.Server,
    private readonly events: BroadcastEvents,
    private readonly maxBacklogBytes: number,
  ) {
    this.server = server;
  }

  /**
   * Starts listening on `port` (0 = any free port) and `host` (default: all interfaces).
   * Rejects with the listen error (EADDRINUSE, EACCES) for the command to explain.
   */
  static async listen(port: number, host: string | undefined, events: BroadcastEvents = {}, options: BroadcastOptions = {}): Promise<BroadcastServer> {
    const server = net.createServer();
    const b = new BroadcastServer(server, events, options.maxBacklogBytes ?? MAX_CLIENT_BACKLOG_BYTES);
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
   * Sends `data` to every client. Resolves at once if one client at least took it without
   * buffering; else once one has drained (so a fast producer waits instead of piling up
   * memory, and goes at the pace of the fastest client). A client whose unsent bytes pass the
   * bound is dropped.
   */
  async send(data: string | Uint8Array): Promise<void> {
    for (const [c, remote] of this.clients) {
      if (c.destroyed || c.writableEnded) continue;
      // Checked before writing: a client's backlog stays under the bound plus one chunk.
      if (c.writableLength > this.maxBacklogBytes) this.drop(c, remote);
      else c.write(data);
    }
    while (this.allBehind()) await new Promise<void>((resolve) => this.wakers.push(resolve));
  }

  /** True while there are clients and none of them can take more now. */
  private allBehind(): boolean {
    if (this.clients.size === 0) return false;
    for (const c of this.clients.keys()) if (!c.writableNeedDrain || c.destroyed) return false;
    return true;
  }

  private wake(): void {
    const wakers = this.wakers;
    this.wakers = [];
    for (const w of wakers) w();
  }

  /** Disconnects a client that stopped reading: its unsent bytes are freed, the others go on. */
  private drop(c: net.Socket, remote: string): void {
    const backlog = c.writableLength;
    this.clients.delete(c);
    c.destroy();
    this.events.dropped?.(remote, backlog, this.clients.size);
    this.wake();
  }

  /** Resolves when at least one client is connected. */
  waitForClient(): Promise<void> {
    if (this.clients.size > 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Ends every client connection after what was sent has gone out, and stops listening. */
  async close(): Promise<void> {
    const closing = [...this.clients.keys()].map(
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
    this.wake();
  }

  private accept(socket: net.Socket): void {
    const remote = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
    this.clients.set(socket, remote);
    socket.setNoDelay(true);
    socket.on('error', () => undefined); // a client that resets is just gone
    socket.on('data', (chunk: Buffer) => this.events.received?.(chunk));
    socket.on('drain', () => this.wake());
    socket.on('close', () => {
      this.wake();
      if (!this.clients.delete(socket)) return;
      this.events.disconnected?.(remote, this.clients.size);
    });
    this.events.connected?.(remote, this.clients.size);
    for (const w of this.waiters.splice(0)) w();
    this.wake();
  }
}
