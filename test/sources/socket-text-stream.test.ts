import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startServer, write, type TestServer } from '../support/net.js';
import { waitFor } from '../support/wait.js';
import { ManualClock } from '../../src/engine/clock.js';
import { StreamingContext } from '../../src/engine/streaming-context.js';
import type { RDD } from '../../src/engine/rdd/rdd.js';
import { SparkContext } from '../../src/engine/spark-context.js';
import { SocketReceiver } from '../../src/sources/socket-receiver.js';
import { startWordCount } from '../support/word-count.js';

let running: { stop(): void } | undefined;
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

  it('stops reading the socket while batches are behind and catches up after them, losing nothing', async () => {
    const s = await server();
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(new SparkContext('local[2]', 'bp'), 1, { clock, out: () => undefined, err: () => undefined });
    const counts: number[] = [];
    ssc
      .receiverStream(new SocketReceiver('localhost', s.port), { maxBufferedRecords: 1000 })
      .foreachRDD((rdd: RDD<string>) => {
        counts.push(rdd.count());
      });
    ssc.start();
    running = { stop: () => ssc.stop(true) };
    const received = () => ssc.sources()[0]!.recordsReceived;
    await waitFor(() => s.clients.length === 1, 'the connection');
    const total = 200_000; // 20 MB of 100-byte lines: more than the socket buffers hold
    s.clients[0]!.write(('x'.repeat(99) + '\n').repeat(total));
    await waitFor(() => received() > 1000, 'the buffer limit to be reached');
    let last = -1;
    let stable = 0;
    await waitFor(() => {
      stable = received() === last ? stable + 1 : 0;
      last = received();
      return stable >= 20;
    }, 'reading to pause');
    // Paused: at most the limit plus what one socket read held, far from the 200,000 sent.
    expect(received()).toBeLessThan(1000 + 2000);
    for (let i = 0; i < 2000 && received() < total; i++) {
      const before = received();
      await clock.advance(1000); // a batch runs and releases its records: reading resumes
      await waitFor(() => received() > before || received() === total, 'reading to resume');
    }
    await clock.advance(1000);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it("accepts pyspark's storage level as the third argument, and options after it or in its place", async () => {
    const s = await server();
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(new SparkContext('local[2]', 'sl'), 1, { clock, out: () => undefined, err: () => undefined });
    running = { stop: () => ssc.stop(true) };
    const got: string[][] = [[], [], []];
    ssc.socketTextStream('localhost', s.port, 'MEMORY_AND_DISK_2').foreachRDD((rdd: RDD<string>) => void got[0]!.push(...rdd.collect()));
    ssc.socketTextStream('localhost', s.port, 'MEMORY_ONLY', { maxLineBytes: 3 }).foreachRDD((rdd: RDD<string>) => void got[1]!.push(...rdd.collect()));
    ssc.socketTextStream('localhost', s.port, { maxLineBytes: 2 }).foreachRDD((rdd: RDD<string>) => void got[2]!.push(...rdd.collect()));
    expect(() => ssc.socketTextStream('localhost', s.port, { maxLine: 2 } as never)).toThrow(/socketTextStream: unknown option "maxLine"/);
    ssc.start();
    await waitFor(() => s.clients.length === 3, 'three connections');
    for (const c of s.clients) await write(c, 'abcd\n');
    await waitFor(() => ssc.sources().every((i) => i.recordsReceived === 1), 'a line on each');
    await clock.advance(1000);
    expect(got).toEqual([['abcd'], ['abc'], ['ab']]);
  });

  it('rejects a bad port at creation with the value received', () => {
    const wc = (running = startWordCount(9));
    expect(() => wc.ssc.socketTextStream('localhost', -1)).toThrow(/"port" must be an integer from 1 to 65535/);
  });
});
