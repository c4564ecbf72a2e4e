import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/engine/clock.js';
import type { SourceState } from '../../src/engine/events.js';
import type { ReceiverSink } from '../../src/engine/source.js';
import { SocketReceiver } from '../../src/sources/socket-receiver.js';
import { freePort, startServer, write, type TestServer } from '../support/net.js';
import { waitFor } from '../support/wait.js';

/**
 * A sink that records what the receiver hands over, for the receiver-contract tests. (The
 * engine-driven tests live in socket-text-stream.test.ts.)
 */
class RecordingSink implements ReceiverSink<string> {
  readonly clock = new ManualClock(0);
  readonly records: string[] = [];
  readonly statuses: Array<[SourceState, string | undefined]> = [];
  readonly warnings: string[] = [];
  backpressured = false;
  resumeCallbacks: Array<() => void> = [];
  store(records: string[]): void {
    this.records.push(...records);
  }
  status(state: SourceState, message?: string): void {
    this.statuses.push([state, message]);
  }
  warn(message: string): void {
    this.warnings.push(message);
  }
  onResume(cb: () => void): void {
    this.resumeCallbacks.push(cb);
  }
  resume(): void {
    this.backpressured = false;
    const cbs = this.resumeCallbacks;
    this.resumeCallbacks = [];
    for (const cb of cbs) cb();
  }
  states(): SourceState[] {
    return this.statuses.map(([s]) => s);
  }
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(options = {}, port?: number) {
  const server = port === undefined ? await startServer(0) : undefined;
  const sink = new RecordingSink();
  const receiver = new SocketReceiver('localhost', port ?? server!.port, options);
  cleanups.push(() => receiver.stop());
  if (server) cleanups.push(() => server.close());
  return { server, sink, receiver };
}

async function connected(server: TestServer, sink: RecordingSink, n = 1) {
  await waitFor(() => server.clients.length >= n && sink.states().filter((s) => s === 'connected').length >= n, 'connection');
  return server.clients[n - 1]!;
}

describe('SocketReceiver', () => {
  it('frames lines written in several chunks, with CRLF and a code point split between writes', async () => {
    const { server, sink, receiver } = await setup();
    receiver.start(sink);
    const client = await connected(server!, sink);
    await write(client, 'hello wo');
    await write(client, 'rld\r');
    await write(client, '\ncaf');
    await write(client, Uint8Array.from([0xc3]));
    await write(client, Uint8Array.from([0xa9, 0x0d, 0x0a]));
    await write(client, 'last\n');
    await waitFor(() => sink.records.length >= 3, '3 lines');
    expect(sink.records).toEqual(['hello world', 'café', 'last']);
    expect(sink.statuses[0]).toEqual(['connecting', 'connecting to localhost:' + server!.port]);
    expect(sink.warnings).toEqual([]);
  });

  it('delivers a partial last line when the server closes the connection', async () => {
    const { server, sink, receiver } = await setup();
    receiver.start(sink);
    const client = await connected(server!, sink);
    await write(client, 'one\ntwo (no newline)');
    client.end();
    await waitFor(() => sink.records.length >= 2, 'partial line');
    expect(sink.records).toEqual(['one', 'two (no newline)']);
  });

  it('says once that the server is absent, retries every 2 s on the clock, and connects when it appears', async () => {
    const port = await freePort();
    const { sink, receiver } = await setup({}, port);
    receiver.start(sink);
    await waitFor(() => sink.states().includes('retrying'), 'first failure');
    expect(sink.statuses[1]![1]).toBe(
      `cannot connect to localhost:${port}, retrying every 2 s — is \`nc -lk ${port}\` (or \`npx tspark nc -lk ${port}\`) running?`,
    );
    // Two more failed attempts: still one message.
    for (let i = 0; i < 2; i++) {
      await sink.clock.advance(2000);
      await waitFor(() => sink.clock.nextTimerAt() === sink.clock.now() + 2000, `retry ${i + 2} to fail and be rescheduled`);
    }
    expect(sink.states()).toEqual(['connecting', 'retrying']);

    const server = await startServer(port);
    cleanups.push(() => server.close());
    await sink.clock.advance(2000);
    const client = await connected(server, sink);
    await write(client, 'finally\n');
    await waitFor(() => sink.records.length === 1, 'a line');
    expect(sink.records).toEqual(['finally']);
    expect(sink.statuses.at(-1)).toEqual(['connected', `connected to localhost:${port}`]);
  });

  it('says plainly when the host name does not resolve, and keeps retrying', async () => {
    const sink = new RecordingSink();
    const receiver = new SocketReceiver('no-such-host.invalid', 9999);
    cleanups.push(() => receiver.stop());
    receiver.start(sink);
    await waitFor(() => sink.states().includes('retrying'), 'the failure');
    expect(sink.statuses[1]![1]).toMatch(/^cannot find host "no-such-host.invalid", retrying every 2 s — check the hostname \(for this machine use "localhost"\)$/);
    expect(sink.clock.nextTimerAt()).toBe(2000);
  });

  it('keeps lines received before the server went away and reconnects when it restarts', async () => {
    const { server, sink, receiver } = await setup();
    const port = server!.port;
    receiver.start(sink);
    const client = await connected(server!, sink);
    await write(client, 'a\nb\npartial');
    await server!.close();
    await waitFor(() => sink.states().includes('retrying'), 'drop noticed');
    expect(sink.records).toEqual(['a', 'b', 'partial']);
    expect(sink.statuses.at(-1)![1]).toMatch(/^lost localhost:\d+: .*the 3 lines received so far are kept; retrying every 2 s$/);

    const again = await startServer(port);
    cleanups.push(() => again.close());
    await sink.clock.advance(2000);
    const client2 = await connected(again, sink);
    await write(client2, 'c\n');
    await waitFor(() => sink.records.length === 4, 'line after reconnect');
    expect(sink.records).toEqual(['a', 'b', 'partial', 'c']);
    expect(sink.statuses.at(-1)).toEqual(['connected', `reconnected to localhost:${port}`]);
  });

  it('cuts a 10 MiB line to 1 MiB, reports it once, and goes on with the next line', async () => {
    const { server, sink, receiver } = await setup();
    receiver.start(sink);
    const client = await connected(server!, sink);
    client.write(Buffer.alloc(10 * 1024 * 1024, 0x78));
    await write(client, '\nafter\n');
    await waitFor(() => sink.records.length >= 2, 'both lines');
    expect(sink.records[0]).toHaveLength(1024 * 1024);
    expect(sink.records[1]).toBe('after');
    expect(sink.warnings).toEqual([
      `1 line from localhost:${server!.port} longer than 1 MiB was cut to 1 MiB; raise the "maxLineBytes" option of socketTextStream to keep longer lines`,
    ]);
  });

  it('drops long lines with longLines "drop" and a custom limit', async () => {
    const { server, sink, receiver } = await setup({ maxLineBytes: 10, longLines: 'drop' });
    receiver.start(sink);
    const client = await connected(server!, sink);
    await write(client, 'short\nthis one is far too long\nok\n');
    await waitFor(() => sink.records.length >= 2, 'lines');
    expect(sink.records).toEqual(['short', 'ok']);
    expect(sink.warnings[0]).toMatch(/1 line from .* longer than 10 bytes was dropped/);
  });

  it('turns invalid UTF-8 into U+FFFD, reports it, and loses nothing else', async () => {
    const { server, sink, receiver } = await setup();
    receiver.start(sink);
    const client = await connected(server!, sink);
    await write(client, Buffer.concat([Buffer.from('ok\nbad '), Buffer.from([0xff, 0xfe]), Buffer.from(' end\nfine\n')]));
    await waitFor(() => sink.records.length >= 3, 'lines');
    expect(sink.records).toEqual(['ok', 'bad \uFFFD\uFFFD end', 'fine']);
    expect(sink.warnings).toHaveLength(1);
    expect(sink.warnings[0]).toMatch(/sent 2 byte sequences that are not valid UTF-8/);
  });

  it('stops reading while the engine is backpressured, so TCP holds the rest, and reads it all after resume', async () => {
    const { server, sink, receiver } = await setup();
    sink.backpressured = true;
    receiver.start(sink);
    const client = await connected(server!, sink);
    const line = 'x'.repeat(99) + '\n';
    const total = 200_000; // 20 MB: more than loopback socket buffers hold
    client.write(line.repeat(total));
    await waitFor(() => sink.records.length > 0, 'first lines');
    // Once the kernel buffers are full, the server cannot hand the rest over.
    let last = -1;
    let stable = 0;
    await waitFor(() => {
      stable = client.bytesWritten === last ? stable + 1 : 0;
      last = client.bytesWritten;
      return stable >= 20;
    }, 'the sender to be blocked');
    expect(client.writableLength).toBeGreaterThan(0);
    const whilePaused = sink.records.length;
    expect(whilePaused).toBeLessThan(total / 10);
    expect(sink.warnings[0]).toMatch(/batches are falling behind: reading from .* is paused/);
    sink.resume();
    await waitFor(() => sink.records.length === total, 'all lines after resume', 20_000);
  });

  it('caps records per second like spark.streaming.receiver.maxRate', async () => {
    const { server, sink, receiver } = await setup({ maxRate: 5 });
    receiver.start(sink);
    const client = await connected(server!, sink);
    await write(client, Array.from({ length: 12 }, (_, i) => `l${i}\n`).join(''));
    await waitFor(() => sink.records.length === 5, 'first 5');
    await sink.clock.advance(1000);
    await waitFor(() => sink.records.length === 10, 'next 5');
    await sink.clock.advance(1000);
    await waitFor(() => sink.records.length === 12, 'last 2');
    expect(sink.records).toEqual(Array.from({ length: 12 }, (_, i) => `l${i}`));
  });

  it('delivers the partial line on stop and reports it stopped', async () => {
    const { server, sink, receiver } = await setup();
    receiver.start(sink);
    const client = await connected(server!, sink);
    await write(client, 'done\nhalf');
    await waitFor(() => sink.records.length === 1, 'first line');
    await waitFor(() => receiver['framer'].bufferedBytes === 4, 'partial buffered');
    await receiver.stop();
    expect(sink.records).toEqual(['done', 'half']);
    expect(sink.statuses.at(-1)).toEqual(['stopped', `stopped receiving from localhost:${server!.port} (2 lines received)`]);
  });

  it.each([
    ['', 9999, /"hostname" must be a non-empty string/],
    ['localhost', 0, /"port" must be an integer from 1 to 65535, e.g. 9999; got 0/],
    ['localhost', 70000, /got 70000/],
    ['localhost', '9999' as unknown as number, /got "9999"/],
  ])('rejects hostname %j and port %j with a clear message', (host, port, message) => {
    expect(() => new SocketReceiver(host, port)).toThrow(message);
  });

  it('rejects unknown and bad options by name', () => {
    expect(() => new SocketReceiver('localhost', 1, { maxrate: 1 } as never)).toThrow(/unknown option "maxrate"/);
    expect(() => new SocketReceiver('localhost', 1, { maxRate: -1 })).toThrow(/"maxRate" must be a whole number of records per second >= 1; got -1/);
    expect(() => new SocketReceiver('localhost', 1, { maxRate: 0.5 })).toThrow(/got 0.5/);
    expect(() => new SocketReceiver('localhost', 1, { longLines: 'skip' as never })).toThrow(/"longLines" must be "cut" or "drop"; got "skip"/);
  });
});
