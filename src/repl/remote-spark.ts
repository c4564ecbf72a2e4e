/**
 * The shell's `spark` in remote mode (`tspark --remote sc://…` or SPARK_REMOTE): a Spark Connect
 * session, opened when the shell starts and announced above the prompt in pyspark's words
 * ("Client connected to the Spark Connect server at host:port"). A server that cannot be reached
 * is reported in one line and the shell stays up: the next use of `spark` tries again, and the
 * local code the user types works meanwhile. `sc` and `ssc` are refused with one line each.
 */
import { SparkSession } from '../index.js';
import { refuseRemote } from '../sql/connect/remote/refusals.js';
import { remoteEndpoint } from './cli.js';

/** The remote `spark` of one shell. */
export interface RemoteSpark {
  /** `host:port` of the server, as the banner shows it (never the token). */
  readonly endpoint: string;
  /** The session, opened (again) if there is none or it was stopped; throws the one-line connection error. */
  get(): SparkSession;
  /** Opens the session at start and returns the line to print: connected, or why not. */
  connect(): string;
  /** The refusal thrown for `sc` / `ssc`. */
  refuse(name: 'sc' | 'ssc'): never;
  /** Stops the session (its streaming queries end on the server). */
  close(): void;
}

/** Creates the shell's remote `spark` on `url`, printing through the shell's writers. */
export function createRemoteSpark(url: string, out: (text: string) => void, err: (text: string) => void, onSession?: (s: SparkSession) => void): RemoteSpark {
  const endpoint = remoteEndpoint(url);
  let session: SparkSession | undefined;
  const get = (): SparkSession => {
    if (session !== undefined && !session.isStopped) return session;
    const s = SparkSession.builder.remote(url).getOrCreate();
    // show(), printSchema() and console queries print above the prompt, as locally.
    s.out = out;
    s.err = err;
    session = s;
    onSession?.(s);
    return s;
  };
  return {
    endpoint,
    get,
    connect() {
      try {
        const s = get();
        return `Client connected to the Spark Connect server at ${endpoint} (Spark ${s.version}).\n`;
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
        return `Not connected to the Spark Connect server at ${endpoint}: ${why}\nThe shell works; spark tries again when used.\n`;
      }
    },
    refuse: (name) => refuseRemote(name),
    close() {
      try {
        session?.stop();
      } catch {
        // The server may be gone; the transport ends anyway.
      }
    },
  };
}
