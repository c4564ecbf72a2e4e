/**
 * Streaming query listener events from a Spark Connect server, as pyspark's
 * `StreamingQueryListenerBus` receives them: one long-lived ExecutePlan of
 * `StreamingQueryListenerBusCommand.add_listener_bus_listener` over which the server pushes
 * progress, idle and terminated events of this session's queries (the started event comes with
 * `WriteStreamOperationStartResult`). The stream is reattachable, so the server's stream time
 * limit does not end it; `close()` removes the listener and ends it.
 */
import type { ConnectClient } from './client.js';
import type { ExecutePlanResponse__Output } from './proto.js';

/** One event, with Spark's JSON parsed. */
export interface RemoteListenerEvent {
  readonly type: 'progress' | 'idle' | 'terminated';
  /** For progress: `{ progress: {…} }`; idle: `{ id, runId, timestamp }`; terminated: `{ id, runId, exception, errorClassOnException }`. */
  readonly event: Record<string, unknown>;
}

const TYPES: Record<string, RemoteListenerEvent['type'] | undefined> = {
  QUERY_PROGRESS_EVENT: 'progress',
  QUERY_IDLE_EVENT: 'idle',
  QUERY_TERMINATED_EVENT: 'terminated',
};

/** A registered listener on the server; events arrive through `onEvent` until `close()`. */
export class RemoteListenerBus {
  private constructor(
    private readonly client: ConnectClient,
    private readonly done: Promise<void>,
  ) {}

  /**
   * Registers the listener and resolves once the server confirms it. `onEvent` gets each event;
   * `onEnd` is called once when the stream ends: with no error after `close()`, with the error
   * when the connection was lost (then register again).
   */
  static async open(client: ConnectClient, onEvent: (e: RemoteListenerEvent) => void, onEnd: (error?: unknown) => void = () => {}): Promise<RemoteListenerBus> {
    const { responses } = client.executePlan({ command: { streaming_query_listener_bus_command: { add_listener_bus_listener: true } } });
    let confirmed!: () => void;
    let refused!: (e: unknown) => void;
    const ready = new Promise<void>((resolve, reject) => {
      confirmed = resolve;
      refused = reject;
    });
    let isReady = false;
    const done = (async () => {
      try {
        for await (const r of responses) {
          const result = eventsOf(r);
          if (!result) continue;
          if (result.listener_bus_listener_added && !isReady) {
            isReady = true;
            confirmed();
          }
          for (const e of result.events) {
            const type = TYPES[e.event_type];
            if (type) onEvent({ type, event: JSON.parse(e.event_json) as Record<string, unknown> });
          }
        }
        if (!isReady) refused(new Error('the server ended the listener stream before confirming it'));
        onEnd();
      } catch (e) {
        if (!isReady) refused(e);
        else onEnd(e);
      }
    })();
    await ready;
    return new RemoteListenerBus(client, done);
  }

  /** Removes the listener on the server and waits for the event stream to end. */
  async close(): Promise<void> {
    await this.client.command({ streaming_query_listener_bus_command: { remove_listener_bus_listener: true } });
    await this.done;
  }
}

function eventsOf(r: ExecutePlanResponse__Output) {
  return r.response_type === 'streaming_query_listener_events_result' ? r.streaming_query_listener_events_result : undefined;
}
