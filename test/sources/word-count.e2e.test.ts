/**
 * The classroom journey end to end: the seeds' word count through the engine, fed by a real
 * server process — Debian's `nc -lk` (netcat-openbsd) and `tspark nc -lk` — that is killed and
 * restarted mid-stream. No line that reached the socket may be lost.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { killChildren, runCli } from '../support/cli-runner.js';
import { freePort, waitListening } from '../support/net.js';
import { waitFor } from '../support/wait.js';
import { countWords, startWordCount, type WordCount } from '../support/word-count.js';

/** A line server process we can type into and kill. */
interface LineServer {
  send(text: string): void;
  kill(): Promise<void>;
}

async function realNc(port: number): Promise<LineServer> {
  const child: ChildProcessWithoutNullStreams = spawn('nc', ['-lk', String(port)], { stdio: 'pipe' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  child.on('error', () => undefined);
  await waitListening(port);
  return {
    send: (text) => child.stdin.write(text),
    kill: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function tsparkNc(port: number): Promise<LineServer> {
  const p = await runCli(['nc', '-lk', String(port)]);
  await p.port();
  return {
    send: (text) => p.child.stdin.write(text),
    kill: async () => {
      p.child.kill('SIGKILL'); // abrupt, as a crash or a closed terminal window
      await p.exited;
    },
  };
}

let running: WordCount | undefined;
const servers: LineServer[] = [];
afterEach(async () => {
  running?.stop();
  running = undefined;
  for (const s of servers.splice(0)) await s.kill().catch(() => undefined);
  killChildren();
});

const scenarios: Array<[string, (port: number) => Promise<LineServer>]> = [
  ['the real nc -lk (netcat-openbsd)', realNc],
  ['tspark nc -lk (a child process)', tsparkNc],
];

describe.each(scenarios)('word count against %s', (_name, startServerProcess) => {
  it('counts words per batch and survives the server being restarted with no line lost', async () => {
    const port = await freePort();
    let server = await startServerProcess(port);
    servers.push(server);
    const wc = (running = startWordCount(port));
    await wc.ensureConnected();

    const before = ['to be or not to be', 'that is the question'];
    server.send(before[0] + '\n');
    await wc.waitForLines(1);
    await wc.clock.advance(1000);
    expect(wc.batches.at(-1)).toEqual([
      ['be', 2],
      ['not', 1],
      ['or', 1],
      ['to', 2],
    ]);

    server.send(before[1] + '\n');
    await wc.waitForLines(2);
    await server.kill();
    await waitFor(() => wc.state() === 'retrying', 'the drop to be noticed');
    expect(wc.messages.join('')).toContain(`lost localhost:${port}`);

    server = await startServerProcess(port);
    servers.push(server);
    await wc.ensureConnected();
    expect(wc.messages.join('')).toContain(`reconnected to localhost:${port}`);
    const after = ['whether tis nobler in the mind', 'to suffer'];
    server.send(after.join('\n') + '\n');
    await wc.waitForLines(4);
    await wc.clock.advance(1000);

    expect(wc.totals()).toEqual(countWords([...before, ...after]));
    expect(wc.ssc.sources()[0]!.recordsReceived).toBe(4);
    // One message per state change: connecting, connected, lost, reconnected (no flood while retrying).
    expect(wc.messages.filter((m) => m.startsWith(`[socketTextStream localhost:${port}]`))).toHaveLength(4);
  });
});

describe('word count against tspark feed (a child process)', () => {
  it('counts exactly the words the seeded feeder generated', async () => {
    const args = ['words', '--count', '30', '--seed', '11', '--rate', '200/s'];
    const expectedRun = await runCli(['feed', ...args, '--stdout']);
    expect(await expectedRun.exited).toBe(0);
    const expectedLines = expectedRun.out().split('\n').slice(0, -1);
    expect(expectedLines).toHaveLength(30);

    const feed = await runCli(['feed', ...args, '--port', '0']);
    const port = await feed.port();
    const wc = (running = startWordCount(port));
    await wc.ensureConnected();
    await wc.waitForLines(30);
    await wc.clock.advance(1000);
    expect(wc.totals()).toEqual(countWords(expectedLines));
    expect(await feed.exited).toBe(0);
  });
});
