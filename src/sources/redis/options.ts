/**
 * The redis source's options, those of the spark-redis connector's DataFrame source where they
 * apply (`table`, `key.column`, `ttl`, `infer.schema`, `partitions.number`, `max.pipeline.size`,
 * `scan.count`, `iterator.grouping.size`, `keys.pattern`, `host`, `port`, `auth`, `dbNum`,
 * `timeout`), plus tspark's `url` (`redis://user:password@host:port/db`). The server comes from
 * the options, then the session's `spark.redis.*` confs, then localhost:6379 as spark-redis.
 */
import { SparkArgumentError } from '../../sql/errors.js';
import type { SourceSession, SourceUse } from '../../sql/sources/contract.js';
import type { SourceOptions } from '../../sql/sources/options.js';
import type { RedisConnectArgs } from './redis-worker.js';

/** The option names. */
export const REDIS_OPTIONS = [
  'table',
  'key.column',
  'model',
  'ttl',
  'infer.schema',
  'partitions.number',
  'max.pipeline.size',
  'scan.count',
  'iterator.grouping.size',
  'keys.pattern',
  'filter.keys.by.type',
  'host',
  'port',
  'auth',
  'user',
  'dbNum',
  'timeout',
  'ssl',
  'url',
] as const;

/** The checked options. */
export interface RedisOptions {
  readonly server: RedisConnectArgs;
  /** The server for messages: `redis://host:port/db`, no password. */
  readonly url: string;
  readonly table: string | undefined;
  readonly keyColumn: string | undefined;
  readonly ttl: number;
  readonly inferSchema: boolean;
  readonly numPartitions: number;
  readonly pipelineSize: number;
  readonly scanCount: number;
  readonly groupingSize: number;
  readonly keysPattern: string | undefined;
}

/** Checks the options (and `path`, which names the table as in `save("person")`). */
export function parseRedisOptions(options: SourceOptions, use: SourceUse, path: string | undefined, session: SourceSession | undefined): RedisOptions {
  options.checkKnown('redis', REDIS_OPTIONS);
  const model = options.get('model') ?? 'hash';
  if (model.toLowerCase() !== 'hash') {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: `redis: option "model" ${JSON.stringify(model)} is not supported; tspark stores rows as hashes (model "hash"), which any Redis client can read`,
    });
  }
  const table = options.get('table') ?? (path !== undefined && path !== '' ? path : undefined);
  const keysPattern = options.get('keys.pattern');
  if (table === undefined && !(use === 'read' && keysPattern !== undefined)) {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: `redis: name the table with .option("table", "person")${use === 'read' ? ' (or "keys.pattern")' : ''}, or save("person")`,
    });
  }
  const conf = (k: string) => session?.conf(k);
  const fromUrl = parseUrl(options.get('url'));
  const host = options.get('host') ?? fromUrl?.host ?? conf('spark.redis.host') ?? 'localhost';
  const port = options.has('port') ? options.getInt('port', 6379, 1) : (fromUrl?.port ?? Number(conf('spark.redis.port') ?? 6379));
  const db = options.has('dbNum') ? options.getInt('dbNum', 0, 0) : (fromUrl?.db ?? Number(conf('spark.redis.db') ?? 0));
  const password = options.get('auth') ?? fromUrl?.password ?? conf('spark.redis.auth');
  const username = options.get('user') ?? fromUrl?.username;
  const timeoutMs = options.getInt('timeout', Number(conf('spark.redis.timeout') ?? 2000), 1);
  const tls = options.getBoolean('ssl', fromUrl?.tls ?? conf('spark.redis.ssl') === 'true');
  return {
    server: { host, port, db, password, username, timeoutMs, tls },
    url: `${tls ? 'rediss' : 'redis'}://${host}:${port}/${db}`,
    table,
    keyColumn: options.get('key.column'),
    ttl: options.getInt('ttl', 0),
    inferSchema: options.getBoolean('infer.schema', false),
    numPartitions: options.getInt('partitions.number', 3, 1),
    pipelineSize: options.getInt('max.pipeline.size', 100, 1),
    scanCount: options.getInt('scan.count', 100, 1),
    groupingSize: options.getInt('iterator.grouping.size', 1000, 1),
    keysPattern,
  };
}

interface UrlParts {
  host: string;
  port: number;
  db: number | undefined;
  password: string | undefined;
  username: string | undefined;
  tls: boolean;
}

function parseUrl(text: string | undefined): UrlParts | undefined {
  if (text === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    u = new URL('invalid://');
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: `redis: option "url" must look like redis://[user:password@]host:port[/db]; got ${JSON.stringify(text)}` });
  }
  const db = u.pathname.replace(/^\//, '');
  return {
    host: u.hostname || 'localhost',
    port: u.port === '' ? 6379 : Number(u.port),
    db: db === '' ? undefined : Number(db),
    password: u.password === '' ? undefined : decodeURIComponent(u.password),
    username: u.username === '' ? undefined : decodeURIComponent(u.username),
    tls: u.protocol === 'rediss:',
  };
}
