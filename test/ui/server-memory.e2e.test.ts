/**
 * The web UI's memory stays bounded in total across pages, not just per page: 100 pages that
 * never read (each also asking for the snapshot again and again) must not grow the shell's
 * process by hundreds of MB. The server runs in a child process (test/ui/fixtures), so its own
 * peak resident memory (VmHWM) is what is measured; every page is a real loopback socket that
 * does the WebSocket handshake and then never reads. In the e2e project (one file at a time):
 * it needs no build, but it keeps a core busy for seconds, which starved CPU-bound unit tests
 * running beside it on a 2-core machine.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { PROTOCOL_VERSION, decodeServerMessage, encodeClientMessage } from '../../src/ui/protocol.js';
import { tempDir } from '../support/window-run.js';

let child: ChildProcess;
let port = 0;
const replies: Array<Record<string, unknown>> = [];
const sockets: net.Socket[] = [];

beforeAll(async () => {
  const script = join(tempDir('tspark-ui-memory-'), 'ui-memory-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'fixtures', 'ui-memory-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: script,
    logLevel: 'silent',
    // `ws` is bundled too (the bundle lives in a temp dir, away from node_modules); it is CommonJS,
    // so the bundle gets a real `require` for Node's modules, and its optional native helpers stay out.
    external: ['bufferutil', 'utf-8-validate'],
    banner: { js: "import { createRequire as __tsparkCreateRequire } from 'node:module'; const require = __tsparkCreateRequire(import.meta.url);" },
  });
  child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'], cwd: join(import.meta.dirname, '../..') });
  createInterface({ input: child.stdout! }).on('line', (l) => replies.push(JSON.parse(l) as Record<string, unknown>));
  await waitReply((r) => typeof r.port === 'number');
  port = Number(replies.find((r) => typeof r.port === 'number')?.port);
}, 60_000);

afterAll(() => {
  for (const s of sockets) s.destroy();
  child?.kill('SIGKILL');
});

async function waitReply(pred: (r: Record<string, unknown>) => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!replies.some(pred)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no reply from the UI child (${JSON.stringify(replies)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The child's peak resident memory so far, in MB. */
function peakMB(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
  return Number(m?.[1]) / 1024;
}

/** A client text frame (masked, as clients must send). */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]);
}

/** A page that says hello `hellos` times and never reads a byte; resolves once all is written. */
async function deafPage(hellos: number): Promise<net.Socket> {
  const s = net.connect(port, '127.0.0.1');
  s.pause();
  s.on('error', () => undefined);
  sockets.push(s);
  const host = `127.0.0.1:${port}`;
  const upgrade =
    `GET /ws HTTP/1.1\r\nHost: ${host}\r\nOrigin: http://${host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`;
  const hello = frame(encodeClientMessage({ v: PROTOCOL_VERSION, type: 'hello' }));
  await new Promise<void>((resolve, reject) => s.write(Buffer.concat([Buffer.from(upgrade), ...Array.from({ length: hellos }, () => hello)]), (e) => (e ? reject(e) : resolve())));
  return s;
}

/** A page that reads: gets the snapshot, and a pong to its ping (so the server has handled what came before). */
async function readingPage(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`, { origin: `http://127.0.0.1:${port}` });
  const types: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => ws.send(encodeClientMessage({ v: PROTOCOL_VERSION, type: 'hello' })));
      ws.on('message', (data) => {
        const decoded = decodeServerMessage(String(data));
        if (!decoded.ok) return reject(new Error(decoded.error));
        types.push(decoded.message.type);
        if (decoded.message.type === 'snapshot') ws.send(encodeClientMessage({ v: PROTOCOL_VERSION, type: 'ping', id: 1 }));
        if (decoded.message.type === 'pong') resolve();
      });
      ws.on('error', reject);
    });
  } finally {
    ws.close();
  }
  expect(types[0]).toBe('snapshot');
}

describe('the web UI with pages that never read', () => {
  it('stays bounded in total: 100 pages that never read add tens of MB, not hundreds', async () => {
    // The same 1500 batches (20 MB of messages for each page) with no page, then with 100 that never read:
    // the difference of the peaks is what those pages cost.
    await readingPage();
    child.stdin!.write('batches 1500\n');
    await waitReply((r) => r.done === 1500, 90_000);
    const control = peakMB();
    // Each asks for the snapshot 5 times too: the answers pile up like the batches.
    for (let i = 0; i < 100; i++) await deafPage(5);
    await readingPage();
    replies.length = 0;
    child.stdin!.write('batches 1500\n');
    await waitReply((r) => r.done === 1500, 90_000);
    // A page that reads is still served.
    await readingPage();
    const cost = peakMB() - control;
    // Measured 55-63 MB (the 32 MiB bound, counted per page though pages share a broadcast's bytes,
    // plus what each page's socket costs); before the total bound, 1174 MB.
    expect(cost).toBeLessThan(100);
  }, 180_000);
});
