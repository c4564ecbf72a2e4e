/**
 * A real loopback line server for socket-source tests (what `nc -lk` is in the guide): Spark's
 * socket source and tspark's connect to it; `send` writes lines to every reader connected now.
 */
import { createServer, type Server, type Socket } from 'node:net';

/** A line server Spark's socket source connects to; `send` writes to every connected reader. */
export class LineServer {
  readonly server: Server;
  private readonly sockets: Socket[] = [];
  private readonly waiters: Array<() => void> = [];
  constructor() {
    this.server = createServer((s) => {
      this.sockets.push(s);
      s.on('error', () => {});
      s.on('close', () => this.sockets.splice(this.sockets.indexOf(s), 1));
      for (const w of this.waiters.splice(0)) w();
    });
  }
  async listen(): Promise<number> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return (this.server.address() as { port: number }).port;
  }
  /** Resolves when the next reader (a query's source) connects; ask before starting the query. */
  nextReader(): Promise<void> {
    return new Promise((r) => this.waiters.push(r));
  }
  send(lines: string[]): void {
    for (const s of this.sockets) s.write(lines.map((l) => `${l}\n`).join(''));
  }
  close(): void {
    for (const s of this.sockets) s.destroy();
    this.server.close();
  }
}

