import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { TsparkError } from '../../src/engine/errors.js';
import { listenWithFallback } from '../../src/ui/listen.js';

const servers: Server[] = [];

function track(server: Server): Server {
  servers.push(server);
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))));
});

/** Occupies a free port and returns it. */
async function occupy(): Promise<number> {
  return listenWithFallback(track(createServer()), 0, '127.0.0.1');
}

describe('listenWithFallback', () => {
  it('binds the requested port when it is free', async () => {
    const free = await occupy();
    await new Promise<void>((resolve) => servers.pop()?.close(() => resolve()));
    expect(await listenWithFallback(track(createServer()), free, '127.0.0.1')).toBe(free);
  });

  it('moves to the next port when the requested one is in use', async () => {
    const taken = await occupy();
    const port = await listenWithFallback(track(createServer()), taken, '127.0.0.1');
    expect(port).toBeGreaterThan(taken);
    expect(port).toBeLessThanOrEqual(taken + 16);
  });

  it('gives up with ERR_UI_PORT, naming the range and the flags, when every port it may try is in use', async () => {
    const taken = await occupy();
    const err = await listenWithFallback(track(createServer()), taken, '127.0.0.1', 0).catch((e: unknown) => e);
    expect((err as TsparkError).code).toBe('ERR_UI_PORT');
    expect((err as Error).message).toBe(
      `The web UI found no free port from ${taken} to ${taken} on 127.0.0.1; choose another with --ui-port, or turn the UI off with --no-ui`,
    );
  });

  it('reports an address that cannot be bound with ERR_UI_PORT and the reason', async () => {
    const err = await listenWithFallback(track(createServer()), 0, '203.0.113.7').catch((e: unknown) => e);
    expect((err as TsparkError).code).toBe('ERR_UI_PORT');
    expect((err as Error).message).toMatch(/cannot listen on 203\.0\.113\.7:0: .*EADDRNOTAVAIL/);
  });
});
