/**
 * SparkSession: the entry point to DataFrames and SQL, as pyspark's. `spark.sparkContext` is a
 * real engine SparkContext; `createDataFrame`, `range`, `read`, `sql`, `table`, `catalog`,
 * `conf`, `udf`, `newSession`, `stop`, and `SparkSession.builder…getOrCreate()`.
 */
import { inspect } from 'node:util';
import { Analyzer } from '../analysis/analyzer.js';
import type { AnalyzerContext, SessionUdf } from '../analysis/context.js';
import type { RPlan } from '../analysis/resolved.js';
import { SparkContext } from '../engine.js';
import { SparkArgumentError } from '../errors.js';
import { Executor, type Partitions } from '../exec/executor.js';
import { sqlParser } from '../parser/hook.js';
import type { DataSourceRead, LogicalPlan } from '../plan/relations.js';
import type { BatchScan, SourceSession } from '../sources/contract.js';
import { SourceOptions } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
import { type DataType, StringType } from '../types/data-types.js';
import { parseDataType } from '../types/ddl.js';
import { VERSION } from '../../version.js';
import { Catalog } from './catalog.js';
import { RuntimeConfig } from './conf.js';
import { type SchemaLike, createDataFramePlan } from './create-dataframe.js';
import { type DataFrame, makeDataFrame } from './dataframe.js';
import { type UserDefinedFunction, udf } from './functions.js';
import { DataFrameReader } from './reader.js';
import { runCommand } from './commands.js';

let active: SparkSession | undefined;

/** `SparkSession.builder`: collects settings, then `getOrCreate()`. */
export class Builder {
  private readonly settings = new Map<string, string>();

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
  /** Spark Connect (`sc://host:port`) is not available yet: the session runs on the local engine. */
  remote(url: string): this {
    throw new SparkArgumentError('NOT_IMPLEMENTED', { feature: `Spark Connect (remote("${url}"))` });
  }
  /** Accepted for compatibility; tspark has no Hive metastore. */
  enableHiveSupport(): this {
    return this;
  }
  /** The active session (with these confs applied), or a new one on a new SparkContext. */
  getOrCreate(): SparkSession {
    if (active !== undefined && !active.sparkContext.isStopped) {
      for (const [k, v] of this.settings) if (k.startsWith('spark.sql.') || k === 'spark.app.name') active.conf.set(k, v);
      return active;
    }
    const sc = new SparkContext(this.settings.get('spark.master') ?? 'local[*]', this.settings.get('spark.app.name') ?? 'tspark');
    const s = new SparkSession(sc);
    for (const [k, v] of this.settings) s.conf.set(k, v);
    return s;
  }
}

/** Options of a new session. */
export interface SparkSessionOptions {
  /** Where `show()`, `printSchema()` and `explain()` write (default: standard output). */
  readonly out?: (text: string) => void;
}

/** The entry point to DataFrames and SQL. */
export class SparkSession {
  /** A builder: `SparkSession.builder.appName("x").getOrCreate()`. */
  static get builder(): Builder {
    return new Builder();
  }
  /** The active session, if any. */
  static getActiveSession(): SparkSession | undefined {
    return active;
  }

  readonly sparkContext: SparkContext;
  readonly conf: RuntimeConfig;
  readonly catalog: Catalog;
  readonly udf: UDFRegistration;
  /** tspark's version (pyspark: the Spark version). */
  readonly version = VERSION;
  /** @internal */
  readonly analyzer: Analyzer;
  /** @internal Writes user-visible output. */
  out: (text: string) => void;
  private planIds = 0;
  private readonly cacheKeys = new WeakMap<LogicalPlan, object>();
  private readonly cacheStore = new Map<object, Partitions>();
  private readonly scans = new WeakMap<DataSourceRead, BatchScan>();
  /** @internal */
  readonly udfs = new Map<string, SessionUdf>();

