/**
 * A Spark Connect client: one session on one server. It sends plans (relations and commands
 * built as Spark Connect messages) and returns rows, schemas, plans and command results; every
 * failure becomes one of the errors in `./errors.ts`. The DataFrame layer builds on this.
 *
 * @example
 * const client = ConnectClient.connect('sc://localhost:15002');
 * const { rows } = await client.sql("select 1 as a, 'x' as b"); // [[1, 'x']]
 * await client.close();
 */
import { randomUUID } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { TsparkError } from '../../engine/errors.js';
import { VERSION } from '../../version.js';
import { collectResult, commandResults, keptResponses, type ConnectResult } from './results.js';
import { DEFAULT_MAX_MESSAGE_BYTES, openChannel, type ConnectChannel } from './channel.js';
import { SparkRemoteError, toConnectError, type SparkErrorInfo } from './errors.js';
import { DEFAULT_RETRY, execute, type ExecutionContext, type ExecutionHandle, type RetryPolicy } from './execute.js';
import type {
  AnalyzePlanRequest,
  AnalyzePlanResponse__Output,
  Command,
  ConfigRequest,
  ConfigResponse__Output,
  ExecutePlanResponse__Output,
  FetchErrorDetailsResponse__Output,
  Plan,
  Relation,
  UserContext,
} from './proto.js';
import type { DataType } from '../types/data-types.js';
import { fromProtoType } from './types.js';
import { parseConnectionString, type ConnectionOptions } from './url.js';

/** Options beyond the URL; the process-facing caller passes what it read from the environment. */
export interface ConnectClientOptions {
  /** Token when the URL has none (pyspark reads SPARK_CONNECT_AUTHENTICATE_TOKEN). */
  readonly defaultToken?: string;
  /** User id when the URL has none (pyspark uses SPARK_USER, then USER). */
  readonly defaultUserId?: string;
  /** Resume broken result streams (Spark 3.5+ servers). Default true. */
  readonly reattachable?: boolean;
  readonly retry?: RetryPolicy;
  readonly maxMessageBytes?: number;
  /** Deadline of unary calls (analyze, config, …) in ms; default 60 s. Streams have none. */
  readonly unaryDeadlineMs?: number;
}

/** `explain()` modes, as Spark names them. */
export type ExplainMode = 'simple' | 'extended' | 'codegen' | 'cost' | 'formatted';

/** Options of one ExecutePlan. */
export interface ExecuteOptions {
  readonly operationId?: string;
  /** Tags for `interrupt({ tag })`. */
  readonly tags?: readonly string[];
  /** Aborting interrupts the operation on the server and ends the call with ERR_CONNECT_INTERRUPTED. */
  readonly signal?: AbortSignal;
}

/** A session with a Spark Connect server. */
export class ConnectClient {
  readonly options: ConnectionOptions;
  readonly sessionId: string;
  readonly userContext: UserContext;
  /** Sent as `client_type`: who is calling, as pyspark sends its user agent. */
  readonly clientType: string;
  /** The server's id for our session, learned from its first response; a change means it restarted. */
  serverSideSessionId: string | undefined;
  private readonly channel: ConnectChannel;
  private readonly exec: ExecutionContext;
  private readonly unaryDeadlineMs: number;
  private version: string | undefined;
  private closed = false;

  private constructor(options: ConnectionOptions, extra: ConnectClientOptions) {
    this.options = options;
    this.sessionId = options.sessionId ?? randomUUID();
    const userId = options.userId ?? extra.defaultUserId;
    this.userContext = userId !== undefined ? { user_id: userId, user_name: userId } : {};
    this.clientType = [options.userAgent, `tspark/${VERSION}`, `os/${process.platform}`, `node/${process.versions.node}`]
      .filter((s) => s !== undefined)
      .join(' ');
    this.channel = openChannel(options, extra.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES);
    this.unaryDeadlineMs = extra.unaryDeadlineMs ?? 60_000;
    this.exec = {
      channel: this.channel,
      base: () => this.base(),
      observe: (r) => this.observe(r.server_side_session_id),
      fail: (e, method, receivedAny) => this.fail(e, method, receivedAny),
      retry: extra.retry ?? DEFAULT_RETRY,
      reattachable: extra.reattachable ?? true,
    };
  }

