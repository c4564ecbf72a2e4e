import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedCommand, linesDue, parseFeedArgs, parseRate } from '../../src/tools/feed-command.js';
import { connectClient, connectCounter, connectStalled } from '../support/net.js';
import { waitFor } from '../support/wait.js';

/** Runs feedCommand in this process; resolves with its exit code and output. */
function runFeed(argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const abort = new AbortController();
  const exit = feedCommand(argv, { stdin: new PassThrough(), stdout, stderr, signal: abort.signal });
  return { exit, abort, out: () => out, err: () => err };
}

async function generate(argv: string[]): Promise<string[]> {
  const r = runFeed([...argv, '--stdout', ...(argv.includes('--rate') ? [] : ['--rate', 'max'])]);
  expect(await r.exit).toBe(0);
  return r.out().split('\n').slice(0, -1);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tspark-feed-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('tspark feed demos', () => {
  const START = ['--start', '2014-08-01T00:00:00Z'];

  it('makes the same lines for the same seed and different lines for another', async () => {
    for (const demo of ['words', 'tweets', 'logs', 'sensors', 'trips']) {
      const a = await generate([demo, '--count', '50', '--seed', '7', ...START]);
      const b = await generate([demo, '--count', '50', '--seed', '7', ...START]);
      const c = await generate([demo, '--count', '50', '--seed', '8', ...START]);
      expect(a).toHaveLength(50);
      expect(b).toEqual(a);
      expect(c).not.toEqual(a);
    }
  });

  it('words: sentences of lowercase words, some far more frequent than others', async () => {
    const lines = await generate(['words', '--count', '500', '--seed', '1']);
    const counts = new Map<string, number>();
    for (const l of lines) {
      expect(l).toMatch(/^[a-z]+( [a-z]+){4,}$/);
      for (const w of l.split(' ')) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    const sorted = [...counts.values()].sort((x, y) => y - x);
    expect(sorted[0]!).toBeGreaterThan(5 * sorted[sorted.length - 1]!);
  });

  it('tweets: text with hashtags, a few tags dominating', async () => {
    const lines = await generate(['tweets', '--count', '500', '--seed', '1']);
    const tags = lines.flatMap((l) => l.split(' ').filter((w) => w.startsWith('#')));
    expect(tags.length).toBeGreaterThan(400);
    for (const t of tags) expect(t).toMatch(/^#[a-z]+$/);
    expect(tags.filter((t) => t === '#spark').length).toBeGreaterThan(tags.filter((t) => t === '#worldcup').length);
  });

  it('logs: Apache combined log format with the given start time', async () => {
    const lines = await generate(['logs', '--count', '200', '--seed', '1', ...START]);
    const combined = /^(\d{1,3}\.){3}\d{1,3} - [-\w]+ \[01\/Aug\/2014:00:00:00 \+0000\] "(GET|POST|HEAD) \/\S* HTTP\/1\.1" \d{3} (\d+|-) "[^"]*" "[^"]*"$/;
    for (const l of lines) expect(l).toMatch(combined);
    const urls = new Set(lines.map((l) => l.split(' ')[6]));
    expect(urls.size).toBeGreaterThan(5);
  });

  it('sensors: JSON lines with sensor, type, value, unit and time', async () => {
    const lines = await generate(['iot', '--count', '200', '--seed', '1', ...START]);
    for (const l of lines) {
      const r = JSON.parse(l) as Record<string, unknown>;
      expect(r).toMatchObject({ sensor: expect.stringMatching(/^sensor-\d\d$/), type: expect.any(String), value: expect.any(Number), unit: expect.any(String) });
      expect(Date.parse(r['time'] as string)).toBeGreaterThanOrEqual(Date.parse('2014-08-01T00:00:00Z'));
    }
  });

  it('trips: CSV date/time,lat,lon,base around New York, as in the Uber example', async () => {
    const lines = await generate(['uber', '--count', '200', '--seed', '1', ...START]);
    for (const l of lines) {
      expect(l).toMatch(/^2014-08-01 00:00:0\d,\d+\.\d+,-\d+\.\d+,B0\d{4}$/);
      const [, lat, lon] = l.split(',');
      expect(Number(lat)).toBeGreaterThan(40.4);
      expect(Number(lat)).toBeLessThan(41);
      expect(Number(lon)).toBeGreaterThan(-74.3);
      expect(Number(lon)).toBeLessThan(-73.6);
    }
  });

  it('replays a file line by line, looping with --loop until --count', async () => {
    const file = path.join(dir, 'three.txt');
    await writeFile(file, 'a\r\nb\nc');
    expect(await generate(['--file', file])).toEqual(['a', 'b', 'c']);
    expect(await generate(['--file', file, '--loop', '--count', '7'])).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it.each(['words', 'tweets', 'logs', 'sensors', 'trips'])('serves %s to a connected client at the rate asked for, then exits', async (demo) => {
    const expected = await generate([demo, '--count', '16', '--seed', '5', ...START, '--rate', '50/s']);
    const feed = runFeed([demo, '--port', '0', '--rate', '50/s', '--count', '16', '--seed', '5', ...START]);
    const re = new RegExp(`serving ${demo} on port (\\d+)`);
    await waitFor(() => re.test(feed.err()), 'the serving message');
    const port = Number(re.exec(feed.err())![1]);
    expect(feed.err()).toContain('at 50 lines/s, 16 lines, seed 5.');
    // Timed from before connecting: the server starts its pace only once it has accepted us.
    const t0 = performance.now();
    const client = await connectClient(port);
    await client.closed;
    const elapsed = performance.now() - t0;
    expect(await feed.exit).toBe(0);
    expect(client.text().split('\n').slice(0, -1)).toEqual(expected);
    // 16 lines at 50/s: the first at once, the last 15/50 s later. (A lower bound only: a slow machine may take longer.)
    expect(elapsed).toBeGreaterThanOrEqual(15 * 20);
    expect(feed.err()).toContain('sent 16 lines');
  });

  it('pauses while no client is connected and goes on with the next client where it stopped', async () => {
    const expected = await generate(['words', '--count', '12', '--seed', '9', ...START, '--rate', '100/s']);
    const feed = runFeed(['words', '--port', '0', '--rate', '100/s', '--count', '12', '--seed', '9', ...START]);
    await waitFor(() => /on port (\d+)/.test(feed.err()), 'the serving message');
    const port = Number(/on port (\d+)/.exec(feed.err())![1]);
    const first = await connectClient(port);
    await waitFor(() => first.text().split('\n').length > 4, 'a few lines');
    first.socket.end(); // leaves politely: it still reads what the server sent until the server closes
    await first.closed;
    await waitFor(() => feed.err().includes('pausing until a client connects'), 'the pause');
    const second = await connectClient(port);
    await second.closed;
    expect(await feed.exit).toBe(0);
    const a = first.text().split('\n').slice(0, -1);
    const b = second.text().split('\n').slice(0, -1);
    expect(b.length).toBeGreaterThan(0);
    expect([...a, ...b]).toEqual(expected);
  });

  it('at full speed, a client that stops reading holds nobody up and is dropped with one message', async () => {
    // About 24 MB: well over the bound and the kernel's buffers together.
    const count = 600_000;
    const feed = runFeed(['words', '--port', '0', '--rate', 'max', '--count', String(count), '--seed', '3']);
    await waitFor(() => /on port (\d+)/.test(feed.err()), 'the serving message');
    const port = Number(/on port (\d+)/.exec(feed.err())?.[1]);
    const reader = await connectCounter(port);
    await waitFor(() => feed.err().includes('(1 connected)'), 'the reading client');
    const stalled = await connectStalled(port);
    await waitFor(() => feed.err().includes('sent '), `every line to be sent (${feed.err()})`, 20_000);
    expect(await feed.exit).toBe(0);
    await reader.closed;
    stalled.destroy();
    const dropped = feed.err().split('\n').filter((l) => l.includes('stopped reading'));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatch(/disconnected it with \d+\.\d MiB unsent, so the other clients are not held up \(1 connected\)$/);
    expect(reader.lines()).toBe(count);
    expect(feed.err()).toContain(`sent ${count} lines`);
  });

  it('explains an unknown demo and exits with 2', async () => {
    const r = runFeed(['--port', '0', 'weather']);
    expect(await r.exit).toBe(2);
    expect(r.err()).toContain('no demo called "weather"; the demos are words, tweets, logs, sensors, trips');
  });

  it('prints help listing every demo with examples', async () => {
    const r = runFeed(['--help']);
    expect(await r.exit).toBe(0);
    for (const d of ['words', 'tweets', 'logs', 'sensors', 'trips', '--rate N/s', '--count N', '--seed S', '--file F', '--loop']) {
      expect(r.out()).toContain(d);
    }
    expect(r.out()).toContain('$ npx tspark feed --port 9999 words');
  });
});

describe('parseFeedArgs', () => {
  it.each([
    [['words'], { demo: 'words', port: 9999, rate: 2 }],
    [['--port', '9998', '--rate', '10/s', 'tweets'], { demo: 'tweets', port: 9998, rate: 10 }],
    [['--port=0', '--rate=max', '--count=5', '--seed=abc', 'logs'], { port: 0, rate: Infinity, count: 5, seed: 'abc' }],
    [['--file', 'x.txt', '--loop'], { file: 'x.txt', loop: true, demo: undefined }],
    [['--seed', '42', 'trips', '--stdout'], { seed: 42, stdout: true }],
  ])('parses %j', (argv, expected) => {
    expect(parseFeedArgs(argv)).toMatchObject(expected);
  });

  it.each([
    [[], /which demo\? one of words, tweets, logs, sensors, trips, or --file F/],
    [['words', 'tweets'], /one demo at a time/],
    [['words', '--rate', 'fast'], /--rate must look like 10\/s, 10, 600\/min or max; got "fast"/],
    [['words', '--count', '0'], /--count must be a whole number of lines >= 1; got "0"/],
    [['words', '--port', '99999'], /--port must be a number from 0 to 65535/],
    [['words', '--start', 'yesterday'], /--start must be a date and time/],
    [['words', '--loop'], /--loop repeats a --file/],
    [['words', '--file', 'f'], /give a demo or --file, not both/],
    [['words', '--count'], /--count needs a value/],
    [['words', '--speed', '3'], /unknown option --speed/],
  ])('rejects %j', (argv, message) => {
    expect(parseFeedArgs(argv)).toMatch(message);
  });
});

describe('pacing', () => {
  it.each([
    ['10/s', 10],
    ['10', 10],
    ['2.5/s', 2.5],
    ['120/min', 2],
    ['max', Infinity],
    ['0', undefined],
    ['-1', undefined],
    ['ten', undefined],
  ])('parseRate(%j) is %s', (text, expected) => {
    expect(parseRate(text)).toBe(expected);
  });

  it.each([
    [0, 10, 1],
    [99, 10, 1],
    [100, 10, 2],
    [1000, 10, 11],
    [1000, 0.5, 1],
    [2000, 0.5, 2],
  ])('after %i ms at %s lines/s, %i lines are due', (elapsed, rate, due) => {
    expect(linesDue(elapsed, rate)).toBe(due);
  });
});
