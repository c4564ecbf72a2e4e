/**
 * `tspark nc -lk 9999`: a netcat of our own, enough of `nc -lk` for the classroom, on every OS.
 *
 * It listens on a port, and each line typed on stdin goes to every connected client (a
 * `socketTextStream` is one). With `-k` it keeps listening after a client leaves; without it,
 * it exits when the first client has left, as `nc -l` does. What a client sends is printed on
 * stdout. Lines typed while no client is connected are kept and sent to the next client that
 * connects, as a terminal holds what you type until `nc` reads it. When stdin ends (Ctrl+D, or
 * the end of a piped file) everything typed is delivered, the connections are closed, and it
 * exits.
 */
import type { CommandIO } from './command-io.js';
import { BroadcastServer, droppedMessage } from './broadcast-server.js';

/** `tspark nc --help`. */
export const NC_HELP = `Usage: tspark nc -l [-k] [-v] [host] port

A small netcat for feeding socketTextStream, the same on Linux, macOS and Windows.
It listens on <port>; every line you type is sent to every connected client.

  -l          listen for connections (required: this nc only listens)
  -k          keep listening after a client disconnects (otherwise exit when it leaves)
  -q          say nothing on stderr except errors (by default it tells when
              clients connect and leave)
  -v          accepted for compatibility with nc
  host        listen on this address only (default: all interfaces)
  -h, --help  show this help

Lines typed before any client connects are kept and sent to the first one.
Ctrl+D (end of input) delivers what was typed and exits; Ctrl+C stops at once.

Example (two terminals):
  $ npx tspark nc -lk 9999
  tspark> const lines = ssc.socketTextStream("localhost", 9999)
  tspark> lines.flatMap(l => l.split(" ")).map(w => [w, 1]).reduceByKey((a, b) => a + b).pprint()
  tspark> ssc.start()
  ...then type sentences into the first terminal.
`;

interface NcArgs {
  listen: boolean;
  keep: boolean;
  verbosity: 'quiet' | 'normal' | 'verbose';
  host: string | undefined;
  port: number;
}

/** Runs `tspark nc` with the arguments after `nc`; resolves with the exit code. */
export async function ncCommand(argv: string[], io: CommandIO): Promise<number> {
  const say = (text: string) => io.stderr.write(text + '\n');
  if (argv.includes('-h') || argv.includes('--help')) {
    io.stdout.write(NC_HELP);
    return 0;
  }
  const parsed = parseNcArgs(argv);
  if (typeof parsed === 'string') {
    say(`tspark nc: ${parsed}`);
    say('Try: tspark nc -lk 9999   (or tspark nc --help)');
    return 2;
  }
  const { keep, verbosity, host, port } = parsed;
  const info = (text: string) => {
    if (verbosity !== 'quiet') say(text);
  };

  let server: BroadcastServer;
  let everConnected = false;
  let firstGone!: () => void;
  const firstClientLeft = new Promise<void>((resolve) => (firstGone = resolve));
  try {
    server = await BroadcastServer.listen(port, host, {
      connected: (remote, count) => {
        everConnected = true;
        info(`client ${remote} connected (${count} connected)`);
      },
      disconnected: (remote, count) => {
        info(`client ${remote} left (${count} connected)`);
        if (count === 0) firstGone();
      },
      received: (chunk) => io.stdout.write(chunk),
      // Said even with -q: data was lost for that client.
      dropped: (remote, bytes, count) => say(droppedMessage(remote, bytes, count)),
    });
  } catch (err) {
    say(`tspark nc: ${listenErrorMessage(err, port)}`);
    return 1;
  }
  info(
    `listening on port ${server.port}${host ? ` (${host})` : ''}: type lines and press Enter; they go to every connected client.` +
      ` ${keep ? 'Ctrl+C to stop.' : 'Exits when the client leaves (use -k to keep listening).'}`,
  );

  let stdinEnded = false;
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let onAbort: (() => void) | undefined;
  if (io.signal) {
    if (io.signal.aborted) finish();
    onAbort = () => finish();
    io.signal.addEventListener('abort', onAbort, { once: true });
  }
  if (!keep) void firstClientLeft.then(() => finish());

  // Stdin is read in order: a chunk typed before any client exists waits for the first one.
  let warnedWaiting = false;
  const pump = (async () => {
    try {
      for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) {
        if (server.clientCount === 0) {
          if (!warnedWaiting && !everConnected) info('no client connected yet: what you type is kept and sent to the first client that connects');
          warnedWaiting = true;
          await Promise.race([server.waitForClient(), finished]);
        }
        await Promise.race([server.send(chunk), finished]);
      }
    } catch {
      // A broken stdin ends input like Ctrl+D does.
    }
    stdinEnded = true;
    finish();
  })();

  await finished;
  if (onAbort) io.signal?.removeEventListener('abort', onAbort);
  await server.close();
  if (!stdinEnded) {
    // Stop reading stdin so the process can exit: a TTY left reading would keep it alive.
    (io.stdin as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
  }
  await pump;
  return 0;
}

/** Parses nc's flags (combined like `-lk` or apart like `-l -k`); returns a message on error. */
export function parseNcArgs(argv: string[]): NcArgs | string {
  const args: NcArgs = { listen: false, keep: false, verbosity: 'normal', host: undefined, port: NaN };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '-p') {
      const next = argv[++i];
      if (next === undefined) return '-p needs a port number, e.g. -p 9999';
      positional.push(next);
    } else if (/^-[a-zA-Z0-9]+$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 'l') args.listen = true;
        else if (f === 'k') args.keep = true;
        else if (f === 'v') args.verbosity = 'verbose';
        else if (f === 'q') args.verbosity = 'quiet';
        else if (f === 'n' || f === '4' || f === '6' || f === 'N') continue; // accepted for compatibility: no effect here
        else return `unknown option -${f}; this nc knows -l, -k, -v, -q`;
      }
    } else if (a.startsWith('-')) {
      return `unknown option ${a}; this nc knows -l, -k, -v, -q`;
    } else {
      positional.push(a);
    }
  }
  if (!args.listen) return 'only listen mode is supported: add -l (a socketTextStream connects to this nc)';
  if (positional.length === 0) return 'which port? give one, e.g. tspark nc -lk 9999';
  if (positional.length > 2) return `too many arguments: ${positional.join(' ')}; expected [host] port`;
  const portText = positional.at(-1) ?? '';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) return `port must be a number from 0 to 65535; got ${JSON.stringify(portText)}`;
  args.port = port;
  if (positional.length === 2) args.host = positional[0];
  return args;
}

/** Explains a listen failure in plain words. */
export function listenErrorMessage(err: unknown, port: number): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE') {
    return `port ${port} is already in use: is another nc or tspark already listening on it? Stop it, or pick another port (e.g. ${port === 9999 ? 9998 : 9999}) and use the same one in socketTextStream`;
  }
  if (code === 'EACCES') return `not allowed to listen on port ${port}: ports below 1024 need administrator rights; use a port such as 9999`;
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') return `cannot listen on that address (${code}); leave out the host to listen on all interfaces`;
  return `cannot listen on port ${port}: ${err instanceof Error ? err.message : String(err)}`;
}
