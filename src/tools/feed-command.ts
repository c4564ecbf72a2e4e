/**
 * `tspark feed --port 9999 <demo>`: a server, like `nc -lk`, that sends generated demo data
 * (or a file, line by line) to every connected client, at a steady rate.
 *
 * Reproducible: `--seed` fixes the data, `--count` the length, `--rate` the pace, and `--start`
 * the timestamps in it (otherwise they are the current time). Lines are only generated while
 * a client is connected, so none are lost before the stream connects; if the last client
 * leaves, generation pauses until one connects again.
 */
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { BroadcastServer, droppedMessage } from './broadcast-server.js';
import type { CommandIO } from './command-io.js';
import { FEEDERS, Random, findFeeder } from './feeders/index.js';
import { LineFramer } from '../sources/line-framing.js';
import { listenErrorMessage } from './nc-command.js';

/** Default pace: slow enough to read on a projector. */
export const DEFAULT_RATE = 2;

/** `tspark feed --help`. */
export const FEED_HELP = `Usage: tspark feed [options] <demo>
       tspark feed [options] --file <file> [--loop]

Serves demo data on a port, like \`nc -lk\` with someone typing very fast. Every connected
client (a socketTextStream) gets the same lines. Lines are made only while a client is
connected, so nothing is lost before the stream starts.

Demos:
${FEEDERS.map((f) => `  ${f.name.padEnd(9)} ${f.summary}${f.aliases.length ? `\n            (also: ${f.aliases.join(', ')})` : ''}`).join('\n')}

Options:
  --port N        port to listen on (default 9999; 0 picks a free one)
  --host H        listen on this address only (default: all interfaces)
  --rate N/s      lines per second (default ${DEFAULT_RATE}/s; also N/min, or "max" for no pause)
  --count N       stop after N lines (default: run until Ctrl+C)
  --seed S        make the same data every run (default: a random seed, printed at start)
  --start TIME    timestamps in the data start at TIME (ISO, e.g. 2014-08-01T00:00:00Z) and
                  advance by 1/rate per line, instead of the current time
  --file F        replay the lines of file F instead of a demo
  --loop          with --file: start again at the end of the file
  --stdout        write the lines to standard output instead of serving them
                  (e.g. to make files for textFileStream)
  -h, --help      show this help

Examples:
  $ npx tspark feed --port 9999 words
  tspark> ${FEEDERS[0]?.example ?? ''}

  $ npx tspark feed --port 9999 --rate 20/s --seed 7 tweets
  tspark> ${FEEDERS[1]?.example ?? ''}

  $ npx tspark feed --rate max --count 1000 --seed 1 trips --stdout > trips.csv
  $ npx tspark feed --port 9999 --file access.log --loop --rate 50/s
`;

/** The parsed command line of `tspark feed`. */
export interface FeedArgs {
  demo: string | undefined;
  file: string | undefined;
  loop: boolean;
  port: number;
  host: string | undefined;
  /** Lines per second; `Infinity` for "max". */
  rate: number;
  count: number | undefined;
  seed: string | number | undefined;
  start: number | undefined;
  stdout: boolean;
}

