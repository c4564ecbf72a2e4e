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
import { type LinePublisher, connectPublisher, defaultTopic } from './feed-mqtt.js';
import { listenErrorMessage } from './nc-command.js';
import { KafkaLineSink, checkBootstrap, kafkaFeedError } from './kafka-feed.js';

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
  --kafka B       produce the lines into Kafka at B (host:port) instead of serving them:
                  one record per line, in the topic --topic T (made if missing, with
                  --partitions N, default 1)
  --mqtt URL      publish the lines to an MQTT broker instead (mqtt://host:1883 or tcp://…)
  --topic T       with --kafka: the topic; with --mqtt: the topic, where {field} parts come from JSON lines
                  (default sensors/{sensor}/{type} for sensors, tspark/<demo> otherwise)
  --qos N         with --mqtt: 0, 1 (default) or 2
  -h, --help      show this help

Examples:
  $ npx tspark feed --port 9999 words
  tspark> ${FEEDERS[0]?.example ?? ''}

  $ npx tspark feed --port 9999 --rate 20/s --seed 7 tweets
  tspark> ${FEEDERS[1]?.example ?? ''}

  $ npx tspark feed --rate max --count 1000 --seed 1 trips --stdout > trips.csv
  $ npx tspark feed --port 9999 --file access.log --loop --rate 50/s
  $ npx tspark feed --kafka localhost:9092 --topic trips trips
  tspark> KafkaUtils.createDirectStream(ssc, ["trips"], {"bootstrap.servers": "localhost:9092"}).map(([, v]) => v).pprint()

  $ npx tspark feed --mqtt mqtt://localhost:1883 --rate 10/s sensors
  tspark> MQTTUtils.createStream(ssc, "mqtt://localhost:1883", "sensors/+/+").map(JSON.parse).pprint()
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
  /** `--kafka host:port`: produce into Kafka instead of serving. */
  kafka: string | undefined;
  /** Publish to this MQTT broker instead of serving on a port. */
  mqtt: string | undefined;
  /** The Kafka topic, or the MQTT topic (with `{field}` parts filled from JSON lines). */
  topic: string | undefined;
  partitions: number;
  qos: 0 | 1 | 2;
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

  if (args.kafka !== undefined) {
    const sink = new KafkaLineSink({ bootstrap: args.kafka, topic: args.topic ?? '', partitions: args.partitions });
    try {
      await sink.open();
      say(`producing ${what} into Kafka topic "${args.topic}" at ${args.kafka}, ${rateText}${args.count !== undefined ? `, ${args.count} lines` : ''}${seedNote}. Ctrl+C to stop.`);
      const sent = await pump(args, next, (chunk) => sink.send(chunk), () => Promise.resolve(), signal);
      say(`sent ${sent} lines`);
      return 0;
    } catch (err) {
      say(`tspark feed: ${kafkaFeedError(err, args.kafka)}`);
      return 1;
    } finally {
      await sink.close();
    }
  }
  if (args.mqtt !== undefined) {
    const template = args.topic ?? defaultTopic(args.demo);
    let publisher: LinePublisher;
    try {
      publisher = await connectPublisher(args.mqtt, template, args.qos);
    } catch (err) {
      say(`tspark feed: ${(err as Error).message}`);
      return 1;
    }
    say(
      `publishing ${what} to ${args.mqtt}, topic ${template}, QoS ${args.qos}, at ${rateText}${args.count !== undefined ? `, ${args.count} lines` : ''}${seedNote}.` +
        ` Subscribe with MQTTUtils.createStream(ssc, "${args.mqtt}", "${template.replace(/\{[^}]+\}/g, '+')}"). Ctrl+C to stop.`,
    );
    const sent = await pump(args, next, (chunk) => publisher.publish(chunk), () => Promise.resolve(), signal);
    await publisher.close();
    say(`published ${sent} lines`);
    return 0;
  }

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
    kafka: undefined,
    mqtt: undefined,
    topic: undefined,
    partitions: 1,
    qos: 1,
  };
  const withValue = new Set(['--port', '--host', '--rate', '--count', '--seed', '--start', '--file', '--kafka', '--mqtt', '--topic', '--partitions', '--qos']);
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
      case '--kafka': {
        const problem = checkBootstrap(v);
        if (problem !== undefined) return problem;
        args.kafka = v;
        break;
      }
      case '--topic':
        // Checked below, once it is known whether the topic is Kafka's or MQTT's.
        args.topic = v;
        break;
      case '--partitions':
        if (!/^\d+$/.test(v) || Number(v) < 1) return `--partitions must be a whole number >= 1; got ${JSON.stringify(value)}`;
        args.partitions = Number(v);
        break;
      case '--mqtt':
        if (!/^(mqtts?|tcp|ssl|wss?):\/\/[^/]+/i.test(v)) return `--mqtt must be a broker URL such as mqtt://localhost:1883; got ${JSON.stringify(value)}`;
        args.mqtt = v;
        break;
      case '--qos':
        if (v !== '0' && v !== '1' && v !== '2') return `--qos must be 0, 1 or 2; got ${JSON.stringify(value)}`;
        args.qos = Number(v) as 0 | 1 | 2;
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
  if (args.kafka !== undefined && args.mqtt !== undefined) return 'give --kafka or --mqtt, not both';
  if (args.kafka !== undefined && args.topic === undefined) return '--kafka needs --topic T: the topic to produce into';
  if (args.kafka !== undefined && !/^[A-Za-z0-9._-]+$/.test(args.topic ?? '')) return `--topic must be a Kafka topic name (letters, digits, ".", "_", "-"); got ${JSON.stringify(args.topic)}`;
  if (args.kafka !== undefined && args.stdout) return 'give --kafka or --stdout, not both';
  if (args.mqtt !== undefined && args.topic !== undefined && (args.topic === '' || args.topic.includes('#') || args.topic.includes('+'))) return `--topic must be a topic name without wildcards (+, #); got ${JSON.stringify(args.topic)}`;
  if (args.mqtt !== undefined && args.stdout) return 'give --mqtt or --stdout, not both';
  if (args.kafka === undefined && args.mqtt === undefined && args.topic !== undefined) return '--topic goes with --kafka host:port or --mqtt URL (where the broker is)';
  if (args.mqtt === undefined && argv.some((a) => a === '--qos' || a.startsWith('--qos='))) return '--qos goes with --mqtt URL';
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
