/**
 * Runs inside a worker thread (see `../blocking/`): one ioredis connection served to the main
 * thread's synchronous `RedisConnection`. Commands arrive in pipelines; hashes come back as
 * bytes (`hgetallBuffer`) so binary values survive, and the main thread decodes them.
 */
import { Redis } from 'ioredis';
import { serve } from '../blocking/worker-host.js';

/** Where and how to connect. */
export interface RedisConnectArgs {
  readonly host: string;
  readonly port: number;
  readonly password: string | undefined;
  readonly username: string | undefined;
  readonly db: number;
  readonly timeoutMs: number;
  readonly tls: boolean;
}

/** One command: name then arguments (strings or bytes). */
export type RedisCommand = readonly (string | Uint8Array)[];

let redis: Redis | undefined;

function open(): Redis {
  if (redis === undefined) throw new Error('not connected');
  return redis;
}

async function connect(a: RedisConnectArgs): Promise<void> {
  const r = new Redis({
    host: a.host,
    port: a.port,
    db: a.db,
    connectTimeout: a.timeoutMs,
    lazyConnect: true,
    // Fail a command at once when the server is away: the caller reports it and retries the batch.
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
    ...(a.password === undefined ? {} : { password: a.password }),
    ...(a.username === undefined ? {} : { username: a.username }),
    ...(a.tls ? { tls: {} } : {}),
  });
  // The socket's error (ECONNREFUSED, WRONGPASS …) says more than "Connection is closed".
  let socketError: Error | undefined;
  r.on('error', (err: Error) => {
    socketError = err;
  });
  try {
    await r.connect();
  } catch (err) {
    r.disconnect();
    throw socketError ?? err;
  }
  redis = r;
}

/** Runs the commands in one pipeline; the first failing command's error is thrown with its position. */
async function exec(commands: RedisCommand[]): Promise<number> {
  const results = await open()
    .pipeline(commands.map((c) => c.map((x) => (typeof x === 'string' ? x : Buffer.from(x.buffer, x.byteOffset, x.byteLength)))) as string[][])
    .exec();
  for (const [err] of results ?? []) if (err) throw err;
  return commands.length;
}

/** Every key matching `pattern` (SCAN, `count` per call). */
async function scanAll(arg: { pattern: string; count: number }): Promise<string[]> {
  const r = open();
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await r.scan(cursor, 'MATCH', arg.pattern, 'COUNT', arg.count);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** The hashes at `keys` (field → bytes), null where a key is not a hash any more. */
async function hashes(keys: string[]): Promise<(Record<string, Uint8Array> | null)[]> {
  const results = await open()
    .pipeline(keys.map((k) => ['hgetallBuffer', k]))
    .exec();
  return (results ?? []).map(([err, value]) => (err ? null : (value as Record<string, Buffer>)));
}

async function get(key: string): Promise<string | null> {
  return open().get(key);
}

async function close(): Promise<void> {
  const r = redis;
  redis = undefined;
  if (r !== undefined) await r.quit().catch(() => r.disconnect());
}

serve({ connect, exec, scanAll, hashes, get, close });
