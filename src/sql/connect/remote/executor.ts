/**
 * A Spark Connect server as a session's executor: each plan is translated once into a Spark
 * Connect relation (which refuses at the call what Spark cannot run), its schema comes from
 * AnalyzePlan, and actions run as ExecutePlan; rows come back as Arrow and are decoded to the
 * same internal rows a local query makes. `show()`, `explain()` and `printSchema()` print the
 * text the server makes, as pyspark's Connect client does.
 */
import type { RDD } from '../../engine.js';
import type { ExplainMode, LogicalPlan } from '../../plan/relations.js';
import type { SessionExecutor, WriteSpec } from '../../api/session-executor.js';
import { StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import { TsparkError } from '../../../engine/errors.js';
import type { AnalyzePlanResponse__Output, Command, ExecutePlanResponse__Output, Relation } from '../proto.js';
import type { WorkerOps } from '../sync/protocol.js';
import { decodeResults, type ConnectResult } from '../results.js';
import { quoteName } from '../translate/expressions.js';
import { toProtoRelation } from '../translate/relations.js';
import { fromProtoType } from '../types.js';
import type { RemoteConnection } from './connection.js';
import { refuseRemote } from './refusals.js';
import { RemoteQueryRun } from './query-run.js';
import { RemoteStreamEvents } from './stream-events.js';
import { startRemoteStream, type StreamOutput, type StreamStartSpec } from './stream-start.js';
import { RemoteStreams } from './streams.js';

const SAVE_MODES = { error: 'SAVE_MODE_ERROR_IF_EXISTS', append: 'SAVE_MODE_APPEND', overwrite: 'SAVE_MODE_OVERWRITE', ignore: 'SAVE_MODE_IGNORE' } as const;

/** Runs a session's DataFrames on a Spark Connect server. */
export class RemoteSessionExecutor implements SessionExecutor {
  readonly kind = 'remote' as const;
  private readonly relations = new WeakMap<LogicalPlan, Relation>();
  private readonly schemas = new WeakMap<LogicalPlan, StructType>();
  private readonly streaming = new WeakMap<LogicalPlan, boolean>();

  private streamsOf: RemoteStreams | undefined;

  constructor(
    readonly connection: RemoteConnection,
    /** Where pushed-event failures are reported (the session's error writer). */
    private readonly err: (text: string) => void = (t) => void process.stderr.write(t),
  ) {}

  /** The session's streaming queries and listeners (`spark.streams`). */
  get streams(): RemoteStreams {
    this.streamsOf ??= new RemoteStreams(this.connection.bridge, new RemoteStreamEvents(this.connection.bridge, this.err));
    return this.streamsOf;
  }

  /** Starts `writeStream…start()` of a plan on the server. */
  startStream(plan: LogicalPlan, spec: StreamStartSpec, output: StreamOutput): RemoteQueryRun {
    return this.streams.track(startRemoteStream(this, this.streams.events, plan, spec, output));
  }

  /** Ends the listener stream before the session goes. */
  closeStreams(): void {
    this.streamsOf?.events.close();
  }

  /** The Spark Connect relation of a plan (translated once per plan object: plans are immutable). */
  relation(plan: LogicalPlan): Relation {
    let r = this.relations.get(plan);
    if (r === undefined) {
      r = toProtoRelation(plan);
      this.relations.set(plan, r);
    }
    return r;
  }

  check(plan: LogicalPlan): void {
    this.relation(plan);
  }

  schema(plan: LogicalPlan): StructType {
    let s = this.schemas.get(plan);
    if (s === undefined) {
      const r = this.analyze({ schema: { plan: { root: this.relation(plan) } } });
      const t = r.schema?.schema ? fromProtoType(r.schema.schema) : undefined;
      s = t instanceof StructType ? t : new StructType([]);
      this.schemas.set(plan, s);
    }
    return s;
  }

  isStreaming(plan: LogicalPlan): boolean {
    let b = this.streaming.get(plan);
    if (b === undefined) {
      b = this.analyze({ is_streaming: { plan: { root: this.relation(plan) } } }).is_streaming?.is_streaming ?? false;
      this.streaming.set(plan, b);
    }
    return b;
  }

  collect(plan: LogicalPlan): InternalRow[] {
    return this.run(this.relation(plan)).rows;
  }

  take(plan: LogicalPlan, n: number): InternalRow[] {
    return this.run({ limit: { input: this.relation(plan), limit: n } }).rows;
  }

  iterate(plan: LogicalPlan): Iterable<InternalRow> {
    return this.collect(plan);
  }

  showString(plan: LogicalPlan, n: number, truncate: number, vertical: boolean): string {
    const r = this.run({ show_string: { input: this.relation(plan), num_rows: n, truncate, vertical } });
    const text = r.rows[0]?.[0];
    if (typeof text !== 'string') throw new TsparkError('ERR_CONNECT_PROTOCOL', `Spark Connect at ${this.connection.endpoint}: ShowString returned no text`);
    return text;
  }

  explainString(plan: LogicalPlan, mode: ExplainMode): string {
    return this.connection.bridge.call('explain', { root: this.relation(plan) }, mode);
  }

  treeString(plan: LogicalPlan, level?: number): string {
    const r = this.analyze({ tree_string: { plan: { root: this.relation(plan) }, ...(level !== undefined ? { level } : {}) } });
    return r.tree_string?.tree_string ?? '';
  }

  rdd(plan: LogicalPlan, what: string): RDD<InternalRow> {
    void plan;
    return refuseRemote(what);
  }

  persist(plan: LogicalPlan, cache: boolean): void {
    const relation = this.relation(plan);
    if (cache) this.analyze({ persist: { relation } });
    else this.analyze({ unpersist: { relation, blocking: false } });
  }

  isCached(plan: LogicalPlan): boolean {
    const level = this.analyze({ get_storage_level: { relation: this.relation(plan) } }).get_storage_level?.storage_level;
    return !!level && (level.use_disk || level.use_memory || level.use_off_heap);
  }

  write(plan: LogicalPlan, spec: WriteSpec): void {
    this.command({
      write_operation: {
        input: this.relation(plan),
        source: spec.format,
        mode: SAVE_MODES[spec.mode],
        options: { ...spec.options },
        partitioning_columns: [...spec.partitionBy],
        ...(spec.path !== undefined ? { path: spec.path } : {}),
        ...(spec.table
          ? { table: { table_name: spec.table.name, save_method: spec.table.method === 'insertInto' ? 'TABLE_SAVE_METHOD_INSERT_INTO' : 'TABLE_SAVE_METHOD_SAVE_AS_TABLE' } }
          : {}),
      },
    });
  }

  /** `spark.sql(query)`: statements run now (as in Spark); the relation reads the query or the statement's rows. */
  sql(query: string): Relation {
    const responses = this.command({ sql_command: { input: { sql: { query } } } });
    const relation = responses.find((r) => r.response_type === 'sql_command_result')?.sql_command_result?.relation;
    if (!relation) throw new TsparkError('ERR_CONNECT_PROTOCOL', `Spark Connect at ${this.connection.endpoint}: SqlCommand returned no relation`);
    return relation as unknown as Relation;
  }

  /** Creates (or replaces) a temporary view of a plan on the server. */
  createView(plan: LogicalPlan, name: string, replace: boolean, global: boolean): void {
    this.command({ create_dataframe_view: { input: this.relation(plan), name: quoteName([name]), is_global: global, replace } });
  }

  /** Runs a relation and decodes its rows. */
  run(relation: Relation): ConnectResult {
    return decodeResults(this.connection.bridge.call('execute', { root: relation }, {}));
  }

  /** Runs a command and returns its result responses. */
  command(command: Command): ExecutePlanResponse__Output[] {
    return this.connection.bridge.call('command', command);
  }

  private analyze(request: Parameters<WorkerOps['analyze']>[0]): AnalyzePlanResponse__Output {
    return this.connection.bridge.call('analyze', request);
  }
}
