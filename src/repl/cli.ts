/**
 * The command line of `tspark`, parsed into plain options (bin/tspark.ts acts on them).
 * Every mistake names the option, the rule and the value received.
 */
import { IllegalArgumentError, TsparkError } from '../engine/errors.js';
import { parseConnectionString } from '../sql/connect/url.js';

/** Options shared by the shell and `tspark run`. */
export interface CliOptions {
  readonly master: string;
  readonly batchSeconds: number;
  readonly ui: boolean;
  readonly uiPort: number | undefined;
  readonly uiHost: string | undefined;
  readonly color: boolean;
  /** `--remote sc://host:port`: `spark` runs on that Spark Connect server (the shell only). */
  readonly remote: string | undefined;
  /** True when `--master` was given (it then wins over SPARK_REMOTE, and conflicts with --remote). */
  readonly masterGiven: boolean;
}

/** What the user asked for. */
export type CliCommand =
  | { readonly kind: 'help' }
  | { readonly kind: 'version' }
  | { readonly kind: 'shell'; readonly options: CliOptions }
  | { readonly kind: 'run'; readonly file: string; readonly options: CliOptions; readonly args: readonly string[] }
  | { readonly kind: 'nc'; readonly argv: readonly string[] }
  | { readonly kind: 'feed'; readonly argv: readonly string[] };

/** The `--help` text. */
export const USAGE = `Usage:
  tspark [options]               open the shell, with sc and ssc bound
  tspark run FILE.ts [options]   run a TypeScript job with sc and ssc bound; exits when the job stops
  tspark nc [-l] [-k] ...        a built-in netcat (e.g. tspark nc -lk 9999)
  tspark feed ...                feed demo data into a socket or a directory

Options:
  --master local[N]   where the Spark context runs (default local[2])
  --remote sc://HOST:PORT
                      spark runs on that Spark Connect server (also SPARK_REMOTE);
                      sc, ssc and RDDs are then not bound (docs/REMOTE.md)
  --batch SECONDS     the streaming batch interval (default 1)
  --no-ui             do not start the web UI
  --ui-port N         port of the web UI (default 4040)
  --ui-host HOST      address the web UI listens on (default 127.0.0.1)
  --no-color          plain output (also with NO_COLOR set, TERM=dumb, or when piped)
  --help              this text
  --version           the version

Environment: SPARK_REMOTE=sc://… (as --remote), SPARK_CONNECT_AUTHENTICATE_TOKEN,
  TSPARK_HISTORY=path (empty turns history off), NO_COLOR.
`;

const DEFAULTS: CliOptions = { master: 'local[2]', batchSeconds: 1, ui: true, uiPort: undefined, uiHost: undefined, color: true, remote: undefined, masterGiven: false };

function valueOf(args: string[], flag: string, rule: string): string {
  const v = args.shift();
  if (v === undefined || v.startsWith('--')) {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `${flag} needs a value (${rule}); got nothing`);
  }
  return v;
}

/**
 * A Spark Connect URL checked by Spark Connect's rules (url.ts), so a typo fails before the
 * shell starts: ERR_CONNECT_URL with Spark's [INVALID_CONNECT_URL] text, naming where it came from.
 */
export function checkedRemote(url: string, from: string): string {
  try {
    parseConnectionString(url);
  } catch (e) {
    if (e instanceof TsparkError) throw new TsparkError(e.code, `${from}: ${e.message}`);
    throw e;
  }
  return url;
}

