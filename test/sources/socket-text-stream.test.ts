import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startServer, waitFor, write, type TestServer } from './helpers.js';
import { startWordCount, type WordCount } from './word-count.js';

let running: WordCount | undefined;
const servers: TestServer[] = [];
afterEach(async () => {
  running?.stop();
  running = undefined;
  for (const s of servers.splice(0)) await s.close();
});
async function server(port = 0) {
  const s = await startServer(port);
  servers.push(s);
  return s;
}

describe('ssc.socketTextStream through the engine', () => {
  it('puts each line in the batch in which it arrived', async () => {
    const s = await server();
    const wc = (running = startWordCount(s.port));
    await wc.ensureConnected();
    const client = s.clients[0]!;
    await write(client, 'a b a\n');
    await wc.waitForLines(1);
    await wc.clock.advance(1000);
    await write(client, 'b\r\nc');
    await write(client, '\n');
    await wc.waitForLines(3);
    await wc.clock.advance(1000);
    await wc.clock.advance(1000);
    expect(wc.batches).toEqual([
      [
        ['a', 2],
        ['b', 1],
      ],
      [
        ['b', 1],
        ['c', 1],
      ],
      [],
    ]);
    expect(wc.ssc.sources()[0]).toMatchObject({ name: `socketTextStream localhost:${s.port}`, state: 'connected', recordsReceived: 3 });
  });

  it('says once that the server is absent while retrying, then connects when it starts', async () => {
    const port = await freePort();
    const wc = (running = startWordCount(port));
    await waitFor(() => wc.state() === 'retrying', 'the first failed attempt');
    // More attempts fail while the clock runs (the receiver tests check each is rescheduled).
    for (let i = 0; i < 3; i++) await wc.clock.advance(2000);
    const absent = `[socketTextStream localhost:${port}] cannot connect to localhost:${port}, retrying every 2 s — is \`nc -lk ${port}\` (or \`npx tspark nc -lk ${port}\`) running?\n`;
    expect(wc.messages.filter((m) => m.includes('cannot connect'))).toEqual([absent]);
    const s = await server(port);
    await wc.ensureConnected();
    await write(s.clients[0]!, 'late but here\n');
    await wc.waitForLines(1);
    await wc.clock.advance(1000);
    expect(wc.totals()).toEqual({ late: 1, but: 1, here: 1 });
    const states = wc.events.flatMap((e) => (e.type === 'sourceStatus' ? [e.source.state] : []));
    expect(states.filter((s) => s === 'retrying')).toHaveLength(1);
    expect(states.at(-1)).toBe('connected');
  });

  it('rejects a bad port at creation with the value received', () => {
    const wc = (running = startWordCount(9));
    expect(() => wc.ssc.socketTextStream('localhost', -1)).toThrow(/"port" must be an integer from 1 to 65535/);
  });
});
