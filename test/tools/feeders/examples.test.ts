/**
 * Each demo's example in `tspark feed --help` is run through the engine on that demo's own data,
 * so the help never shows a pipeline that fails when pasted into the shell.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../src/engine/clock.js';
import { StreamingContext } from '../../../src/engine/streaming-context.js';
import { SparkContext } from '../../../src/engine/spark-context.js';
import { FEEDERS, Random } from '../../../src/tools/feeders/index.js';
import { startServer, write, type TestServer } from '../../support/net.js';
import { waitFor } from '../../support/wait.js';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the examples in tspark feed --help', () => {
  for (const feeder of FEEDERS) {
    it(`runs the ${feeder.name} example on ${feeder.name} data and prints records`, async () => {
      const server: TestServer = await startServer(0);
      cleanups.push(() => server.close());
      const checkpoint = await mkdtemp(path.join(tmpdir(), 'tspark-example-'));
      cleanups.push(() => rm(checkpoint, { recursive: true, force: true }));
      const clock = new ManualClock(0);
      let out = '';
      const errors: string[] = [];
      const ssc = new StreamingContext(new SparkContext('local[2]', 'examples'), 1, {
        clock,
        out: (t) => (out += t),
        err: (t) => errors.push(t),
      });
      cleanups.push(() => ssc.stop(true));
      ssc.events.on((e) => {
        if (e.type === 'batchError') errors.push(`batch error: ${String(e.error)}`);
      });

      // The example as a user would paste it, pointed at this test's port and a temp checkpoint.
      const code = feeder.example.replaceAll('9999', String(server.port)).replace('"checkpoint"', JSON.stringify(checkpoint));
      new Function('ssc', code)(ssc);
      ssc.start();
      await waitFor(() => server.clients.length === 1, 'the connection');

      const make = feeder.create(new Random(1));
      const lines = Array.from({ length: 40 }, (_, i) => make(Date.UTC(2014, 7, 1) + i * 100));
      await write(server.clients[0]!, lines.join('\n') + '\n');
      await waitFor(() => ssc.sources()[0]!.recordsReceived === 40, 'the lines');
      await clock.advance(5000);

      expect(errors.filter((e) => /error/i.test(e))).toEqual([]);
      const records = out.split('\n').filter((l) => l !== '' && !l.startsWith('---') && !l.startsWith('Time:'));
      expect(records.length).toBeGreaterThan(0);
    });
  }
});
