import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { ncCommand, parseNcArgs } from '../../src/tools/nc-command.js';
import { connectClient, connectCounter, connectStalled, freePort, startServer, waitListening, type TestClient } from '../support/net.js';
import { waitFor } from '../support/wait.js';

/** Runs ncCommand in this process on streams the test holds. */
function runNc(argv: string[]) {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const abort = new AbortController();
  const exit = ncCommand(argv, { stdin, stdout, stderr, signal: abort.signal });
  const port = async () => {
    await waitFor(() => /listening on port (\d+)/.test(err), 'the listening message');
    return Number(/listening on port (\d+)/.exec(err)![1]);
  };
  return { stdin, exit, abort, port, out: () => out, err: () => err };
}

const clients: TestClient[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.socket.destroy();
});
async function client(port: number) {
  const c = await connectClient(port);
  clients.push(c);
  return c;
}

describe('ncCommand (tspark nc)', () => {
  it('sends each typed line to many connected clients and keeps listening after one leaves', async () => {
    const nc = runNc(['-lk', '0']);
    const port = await nc.port();
    const many = await Promise.all(Array.from({ length: 8 }, () => client(port)));
    await waitFor(() => nc.err().includes('(8 connected)'), '8 clients');
    nc.stdin.write('hello everyone\n');
    await waitFor(() => many.every((c) => c.text() === 'hello everyone\n'), 'every client to get the line');

    many[0]!.socket.destroy();
    await waitFor(() => nc.err().includes('(7 connected)'), 'a client to leave');
    const late = await client(port);
    await waitFor(() => nc.err().includes('(8 connected)'), 'a new client');
    nc.stdin.write('second\n');
    await waitFor(() => late.text() === 'second\n', 'the late client to get the next line');
    await waitFor(() => many.slice(1).every((c) => c.text() === 'hello everyone\nsecond\n'), 'the others to get it');
    expect(many[0]!.text()).toBe('hello everyone\n');

    nc.abort.abort();
    expect(await nc.exit).toBe(0);
  });

  it('keeps lines typed before any client connects and sends them to the first one', async () => {
    const nc = runNc(['-l', '-k', '0']);
    const port = await nc.port();
    nc.stdin.write('typed early\n');
    await waitFor(() => nc.err().includes('no client connected yet'), 'the waiting message');
    const c = await client(port);
    await waitFor(() => c.text() === 'typed early\n', 'the early line');
    nc.abort.abort();
    expect(await nc.exit).toBe(0);
  });

  it('exits when the client leaves without -k', async () => {
    const nc = runNc(['-l', '0']);
    const port = await nc.port();
    const c = await client(port);
    await waitFor(() => nc.err().includes('(1 connected)'), 'the client');
    c.socket.destroy();
    expect(await nc.exit).toBe(0);
  });

  it('delivers everything and closes the connections when stdin ends', async () => {
    const nc = runNc(['-lk', '0']);
    const port = await nc.port();
    const c = await client(port);
    await waitFor(() => nc.err().includes('(1 connected)'), 'the client');
    nc.stdin.end('one\ntwo\nthree');
    expect(await nc.exit).toBe(0);
    await c.closed;
    expect(c.text()).toBe('one\ntwo\nthree');
  });

  it('a client that stops reading holds up neither the others nor stdin; it is dropped with one message, even with -q', async () => {
    // -q prints no listening line: the port is chosen here, and its listening socket seen in /proc.
    const port = await freePort();
    const nc = runNc(['-lkq', String(port)]);
    await waitListening(port);
    const stalled = await connectStalled(port);
    const reader = await connectCounter(port);
    // Typed lines, 100 bytes each, 32 MB in all: far more than the bound and the kernel's buffers.
    const line = 'x'.repeat(99) + '\n';
    const block = line.repeat(10_000);
    const blocks = 32;
    // Written at once (held by the pipe): how fast nc takes them is what is tested.
    for (let i = 0; i < blocks; i++) nc.stdin.write(block);
    await waitFor(() => reader.lines() === blocks * 10_000, `the reading client to get every line (got ${reader.lines()}; ${nc.err()})`, 20_000);
    const messages = nc.err().split('\n').filter((l) => l.includes('stopped reading'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^client (::ffff:)?127\.0\.0\.1:\d+ stopped reading: disconnected it with \d+\.\d MiB unsent, so the other clients are not held up \(1 connected\)$/);
    stalled.destroy();
    nc.abort.abort();
    expect(await nc.exit).toBe(0);
  });

  it('prints what a client sends on stdout, as nc does', async () => {
    const nc = runNc(['-lk', '0']);
    const c = await client(await nc.port());
    c.socket.write('from client\n');
    await waitFor(() => nc.out() === 'from client\n', 'stdout');
    nc.abort.abort();
    expect(await nc.exit).toBe(0);
  });

  it('explains a port already in use and exits with 1', async () => {
    const busy = await startServer(0);
    try {
      const nc = runNc(['-lk', '127.0.0.1', String(busy.port)]);
      expect(await nc.exit).toBe(1);
      expect(nc.err()).toContain(`port ${busy.port} is already in use`);
    } finally {
      await busy.close();
    }
  });

  it('prints help with an example and exits with 0', async () => {
    const nc = runNc(['--help']);
    expect(await nc.exit).toBe(0);
    expect(nc.out()).toContain('Usage: tspark nc -l [-k]');
    expect(nc.out()).toContain('npx tspark nc -lk 9999');
  });

  it('rejects a missing -l or port with a hint and exit code 2', async () => {
    const nc = runNc(['9999']);
    expect(await nc.exit).toBe(2);
    expect(nc.err()).toContain('only listen mode is supported: add -l');
    expect(nc.err()).toContain('Try: tspark nc -lk 9999');
  });
});

describe('parseNcArgs', () => {
  it.each([
    [['-lk', '9999'], { listen: true, keep: true, host: undefined, port: 9999 }],
    [['-l', '-k', '9999'], { listen: true, keep: true, port: 9999 }],
    [['-l', '9999'], { listen: true, keep: false, port: 9999 }],
    [['-lkv', 'localhost', '9999'], { keep: true, host: 'localhost', port: 9999 }],
    [['-lk', '-p', '9999'], { keep: true, port: 9999 }],
    [['-lkq', '0'], { verbosity: 'quiet', port: 0 }],
  ])('parses %j', (argv, expected) => {
    expect(parseNcArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [['-lk'], /which port\?/],
    [['-lk', 'abc'], /port must be a number from 0 to 65535; got "abc"/],
    [['-lk', '70000'], /got "70000"/],
    [['-lx', '1'], /unknown option -x/],
    [['--listen', '1'], /unknown option --listen/],
    [['-l', 'a', 'b', 'c'], /too many arguments/],
  ])('rejects %j', (argv, message) => {
    expect(parseNcArgs(argv)).toMatch(message);
  });
});
