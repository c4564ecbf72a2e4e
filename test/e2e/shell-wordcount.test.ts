import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';
import { freePort, Netcat } from './shell-helpers.js';

const SHELL = 'node dist/bin/tspark.js --no-ui --batch 1';
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
/** pprint headers carry the wall-clock time: mask it before comparing blocks. */
const mask = (text: string): string => text.replace(/Time: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'Time: <t>');
const DASHES = '-'.repeat(43);

let pty: Pty | undefined;
let nc: Netcat | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => {
  pty?.kill();
  nc?.stop();
});

describe('the seeds word count, the way a class runs it', () => {
  it('counts words typed into nc -lk, keeps a half-typed line intact, stops, starts a new pipeline and exits 0', async () => {
    const port = await freePort();
    nc = new Netcat(port);
    await nc.ready();
    pty = new Pty(SHELL, { env: ENV, cols: 100, rows: 40 });
    await pty.waitForText('tspark>');
    expect(pty.all()).toContain("Spark context available as 'sc' (master = local[2])");
    expect(pty.all()).toContain("Streaming context available as 'ssc' (batch interval 1 s)");

    // Typed line by line, as in the classroom notes.
    pty.line(`const lines = ssc.socketTextStream("localhost", ${port})`);
    pty.line('const words = lines.flatMap((line) => line.split(" "))');
    pty.line('const pairs = words.map((word): [string, number] => [word, 1])');
    pty.line('const wordCounts = pairs.reduceByKey((a, b) => a + b)');
    pty.line('wordCounts.pprint()');
    pty.line('ssc.start()');
    await pty.waitForText(`connected to localhost:${port}`);

    nc.send('I Like spark', 'you Like Python', 'he Like JAva');
    await pty.waitFor((all) => /'Like', 3|\('Like', 3\)|\["Like",3\]/.test(all), 'a batch with Like counted 3 times');
    const block = mask(pty.all());
    expect(block).toContain(`${DASHES}\nTime: <t>\n${DASHES}\n`);
    for (const w of ['I', 'spark', 'you', 'Python', 'he', 'JAva']) expect(block).toMatch(new RegExp(`'${w}', 1`));

    // A half-typed line survives the batches printing above it.
    pty.write('const half = "still typ');
    nc.send('spark spark');
    await pty.waitFor((all) => /'spark', 2/.test(all), 'the next batch');
    await pty.waitFor(() => pty!.lastRow() === 'tspark> const half = "still typ', 'the half-typed line redrawn');
    expect(pty.cursor().x).toBe('tspark> const half = "still typ'.length);
    pty.line('ing"');

    // Stop; ssc is ready again at once, no restart, no new StreamingContext by hand.
    pty.line('ssc.stop()');
    await pty.waitForText('ssc is ready for a new pipeline');
    pty.line(`const lines2 = ssc.socketTextStream("localhost", ${port})`);
    pty.line('lines2.count().pprint()');
    pty.line('ssc.start()');
    await pty.waitForText(`connected to localhost:${port}`, 2);
    nc.send('one', 'two', 'three', 'four');
    await pty.waitFor((all) => /\n4\n/.test(mask(all)), 'the new pipeline counting 4 lines');
    pty.line('sc.parallelize([1, 2, 3]).count()');
    await pty.waitFor((all) => /\n3\n/.test(all), 'sc still alive');

    await keyGap();
    pty.write('\x04');
    expect(await pty.exited).toBe(0);
    expect(pty.all()).not.toMatch(/Uncaught|Error/);
  });

  it('stops a running stream gracefully with Ctrl-C on an empty line, and stays open', async () => {
    const port = await freePort();
    nc = new Netcat(port);
    await nc.ready();
    pty = new Pty(SHELL, { env: ENV, cols: 100, rows: 40 });
    await pty.waitForText('tspark>');
    pty.line(`ssc.socketTextStream("localhost", ${port}).count().pprint(); ssc.start()`);
    await pty.waitForText(`connected to localhost:${port}`);
    await keyGap();
    pty.write('\x03');
    await pty.waitForText('Stopping the stream gracefully');
    await pty.waitForText('ssc is ready for a new pipeline');
    pty.line('ssc.state');
    await pty.waitForText("'INITIALIZED'");
    pty.line('.exit');
    expect(await pty.exited).toBe(0);
  });
});
