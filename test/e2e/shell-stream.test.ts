import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';

const SHELL = 'node dist/bin/tspark.js --no-ui --batch 0.5';
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
const count = (text: string, s: string): number => text.split(s).length - 1;
let pty: Pty | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => pty?.kill());

async function shell(): Promise<Pty> {
  pty = new Pty(SHELL, { env: ENV, cols: 100, rows: 40 });
  await pty.waitForText('tspark>');
  return pty;
}

describe('a running stream in the real shell', () => {
  it('reports a map function that throws once per batch, with the TypeScript position, and goes on', async () => {
    const p = await shell();
    p.line('let k = 0');
    p.line('ssc.queueStream([], true, [1]).map((x: number) => {');
    p.line('  k++');
    p.line('  if (k === 2) throw new Error("boom " + k)');
    p.line('  return k');
    p.line('}).pprint()');
    p.line('ssc.start()');
    await p.waitFor((all) => /\n3\n/.test(all), 'the batch after the failing one');
    p.write('const half = "ty');
    await p.waitFor((all) => /\n4\n/.test(all), 'another batch');
    await p.waitFor(() => p.lastRow() === 'tspark> const half = "ty', 'the half-typed line redrawn');
    const all = p.all();
    expect(count(all, 'Error: boom 2')).toBe(1);
    expect(all).toMatch(/Error in batch .* \(pprint\): Error: boom 2\n\s+at REPL2\.ts:3:\d+/);
    expect(all).not.toMatch(/dist[/\\]src|node:internal/);
  });

  it('pauses the batch clock, steps one batch at a time, and resumes', async () => {
    const p = await shell();
    p.line('let n = 0; ssc.queueStream([], true, [0]).map(() => ++n).pprint()');
    p.line('ssc.start(); 0');
    await p.waitFor((all) => /\n1\n/.test(all), 'the first batch');
    p.line('.pause');
    await p.waitForText('Batch clock paused.');
    // Each step prints exactly one batch between the command and its "Stepped to" line.
    const stepOutput = (i: number): string => p.all().split('tspark> .step\n')[i]!.split('Stepped to')[0]!;
    p.line('.step');
    await p.waitForText('Stepped to', 1);
    expect(count(stepOutput(1), 'Time: ')).toBe(1);
    p.line('.step');
    await p.waitForText('Stepped to', 2);
    expect(count(stepOutput(2), 'Time: ')).toBe(1);
    const before = count(p.all(), 'Time: ');
    p.line('.status');
    await p.waitForText('(batch clock paused');
    p.line('.resume');
    await p.waitForText('Batch clock running again.');
    await p.waitFor((all) => count(all, 'Time: ') >= before + 4, 'batches running again');
  });

  it('Ctrl-C stops waiting on awaitTerminationOrTimeout; the stream keeps running', async () => {
    const p = await shell();
    p.line('ssc.queueStream([], true, ["x"]).pprint(); ssc.start()');
    p.line('await ssc.awaitTerminationOrTimeout(60)');
    await p.waitFor((all) => count(all, 'Time: ') >= 2, 'batches while waiting');
    await keyGap();
    p.write('\x03');
    await p.waitForText('Stopped waiting (Ctrl-C)');
    p.line('ssc.state');
    await p.waitForText("'ACTIVE'");
    const seen = count(p.all(), 'Time: ');
    await p.waitFor((all) => count(all, 'Time: ') > seen, 'batches continuing');
  });

  it('.doctor, .status and .type speak about the real context', async () => {
    const p = await shell();
    p.line('const q = ssc.queueStream([["a b"]])');
    p.line('.doctor');
    await p.waitForText('No output operation');
    await p.waitForText('call ssc.start()');
    p.line('const pairs = q.flatMap((l) => l.split(" ")).map((w): [string, number] => [w, 1])');
    p.line('.type pairs');
    await p.waitForText('DStream<[string, number]>', 1, 60_000);
    p.line('pairs.pprint()');
    p.line('.status');
    await p.waitForText('context:  INITIALIZED, batch interval 500 ms, master local[2]');
    await p.waitForText('output operations: pprint');
  }, 90_000);

  it('refuses to shadow a runtime global while batches keep printing', async () => {
    const p = await shell();
    p.line('ssc.queueStream([], true, ["x"]).pprint(); ssc.start()');
    p.line('const process = 1');
    await p.waitForText("'process' is a runtime global");
    p.line('typeof process.version');
    await p.waitForText("'string'");
    const seen = count(p.all(), 'Time: ');
    await p.waitFor((all) => count(all, 'Time: ') > seen, 'batches continuing');
  });
});
