/**
 * SparkSession: the entry point to DataFrames and SQL, as pyspark's. A session runs on the local
 * engine (`spark.sparkContext` is a real engine SparkContext) or on a Spark Connect server
 * (`SparkSession.builder.remote("sc://…")`); either way its DataFrames are the same class and
 * build the same plans, and only its {@link SessionExecutor} differs. `createDataFrame`, `range`,
 * `read`, `sql`, `table`, `catalog`, `conf`, `udf`, `newSession`, `stop`, and
 * `SparkSession.builder…getOrCreate()`.
 */
import { SqlExecutionTracker } from './sql-executions.js';
import { inspect } from 'node:util';
import { Analyzer } from '../analysis/analyzer.js';
import type { AnalyzerContext, SessionUdf } from '../analysis/context.js';
import type { RPlan } from '../analysis/resolved.js';
import { type Clock, RDD, SparkContext, SystemClock } from '../engine.js';
import { SparkArgumentError } from '../errors.js';
import { TsparkError } from '../../engine/errors.js';
import { Executor, type Partitions } from '../exec/executor.js';
import { sqlParser } from '../parser/hook.js';
import type { DataSourceRead, LogicalPlan } from '../plan/relations.js';
import type { BatchScan, DataSourceProvider, SourceSession } from '../sources/contract.js';
import type { StructType } from '../types/data-types.js';
// Registers the streaming sources and sinks (socket, rate, memory, console, file streams …).
import '../streaming/sources/builtin.js';
import { DataStreamReader } from '../streaming/reader.js';
import { StreamingQueryManager } from '../streaming/manager.js';
import { SourceOptions } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
// Registers csv, json, text and parquet, so `spark.read.format(…)` finds them.
import '../sources/builtin.js';
import { type DataType, StringType } from '../types/data-types.js';
import { parseDataType } from '../types/ddl.js';
import { VERSION } from '../../version.js';
import { Catalog } from './catalog.js';
import { RuntimeConfig } from './conf.js';
import { type SchemaLike, createDataFramePlan } from './create-dataframe.js';
import type { SchemaColumnNames } from './column-names.js';
import { type DataFrame, makeDataFrame } from './dataframe.js';
import { type UserDefinedFunction, udf } from './functions.js';
import { DataFrameReader } from './reader.js';
import { runCommand } from './commands.js';
import { Builder } from './builder.js';
import { LocalSessionExecutor } from './local-executor.js';
import type { SessionExecutor } from './session-executor.js';
import { RemoteConnection } from '../connect/remote/connection.js';
import { RemoteSessionExecutor } from '../connect/remote/executor.js';
import { RemoteRuntimeConfig } from '../connect/remote/conf.js';
import { RemoteCatalog } from '../connect/remote/catalog.js';
import { refuseRemote } from '../connect/remote/refusals.js';
import { RemoteStreamingQueryManager } from '../connect/remote/streaming-manager.js';

let active: SparkSession | undefined;

/** Options of a new session. */
export interface SparkSessionOptions {
  /** Where `show()`, `printSchema()`, `explain()` and streaming queries' console output write (default: standard output). */
  readonly out?: (text: string) => void;
  /** Where warnings and streaming query errors are written, whole lines (default: standard error). */
  readonly err?: (text: string) => void;
  /** The clock streaming queries schedule their micro-batches on (default: a SystemClock; ManualClock in tests). */
  readonly clock?: Clock;
}

/** The entry point to DataFrames and SQL. */
export class SparkSession {
  /** A builder: `SparkSession.builder.appName("x").getOrCreate()`, `SparkSession.builder.remote("sc://host:15002").getOrCreate()`. */
  static get builder(): Builder {
    return new Builder();
  }
  /** The active session, if any. */
  static getActiveSession(): SparkSession | undefined {
    return active;
  }

  readonly conf: RuntimeConfig;
  readonly catalog: Catalog;
  readonly udf: UDFRegistration;
  /** @internal */
  readonly analyzer: Analyzer;
  /** @internal How this session runs its DataFrames: the local engine or a Spark Connect server. */
  readonly execution: SessionExecutor;
  /** @internal The Spark Connect executor of a remote session. */
  readonly remote: RemoteSessionExecutor | undefined;
  /** @internal Writes user-visible output. */
  out: (text: string) => void;
  /** @internal Writes warnings and errors (whole lines). */
  err: (text: string) => void;
  /** @internal The clock streaming queries run on. */
  readonly clock: Clock;
  private readonly context: SparkContext | undefined;
  private streamManager: StreamingQueryManager | undefined;
  private readonly streamReads = new WeakMap<DataSourceRead, { schema: StructType; provider: DataSourceProvider }>();
  private planIds = 0;
  /** @internal Executed DataFrame/SQL actions, posted to the web UI's SQL tab while it listens. */
  readonly sqlExecutions: SqlExecutionTracker;
  /** @internal True while a web UI watches this session: micro-batches count rows per operator and trace windows for it. */
  watchedByUi = false;
  private readonly cacheKeys = new WeakMap<LogicalPlan, object>();
  private readonly cacheStore = new Map<object, Partitions>();
  private readonly scans = new WeakMap<DataSourceRead, BatchScan>();
  /** @internal */
  readonly udfs = new Map<string, SessionUdf>();

