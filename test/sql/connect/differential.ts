/**
 * The differential suite's two sessions: one on the local engine, one on the real Spark Connect
 * server, set up alike (UTC, Spark 3.5's non-ANSI semantics, which the local engine follows; Spark
 * 4 turns ANSI on by default), and how a DataFrame's answer is compared between them.
 */
import { SparkContext } from '../../../src/sql/engine.js';
import { type DataFrame, SparkError, SparkSession } from '../../../src/sql/index.js';
import { Row } from '../../../src/sql/row.js';
import type { DataType } from '../../../src/sql/types/data-types.js';
import { Decimal } from '../../../src/sql/types/values.js';
import { serverUrl } from './remote.js';

/** A local and a remote session, configured alike. */
export interface SessionPair {
  readonly local: SparkSession;
  readonly remote: SparkSession;
  stop(): void;
}

/** Confs both sessions get. */
export const SHARED_CONFS: Readonly<Record<string, string>> = {
  'spark.sql.session.timeZone': 'UTC',
  'spark.sql.ansi.enabled': 'false',
  'spark.sql.shuffle.partitions': '4',
};

/** Opens the pair (the remote one is a new server session on `url`, so its views start empty). */
export function openPair(appName: string, url: string = serverUrl!): SessionPair {
  const local = new SparkSession(new SparkContext('local[2]', appName), { out: () => undefined, err: () => undefined });
  const active = SparkSession.builder.remote(url).getOrCreate();
  // A session of its own, so views and confs of other suites never leak in.
  const remote = active.newSession();
  remote.out = () => undefined;
  remote.err = () => undefined;
  for (const [k, v] of Object.entries(SHARED_CONFS)) {
    local.conf.set(k, v);
    remote.conf.set(k, v);
  }
  return {
    local,
    remote,
    stop() {
      remote.stop();
      active.stop();
      local.stop();
    },
  };
}

/** What a DataFrame answered: its columns, types, rows and show() text, or the error class it failed with. */
export type Answer =
  | { readonly ok: true; readonly columns: string[]; readonly dtypes: string[]; readonly rows: unknown[][]; readonly show: string }
  | { readonly ok: false; readonly errorClass: string | undefined; readonly message: string };

/** Runs `make` and reads everything a user would see of the result. */
export function answer(make: () => DataFrame, options: { ordered: boolean }): Answer {
  try {
    const df = make();
    const types = df.schema.fields.map((f) => f.dataType);
    let rows = df.collect().map((r) => [...r].map((v, i) => plain(v, types[i]!)));
    if (!options.ordered) rows = rows.map((r) => JSON.stringify(r)).sort().map((t) => JSON.parse(t) as unknown[]);
    return { ok: true, columns: df.columns, dtypes: df.dtypes.map(([, t]) => t), rows, show: options.ordered ? df.showString(20, 20, false) : '' };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    return { ok: false, errorClass: e instanceof SparkError ? e.errorClass : (e as { errorClass?: string }).errorClass, message: e.message.split('\n')[0]! };
  }
}

/** A value as comparable JSON: decimals and timestamps as text, longs as numbers. */
export function plain(v: unknown, t: DataType): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'decimal':
      return (v as Decimal).toString();
    case 'long':
      return typeof v === 'bigint' ? `${v}n` : v;
    case 'double':
    case 'float':
      return Number.isNaN(v) ? 'NaN' : v;
    case 'date':
    case 'timestamp':
    case 'timestamp_ntz':
      return (v as Date).toISOString();
    case 'binary':
      return [...(v as Uint8Array)];
    case 'array':
      return (v as unknown[]).map((x) => plain(x, t.elementType));
    case 'map':
      return [...(v as Map<unknown, unknown>)].map(([k, x]) => [plain(k, t.keyType), plain(x, t.valueType)]);
    case 'struct': {
      const values = v instanceof Row ? [...v] : (v as unknown[]);
      return t.fields.map((f, i) => plain(values[i], f.dataType));
    }
    default:
      return v;
  }
}

export { Decimal };
