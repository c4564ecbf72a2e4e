/**
 * Structured Streaming over Spark Connect at the protocol level: start a query from a
 * `WriteStreamOperationStart`, then drive it with `StreamingQueryCommand` (status, progress, stop,
 * awaitTermination …) and the session's queries with `StreamingQueryManagerCommand`. Progress
 * comes back as Spark's own JSON, parsed here; the shell's StreamingQuery builds on this.
 */
import { TsparkError } from '../../engine/errors.js';
import type { ConnectClient } from './client.js';
import type {
  ExecutePlanResponse__Output,
  StreamingQueryCommand,
  StreamingQueryCommandResult__Output,
  StreamingQueryManagerCommand,
  StreamingQueryManagerCommandResult__Output,
  WriteStreamOperationStart,
} from './proto.js';

/** `query.status`, as Spark reports it. */
export interface StreamingQueryStatus {
  readonly message: string;
  readonly isDataAvailable: boolean;
  readonly isTriggerActive: boolean;
  readonly isActive: boolean;
}

/** One progress report in Spark's JSON shape (`id`, `batchId`, `numInputRows`, `sources`, `sink` …). */
export type StreamingQueryProgress = Record<string, unknown>;

/** What `query.exception()` returns for a query that failed. */
export interface StreamingQueryFailure {
  readonly message: string;
  readonly errorClass: string | undefined;
  readonly stackTrace: string | undefined;
}

/** A streaming query running on the server. */
export class RemoteStreamingQuery {
  constructor(
    private readonly client: ConnectClient,
    /** Stable across restarts from the same checkpoint. */
    readonly id: string,
    /** Unique to this run. */
    readonly runId: string,
    /** `queryName(…)`, when one was given. */
    readonly name: string | undefined,
    /** The QueryStartedEvent (what a listener's `onQueryStarted` gets): Spark sends it at start when the session has a RemoteListenerBus open. */
    readonly startedEvent?: Record<string, unknown>,
  ) {}

  /** Starts `df.writeStream…start()` on the server. */
  static async start(client: ConnectClient, operation: WriteStreamOperationStart): Promise<RemoteStreamingQuery> {
    const responses = await client.command({ write_stream_operation_start: operation });
    const r = responses.find((x) => x.response_type === 'write_stream_operation_start_result')?.write_stream_operation_start_result;
    if (!r?.query_id) throw protocol(client, 'WriteStreamOperationStart returned no query id');
    const started = r.query_started_event_json ? (JSON.parse(r.query_started_event_json) as Record<string, unknown>) : undefined;
    return new RemoteStreamingQuery(client, r.query_id.id, r.query_id.run_id, r.name || undefined, started);
  }

  /** `query.status`. */
  async status(): Promise<StreamingQueryStatus> {
    const s = (await this.run({ status: true })).status;
    if (!s) throw protocol(this.client, 'status returned nothing');
    return { message: s.status_message, isDataAvailable: s.is_data_available, isTriggerActive: s.is_trigger_active, isActive: s.is_active };
  }

  /** `query.isActive`. */
  async isActive(): Promise<boolean> {
    return (await this.status()).isActive;
  }

  /** `query.lastProgress`: the latest report, or null before the first batch. */
  async lastProgress(): Promise<StreamingQueryProgress | null> {
    const list = (await this.run({ last_progress: true })).recent_progress?.recent_progress_json ?? [];
    const last = list[list.length - 1];
    return last === undefined ? null : parseProgress(last);
  }

  /** `query.recentProgress`: the reports Spark keeps (spark.sql.streaming.numRecentProgressUpdates). */
  async recentProgress(): Promise<StreamingQueryProgress[]> {
    const list = (await this.run({ recent_progress: true })).recent_progress?.recent_progress_json ?? [];
    return list.map(parseProgress);
  }

  /** `query.stop()`: returns when the query has stopped. */
  async stop(): Promise<void> {
    await this.run({ stop: true });
  }

  /** `query.processAllAvailable()`: returns when everything available has been processed. */
  async processAllAvailable(): Promise<void> {
    await this.run({ process_all_available: true });
  }

  /** `query.awaitTermination(timeout)`: true when the query ended (a failed query throws its error). */
  async awaitTermination(timeoutMs?: number): Promise<boolean> {
    const r = await this.run({ await_termination: timeoutMs !== undefined ? { timeout_ms: checkTimeout(timeoutMs) } : {} });
    return r.await_termination?.terminated ?? false;
  }

  /** `query.explain(extended)`: the plan text. */
  async explain(extended = false): Promise<string> {
    return (await this.run({ explain: { extended } })).explain?.result ?? '';
  }