  /** A session on the local engine's SparkContext (`new SparkSession(sc)`); remote sessions come from `builder.remote(url)`. */
  constructor(sparkContext: SparkContext | RemoteConnection, options: SparkSessionOptions & { conf?: RuntimeConfig } = {}) {
    this.out = options.out ?? ((t) => void process.stdout.write(t));
    this.err = options.err ?? ((t) => void process.stderr.write(t));
    this.clock = options.clock ?? new SystemClock();
    this.sqlExecutions = new SqlExecutionTracker(() => this.clock.now());
    this.udf = new UDFRegistration(this);
    if (sparkContext instanceof RemoteConnection) {
      this.context = undefined;
      this.remote = new RemoteSessionExecutor(sparkContext, (t) => this.err(t));
      this.execution = this.remote;
      this.conf = new RemoteRuntimeConfig(sparkContext.bridge);
      this.catalog = new RemoteCatalog(this.remote);
    } else {
      if (!(sparkContext instanceof SparkContext)) {
        throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'SparkSession: "sparkContext" must be a SparkContext (new SparkSession(sc))' });
      }
      this.context = sparkContext;
      this.remote = undefined;
      this.execution = new LocalSessionExecutor(this);
      this.conf = options.conf ?? new RuntimeConfig([
        ['spark.app.name', sparkContext.appName],
        ['spark.master', sparkContext.master],
      ]);
      this.catalog = new Catalog({
        sparkContext,
        cachePlan: (p, c) => this.cachePlan(p, c),
        isCachedPlan: (p) => this.cacheKeys.has(p),
        clearCache: () => this.cacheStore.clear(),
      });
      sparkContext.onStop(() => {
        if (active === this) active = undefined;
      });
    }
    this.analyzer = new Analyzer(this.analyzerContext());
    active = this;
    installToDF();
  }

  /** The SparkContext of a local session (a remote session has none: Spark Connect does not expose it). */
  get sparkContext(): SparkContext {
    return this.context ?? refuseRemote('sparkContext');
  }

  /** True for a session on a Spark Connect server. */
  get isRemote(): boolean {
    return this.remote !== undefined;
  }

  /** The Spark Connect URL of a remote session (token masked), else undefined. */
  get remoteUrl(): string | undefined {
    return this.remote?.connection.url;
  }

  /** True once `stop()` ended the session (or its SparkContext stopped). */
  get isStopped(): boolean {
    return this.remote ? this.remote.connection.isClosed : this.sparkContext.isStopped;
  }

  /** tspark's version on the local engine; the server's Spark version on a remote session (as pyspark's). */
  get version(): string {
    return this.remote ? this.remote.connection.sparkVersion : VERSION;
  }

  private analyzerContext(): AnalyzerContext {
    const s = this;
    return {
      get ansi() {
        return s.conf.flag('spark.sql.ansi.enabled');
      },
      get caseSensitive() {
        return s.conf.flag('spark.sql.caseSensitive');
      },
      get timeZone() {
        return s.conf.getOption('spark.sql.session.timeZone')!;
      },
      get shufflePartitions() {
        return Number(s.conf.getOption('spark.sql.shuffle.partitions'));
      },
      get defaultParallelism() {
        return s.sparkContext.defaultParallelism;
      },
      conf: (k) => s.conf.getOption(k),
      lookupView: (name) => s.catalog.lookup(name),
      lookupUdf: (name) => s.udfs.get(name.toLowerCase()),
      scanFor: (read) => s.scanFor(read),
      streamSourceFor: (read) => s.streamSourceFor(read),
      cacheKeyOf: (plan) => s.cacheKeys.get(plan),
    };
  }

  /** @internal The local SparkContext; a remote session has none (the local engine's internals were reached). */
  private local(): SparkContext {
    if (this.context === undefined) throw new TsparkError('ERR_CONNECT_UNSUPPORTED', 'internal: the local engine was asked to run a DataFrame of a remote session');
    return this.context;
  }

  /** @internal The session as data sources see it. */
  sourceSession(): SourceSession {
    return { sparkContext: this.local(), conf: (k) => this.conf.getOption(k) };
  }

  private scanFor(read: DataSourceRead): BatchScan {
    let scan = this.scans.get(read);
    if (scan === undefined) {
      const provider = findDataSource(read.format);
      if (provider.createBatchScan === undefined) {
        throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: read.format, operation: 'batch reads' });
      }
      scan = provider.createBatchScan({
        format: read.format,
        paths: read.paths,
        options: new SourceOptions(read.options),
        ...(read.schema ? { userSchema: read.schema } : {}),
        session: this.sourceSession(),
      });
      this.scans.set(read, scan);
    }
    return scan;
  }

  /** The schema and provider of a streaming read, checked once per read node (Spark's sourceSchema, at `load()`). */
  private streamSourceFor(read: DataSourceRead): { schema: StructType; provider: DataSourceProvider } {
    let hit = this.streamReads.get(read);
    if (hit === undefined) {
      const provider = findDataSource(read.format);
      if (provider.createStreamSource === undefined) {
        throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Data source ${read.format} does not support streamed reading.` });
      }
      const options = new SourceOptions(read.options);
      provider.checkOptions?.(options, 'readStream');
      const request = {
        format: read.format,
        paths: read.paths,
        options,
        ...(read.schema ? { userSchema: read.schema } : {}),
        session: this.sourceSession(),
        warn: (m: string) => this.err(`WARN ${m}\n`),
      };
      const schema = provider.streamSchema ? provider.streamSchema(request) : provider.createStreamSource({ ...request, metadataPath: '', clock: this.clock }).schema;
      hit = { schema, provider };
      this.streamReads.set(read, hit);
    }
    return hit;
  }

  /** Reads streams: `spark.readStream.format("socket").option("host", "localhost").option("port", 9999).load()`. */
  get readStream(): DataStreamReader {
    return new DataStreamReader(this);
  }

  /** The session's streaming queries: `active`, `get`, `awaitAnyTermination`, `addListener` … */
  get streams(): StreamingQueryManager {
    this.streamManager ??= this.remote
      ? new RemoteStreamingQueryManager(this.remote.streams, (t) => this.out(t), this.clock, (t) => this.err(t))
      : new StreamingQueryManager(this.clock, (t) => this.err(t));
    return this.streamManager;
  }

  /** @internal Gives a plan node a fresh plan id (so its DataFrame's columns can name it). */
  withPlanId<P extends LogicalPlan>(plan: P): P {
    return { ...plan, planId: this.planIds++ };
  }

  /** @internal The analysed plan (local engine). */
  analyze(plan: LogicalPlan): RPlan {
    this.local().checkActive();
    return this.analyzer.analyze(plan);
  }

  /** @internal An executor for one query on the local engine (a micro-batch overrides its time, partitions and adaptivity). */
  executor(overrides: { readonly nowMicros?: number; readonly shufflePartitions?: number; readonly adaptive?: boolean } = {}): Executor {
    const sc = this.local();
    sc.checkActive();
    return new Executor(sc, {
      ansi: this.conf.flag('spark.sql.ansi.enabled'),
      timeZone: this.conf.getOption('spark.sql.session.timeZone')!,
      nowMicros: overrides.nowMicros ?? Date.now() * 1000,
      shufflePartitions: overrides.shufflePartitions ?? Number(this.conf.getOption('spark.sql.shuffle.partitions')),
      adaptive: overrides.adaptive ?? this.conf.flag('spark.sql.adaptive.enabled'),
      cache: { get: (k) => this.cacheStore.get(k), set: (k, v) => void this.cacheStore.set(k, v) },
    });
  }

  /** @internal Marks a plan cached (or not). */
  cachePlan(plan: LogicalPlan, cache: boolean): void {
    const key = this.cacheKeys.get(plan);
    if (cache && key === undefined) this.cacheKeys.set(plan, {});
    if (!cache && key !== undefined) {
      this.cacheStore.delete(key);
      this.cacheKeys.delete(plan);
    }
    this.analyzer.forget(plan);
  }

  /** @internal True when the plan is cached. */
  isCached(plan: LogicalPlan): boolean {
    return this.cacheKeys.has(plan);
  }

  /** @internal A DataFrame of a plan (the plan gets a plan id). */
  dataFrame(plan: LogicalPlan): DataFrame {
    return makeDataFrame(this, this.withPlanId(plan));
  }

  /** A DataFrame of rows: arrays, Rows, objects or values; schema inferred or given (names, DDL, StructType). */
  createDataFrame<const S extends SchemaLike = SchemaLike>(data: Iterable<unknown> | unknown, schema?: S, samplingRatio?: number, verifySchema = true): DataFrame<SchemaColumnNames<S>> {
    if (this.remote && data instanceof RDD) refuseRemote('createDataFrame(rdd)');
    const parallelism = this.context?.defaultParallelism ?? 1;
    return this.dataFrame(createDataFramePlan(data, schema, parallelism, samplingRatio, verifySchema)) as DataFrame<SchemaColumnNames<S>>;
  }

  /** A DataFrame with one column `id` (bigint): `range(end)` or `range(start, end, step, numPartitions)`. */
  range(start: number, end?: number, step = 1, numPartitions?: number): DataFrame<'id'> {
    const [s, e] = end === undefined ? [0, start] : [start, end];
    for (const [name, v] of [['start', s], ['end', e], ['step', step]] as const) {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new SparkArgumentError('NOT_INT', { arg_name: name, arg_type: typeof v });
    }
    if (step === 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'The step of range must not be 0' });
    return this.dataFrame({ kind: 'range', start: s, end: e, step, ...(numPartitions === undefined ? {} : { numPartitions }) }) as DataFrame<'id'>;
  }

  /** A DataFrame of a SQL query, or the result of a SQL command (run now). On a remote session the server parses and runs it. */
  sql(sqlQuery: string): DataFrame {
    if (this.remote) return this.dataFrame({ kind: 'remoteRelation', relation: this.remote.sql(sqlQuery) });
    const plan = sqlParser().parsePlan(sqlQuery, { sessionTimeZone: this.conf.getOption('spark.sql.session.timeZone') });
    if (plan.kind === 'command') return runCommand(this, plan.command);
    return this.dataFrame(plan);
  }

  /** A table or view as a DataFrame. */
  table(tableName: string): DataFrame {
    const name = tableName.includes('`') ? sqlParser().parseMultipartIdentifier(tableName) : tableName.split('.');
    return this.dataFrame({ kind: 'table', name });
  }

  /** Reads data sources: `spark.read.format("csv").option("header", true).load(path)`. */
  get read(): DataFrameReader {
    return new DataFrameReader(this);
  }

  /** A new session: on the same SparkContext (its own temp views, confs and UDFs; global temp views shared), or a new session on the same Spark Connect server. */
  newSession(): SparkSession {
    if (this.remote) {
      const c = this.remote.connection;
      return new SparkSession(RemoteConnection.open(c.url, c.clientOptions), { out: this.out, err: this.err });
    }
    const s = new SparkSession(this.sparkContext, { out: this.out, err: this.err, clock: this.clock, conf: this.conf.copy() });
    active = this;
    return s;
  }

  /** Stops the SparkContext, or ends the Spark Connect session (its views, confs and queries go with it). */
  stop(): void {
    if (this.remote) {
      this.remote.closeStreams();
      this.remote.connection.close();
    }
    else this.sparkContext.stop();
    if (active === this) active = undefined;
  }

  toString(): string {
    if (this.remote) return `SparkSession(remote=${this.remote.connection.options.display}, version=${this.version})`;
    return `SparkSession(master=${this.sparkContext.master}, appName=${this.sparkContext.appName})`;
  }

  [inspect.custom](): string {
    if (this.remote) return `<SparkSession remote=${this.remote.connection.options.display} Spark ${this.version}>`;
    return `<SparkSession master=${this.sparkContext.master} appName=${this.sparkContext.appName}>`;
  }
}

/** Adds `rdd.toDF(schema?)` to engine RDDs (as pyspark's `_monkey_patch_RDD`), using the active session. */
function installToDF(): void {
  const proto = RDD.prototype as { toDF?: unknown };
  if (proto.toDF !== undefined) return;
  Object.defineProperty(RDD.prototype, 'toDF', {
    configurable: true,
    writable: true,
    value: function toDF(this: RDD<unknown>, schema?: SchemaLike, samplingRatio?: number): DataFrame {
      const s = active !== undefined && !active.isRemote && !active.sparkContext.isStopped ? active : new SparkSession(this.context);
      return s.createDataFrame(this, schema, samplingRatio);
    },
  });
}

/** `spark.udf`: registers TypeScript functions for SQL (`spark.udf.register("slen", s => s.length, "int")`). */
export class UDFRegistration {
  constructor(private readonly session: SparkSession) {}

  /** Registers `f` under `name` for SQL and returns it as a column function. */
  register<A extends unknown[], R>(name: string, f: ((...args: A) => R) | UserDefinedFunction, returnType: DataType | string = new StringType()): UserDefinedFunction {
    if (this.session.isRemote) refuseRemote('spark.udf.register');
    const fn = (typeof (f as UserDefinedFunction).func === 'function' ? (f as UserDefinedFunction).func : f) as (...args: unknown[]) => unknown;
    const rt = typeof (f as UserDefinedFunction).returnType === 'object' ? (f as UserDefinedFunction).returnType : typeof returnType === 'string' ? parseDataType(returnType) : returnType;
    this.session.udfs.set(name.toLowerCase(), { name, fn, returnType: rt, deterministic: true });
    return udf(fn, rt);
  }
}