  constructor(sparkContext: SparkContext, options: SparkSessionOptions & { conf?: RuntimeConfig } = {}) {
    if (!(sparkContext instanceof SparkContext)) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'SparkSession: "sparkContext" must be a SparkContext (new SparkSession(sc))' });
    }
    this.sparkContext = sparkContext;
    this.conf = options.conf ?? new RuntimeConfig([
      ['spark.app.name', sparkContext.appName],
      ['spark.master', sparkContext.master],
    ]);
    this.out = options.out ?? ((t) => void process.stdout.write(t));
    this.udf = new UDFRegistration(this);
    this.catalog = new Catalog({
      sparkContext,
      cachePlan: (p, c) => this.cachePlan(p, c),
      isCachedPlan: (p) => this.cacheKeys.has(p),
      clearCache: () => this.cacheStore.clear(),
    });
    this.analyzer = new Analyzer(this.analyzerContext());
    active = this;
    sparkContext.onStop(() => {
      if (active === this) active = undefined;
    });
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
      cacheKeyOf: (plan) => s.cacheKeys.get(plan),
    };
  }

  /** @internal The session as data sources see it. */
  sourceSession(): SourceSession {
    return { sparkContext: this.sparkContext, conf: (k) => this.conf.getOption(k) };
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

  /** @internal Gives a plan node a fresh plan id (so its DataFrame's columns can name it). */
  withPlanId<P extends LogicalPlan>(plan: P): P {
    return { ...plan, planId: this.planIds++ };
  }

  /** @internal The analysed plan. */
  analyze(plan: LogicalPlan): RPlan {
    this.sparkContext.checkActive();
    return this.analyzer.analyze(plan);
  }

  /** @internal An executor for one query. */
  executor(): Executor {
    this.sparkContext.checkActive();
    return new Executor(this.sparkContext, {
      ansi: this.conf.flag('spark.sql.ansi.enabled'),
      timeZone: this.conf.getOption('spark.sql.session.timeZone')!,
      nowMicros: Date.now() * 1000,
      shufflePartitions: Number(this.conf.getOption('spark.sql.shuffle.partitions')),
      adaptive: this.conf.flag('spark.sql.adaptive.enabled'),
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
  createDataFrame(data: Iterable<unknown> | unknown, schema?: SchemaLike, samplingRatio?: number, verifySchema = true): DataFrame {
    return this.dataFrame(createDataFramePlan(data, schema, this.sparkContext.defaultParallelism, samplingRatio, verifySchema));
  }

  /** A DataFrame with one column `id` (bigint): `range(end)` or `range(start, end, step, numPartitions)`. */
  range(start: number, end?: number, step = 1, numPartitions?: number): DataFrame {
    const [s, e] = end === undefined ? [0, start] : [start, end];
    for (const [name, v] of [['start', s], ['end', e], ['step', step]] as const) {
      if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new SparkArgumentError('NOT_INT', { arg_name: name, arg_type: typeof v });
    }
    if (step === 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'The step of range must not be 0' });
    return this.dataFrame({ kind: 'range', start: s, end: e, step, ...(numPartitions === undefined ? {} : { numPartitions }) });
  }

  /** A DataFrame of a SQL query, or the result of a SQL command (run now). */
  sql(sqlQuery: string): DataFrame {
    const plan = sqlParser().parsePlan(sqlQuery);
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

  /** A new session on the same SparkContext: its own temp views, confs and UDFs; global temp views shared. */
  newSession(): SparkSession {
    const s = new SparkSession(this.sparkContext, { out: this.out, conf: this.conf.copy() });
    active = this;
    return s;
  }

  /** Stops the SparkContext. */
  stop(): void {
    this.sparkContext.stop();
    if (active === this) active = undefined;
  }

  toString(): string {
    return `SparkSession(master=${this.sparkContext.master}, appName=${this.sparkContext.appName})`;
  }

  [inspect.custom](): string {
    return `<SparkSession master=${this.sparkContext.master} appName=${this.sparkContext.appName}>`;
  }
}

/** `spark.udf`: registers TypeScript functions for SQL (`spark.udf.register("slen", s => s.length, "int")`). */
export class UDFRegistration {
  constructor(private readonly session: SparkSession) {}

  /** Registers `f` under `name` for SQL and returns it as a column function. */
  register<A extends unknown[], R>(name: string, f: ((...args: A) => R) | UserDefinedFunction, returnType: DataType | string = new StringType()): UserDefinedFunction {
    const fn = (typeof (f as UserDefinedFunction).func === 'function' ? (f as UserDefinedFunction).func : f) as (...args: unknown[]) => unknown;
    const rt = typeof (f as UserDefinedFunction).returnType === 'object' ? (f as UserDefinedFunction).returnType : typeof returnType === 'string' ? parseDataType(returnType) : returnType;
    this.session.udfs.set(name.toLowerCase(), { name, fn, returnType: rt, deterministic: true });
    return udf(fn, rt);
  }
}
