import { afterEach, describe, expect, it } from 'vitest';
import { BroadcastServer, MAX_CLIENT_BACKLOG_BYTES } from '../../src/tools/broadcast-server.js';
import { connectClient, connectCounter, connectStalled, type TestClient } from '../support/net.js';
import { waitFor } from '../support/wait.js';

const open: Array<BroadcastServer | TestClient> = [];
afterEach(async () => {
  for (const x of open.splice(0).reverse()) {
    if (x instanceof BroadcastServer) await x.close();
    else x.socket.destroy();
  }
});

describe('BroadcastServer', () => {
  it('sends the same bytes to every client and reports joins and leaves', async () => {
    const log: string[] = [];
    const server = await BroadcastServer.listen(0, '127.0.0.1', {
      connected: (_r, n) => log.push(`+${n}`),
      disconnected: (_r, n) => log.push(`-${n}`),
    });
    open.push(server);
    const a = await connectClient(server.port);
    const b = await connectClient(server.port);
    open.push(a, b);
    await waitFor(() => server.clientCount === 2, 'two clients');
    await server.send('x\n');
    await waitFor(() => a.text() === 'x\n' && b.text() === 'x\n', 'both to receive');
    a.socket.destroy();
    await waitFor(() => server.clientCount === 1, 'one to leave');
    expect(log).toEqual(['+1', '+2', '-1']);
  });

  it('waits for a slow client to drain instead of buffering without limit', async () => {
    const server = await BroadcastServer.listen(0, '127.0.0.1');
    open.push(server);
    const c = await connectClient(server.port);
    open.push(c);
    await server.waitForClient();
    c.socket.pause(); // a client that does not read
    const big = 'y'.repeat(1024 * 1024);
    let sent = 0;
    const sending = (async () => {
      for (let i = 0; i < 64; i++) {
        await server.send(big);
        sent++;
      }
    })();
    // With the client not reading, the kernel buffers fill and send() stops resolving.
    let last = -1;
    let stable = 0;
    await waitFor(() => {
      stable = sent === last ? stable + 1 : 0;
      last = sent;
      return stable >= 20;
    }, 'send() to block');
    expect(sent).toBeLessThan(64);
    c.socket.resume();
    await sending;
    await waitFor(() => c.text().length === 64 * big.length, 'everything to arrive', 20_000);
  });

  it('a client that stops reading holds nobody up: the reader gets everything, the other is dropped once, its backlog bounded', async () => {
    const dropped: Array<{ remote: string; bytes: number; count: number }> = [];
    const left: string[] = [];
    const server = await BroadcastServer.listen(0, '127.0.0.1', {
      dropped: (remote, bytes, count) => dropped.push({ remote, bytes, count }),
      disconnected: (remote) => left.push(remote),
    });
    open.push(server);
    const stalled = await connectStalled(server.port);
    const stalledPort = stalled.localPort;
    const reader = await connectCounter(server.port);
    const stalledClosed = new Promise<void>((resolve) => stalled.on('close', () => resolve()));
    open.push({ socket: reader.socket, text: () => '', closed: reader.closed });
    await waitFor(() => server.clientCount === 2, 'two clients');
    // 64 MiB: far more than the bound and the kernel's buffers together.
    const chunk = Buffer.alloc(1024 * 1024, 'z');
    let sent = 0;
    const sending = (async () => {
      for (let i = 0; i < 64; i++) {
        await server.send(chunk);
        sent++;
      }
    })();
    await waitFor(() => sent === 64, `all 64 MiB to be sent while one client does not read (sent ${sent})`, 20_000);
    await sending;
    await waitFor(() => reader.bytes() === 64 * chunk.length, 'the reading client to get all of it', 20_000);
    expect(dropped).toHaveLength(1);
    // Reading again, it finds the connection gone.
    stalled.resume();
    await stalledClosed;
    expect(dropped[0]?.count).toBe(1);
    expect(dropped[0]?.remote).toBe(`127.0.0.1:${stalledPort}`);
    // Dropped at the bound: what it had waiting was the bound plus at most one chunk.
    expect(dropped[0]?.bytes).toBeGreaterThan(MAX_CLIENT_BACKLOG_BYTES);
    expect(dropped[0]?.bytes).toBeLessThanOrEqual(MAX_CLIENT_BACKLOG_BYTES + chunk.length);
    // One message: no "left" besides.
    expect(left).toEqual([]);
    expect(server.clientCount).toBe(1);
  });

  it('rejects with EADDRINUSE when the port is taken', async () => {
    const first = await BroadcastServer.listen(0, '127.0.0.1');
    open.push(first);
    await expect(BroadcastServer.listen(first.port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('close() ends client connections after what was sent', async () => {
    const server = await BroadcastServer.listen(0, '127.0.0.1');
    const c = await connectClient(server.port);
    open.push(c);
    await server.waitForClient();
    await server.send('bye\n');
    await server.close();
    await c.closed;
    expect(c.text()).toBe('bye\n');
  });
});
