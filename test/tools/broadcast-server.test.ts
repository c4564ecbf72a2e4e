import { afterEach, describe, expect, it } from 'vitest';
import { BroadcastServer } from '../../src/tools/broadcast-server.js';
import { connectClient, type TestClient } from '../support/net.js';
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