/** Parses `process.argv.slice(2)`. */
export function parseCommandLine(argv: readonly string[]): CliCommand {
  const first = argv[0];
  if (first === 'nc') return { kind: 'nc', argv: argv.slice(1) };
  if (first === 'feed') return { kind: 'feed', argv: argv.slice(1) };
  let rest = argv;
  let file: string | undefined;
  let jobArgs: string[] = [];
  if (first === 'run') {
    file = argv[1];
    if (file === undefined || file.startsWith('--')) {
      throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', 'tspark run needs a TypeScript file, e.g. tspark run examples/wordcount.ts');
    }
    rest = argv.slice(2);
    const dd = rest.indexOf('--');
    if (dd >= 0) {
      jobArgs = rest.slice(dd + 1);
      rest = rest.slice(0, dd);
    }
  }
  const o = { ...DEFAULTS } as { -readonly [K in keyof CliOptions]: CliOptions[K] };
  // Consumed from the front: an option that takes a value takes the next argument too.
  const args = [...rest];
  for (let a = args.shift(); a !== undefined; a = args.shift()) {
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const take = (rule: string): string => inline ?? valueOf(args, flag, rule);
    switch (flag) {
      case '--help':
      case '-h':
        return { kind: 'help' };
      case '--version':
      case '-v':
        return { kind: 'version' };
      case '--master': {
        const v = take('local, local[N] or local[*]');
        if (!/^local(\[(\*|[1-9]\d*)\])?$/.test(v)) {
          throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `--master must be local, local[N] (N >= 1) or local[*]; got ${JSON.stringify(v)}`);
        }
        o.master = v;
        o.masterGiven = true;
        break;
      }
      case '--remote': {
        o.remote = checkedRemote(take('a Spark Connect URL, sc://host:port'), '--remote');
        break;
      }
      case '--batch': {
        const v = take('a number of seconds > 0');
        const n = Number(v);
        if (v.trim() === '' || !Number.isFinite(n) || n <= 0) {
          throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `--batch must be a number of seconds > 0, e.g. --batch 1 or --batch 0.5; got ${JSON.stringify(v)}`);
        }
        o.batchSeconds = n;
        break;
      }
      case '--no-ui':
        o.ui = false;
        break;
      case '--ui-port': {
        const v = take('a port number 0-65535');
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `--ui-port must be a port number from 0 to 65535; got ${JSON.stringify(v)}`);
        o.uiPort = n;
        break;
      }
      case '--ui-host':
        o.uiHost = take('a host name or address');
        break;
      case '--no-color':
        o.color = false;
        break;
      default:
        throw new IllegalArgumentError('ERR_UNKNOWN_OPTION', `unknown option ${JSON.stringify(a)}; see tspark --help`);
    }
  }
  if (o.remote !== undefined && o.masterGiven) {
    // pyspark's [CANNOT_CONFIGURE_SPARK_CONNECT_MASTER]: the two say where spark runs.
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `--remote and --master cannot be given together (Spark Connect server ${o.remote}, Spark master ${o.master}); keep one`);
  }
  if (file !== undefined && o.remote !== undefined) {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', 'tspark run takes no --remote: in the file, use SparkSession.builder.remote("sc://host:port").getOrCreate(), or set SPARK_REMOTE');
  }
  if (file !== undefined) return { kind: 'run', file, options: o, args: jobArgs };
  return { kind: 'shell', options: o };
}

/**
 * Whether output gets colour: never when piped or with --no-color; NO_COLOR (any value, even
 * empty) and TERM=dumb turn it off; FORCE_COLOR wins, as in Node (lib/internal/tty.js).
 */
export function useColor(isTTY: boolean, env: Readonly<Record<string, string | undefined>>, flag: boolean): boolean {
  if (!flag || !isTTY) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '0' && force !== 'false') return true;
  if (env['NO_COLOR'] !== undefined || env['NODE_DISABLE_COLORS'] !== undefined) return false;
  return env['TERM'] !== 'dumb';
}

/**
 * The Spark Connect server the shell's `spark` runs on: `--remote`, else SPARK_REMOTE (as
 * pyspark's shell), unless `--master` was given (a named master keeps the session local).
 */
export function remoteOf(o: CliOptions, env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (o.remote !== undefined) return o.remote;
  const fromEnv = env['SPARK_REMOTE'];
  if (o.masterGiven || fromEnv === undefined || fromEnv === '') return undefined;
  return checkedRemote(fromEnv, 'SPARK_REMOTE');
}

/** `host:port` of a Spark Connect URL, as pyspark's banner prints it (`urlparse(url).netloc`): never the token. */
export function remoteEndpoint(url: string): string {
  const o = parseConnectionString(url);
  return `${o.host}:${o.port}`;
}
