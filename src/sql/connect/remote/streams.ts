/**
 * `spark.streams` of a remote session: the server's StreamingQueryManager (active queries, get,
 * awaitAnyTermination, resetTerminated) and listeners that run here, in this process, on the
 * events the server pushes (as pyspark's Connect client runs its listeners client-side).
 */
import { TsparkError } from '../../../engine/errors.js';
import type { ExecutePlanResponse__Output, StreamingQueryManagerCommand, StreamingQueryManagerCommandResult__Output } from '../proto.js';
import type { TransportBridge } from '../sync/bridge.js';
import { RemoteQueryRun } from './query-run.js';
import type { RemoteStreamEvent, RemoteStreamEvents } from './stream-events.js';

/** A listener's methods, as pyspark's StreamingQueryListener (any subset). */
export interface RemoteListenerLike {
  onQueryStarted?(event: never): void;
  onQueryProgress?(event: never): void;
  onQueryIdle?(event: never): void;
  onQueryTerminated?(event: never): void;
}

const METHOD = { started: 'onQueryStarted', progress: 'onQueryProgress', idle: 'onQueryIdle', terminated: 'onQueryTerminated' } as const;

/** The remote session's queries and listeners. */
export class RemoteStreams {
  private readonly listeners = new Map<RemoteListenerLike, () => void>();
  /** Handles made here, by id, so `get` and `active` return the same objects the user holds. */
  private readonly known = new Map<string, RemoteQueryRun>();

  constructor(
    private readonly bridge: TransportBridge,
    readonly events: RemoteStreamEvents,
  ) {}

  /** @internal Remembers a started query's handle. */
  track(run: RemoteQueryRun): RemoteQueryRun {
    this.known.set(run.id, run);
    return run;
  }

  /** The active queries on the server (this session's). */
  active(): RemoteQueryRun[] {
    const r = this.run({ active: true });
    return (r.active?.active_queries ?? []).map((q) => this.handle(q.id?.id ?? '', q.id?.run_id ?? '', q.name || null));
  }

  /** The active query with this id, or null. */
  get(id: string): RemoteQueryRun | null {
    const r = this.run({ get_query: id });
    return r.query?.id ? this.handle(r.query.id.id, r.query.id.run_id, r.query.name || null) : null;
  }

  /** Waits until a query ends (since `resetTerminated`); with `timeoutMs`, false if none did in time. */
  async awaitAnyTermination(timeoutMs?: number): Promise<boolean | undefined> {
    const responses = await this.bridge.callAsync('command', {
      streaming_query_manager_command: { await_any_termination: timeoutMs === undefined ? {} : { timeout_ms: Math.max(1, Math.floor(timeoutMs)) } },
    });
    const ended = resultOf(responses).await_any_termination?.terminated ?? false;
    return timeoutMs === undefined ? undefined : ended;
  }

  /** Forgets terminated queries, so `awaitAnyTermination` waits for a new one. */
  resetTerminated(): void {
    this.run({ reset_terminated: true });
  }

  /** Calls the listener's methods on this session's query events (delivered in order, here). */
  addListener(listener: RemoteListenerLike): void {
    if (this.listeners.has(listener)) return;
    this.events.ensureListening();
    const off = this.events.subscribe((e: RemoteStreamEvent) => {
      const f = listener[METHOD[e.type]] as ((event: unknown) => void) | undefined;
      f?.call(listener, e.event);
    });
    this.listeners.set(listener, off);
  }

  /** Stops calling the listener. */
  removeListener(listener: RemoteListenerLike): void {
    this.listeners.get(listener)?.();
    this.listeners.delete(listener);
  }

  /**
   * Every event, for the shell and the UI, until the returned function is called. The server is
   * asked to push events when a query starts (stream-start.ts), not now: a shell that runs no
   * query keeps no listener stream open on the server (nor reports its loss).
   */
  onEvent(f: (e: RemoteStreamEvent) => void): () => void {
    return this.events.subscribe(f);
  }

  private handle(id: string, runId: string, name: string | null): RemoteQueryRun {
    const mine = this.known.get(id);
    if (mine && mine.runId === runId) return mine;
    return new RemoteQueryRun(this.bridge, id, runId, name);
  }

  private run(command: StreamingQueryManagerCommand): StreamingQueryManagerCommandResult__Output {
    return resultOf(this.bridge.call('command', { streaming_query_manager_command: command }));
  }
}

function resultOf(responses: ExecutePlanResponse__Output[]): StreamingQueryManagerCommandResult__Output {
  const r = responses.find((x) => x.response_type === 'streaming_query_manager_command_result')?.streaming_query_manager_command_result;
  if (!r) throw new TsparkError('ERR_CONNECT_PROTOCOL', 'Spark Connect: a streaming query manager command returned no result');
  return r;
}
