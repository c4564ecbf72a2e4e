/**
 * Runs inside a worker thread (see `../blocking/`): one pg connection, served to the main
 * thread's synchronous `PostgresConnection`. Values travel as PostgreSQL's text form both ways
 * (every type parser returns the text), so the main thread owns all conversions and nothing
 * depends on pg's Date handling or the worker's time zone.
 */
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';
import { serve } from '../blocking/worker-host.js';

/** What `connect` needs. */
export interface PgConnectArgs {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly params: Readonly<Record<string, string>>;
  readonly connectTimeoutMs: number;
  readonly queryTimeoutMs: number;
  readonly sessionInitStatement: string | undefined;
}

/** A column of a result: name, type OID and modifier. */
export interface PgField {
  readonly name: string;
  readonly typeOid: number;
  readonly typeMod: number;
}

/** Rows as PostgreSQL's text values (null for NULL). */
export interface PgRows {
  readonly fields: PgField[];
  readonly rows: (string | null)[][];
}

const asText = { getTypeParser: () => (text: string) => text };

let client: pg.Client | undefined;
let lostError: Error | undefined;
let copy: { stream: Writable; error: Error | undefined; done: Promise<void> } | undefined;

function open(): pg.Client {
  if (lostError !== undefined) throw lostError;
  if (client === undefined) throw new Error('not connected');
  return client;
}

async function connect(args: PgConnectArgs): Promise<void> {
  const c = new pg.Client({
    host: args.host,
    port: args.port,
    database: args.database,
    ...(args.user === undefined ? {} : { user: args.user }),
    ...(args.password === undefined ? {} : { password: args.password }),
    connectionTimeoutMillis: args.connectTimeoutMs,
    ...(args.queryTimeoutMs > 0 ? { statement_timeout: args.queryTimeoutMs } : {}),
    ...(args.params.ApplicationName !== undefined ? { application_name: args.params.ApplicationName } : { application_name: 'tspark' }),
    // Timestamps tspark writes carry no zone: into a timestamptz column they must mean UTC.
    options: '-c TimeZone=UTC -c DateStyle=ISO',
  });
  // A connection the server drops between calls must fail the next call, not the worker.
  c.on('error', (err) => {
    lostError = err;
  });
  await c.connect();
  client = c;
  lostError = undefined;
  if (args.sessionInitStatement !== undefined) await c.query(args.sessionInitStatement);
}

async function execute(sql: string): Promise<number> {
  const r = await open().query({ text: sql, types: asText });
  return r.rowCount ?? 0;
}

async function query(sql: string): Promise<PgRows> {
  const r = await open().query({ text: sql, rowMode: 'array', types: asText });
  return {
    fields: r.fields.map((f) => ({ name: f.name, typeOid: f.dataTypeID, typeMod: f.dataTypeModifier })),
    rows: r.rows as (string | null)[][],
  };
}

/** Runs `INSERT … VALUES ($1, …), (…)` with text parameters (PostgreSQL casts them to the column types). */
async function insert(arg: { sql: string; values: (string | null)[] }): Promise<number> {
  const r = await open().query({ text: arg.sql, values: arg.values, types: asText });
  return r.rowCount ?? 0;
}

function copyStart(sql: string): void {
  const stream = open().query(copyFrom(sql));
  const state: { stream: Writable; error: Error | undefined; done: Promise<void> } = {
    stream,
    error: undefined,
    done: new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (err: Error) => {
        state.error = err;
        reject(err);
      });
    }),
  };
  state.done.catch(() => undefined);
  copy = state;
}

async function copyChunk(text: string): Promise<void> {
  const c = copy;
  if (c === undefined) throw new Error('no COPY in progress');
  if (c.error !== undefined) throw c.error;
  if (!c.stream.write(text)) {
    await new Promise<void>((resolve, reject) => {
      c.stream.once('drain', resolve);
      c.done.catch(reject);
    });
  }
}

async function copyEnd(): Promise<void> {
  const c = copy;
  copy = undefined;
  if (c === undefined) throw new Error('no COPY in progress');
  if (c.error !== undefined) throw c.error;
  c.stream.end();
  await c.done;
}

async function close(): Promise<void> {
  const c = client;
  client = undefined;
  if (c !== undefined) await c.end().catch(() => undefined);
}

serve({ connect, execute, query, insert, copyStart, copyChunk, copyEnd, close });
