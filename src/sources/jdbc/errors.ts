/**
 * Database failures as Spark errors with a next step: a server that is down or refuses the
 * password (`FAILED_JDBC.CONNECT`), a table that cannot be read (`FAILED_JDBC.LOAD_TABLE`), a
 * write the database rejected (`FAILED_JDBC.WRITE`: a value that does not fit its column, a
 * missing unique index for upsertKeys …). The database's own message is kept in the text and
 * its SQLSTATE (or SQLite's code) in `messageParameters.dbCode`.
 */
import { type ErrorClass, SparkError, SparkRuntimeException } from '../../sql/errors.js';
import type { JdbcTarget } from './url.js';

/** What the jdbc source was doing when the database failed. */
export type JdbcOperation = { readonly kind: 'connect' } | { readonly kind: 'create' | 'load' | 'write'; readonly table: string } | { readonly kind: 'other'; readonly what: string };

interface DbErrorFields {
  readonly message: string;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
}

function fields(err: unknown): DbErrorFields {
  if (!(err instanceof Error)) return { message: String(err), code: undefined, detail: undefined, hint: undefined };
  const e = err as Error & { code?: unknown; detail?: unknown; hint?: unknown };
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  return { message: err.message, code: str(e.code), detail: str(e.detail), hint: str(e.hint) };
}

/** The next step for a failure, by SQLSTATE / SQLite code / errno. */
function advice(f: DbErrorFields, target: JdbcTarget, op: JdbcOperation): string {
  const where = target.kind === 'postgres' ? `${target.host}:${target.port}` : target.file;
  switch (f.code) {
    case 'ECONNREFUSED':
      return `Nothing accepts connections at ${where}: start PostgreSQL there (a test server: node scripts/services.mjs start postgres) or fix the host and port in "url".`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host in "url" is unknown: check its spelling.`;
    case 'ETIMEDOUT':
      return `The server at ${where} did not answer in time: check that it runs and is reachable, or raise the "connectTimeout" option (seconds).`;
    case '28P01':
    case '28000':
      return 'Check the "user" and "password" options (or the user and password in "url").';
    case '3D000':
      return 'Create the database first (CREATE DATABASE …), or name an existing one in "url".';
    case '42P01':
      return op.kind === 'load' ? 'Check the table name in "dbtable" (and its schema), or write it first.' : '';
    case '42703':
      return 'The table has other columns than the DataFrame: select the table\'s columns, or write with mode("overwrite") to recreate the table.';
    case '42P10':
      return 'upsertKeys needs a primary key or unique index on those columns: CREATE UNIQUE INDEX … ON the table (…), or let tspark create the table (it adds the primary key).';
    case '22003':
    case '22001':
      return 'A value does not fit its column\'s type: widen the column (ALTER TABLE … TYPE …), or cast the DataFrame column to match.';
    case '22P02':
    case '22007':
    case '22008':
      return 'A value is not valid for its column\'s type: cast the DataFrame column to the column\'s type.';
    case '23505':
      return 'A row repeats a unique key: use the "upsertKeys" option to replace rows by key, or mode("overwrite").';
    case '23502':
      return 'A NULL went into a NOT NULL column: filter or fill the NULLs first (df.na.fill / dropna).';
    case 'SQLITE_CANTOPEN':
      return `SQLite cannot open ${where}: check that its directory exists and is writable.`;
    case 'SQLITE_BUSY':
      return 'Another connection holds a write lock on the SQLite file: close it, or retry later.';
    case 'SQLITE_CONSTRAINT_DATATYPE':
      return 'The table is STRICT and a value does not have its column\'s type: cast the DataFrame column to match.';
    default:
      break;
  }
  if (target.kind === 'sqlite' && /directory does not exist|unable to open database/i.test(f.message)) {
    return `SQLite cannot open ${where}: check that its directory exists and is writable.`;
  }
  if (f.code === 'SQLITE_ERROR' && /ON CONFLICT clause does not match/i.test(f.message)) {
    return 'upsertKeys needs a primary key or unique index on those columns: CREATE UNIQUE INDEX … ON the table (…), or let tspark create the table (it adds the primary key).';
  }
  if (f.code === 'SQLITE_ERROR' && /no such table/i.test(f.message) && op.kind === 'load') return 'Check the table name in "dbtable", or write it first.';
  if (f.code === 'SQLITE_ERROR' && /has no column named/i.test(f.message)) {
    return 'The table has other columns than the DataFrame: select the table\'s columns, or write with mode("overwrite") to recreate the table.';
  }
  return '';
}

/** A Spark error for database failure `err` during `op`. */
export function jdbcError(err: unknown, target: JdbcTarget, op: JdbcOperation, extra = ''): SparkError {
  if (err instanceof SparkError) return err;
  const f = fields(err);
  const next = advice(f, target, op);
  const detail = f.detail !== undefined ? ` (${f.detail})` : '';
  const message = `${f.message}${detail}.${next === '' ? '' : ` ${next}`}${extra === '' ? '' : ` ${extra}`}`.replace(/\.\./g, '.');
  const params: Record<string, string> = { url: target.url, message, dbCode: f.code ?? '' };
  let errorClass: ErrorClass;
  switch (op.kind) {
    case 'connect':
      errorClass = 'FAILED_JDBC.CONNECT';
      break;
    case 'create':
      errorClass = 'FAILED_JDBC.CREATE_TABLE';
      params.tableName = op.table;
      break;
    case 'load':
      errorClass = 'FAILED_JDBC.LOAD_TABLE';
      params.tableName = op.table;
      break;
    case 'write':
      errorClass = 'FAILED_JDBC.WRITE';
      params.tableName = op.table;
      break;
    default:
      errorClass = 'FAILED_JDBC.UNCLASSIFIED';
      params.message = `${op.what}: ${message}`;
  }
  return new SparkRuntimeException(errorClass, params, { cause: err });
}

/** True when `err` says the relation does not exist (so a write creates it). */
export function isNoSuchTable(err: unknown): boolean {
  const f = fields(err);
  return f.code === '42P01' || (f.code === 'SQLITE_ERROR' && /no such table/i.test(f.message));
}