/** Runs `tspark feed` with the arguments after `feed`; resolves with the exit code. */
export async function feedCommand(argv: string[], io: CommandIO): Promise<number> {
  const say = (text: string) => io.stderr.write(text + '\n');
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(FEED_HELP);
    return 0;
  }
  const args = parseFeedArgs(argv);
  if (typeof args === 'string') {
    say(`tspark feed: ${args}`);
    say('Try: tspark feed --port 9999 words   (or tspark feed --help)');
    return 2;
  }

  let next: (i: number) => string | undefined;
  let what: string;
  let seedNote = '';
  if (args.file !== undefined) {
    let lines: string[];
    try {
      lines = await readLines(args.file);
    } catch (err) {
      say(`tspark feed: cannot read ${args.file} (${(err as NodeJS.ErrnoException).code ?? String(err)}); check the path`);
      return 1;
    }
    if (lines.length === 0) {
      say(`tspark feed: ${args.file} has no lines to send`);
      return 1;
    }
    next = (i) => (args.loop || i < lines.length ? lines[i % lines.length] : undefined);
    what = `${args.file}${args.loop ? ' (looping)' : ''}`;
  } else {
    const feeder = findFeeder(args.demo ?? '');
    if (!feeder) {
      // parseFeedArgs refuses an unknown demo; this only keeps the types honest.
      say(`tspark feed: no demo called ${JSON.stringify(args.demo)}`);
      return 2;
    }
    const seed = args.seed ?? randomInt(1, 1_000_000);
    seedNote = `, seed ${seed}${args.seed === undefined ? ` (--seed ${seed} repeats this run)` : ''}`;
    const make = feeder.create(new Random(seed));
    const rate = args.rate;
    const start = args.start;
    next = (i) => make(start === undefined ? Date.now() : start + Math.floor((i * 1000) / (Number.isFinite(rate) ? rate : 1000)));
    what = feeder.name;
  }

  const signal = io.signal;
  const rateText = Number.isFinite(args.rate) ? `${args.rate} lines/s` : 'full speed';

  if (args.stdout) {
    const write = async (chunk: string) => {
      if (!io.stdout.write(chunk)) await once(io.stdout, 'drain');
    };
    const sent = await pump(args, next, write, () => Promise.resolve(), signal);
    say(`sent ${sent} lines`);
    return 0;
  }

  let server: BroadcastServer;
  try {
    server = await BroadcastServer.listen(args.port, args.host, {
      connected: (remote, n) => say(`client ${remote} connected (${n} connected)`),
      disconnected: (remote, n) => say(`client ${remote} left (${n} connected)${n === 0 ? '; pausing until a client connects' : ''}`),
      dropped: (remote, bytes, n) => say(`${droppedMessage(remote, bytes, n)}${n === 0 ? '; pausing until a client connects' : ''}`),
    });
  } catch (err) {
    say(`tspark feed: ${listenErrorMessage(err, args.port)}`);
    return 1;
  }
  say(
    `serving ${what} on port ${server.port} at ${rateText}${args.count !== undefined ? `, ${args.count} lines` : ''}${seedNote}.` +
      ` Waiting for a client, e.g. ssc.socketTextStream("localhost", ${server.port}). Ctrl+C to stop.`,
  );
  const sent = await pump(args, next, (chunk) => server.send(chunk), () => waitOrAbort(server.waitForClient(), signal), signal, () => server.clientCount);
  await server.close();
  say(`sent ${sent} lines`);
  return 0;
}

/**
 * Sends lines at the asked rate until `count` or the end of the data or an abort. Lines due at
 * the same moment go out in one write, so high rates do not need one timer per line.
 */
async function pump(
  args: FeedArgs,
  next: (i: number) => string | undefined,
  write: (chunk: string) => Promise<void>,
  waitForClient: () => Promise<void>,
  signal: AbortSignal | undefined,
  clients: () => number = () => 1,
): Promise<number> {
  let sent = 0;
  let t0 = performance.now();
  let ended = false;
  while (!ended && (args.count === undefined || sent < args.count) && !signal?.aborted) {
    if (clients() === 0) {
      const pausedAt = performance.now();
      await waitForClient();
      t0 += performance.now() - pausedAt; // the pace restarts where it stopped
      continue;
    }
    const due = Math.min(linesDue(performance.now() - t0, args.rate) - sent, (args.count ?? Infinity) - sent, 1000);
    if (due <= 0) {
      const wait = t0 + (sent * 1000) / args.rate - performance.now();
      try {
        await sleep(Math.max(1, Math.ceil(wait)), undefined, signal ? { signal } : {});
      } catch {
        break; // aborted
      }
      continue;
    }
    let chunk = '';
    let n = 0;
    for (; n < due; n++) {
      const line = next(sent + n);
      if (line === undefined) {
        ended = true;
        break;
      }
      chunk += line + '\n';
    }
    if (n > 0) await write(chunk);
    sent += n;
  }
  return sent;
}