  /** `query.exception()`: why the query failed, or null if it has not. */
  async exception(): Promise<StreamingQueryFailure | null> {
    const e = (await this.run({ exception: true })).exception;
    if (!e || e.exception_message === undefined) return null;
    return { message: e.exception_message, errorClass: e.error_class, stackTrace: e.stack_trace };
  }

  private async run(command: Omit<StreamingQueryCommand, 'query_id'>): Promise<StreamingQueryCommandResult__Output> {
    const responses = await this.client.command({ streaming_query_command: { query_id: { id: this.id, run_id: this.runId }, ...command } });
    return only(this.client, responses, 'streaming_query_command_result');
  }
}

/** `spark.streams` over Spark Connect. */
export class RemoteStreamingQueryManager {
  constructor(private readonly client: ConnectClient) {}

  /** `spark.streams.active`. */
  async active(): Promise<RemoteStreamingQuery[]> {
    const r = await this.run({ active: true });
    return (r.active?.active_queries ?? []).map((q) => this.query(q.id?.id ?? '', q.id?.run_id ?? '', q.name));
  }

  /** `spark.streams.get(id)`: the active query with that id, or null. */
  async get(id: string): Promise<RemoteStreamingQuery | null> {
    const r = await this.run({ get_query: id });
    return r.query?.id ? this.query(r.query.id.id, r.query.id.run_id, r.query.name) : null;
  }

  /** `spark.streams.awaitAnyTermination(timeout)`: true when some query ended. */
  async awaitAnyTermination(timeoutMs?: number): Promise<boolean> {
    const r = await this.run({ await_any_termination: timeoutMs !== undefined ? { timeout_ms: checkTimeout(timeoutMs) } : {} });
    return r.await_any_termination?.terminated ?? false;
  }

  /** `spark.streams.resetTerminated()`. */
  async resetTerminated(): Promise<void> {
    await this.run({ reset_terminated: true });
  }

  private query(id: string, runId: string, name: string | undefined): RemoteStreamingQuery {
    return new RemoteStreamingQuery(this.client, id, runId, name || undefined);
  }

  private async run(command: StreamingQueryManagerCommand): Promise<StreamingQueryManagerCommandResult__Output> {
    const responses = await this.client.command({ streaming_query_manager_command: command });
    return only(this.client, responses, 'streaming_query_manager_command_result');
  }
}

function only<K extends 'streaming_query_command_result' | 'streaming_query_manager_command_result'>(
  client: ConnectClient,
  responses: ExecutePlanResponse__Output[],
  kind: K,
): NonNullable<ExecutePlanResponse__Output[K]> {
  const r = responses.find((x) => x.response_type === kind)?.[kind];
  if (!r) throw protocol(client, `expected a ${kind}, got ${responses.map((x) => x.response_type ?? 'nothing').join(', ') || 'no response'}`);
  return r as NonNullable<ExecutePlanResponse__Output[K]>;
}

/** Spark refuses a timeout that is not positive; say so before the round trip. */
function checkTimeout(timeoutMs: number): number {
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 1) {
    throw new TsparkError('ERR_INVALID_ARGUMENT', `"timeout" must be a positive number of milliseconds (at least 1); got ${JSON.stringify(timeoutMs) ?? String(timeoutMs)}`);
  }
  return Math.floor(timeoutMs);
}

function parseProgress(json: string): StreamingQueryProgress {
  return withRowTotals(JSON.parse(json) as StreamingQueryProgress);
}

const TOTALS = ['numInputRows', 'inputRowsPerSecond', 'processedRowsPerSecond'] as const;

/**
 * A progress report with its row totals: Spark Connect's progress JSON leaves out the
 * query-level `numInputRows`, `inputRowsPerSecond` and `processedRowsPerSecond`, and pyspark's
 * StreamingQueryProgress sums them over the sources; so does this (the local engine's reports
 * carry them, and code reading them should not depend on where the query runs).
 */
export function withRowTotals<T extends object>(progress: T): T {
  const p = progress as Record<string, unknown>;
  const sources = Array.isArray(p['sources']) ? (p['sources'] as Array<Record<string, unknown>>) : [];
  const out: Record<string, unknown> = { ...p };
  for (const key of TOTALS) {
    if (typeof out[key] === 'number') continue;
    const values = sources.map((src) => src[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (values.length > 0) out[key] = values.reduce((a, b) => a + b, 0);
  }
  return out as T;
}

function protocol(client: ConnectClient, message: string): TsparkError {
  return new TsparkError('ERR_CONNECT_PROTOCOL', `Spark Connect at ${client.endpoint}: ${message}`);
}
