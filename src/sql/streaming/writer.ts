/**
 * `df.writeStream`: DataStreamWriter as pyspark's: `outputMode`, `format`, `option(s)`,
 * `partitionBy`, `queryName`, `trigger`, `foreach`, `foreachBatch`, `start(path?)`. `start()`
 * checks what Spark checks (output mode against the query and the sink, the unsupported
 * operations, the memory sink's name, the file sink's path and checkpoint), resolves the
 * checkpoint location (or a temporary one, with Spark's warning), and starts the query.
 */
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataFrame } from '../api/dataframe.js';
import { AnalysisException, SparkArgumentError } from '../errors.js';
import type { OutputMode, StreamSink } from '../sources/contract.js';
import { type OptionValue, SourceOptions, optionString } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
import { localPath } from '../sources/files/paths.js';
import { structOf } from './batch-runner.js';
import { Checkpoint } from './checkpoint/checkpoint.js';
import { StreamExecution } from './execution.js';
import { StreamingQuery } from './query.js';
import { ForeachBatchSink, type ForeachBatchFunction, ForeachSink, type ForeachWriter, checkForeachWriter } from './sinks/foreach.js';
import { MemorySink } from './sinks/memory.js';
import { recordQuerySettings } from './query-settings.js';
import { DEFAULT_TRIGGER, type Trigger, type TriggerOptions, parseTrigger } from './trigger.js';
import { checkStreamingPlan } from './unsupported.js';

const MODES: readonly OutputMode[] = ['append', 'complete', 'update'];
/** Sinks that may run on a temporary checkpoint (Spark's useTempCheckpointLocation). */
const TEMP_OK = new Set(['console', 'memory', 'foreach', 'foreachbatch', 'noop']);

/** Writes a streaming DataFrame to a sink. */
export class DataStreamWriter {
  private mode: OutputMode = 'append';
  private source: string | undefined;
  private readonly opts: Record<string, string> = {};
  private partitionCols: string[] = [];
  private name: string | null = null;
  private trig: Trigger = DEFAULT_TRIGGER;
  private foreachBatchFn: ForeachBatchFunction | undefined;
  private foreachWriter: ForeachWriter | undefined;

  /** @internal Use `df.writeStream`. */
  constructor(private readonly df: DataFrame) {}

