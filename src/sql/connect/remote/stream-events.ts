/**
 * The streaming-query events of a remote session, pushed by the server: the session's
 * listener-bus listener is registered on first need (one long-lived ExecutePlan in the transport
 * worker) and its events fan out here to whoever subscribed: the console echo of a query,
 * `spark.streams` listeners, the shell. A started event comes with the start result (Spark sends
 * it there), and is posted here by whoever started the query.
 */
import { fromWire, type TransportBridge } from '../sync/bridge.js';
import { withRowTotals } from '../streaming.js';

/** One event, with Spark's JSON parsed (the shapes of pyspark's listener events). */
export type RemoteStreamEvent =
  | { readonly type: 'started'; readonly event: Record<string, unknown> }
  | { readonly type: 'progress'; readonly event: { readonly progress: Record<string, unknown> } }
  | { readonly type: 'idle'; readonly event: Record<string, unknown> }
  | { readonly type: 'terminated'; readonly event: Record<string, unknown> };

/** The id of the query an event is about. */
export function queryIdOf(e: RemoteStreamEvent): string | undefined {
  const id = e.type === 'progress' ? e.event.progress['id'] : e.event['id'];
  return typeof id === 'string' ? id : undefined;
}

/** Fans the session's pushed events out to subscribers. */
export class RemoteStreamEvents {
  private readonly subscribers = new Set<(e: RemoteStreamEvent) => void>();
  private listening = false;
  private offBridge: (() => void) | undefined;

  constructor(
    private readonly bridge: TransportBridge,
    /** Where a failure to deliver is reported (a subscriber that threw, a lost listener stream). */
    private readonly err: (text: string) => void,
  ) {}

  /** Makes sure the server pushes this session's events (blocks once, for the registration). */
  ensureListening(): void {
    if (this.listening) return;
    this.offBridge ??= this.bridge.onEvent((m) => {
      if (m.kind === 'listenerEnded') {
        this.listening = false;
        if (m.error) this.err(`Streaming query events from the server stopped (${fromWire(m.error).message}); they resume with the next query started.\n`);
        return;
      }
      const e = m.event as RemoteStreamEvent;
      // Progress as the query's own lastProgress gives it: with the row totals (streaming.ts).
      this.post(e.type === 'progress' ? { type: 'progress', event: { ...e.event, progress: withRowTotals(e.event.progress) } } : e);
    });
    this.bridge.call('listen');
    this.listening = true;
  }

  /** True while someone receives the events. */
  get subscribed(): boolean {
    return this.subscribers.size > 0;
  }

  /** Receives every event until the returned function is called. */
  subscribe(f: (e: RemoteStreamEvent) => void): () => void {
    this.subscribers.add(f);
    this.bridge.hold(true);
    return () => {
      this.subscribers.delete(f);
      if (this.subscribers.size === 0) this.bridge.hold(false);
    };
  }

  /** Delivers one event to every subscriber; one that throws is reported and kept. */
  post(e: RemoteStreamEvent): void {
    for (const f of [...this.subscribers]) {
      try {
        f(e);
      } catch (x) {
        this.err(`A streaming query listener failed on ${e.type}: ${x instanceof Error ? x.message : String(x)}\n`);
      }
    }
  }

  /** Removes the server-side listener (before the session ends). */
  close(): void {
    this.offBridge?.();
    this.offBridge = undefined;
    if (!this.listening) return;
    this.listening = false;
    try {
      this.bridge.call('unlisten');
    } catch {
      // The session is ending anyway.
    }
  }
}