/** Lines that should have been sent `elapsedMs` after the start at `rate` lines/s (the first at once). */
export function linesDue(elapsedMs: number, rate: number): number {
  if (!Number.isFinite(rate)) return Number.MAX_SAFE_INTEGER;
  return Math.floor((Math.max(0, elapsedMs) * rate) / 1000) + 1;
}

function waitOrAbort(p: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return p;
  if (signal.aborted) return Promise.resolve();
  return Promise.race([p, once(signal, 'abort').then(() => undefined)]);
}

async function readLines(file: string): Promise<string[]> {
  const bytes = await readFile(file);
  const framer = new LineFramer();
  return [...framer.push(bytes).lines, ...framer.end().lines];
}

/** Parses `tspark feed`'s arguments; returns a message naming the problem on error. */
export function parseFeedArgs(argv: string[]): FeedArgs | string {
  const args: FeedArgs = {
    demo: undefined,
    file: undefined,
    loop: false,
    port: 9999,
    host: undefined,
    rate: DEFAULT_RATE,
    count: undefined,
    seed: undefined,
    start: undefined,
    stdout: false,
  };
  const withValue = new Set(['--port', '--host', '--rate', '--count', '--seed', '--start', '--file']);
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i] ?? '';
    let value: string | undefined;
    const eq = a.indexOf('=');
    if (a.startsWith('--') && eq > 0) {
      value = a.slice(eq + 1);
      a = a.slice(0, eq);
    }
    if (withValue.has(a)) {
      value ??= argv[++i];
      if (value === undefined) return `${a} needs a value (see tspark feed --help)`;
    }
    // Set for every option that takes one (checked just above).
    const v = value ?? '';
    switch (a) {
      case '--port': {
        if (!/^\d+$/.test(v) || Number(value) > 65535) return `--port must be a number from 0 to 65535; got ${JSON.stringify(value)}`;
        args.port = Number(value);
        break;
      }
      case '--host':
        args.host = value;
        break;
      case '--rate': {
        const rate = parseRate(v);
        if (rate === undefined) return `--rate must look like 10/s, 10, 600/min or max; got ${JSON.stringify(value)}`;
        args.rate = rate;
        break;
      }
      case '--count': {
        if (!/^\d+$/.test(v) || Number(value) < 1) return `--count must be a whole number of lines >= 1; got ${JSON.stringify(value)}`;
        args.count = Number(value);
        break;
      }
      case '--seed':
        args.seed = /^\d+$/.test(v) ? Number(value) : value;
        break;
      case '--start': {
        const ms = Date.parse(v);
        if (Number.isNaN(ms)) return `--start must be a date and time such as 2014-08-01T00:00:00Z; got ${JSON.stringify(value)}`;
        args.start = ms;
        break;
      }
      case '--file':
        args.file = value;
        break;
      case '--loop':
        args.loop = true;
        break;
      case '--stdout':
        args.stdout = true;
        break;
      default:
        if (a.startsWith('-')) return `unknown option ${a}; see tspark feed --help`;
        if (args.demo !== undefined) return `one demo at a time; got ${JSON.stringify(args.demo)} and ${JSON.stringify(a)}`;
        args.demo = a;
    }
  }
  const names = FEEDERS.map((f) => f.name).join(', ');
  if (args.file !== undefined && args.demo !== undefined) return `give a demo or --file, not both; got ${JSON.stringify(args.demo)} and --file ${args.file}`;
  if (args.file === undefined && args.demo === undefined) return `which demo? one of ${names}, or --file F`;
  if (args.demo !== undefined && !findFeeder(args.demo)) return `no demo called ${JSON.stringify(args.demo)}; the demos are ${names}`;
  if (args.loop && args.file === undefined) return '--loop repeats a --file; demos run until --count or Ctrl+C anyway';
  return args;
}

/** "10/s", "10", "600/min", "max" → lines per second (`Infinity` for max); undefined if not a rate. */
export function parseRate(text: string): number | undefined {
  if (text === 'max') return Infinity;
  const m = /^(\d+(?:\.\d+)?)(?:\/(s|sec|m|min))?$/.exec(text);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (!(n > 0)) return undefined;
  return m[2] === 'm' || m[2] === 'min' ? n / 60 : n;
}
