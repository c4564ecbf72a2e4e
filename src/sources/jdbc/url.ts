/**
 * JDBC URLs as Spark users write them, for the two databases tspark speaks to:
 * `jdbc:sqlite:counts.db` (a file, relative to the working directory; `jdbc:sqlite::memory:`),
 * and PostgreSQL as `jdbc:postgresql://host:port/db?user=…&password=…` or libpq's
 * `postgresql://user:password@host:port/db` (also `postgres://`).
 */
import { SparkArgumentError } from '../../sql/errors.js';

/** A parsed `url` option: where the database is, and the credentials it carries. */
export type JdbcTarget =
  | { readonly kind: 'sqlite'; readonly file: string; readonly url: string }
  | {
      readonly kind: 'postgres';
      readonly host: string;
      readonly port: number;
      readonly database: string;
      readonly user: string | undefined;
      readonly password: string | undefined;
      /** Other query parameters (`sslmode`, `ApplicationName` …), passed on to the connection. */
      readonly params: Readonly<Record<string, string>>;
      /** The URL without its password, for messages. */
      readonly url: string;
    };

/** The databases a `url` may name, for messages. */
export const SUPPORTED_URLS = '`jdbc:sqlite:FILE`, `jdbc:postgresql://HOST:PORT/DB` or `postgresql://USER:PASSWORD@HOST:PORT/DB`';

/** Parses the `url` option; an unknown database is an error that lists the supported ones. */
export function parseJdbcUrl(url: string): JdbcTarget {
  const text = url.trim();
  const sqlite = /^jdbc:sqlite:(.*)$/i.exec(text);
  if (sqlite) {
    const file = sqlite[1] ?? '';
    if (file === '') throw invalidUrl(url, 'the SQLite URL names no file');
    return { kind: 'sqlite', file: file.startsWith('file:') ? file.slice('file:'.length) : file, url: text };
  }
  const pg = /^(?:jdbc:postgresql|postgres(?:ql)?):\/\/(.*)$/i.exec(text);
  if (pg) return parsePostgres(pg[1] ?? '', url);
  const scheme = /^(jdbc:[a-z0-9]+|[a-z][a-z0-9+.-]*):/i.exec(text)?.[1];
  throw new SparkArgumentError('INVALID_ARGUMENT', {
    message:
      `option "url": tspark's jdbc source speaks to SQLite and PostgreSQL; got ${JSON.stringify(url)}` +
      `${scheme ? ` (${scheme} is not supported)` : ''}. Use ${SUPPORTED_URLS}.`,
  });
}

function parsePostgres(rest: string, original: string): JdbcTarget {
  let parsed: URL;
  try {
    parsed = new URL(`postgresql://${rest}`);
  } catch {
    throw invalidUrl(original, 'it is not a valid URL');
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  const params: Record<string, string> = {};
  let user = parsed.username === '' ? undefined : decodeURIComponent(parsed.username);
  let password = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  for (const [k, v] of parsed.searchParams) {
    if (k === 'user') user = v;
    else if (k === 'password') password = v;
    else params[k] = v;
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const port = parsed.port === '' ? 5432 : Number(parsed.port);
  const shown = new URL(`postgresql://${rest}`);
  shown.password = '';
  shown.searchParams.delete('password');
  return { kind: 'postgres', host, port, database: database === '' ? (user ?? 'postgres') : database, user, password, params, url: shown.toString() };
}

function invalidUrl(url: string, why: string): SparkArgumentError {
  return new SparkArgumentError('INVALID_ARGUMENT', { message: `option "url": ${why}; got ${JSON.stringify(url)}. Use ${SUPPORTED_URLS}.` });
}
