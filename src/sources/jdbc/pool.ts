/**
 * Connections per process, kept between writes: the foreachRDD guide's "static, lazily
 * initialized pool of connections", so each micro-batch does not pay a connection (and, for
 * PostgreSQL, a worker thread). A connection that failed is closed, not returned; idle ones
 * are closed after {@link IDLE_MS}.
 */
import { resolve } from 'node:path';
import type { JdbcConnection } from './connection.js';
import { jdbcError } from './errors.js';
import type { JdbcOptions } from './options.js';
import { openPostgres } from './postgres-connection.js';
import { openSqlite } from './sqlite-connection.js';

/** How long an unused connection stays open. */
export const IDLE_MS = 30_000;

interface Idle {
  readonly connection: JdbcConnection;
  readonly timer: NodeJS.Timeout;
}

const idle = new Map<string, Idle[]>();
const keys = new WeakMap<JdbcConnection, string>();

function keyOf(o: JdbcOptions): string {
  const t = o.target;
  return t.kind === 'sqlite'
    ? `sqlite:${t.file === ':memory:' ? `:memory:${Math.random()}` : resolve(t.file)}`
    : JSON.stringify([t.host, t.port, t.database, o.user ?? '', o.password ?? '', t.params, o.sessionInitStatement ?? '', o.queryTimeoutSec]);
}

/** A connection for `o`: an idle one (checked with a round trip) or a new one; connection failures are FAILED_JDBC.CONNECT. */
export function acquire(o: JdbcOptions): JdbcConnection {
  const key = keyOf(o);
  const list = idle.get(key);
  while (list !== undefined && list.length > 0) {
    const hit = list.pop();
    if (hit === undefined) break;
    clearTimeout(hit.timer);
    try {
      // A server restarted since the last write leaves a dead connection: find out before using it.
      if (o.target.kind === 'postgres') hit.connection.execute('SELECT 1');
      return hit.connection;
    } catch {
      closeQuietly(hit.connection);
    }
  }
  let connection: JdbcConnection;
  try {
    const t = o.target;
    connection =
      t.kind === 'sqlite'
        ? openSqlite(t.file, o.connectTimeoutMs)
        : openPostgres({
            host: t.host,
            port: t.port,
            database: t.database,
            user: o.user,
            password: o.password,
            params: t.params,
            connectTimeoutMs: o.connectTimeoutMs,
            queryTimeoutMs: o.queryTimeoutSec * 1000,
            sessionInitStatement: o.sessionInitStatement,
          });
  } catch (err) {
    throw jdbcError(err, o.target, { kind: 'connect' });
  }
  keys.set(connection, key);
  return connection;
}

/** Gives a connection back: kept for reuse when `healthy`, closed otherwise. */
export function release(connection: JdbcConnection, healthy: boolean): void {
  const key = keys.get(connection);
  if (!healthy || key === undefined || key.startsWith('sqlite::memory:')) {
    closeQuietly(connection);
    return;
  }
  const list = idle.get(key) ?? [];
  const timer = setTimeout(() => {
    const at = list.findIndex((e) => e.connection === connection);
    if (at >= 0) list.splice(at, 1);
    closeQuietly(connection);
  }, IDLE_MS);
  timer.unref();
  list.push({ connection, timer });
  idle.set(key, list);
}

/** Closes every idle connection (tests, and the shell's exit). */
export function closeIdleConnections(): void {
  for (const list of idle.values()) {
    for (const e of list.splice(0)) {
      clearTimeout(e.timer);
      closeQuietly(e.connection);
    }
  }
}

function closeQuietly(c: JdbcConnection): void {
  try {
    c.close();
  } catch {
    // Already broken: nothing more to release.
  }
}