  /** `append` (default), `complete` or `update`. */
  outputMode(outputMode: string): this {
    const m = MODES.find((x) => x === String(outputMode).toLowerCase());
    if (m === undefined) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Unknown output mode ${String(outputMode)}. Accepted output modes are 'append', 'complete', 'update'` });
    }
    this.mode = m;
    return this;
  }
  /** The sink: `console`, `memory`, `noop`, `csv`, `json`, `text`, `parquet`, `kafka` … */
  format(source: string): this {
    if (typeof source !== 'string' || source === '') throw new SparkArgumentError('NOT_STR', { arg_name: 'source', arg_type: typeof source });
    this.source = source;
    return this;
  }
  /** One option (`checkpointLocation`, `numRows`, `truncate`, `path` …). */
  option(key: string, value: OptionValue): this {
    this.opts[key] = optionString(value);
    return this;
  }
  /** Several options. */
  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v);
    return this;
  }
  /** Columns whose values become `col=value` directories (file sinks). */
  partitionBy(...cols: Array<string | readonly string[]>): this {
    this.partitionCols = cols.flat() as string[];
    return this;
  }
  /** The query's name (the memory sink's table; unique among active queries). */
  queryName(queryName: string): this {
    if (typeof queryName !== 'string' || queryName.trim() === '') {
      throw new SparkArgumentError('VALUE_NOT_NON_EMPTY_STR', { arg_name: 'queryName', arg_value: String(queryName) });
    }
    this.name = queryName;
    return this;
  }
  /** When batches run: `{ processingTime: "2 seconds" }`, `{ once: true }`, `{ availableNow: true }` (one keyword). */
  trigger(options?: TriggerOptions): this {
    this.trig = parseTrigger(options);
    return this;
  }
  /** Calls `func(df, batchId)` with every micro-batch as a batch DataFrame (awaiting a returned promise). */
  foreachBatch(func: ForeachBatchFunction): this {
    if (typeof func !== 'function') throw new SparkArgumentError('INVALID_ARGUMENT', { message: `foreachBatch: "func" must be a function (df, batchId) => …; got ${typeof func}` });
    this.foreachBatchFn = func;
    this.source = 'foreachBatch';
    return this;
  }
  /** Calls a function per row, or an object's `open`/`process`/`close` per partition. */
  foreach(f: ForeachWriter | ((row: import('../row.js').Row) => void)): this {
    this.foreachWriter = checkForeachWriter(f);
    this.source = 'foreach';
    return this;
  }
  /** Streams into a table of the server's catalog (remote sessions; the local engine has no table catalog). */
  toTable(tableName: string): StreamingQuery {
    const session = this.df.sparkSession;
    if (session.remote) return this.startRemote(undefined, tableName);
    throw new SparkArgumentError('NOT_IMPLEMENTED', { feature: `writeStream.toTable("${tableName}") (no table catalog; use .format("parquet").start(path) or .format("memory").queryName(…))` });
  }

  /** Starts the query (keywords as pyspark's `start(path, format, outputMode, partitionBy, queryName, **options)`). */
  start(path?: string, format?: string, outputMode?: string, partitionBy?: string | readonly string[], queryName?: string, options?: Readonly<Record<string, OptionValue>>): StreamingQuery {
    if (format !== undefined) this.format(format);
    if (outputMode !== undefined) this.outputMode(outputMode);
    if (partitionBy !== undefined) this.partitionBy(...(typeof partitionBy === 'string' ? [partitionBy] : partitionBy));
    if (queryName !== undefined) this.queryName(queryName);
    if (options !== undefined) this.options(options);
    const session = this.df.sparkSession;
    // A remote session's server checks and runs the query (its sinks, its checkpoints).
    if (session.remote) return this.startRemote(path);
    const fmt = this.source ?? session.conf.getOption('spark.sql.sources.default') ?? 'parquet';
    const key = fmt.toLowerCase();
    const opts = new SourceOptions(path === undefined ? this.opts : { ...this.opts, path });
    const analyzed = this.df.analyzed;
    if (this.trig.kind === 'continuous') {
      checkStreamingPlan(analyzed, this.mode, true);
      throw new SparkArgumentError('NOT_IMPLEMENTED', { feature: "Continuous processing (trigger({ continuous: … }), Spark's experimental mode)" });
    }
    checkStreamingPlan(analyzed, this.mode);
    const manager = session.streams;
    manager.checkName(this.name);
    const schema = structOf(analyzed);

    let sink: StreamSink;
    let countsRows = true;
    const outPath = opts.get('path');
    const provider = key === 'memory' || key === 'foreachbatch' || key === 'foreach' ? undefined : findDataSource(fmt);
    if (key === 'memory') {
      if (this.name === null) throw new AnalysisException('LEGACY_ANALYSIS', { message: 'queryName must be specified for memory sink.' });
    } else if (provider !== undefined) {
      if (provider.createStreamSink === undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Data source ${fmt} does not support streamed writing.` });
      provider.checkOptions?.(opts, 'writeStream');
      if ('format' in provider) {
        if (outPath === undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: "'path' is not specified." });
        if (this.mode !== 'append') throw new AnalysisException('LEGACY_ANALYSIS', { message: `Data source ${fmt} does not support ${this.mode === 'complete' ? 'Complete' : 'Update'} output mode.` });
        countsRows = false;
      }
    }
    const checkpointDir = this.checkpointLocation(key, opts);
    if (key === 'memory') {
      const mem = new MemorySink(schema, this.mode === 'complete');
      session.catalog.createTempView(this.name!, mem.relation, true, false);
      sink = mem;
    } else if (key === 'foreachbatch') {
      sink = new ForeachBatchSink(this.foreachBatchFn!, (s, parts) => session.dataFrame({ kind: 'localRelation', schema: s, partitions: parts }));
      countsRows = false;
    } else if (key === 'foreach') {
      sink = new ForeachSink(this.foreachWriter!);
    } else {
      sink = provider!.createStreamSink!({
        format: fmt,
        ...(outPath === undefined ? {} : { path: outPath }),
        options: opts,
        partitionBy: this.partitionCols,
        outputMode: this.mode,
        checkpointPath: checkpointDir.dir,
        schema,
        session: session.sourceSession(),
        out: (t) => session.out(t),
      });
    }
    const run = new StreamExecution({
      session,
      analyzed,
      sink,
      sinkCountsRows: countsRows,
      outputMode: this.mode,
      trigger: this.trig,
      checkpoint: new Checkpoint(checkpointDir.dir),
      clock: session.clock,
      name: this.name,
      err: (t) => session.err(t),
      manager,
      tempCheckpoint: checkpointDir.temp,
    });
    const query = new StreamingQuery(run, this.df.plan, (t) => session.out(t));
    recordQuerySettings(query, analyzed, { outputMode: this.mode, trigger: this.trig, sink: fmt });
    run.start();
    return query;
  }

  /** Starts the query on the Spark Connect server of a remote session. */
  private startRemote(path?: string, tableName?: string): StreamingQuery {
    const session = this.df.sparkSession;
    const foreach = this.source === 'foreach' || this.source === 'foreachBatch' ? this.source : undefined;
    const run = session.remote!.startStream(
      this.df.plan,
      {
        format: foreach === undefined ? this.source : undefined,
        outputMode: this.mode,
        options: { ...this.opts },
        partitionBy: this.partitionCols,
        queryName: this.name,
        trigger: this.trig,
        ...(path !== undefined ? { path } : {}),
        ...(tableName !== undefined ? { tableName } : {}),
        ...(foreach !== undefined ? { foreach } : {}),
      },
      { out: (t) => session.out(t), err: (t) => session.err(t) },
    );
    return new StreamingQuery(run, this.df.plan, (t) => session.out(t));
  }

  /** The checkpoint directory: the option, the session conf (plus the query name or an id), or a temporary one where Spark allows it. */
  private checkpointLocation(sink: string, opts: SourceOptions): { dir: string; temp: boolean } {
    const session = this.df.sparkSession;
    const given = opts.get('checkpointLocation');
    if (given !== undefined) return { dir: localPath(given), temp: false };
    const conf = session.conf.getOption('spark.sql.streaming.checkpointLocation');
    if (conf !== undefined && conf !== '') return { dir: join(localPath(conf), this.name ?? randomUUID()), temp: false };
    if (!TEMP_OK.has(sink)) {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: 'checkpointLocation must be specified either through option("checkpointLocation", ...) or SparkSession.conf.set("spark.sql.streaming.checkpointLocation", ...).',
      });
    }
    const dir = join(tmpdir(), `temporary-${randomUUID()}`);
    mkdirSync(dir, { recursive: true });
    session.err(
      `WARN ResolveWriteToStream: Temporary checkpoint location created which is deleted normally when the query didn't fail: ${dir}. If it's required to delete it under any circumstances, please set spark.sql.streaming.forceDeleteTempCheckpointLocation to true. Important to know deleting temp checkpoint folder is best effort.\n`,
    );
    return { dir, temp: true };
  }
}
