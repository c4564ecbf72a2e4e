/**
 * A synchronous Redis connection (ioredis in a worker thread, see `../blocking/`), kept per
 * server between writes as the foreachRDD guide's connection pool. Failures become
 * `FAILED_REDIS.*` errors that say what to do.
 */
import { SparkError, SparkRuntimeException } from '../../sql/errors.js';
import { BlockingWorker } from '../blocking/blocking-worker.js';
import type { RedisOptions } from './options.js';
import type { RedisCommand } from './redis-worker.js';

/** One open connection; every call blocks until Redis answered. */
export interface RedisConnection {
  /** Runs the commands in one pipeline; throws the first failure. */
  exec(commands: RedisCommand[]): void;
  /** Sends a pipeline without waiting; a failure is thrown by the next call. */
  post(commands: RedisCommand[]): void;
  scanAll(pattern: string, count: number): string[];
  hashes(keys: string[]): (Record<string, Uint8Array> | null)[];
  get(key: string): string | null;
}

const idle = new Map<string, BlockingWorker>();

/** Runs `use` with a connection to `o.server`; a connection that failed is dropped, not reused. */
export function withRedis<T>(o: RedisOptions, what: string, use: (c: RedisConnection) => T): T {
  const key = JSON.stringify(o.server);
  let worker = idle.get(key);
  idle.delete(key);
  if (worker === undefined) {
    worker = new BlockingWorker(new URL('./redis-worker.js', import.meta.url));
    try {
      worker.call('connect', o.server);
    } catch (err) {
      worker.close();
      throw redisError(err, o, 'connect');
    }
  }
  const w = worker;
  const connection: RedisConnection = {
    exec: (commands) => void w.call('exec', commands),
    post: (commands) => w.post('exec', commands),
    scanAll: (pattern, count) => w.call<string[]>('scanAll', { pattern, count }),
    hashes: (keys) => w.call<(Record<string, Uint8Array> | null)[]>('hashes', keys),
    get: (k) => w.call<string | null>('get', k),
  };
  try {
    const result = use(connection);
    w.call('get', '__tspark_flush__'); // the posted pipelines' failures surface here
    const previous = idle.get(key);
    if (previous !== undefined) previous.close();
    idle.set(key, w);
    return result;
  } catch (err) {
    // Our own errors (a mode, a bad value) leave the connection sound: keep it.
    if (err instanceof SparkError && !(err instanceof SparkRuntimeException)) idle.set(key, w);
    else w.close();
    throw redisError(err, o, what);
  }
}

/** Closes the kept connections (tests, shell exit). */
export function closeRedisConnections(): void {
  for (const w of idle.values()) w.close();
  idle.clear();
}

function redisError(err: unknown, o: RedisOptions, what: string): Error {
  if (err instanceof SparkError || !(err instanceof Error)) return err instanceof Error ? err : new Error(String(err));
  const code = (err as { code?: unknown }).code;
  const text = err.message;
  let hint = '';
  if (code === 'ECONNREFUSED' || /ECONNREFUSED/.test(text)) {
    hint = ` Nothing accepts connections at ${o.server.host}:${o.server.port}: start Redis there (a test server: node scripts/services.mjs start redis) or fix "host"/"port" (or "url").`;
  } else if (/WRONGPASS|NOAUTH|invalid password/i.test(text)) {
    hint = ' Check the "auth" option (or the password in "url").';
  } else if (/WRONGTYPE/.test(text)) {
    hint = ` A key under "${o.table ?? ''}:" holds another type than a hash: write to another table, or delete that key.`;
  } else if (/OOM/.test(text)) {
    hint = ' Redis is out of memory (maxmemory): free some, or set a "ttl" on the rows.';
  } else if (/timeout/i.test(text) || code === 'ETIMEDOUT') {
    hint = ` Redis did not answer within ${o.server.timeoutMs} ms: check the server, or raise "timeout".`;
  }
  const params = { url: o.url, message: `${what === 'connect' ? '' : `${what}: `}${text}.${hint}`.replace(/\.\./g, '.'), dbCode: typeof code === 'string' ? code : '' };
  return new SparkRuntimeException(what === 'connect' ? 'FAILED_REDIS.CONNECT' : 'FAILED_REDIS.UNCLASSIFIED', params, { cause: err });
}
