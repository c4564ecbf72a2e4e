import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeClientMessage, PROTOCOL_VERSION } from '../../src/ui/protocol.js';
import { keyGap, Pty } from '../support/pty.js';

const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };
const count = (text: string, s: string): number => text.split(s).length - 1;
let pty: Pty | undefined;
let ws: WebSocket | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => {
  ws?.terminate();
  pty?.kill();
});

async function shell(args = '--no-ui --batch 0.5'): Promise<Pty> {
  pty = new Pty(`node dist/bin/tspark.js ${args}`, { env: ENV, cols: 160, rows: 40 });
  await pty.waitForText('tspark>');
  return pty;
}

describe('a context the user makes is a first-class citizen of the shell', () => {
  it('prints its batches above the prompt, and Ctrl-C on an empty line stops it', async () => {
    const p = await shell();
    p.line('const ssc7 = new StreamingContext(sc, 0.7)');
    p.line('ssc7.queueStream([], true, ["tick"]).pprint(); ssc7.start()');
    await p.waitFor((all) => count(all, 'Time: ') >= 1, 'a batch of ssc7');
    p.write('const half = "ty');
    const seen = count(p.all(), 'Time: ');
    await p.waitFor((all) => count(all, 'Time: ') >= seen + 2, 'two more batches');
    await p.waitFor(() => p.lastRow() === 'tspark> const half = "ty', 'the half-typed line redrawn below the batches');
    p.write('\x15');
    await keyGap();
    p.write('\x03');
    await p.waitForText('Stopping the stream gracefully (Ctrl-C)');
    p.line('ssc7.state');
    await p.waitForText("'STOPPED'");
  });

  it('.pause, .step and .resume act on it; after .resume its batch times follow the wall clock again', async () => {
    const p = await shell();
    p.line('const ssc7 = new StreamingContext(sc, 0.5)');
    p.line('ssc7.queueStream([], true, ["tick"]).pprint(); ssc7.start()');
    await p.waitFor((all) => count(all, 'Time: ') >= 1, 'a batch');
    p.line('.pause');
    await p.waitForText('Batch clock paused.');
    p.line('.step');
    await p.waitForText('Stepped to');
    p.line('.doctor');
    await p.waitForText('paused');
    await new Promise((r) => setTimeout(r, 2500));
    p.line('.resume');
    await p.waitForText('Batch clock running again.');
    const resumedAt = Date.now();
    const before = count(p.all(), 'Time: ');
    await p.waitFor((all) => count(all, 'Time: ') >= before + 1, 'a batch after resuming');
    const times = [...p.all().matchAll(/Time: (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?)/g)].map((m) => m[1]!);
    const last = new Date(times[times.length - 1]!.replace(' ', 'T')).getTime();
    // Before the fix the clock lagged by the 2.5 s pause for the rest of the session.
    expect(Math.abs(last - resumedAt)).toBeLessThan(1500);
  });

  it('the web UI shows the context that runs, whichever variable holds it', async () => {
    const p = await shell('--ui-port 0 --batch 0.5');
    await p.waitForText('Web UI available at');
    const url = /Web UI available at (http:\/\/127\.0\.0\.1:(\d+))/.exec(p.all());
    expect(url).not.toBeNull();
    const snapshots: number[] = [];
    ws = new WebSocket(`ws://127.0.0.1:${url![2]}/ws`, { origin: url![1] });
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as { type: string; context?: { batchMs: number } };
      if (m.type === 'snapshot' && m.context) snapshots.push(m.context.batchMs);
    });
    await new Promise<void>((resolve, reject) => {
      ws!.once('open', () => resolve());
      ws!.once('error', reject);
    });
    ws.send(encodeClientMessage({ v: PROTOCOL_VERSION, type: 'hello' }));
    p.line('const ssc7 = new StreamingContext(sc, 0.7)');
    p.line('ssc7.queueStream([], true, ["tick"]).pprint(); ssc7.start()');
    const deadline = Date.now() + 10_000;
    while (!snapshots.includes(700) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(snapshots).toContain(700);
  });
});
