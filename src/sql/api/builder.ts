/**
 * `SparkSession.builder`: collects settings, then `getOrCreate()` returns the active session or a
 * new one. By pyspark's rules, `remote("sc://host:port")` (or the `SPARK_REMOTE` environment
 * variable, when no master is named and no session is active) makes a Spark Connect session;
 * otherwise the session runs on the local engine.
 */
import { SparkContext } from '../engine.js';
import { SparkArgumentError } from '../errors.js';
import { RemoteConnection } from '../connect/remote/connection.js';
import { SparkSession } from './session.js';

/** Settings the builder applies itself; the rest are confs of the session. */
const BUILDER_KEYS = new Set(['spark.master', 'spark.remote', 'spark.app.name']);

/** `SparkSession.builder`: collects settings, then `getOrCreate()`. */
export class Builder {
  private readonly settings = new Map<string, string>();

  /** Reads `SPARK_REMOTE`, `SPARK_CONNECT_AUTHENTICATE_TOKEN` and `SPARK_USER`/`USER`, as pyspark does. */
  constructor(private readonly env: Readonly<Record<string, string | undefined>> = process.env) {}

  /** Sets `spark.app.name`. */
  appName(name: string): this {
    return this.config('spark.app.name', name);
  }
  /** Sets `spark.master` (`local`, `local[N]`, `local[*]`). */
  master(master: string): this {
    return this.config('spark.master', master);
  }
  /** Sets a conf, or several from an object. */
  config(key: string | Record<string, string | number | boolean>, value?: string | number | boolean): this {
    if (typeof key === 'string') this.settings.set(key, String(value));
    else for (const [k, v] of Object.entries(key)) this.settings.set(k, String(v));
    return this;
  }
  /** A Spark Connect server to run on: `remote("sc://host:15002/;token=…")` (sets `spark.remote`). */
  remote(url: string): this {
    return this.config('spark.remote', url);
  }
  /** Accepted for compatibility; tspark has no Hive metastore. */
  enableHiveSupport(): this {
    return this;
  }

  /** The active session (with these confs applied), or a new one: on a Spark Connect server, or on a new SparkContext. */
  getOrCreate(): SparkSession {
    const explicit = this.settings.get('spark.remote');
    const master = this.settings.get('spark.master');
    if (explicit !== undefined && master !== undefined) {
      throw new SparkArgumentError('CANNOT_CONFIGURE_SPARK_CONNECT_MASTER', { master_url: master, connect_url: explicit });
    }
    if (explicit !== undefined) return this.remoteSession(explicit);
    if (master !== undefined) return this.localSession();
    // Neither named: the active session, whichever it is; a new one is remote when SPARK_REMOTE is
    // set (pyspark refuses SPARK_REMOTE with a master; a named master simply wins here).
    const active = SparkSession.getActiveSession();
    if (active !== undefined && !active.isStopped) return active.isRemote ? this.remoteSession(active.remoteUrl!) : this.localSession();
    const url = this.env['SPARK_REMOTE'];
    return url !== undefined && url !== '' ? this.remoteSession(url) : this.localSession();
  }

  private localSession(): SparkSession {
    const active = SparkSession.getActiveSession();
    if (active !== undefined && !active.isRemote && !active.sparkContext.isStopped) {
      for (const [k, v] of this.settings) if (k.startsWith('spark.sql.') || k === 'spark.app.name') active.conf.set(k, v);
      return active;
    }
    const sc = new SparkContext(this.settings.get('spark.master') ?? 'local[*]', this.settings.get('spark.app.name') ?? 'tspark');
    const s = new SparkSession(sc);
    for (const [k, v] of this.settings) s.conf.set(k, v);
    return s;
  }

  private remoteSession(url: string): SparkSession {
    if (url.startsWith('local')) {
      throw new SparkArgumentError('INVALID_ARGUMENT', {
        message: `remote("${url}") would start a Spark Connect server, which tspark does not do; start one (node scripts/services.mjs start spark-connect) and pass its sc://host:port URL, or use master("${url}") for the local engine`,
      });
    }
    const active = SparkSession.getActiveSession();
    const reuse = active !== undefined && active.isRemote && active.remoteUrl === url && !active.isStopped ? active : undefined;
    const session =
      reuse ??
      new SparkSession(
        RemoteConnection.open(url, {
          ...(this.env['SPARK_CONNECT_AUTHENTICATE_TOKEN'] ? { defaultToken: this.env['SPARK_CONNECT_AUTHENTICATE_TOKEN'] } : {}),
          ...(this.env['SPARK_USER'] || this.env['USER'] ? { defaultUserId: this.env['SPARK_USER'] || this.env['USER'] } : {}),
        }),
      );
    for (const [k, v] of this.settings) if (!BUILDER_KEYS.has(k)) session.conf.set(k, v);
    return session;
  }
}
