/**
 * A streaming query running on a Spark Connect server, as the shell's StreamingQuery handle
 * needs it: its ids and name, status and progress (asked of the server when read, Spark's own
 * JSON), and `stop`, `awaitTermination`, `processAllAvailable` as promises that do not block the
 * shell (the transport worker waits on the server). A query started with the `console` sink also
 * has the echo that prints its batches here.
 */
import { TsparkError } from '../../../engine/errors.js';
import { StreamingQueryException } from '../../errors.js';
import type { StreamingQueryStatus } from '../../streaming/listener.js';
import type { StreamingQueryProgress } from '../../streaming/progress.js';
import type { QueryRun, StreamingQuery } from '../../streaming/query.js';
import type { ExecutePlanResponse__Output, StreamingQueryCommand, StreamingQueryCommandResult__Output } from '../proto.js';
import type { TransportBridge } from '../sync/bridge.js';
import type { ConsoleEcho } from './console-echo.js';
import { withRowTotals } from '../streaming.js';

/** A remote query, as the StreamingQuery handle runs it. */
export class RemoteQueryRun implements QueryRun {
  /** The user's handle (set by StreamingQuery). */
  handle!: StreamingQuery;

  constructor(
    private readonly bridge: TransportBridge,
    readonly id: string,
    readonly runId: string,
    /** The user's `queryName`, or null (a console query runs under a generated table name). */
    readonly name: string | null,
    /** The echo of a `console` query. */
    readonly echo?: ConsoleEcho,
  ) {}

  /** True until the query stops or fails. */
  get isActive(): boolean {
    return this.run({ status: true }).status?.is_active ?? false;
  }

  /** What the query is doing now. */
  get status(): StreamingQueryStatus {
    const s = this.run({ status: true }).status;
    return { message: s?.status_message ?? '', isDataAvailable: s?.is_data_available ?? false, isTriggerActive: s?.is_trigger_active ?? false };
  }

  /** The progress reports the server keeps, oldest first. */
  get recent(): StreamingQueryProgress[] {
    return (this.run({ recent_progress: true }).recent_progress?.recent_progress_json ?? []).map((j) => withRowTotals(JSON.parse(j) as StreamingQueryProgress));
  }

  /** Stops the query; resolves once it has stopped and every batch it echoed is printed. */
  async stop(): Promise<void> {
    await this.runAsync({ stop: true });
    await this.echo?.drained();
  }

  /** Waits for the query to end (rejects with its exception); with `timeoutMs`, false if it still runs then. */
  async awaitTermination(timeoutMs?: number): Promise<boolean | undefined> {
    if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0)) {
      throw new TsparkError('ERR_INVALID_ARGUMENT', `"timeout" must be a number of seconds >= 0; got ${String(timeoutMs)}`);
    }
    // Spark refuses a zero timeout; one millisecond is "do not wait".
    const r = await this.runAsync({ await_termination: timeoutMs === undefined ? {} : { timeout_ms: Math.max(1, Math.floor(timeoutMs)) } });
    await this.echo?.drained();
    const ended = r.await_termination?.terminated ?? false;
    return timeoutMs === undefined ? undefined : ended;
  }

  /** Resolves when the server has processed everything its sources have now. */
  async processAllAvailable(): Promise<void> {
    await this.runAsync({ process_all_available: true });
    await this.echo?.drained();
  }

  /** The error the query ended with (Spark's `[STREAM_FAILED] Query [id = …] terminated with exception: …`), or null. */
  exception(): StreamingQueryException | null {
    const e = this.run({ exception: true }).exception;
    if (!e || e.exception_message === undefined || e.exception_message === null) return null;
    // The server's text already says which query; keep only the cause, the class adds the rest.
    const message = e.exception_message.replace(/^\[STREAM_FAILED\] Query \[id = [^\]]*\] terminated with exception: /, '');
    return new StreamingQueryException('STREAM_FAILED', { id: this.id, runId: this.runId, message });
  }

  /** The plan text the server prints for `query.explain(extended)`. */
  explainText(extended = false): string {
    const text = this.run({ explain: { extended } }).explain?.result ?? '';
    return text.endsWith('\n') ? text : `${text}\n`;
  }

  private command(command: Omit<StreamingQueryCommand, 'query_id'>): { streaming_query_command: StreamingQueryCommand } {
    return { streaming_query_command: { query_id: { id: this.id, run_id: this.runId }, ...command } };
  }

  private run(command: Omit<StreamingQueryCommand, 'query_id'>): StreamingQueryCommandResult__Output {
    return resultOf(this.bridge.call('command', this.command(command)));
  }

  private async runAsync(command: Omit<StreamingQueryCommand, 'query_id'>): Promise<StreamingQueryCommandResult__Output> {
    return resultOf(await this.bridge.callAsync('command', this.command(command)));
  }
}

function resultOf(responses: ExecutePlanResponse__Output[]): StreamingQueryCommandResult__Output {
  const r = responses.find((x) => x.response_type === 'streaming_query_command_result')?.streaming_query_command_result;
  if (!r) throw new TsparkError('ERR_CONNECT_PROTOCOL', 'Spark Connect: a streaming query command returned no result');
  return r;
}
