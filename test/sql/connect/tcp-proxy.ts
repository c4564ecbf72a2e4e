/**
 * A loopback TCP proxy in front of the real Spark Connect server, so a test can cut the
 * connection in the middle of a result: real sockets both ways, bytes forwarded untouched.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A running proxy. */
export interface TcpProxy {
  readonly port: number;
  /** Bytes forwarded from the server to clients so far. */
  readonly bytesFromServer: number;
  /** Cuts every open connection once `bytes` more have come from the server. */
  cutAfter(bytes: number, then: 'keep-listening' | 'stop-listening'): Promise<void>;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1, port 0, to `host:port`. */
export async function startTcpProxy(host: string, port: number): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let fromServer = 0;
  let cut: { at: number; then: 'keep-listening' | 'stop-listening'; done: () => void } | undefined;
  const server: Server = createServer((client) => {
    const upstream = connect(port, host);
    sockets.add(client).add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.on('data', (b) => upstream.write(b));
    upstream.on('data', (b) => {
      fromServer += b.length;
      client.write(b);
      if (cut && fromServer >= cut.at) {
        const c = cut;
        cut = undefined;
        for (const s of sockets) s.destroy();
        sockets.clear();
        if (c.then === 'stop-listening') server.close();
        c.done();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    port: address.port,
    get bytesFromServer() {
      return fromServer;
    },
    cutAfter(bytes, then) {
      return new Promise<void>((done) => {
        cut = { at: fromServer + bytes, then, done };
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
