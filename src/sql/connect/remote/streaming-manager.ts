/**
 * `spark.streams` of a remote session, with the local manager's API (so the shell and user code
 * see one StreamingQueryManager): the server's active queries as StreamingQuery handles,
 * `awaitAnyTermination` and `resetTerminated` on the server, listeners and the shell's event
 * subscription fed by the events the server pushes.
 */
import { SparkArgumentError } from '../../errors.js';
import type { Clock } from '../../engine.js';
import type { StreamingQueryEvent, StreamingQueryListenerLike } from '../../streaming/listener.js';
import { StreamingQueryManager } from '../../streaming/manager.js';
import { StreamingQuery } from '../../streaming/query.js';
import type { RemoteQueryRun } from './query-run.js';
import type { RemoteStreams } from './streams.js';

/** The remote session's StreamingQueryManager. */
export class RemoteStreamingQueryManager extends StreamingQueryManager {
  /** @internal Made by a remote session. */
  constructor(
    private readonly streams: RemoteStreams,
    private readonly out: (text: string) => void,
    clock: Clock,
    err: (text: string) => void,
  ) {
    super(clock, err);
  }

  /** The handle of a run: the one its start returned, or a new one for a query found on the server. */
  private handleOf(run: RemoteQueryRun): StreamingQuery {
    // `handle` is set by StreamingQuery's constructor; a run found on the server has none yet.
    const known = (run as { handle?: StreamingQuery }).handle;
    return known ?? new StreamingQuery(run, { kind: 'oneRow' }, this.out);
  }

  override get active(): StreamingQuery[] {
    return this.streams.active().map((r) => this.handleOf(r));
  }

  override get(id: string): StreamingQuery | null {
    const r = this.streams.get(id);
    return r === null ? null : this.handleOf(r);
  }

  /** Waits on the server until a query ends (timeout in seconds, as pyspark's). */
  override awaitAnyTermination(timeout?: number): Promise<boolean | undefined> {
    return this.streams.awaitAnyTermination(timeout === undefined ? undefined : timeout * 1000);
  }

  override resetTerminated(): void {
    this.streams.resetTerminated();
  }

  override addListener(listener: StreamingQueryListenerLike): void {
    if (listener === null || typeof listener !== 'object') {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'addListener: "listener" must be a StreamingQueryListener (an object with onQueryStarted, onQueryProgress, onQueryIdle, onQueryTerminated)' });
    }
    this.streams.addListener(listener);
  }

  override removeListener(listener: StreamingQueryListenerLike): void {
    this.streams.removeListener(listener);
  }

  override onEvent(f: (e: StreamingQueryEvent) => void): () => void {
    // Spark's event JSON has the fields of the local events (id, runId, name, progress …).
    return this.streams.onEvent((e) => f(e as unknown as StreamingQueryEvent));
  }
}