  /** Parses the URL (throws ERR_CONNECT_URL) and opens a lazy channel: nothing is sent yet. */
  static connect(url: string, options: ConnectClientOptions = {}): ConnectClient {
    return new ConnectClient(parseConnectionString(url, { token: options.defaultToken }), options);
  }

  /** `host:port` of the server. */
  get endpoint(): string {
    return this.channel.endpoint;
  }

  // ---- ExecutePlan -------------------------------------------------------------------------

  /** Runs a plan and yields its raw responses (for callers that stream batches themselves). */
  executePlan(plan: Plan, opts: ExecuteOptions = {}): { handle: ExecutionHandle; responses: AsyncGenerator<ExecutePlanResponse__Output> } {
    this.checkOpen();
    const run = execute(this.exec, {
      plan,
      ...(opts.operationId !== undefined ? { operation_id: opts.operationId } : {}),
      ...(opts.tags ? { tags: [...opts.tags] } : {}),
    });
    if (opts.signal) {
      const signal = opts.signal;
      const onAbort = (): void => {
        run.handle.cancel();
        void this.interrupt({ operationId: run.handle.operationId }).catch(() => {});
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      const inner = run.responses;
      const withCleanup = async function* (): AsyncGenerator<ExecutePlanResponse__Output> {
        try {
          yield* inner;
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
      };
      return { handle: run.handle, responses: withCleanup() };
    }
    return run;
  }

  /** Runs a relation and returns all its rows with the schema. */
  async collect(relation: Relation, opts: ExecuteOptions = {}): Promise<ConnectResult> {
    const { responses } = this.executePlan({ root: relation }, opts);
    return this.enrich(() => collectResult(responses));
  }

  /** The text `df.show(n, truncate, vertical)` prints, made by the server as pyspark's show does (ShowString). */
  async showString(relation: Relation, numRows = 20, truncate: boolean | number = true, vertical = false): Promise<string> {
    const width = truncate === true ? 20 : truncate === false ? 0 : truncate;
    const r = await this.collect({ show_string: { input: relation, num_rows: numRows, truncate: width, vertical } });
    const text = r.rows[0]?.[0];
    if (typeof text !== 'string') throw this.protocol('ShowString returned no text');
    return text;
  }

  /** Runs a SQL statement (queries and DDL alike) and returns its rows. */
  sql(query: string, opts: ExecuteOptions = {}): Promise<ConnectResult> {
    return this.collect({ sql: { query } }, opts);
  }

  /**
   * `spark.sql(query)` as pyspark sends it: a statement (DDL, SET, INSERT …) runs now, as in Spark;
   * the returned relation reads the result (the query itself, or the statement's output rows).
   */
  async sqlCommand(query: string): Promise<Relation> {
    const responses = await this.command({ sql_command: { input: { sql: { query } } } });
    const relation = responses.find((r) => r.response_type === 'sql_command_result')?.sql_command_result?.relation;
    if (!relation) throw this.protocol('SqlCommand returned no relation');
    // The loader's output objects are valid input messages (absent fields are null or defaults).
    return relation as unknown as Relation;
  }

  /** Runs a plan and returns its schema, Arrow batch and result responses undecoded (for a caller on another thread). */
  async rawResults(plan: Plan, opts: ExecuteOptions = {}): Promise<ExecutePlanResponse__Output[]> {
    const { responses } = this.executePlan(plan, opts);
    return this.enrich(() => keptResponses(responses));
  }

  /** Runs a command and returns the responses that carry its result (no progress or metrics). */
  async command(command: Command, opts: ExecuteOptions = {}): Promise<ExecutePlanResponse__Output[]> {
    const { responses } = this.executePlan({ command }, opts);
    return this.enrich(() => commandResults(responses));
  }

  // ---- AnalyzePlan -------------------------------------------------------------------------

  /** The schema a relation would have, without running it. */
  async schema(relation: Relation): Promise<DataType> {
    const r = await this.analyze({ schema: { plan: { root: relation } } });
    if (!r.schema?.schema) throw this.protocol('AnalyzePlan(schema) returned no schema');
    return fromProtoType(r.schema.schema);
  }

  /** The text `df.explain(mode)` prints. */
  async explain(relation: Relation, mode: ExplainMode = 'simple'): Promise<string> {
    const r = await this.analyze({ explain: { plan: { root: relation }, explain_mode: `EXPLAIN_MODE_${mode.toUpperCase()}` as 'EXPLAIN_MODE_SIMPLE' } });
    return r.explain?.explain_string ?? '';
  }

  /** The schema as `printSchema()` prints it (`level` limits nesting). */
  async treeString(relation: Relation, level?: number): Promise<string> {
    const r = await this.analyze({ tree_string: { plan: { root: relation }, ...(level !== undefined ? { level } : {}) } });
    return r.tree_string?.tree_string ?? '';
  }

  /** Whether a relation reads a stream (`df.isStreaming`). */
  async isStreaming(relation: Relation): Promise<boolean> {
    const r = await this.analyze({ is_streaming: { plan: { root: relation } } });
    return r.is_streaming?.is_streaming ?? false;
  }

  /** The server's Spark version, e.g. `4.0.5` (asked once, then remembered). */
  async sparkVersion(): Promise<string> {
    if (this.version === undefined) {
      const r = await this.analyze({ spark_version: {} });
      this.version = r.spark_version?.version ?? '';
    }
    return this.version;
  }

  /** Sends any AnalyzePlan request (one of its `analyze` cases). */
  analyze(request: Omit<AnalyzePlanRequest, 'session_id' | 'user_context' | 'client_type'>): Promise<AnalyzePlanResponse__Output> {
    return this.unary<AnalyzePlanResponse__Output>('AnalyzePlan', { ...this.base(), ...request }, (r) => this.observe(r.server_side_session_id));
  }

  // ---- Config ------------------------------------------------------------------------------

  /** `spark.conf.get(key)` for several keys; a key without a value and no default fails as in Spark. */
  async configGet(keys: readonly string[]): Promise<Array<string | undefined>> {
    const r = await this.config({ get: { keys: [...keys] } });
    return r.pairs.map((p) => p.value);
  }

  /** `spark.conf.get(key, default)`: undefined when neither set nor defaulted. */
  async configGetOption(keys: readonly string[]): Promise<Array<string | undefined>> {
    const r = await this.config({ get_option: { keys: [...keys] } });
    return r.pairs.map((p) => p.value);
  }

  /** `spark.conf.set(key, value)` for several pairs; returns the server's warnings (deprecated keys). */
  async configSet(pairs: Readonly<Record<string, string>>): Promise<string[]> {
    const r = await this.config({ set: { pairs: Object.entries(pairs).map(([key, value]) => ({ key, value })) } });
    return r.warnings;
  }

  /** `spark.conf.unset(key)`. */
  async configUnset(keys: readonly string[]): Promise<void> {
    await this.config({ unset: { keys: [...keys] } });
  }

  /** All set configuration; with a prefix, only keys under it, returned without the prefix (as the server does). */
  async configGetAll(prefix?: string): Promise<Map<string, string | undefined>> {
    const r = await this.config({ get_all: prefix !== undefined ? { prefix } : {} });
    return new Map(r.pairs.map((p) => [p.key, p.value]));
  }

  /** Sends any Config request (one of its `operation` cases). */
  config(operation: NonNullable<ConfigRequest['operation']>): Promise<ConfigResponse__Output> {
    return this.unary<ConfigResponse__Output>('Config', { ...this.base(), operation }, (r) => this.observe(r.server_side_session_id));
  }

  // ---- Interrupt, release ------------------------------------------------------------------

  /** Interrupts running operations: all of this session's, those with a tag, or one by id. Returns the ids interrupted. */
  async interrupt(what: { all: true } | { tag: string } | { operationId: string } = { all: true }): Promise<string[]> {
    const req =
      'tag' in what
        ? { interrupt_type: 'INTERRUPT_TYPE_TAG' as const, operation_tag: what.tag }
        : 'operationId' in what
          ? { interrupt_type: 'INTERRUPT_TYPE_OPERATION_ID' as const, operation_id: what.operationId }
          : { interrupt_type: 'INTERRUPT_TYPE_ALL' as const };
    const r = await this.unary<{ interrupted_ids: string[] }>('Interrupt', { ...this.base(), ...req });
    return r.interrupted_ids;
  }

  /** Ends the session on the server (its temp views, configs and queries go) and closes the channel. */
  async releaseSession(): Promise<void> {
    if (this.closed) return;
    try {
      await this.unary('ReleaseSession', { session_id: this.sessionId, user_context: this.userContext, client_type: this.clientType });
    } finally {
      this.close();
    }
  }

  /** Closes the channel without ending the server session (it times out there). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.channel.close();
  }

  /** FetchErrorDetails: the full error a failed call referred to, or undefined if the server forgot it. */
  async fetchErrorDetails(errorId: string): Promise<SparkErrorInfo | undefined> {
    const r = await this.unary<FetchErrorDetailsResponse__Output>('FetchErrorDetails', { ...this.base(), error_id: errorId });
    const root = r.root_error_idx !== undefined ? r.errors[r.root_error_idx] : undefined;
    if (!root) return undefined;
    const st = root.spark_throwable;
    return {
      errorClass: st?.error_class || undefined,
      sqlState: st?.sql_state || undefined,
      messageParameters: st?.message_parameters ?? {},
      exceptionClasses: root.error_type_hierarchy,
      message: root.message,
      ...(root.stack_trace.length
        ? { stackTrace: root.stack_trace.map((f) => `\tat ${f.declaring_class}.${f.method_name}(${f.file_name ?? 'Unknown Source'}:${f.line_number})`).join('\n') }
        : {}),
      errorId,
    };
  }

  // ---- plumbing ----------------------------------------------------------------------------

  private base(): { session_id: string; user_context: UserContext; client_type: string; client_observed_server_side_session_id?: string } {
    return {
      session_id: this.sessionId,
      user_context: this.userContext,
      client_type: this.clientType,
      ...(this.serverSideSessionId !== undefined ? { client_observed_server_side_session_id: this.serverSideSessionId } : {}),
    };
  }

  private observe(serverSide: string | undefined): void {
    if (serverSide && this.serverSideSessionId === undefined) this.serverSideSessionId = serverSide;
  }

  private fail(e: unknown, method: string, receivedAny: boolean): Error {
    return toConnectError(e, { endpoint: this.endpoint, method, receivedAny, serverVersion: this.version, tls: this.options.tls });
  }

  private protocol(message: string): TsparkError {
    return new TsparkError('ERR_CONNECT_PROTOCOL', `Spark Connect at ${this.endpoint}: ${message}`);
  }

  private checkOpen(): void {
    if (this.closed) {
      throw new TsparkError('ERR_CONNECT_SESSION_CLOSED', `This Spark Connect session (${this.options.display}) is closed; connect again to run more.`);
    }
  }

  /** Replaces a Spark error's status-trailer view with the full one from FetchErrorDetails. */
  private async enrich<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (e) {
      throw await this.enriched(e);
    }
  }

  private async enriched(e: unknown): Promise<unknown> {
    const errorId = e instanceof SparkRemoteError ? e.errorId : undefined;
    if (!errorId || this.closed) return e;
    try {
      const info = await this.fetchErrorDetails(errorId);
      return info ? new SparkRemoteError({ ...info, message: info.message || (e as SparkRemoteError).serverMessage }, { cause: (e as Error).cause }) : e;
    } catch {
      return e; // the trailer's view is still a good answer
    }
  }

  private unary<R>(method: 'AnalyzePlan' | 'Config' | 'Interrupt' | 'ReleaseSession' | 'FetchErrorDetails', request: object, observe?: (r: R) => void): Promise<R> {
    this.checkOpen();
    const stub = this.channel.stub as unknown as Record<string, (req: object, md: grpc.Metadata, opts: grpc.CallOptions, cb: (err: unknown, res: R) => void) => void>;
    const deadline = new Date(Date.now() + this.unaryDeadlineMs);
    return this.enrich(
      () =>
        new Promise<R>((resolve, reject) => {
          stub[method]!.call(this.channel.stub, request, this.channel.metadata(), { deadline }, (err, res) => {
            if (err) reject(this.fail(err, method, false));
            else {
              observe?.(res);
              resolve(res);
            }
          });
        }),
    );
  }
}
