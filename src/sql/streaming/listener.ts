/**
 * StreamingQueryListener and its events, as pyspark's (3.4+): `onQueryStarted`,
 * `onQueryProgress`, `onQueryIdle` (3.5), `onQueryTerminated`. Subclass it (or pass any object
 * with some of the methods) to `spark.streams.addListener`. Events are delivered in order,
 * after the batch that caused them; a listener that throws is reported once and kept.
 */
import type { StreamingQueryProgress } from './progress.js';

/** `onQueryStarted`'s event. */
export interface QueryStartedEvent {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly timestamp: string;
}

/** `onQueryProgress`'s event. */
export interface QueryProgressEvent {
  readonly progress: StreamingQueryProgress;
}

/** `onQueryIdle`'s event (a query waiting for data). */
export interface QueryIdleEvent {
  readonly id: string;
  readonly runId: string;
  readonly timestamp: string;
}

/** `onQueryTerminated`'s event; `exception` is the error's text when the query failed. */
export interface QueryTerminatedEvent {
  readonly id: string;
  readonly runId: string;
  readonly exception: string | null;
  readonly errorClassOnException: string | null;
}

/** A listener of streaming queries: override the events you need. */
export class StreamingQueryListener {
  /** A query started. */
  onQueryStarted(event: QueryStartedEvent): void {
    void event;
  }
  /** A micro-batch finished. */
  onQueryProgress(event: QueryProgressEvent): void {
    void event;
  }
  /** A query has been idle (no new data) for a while. */
  onQueryIdle(event: QueryIdleEvent): void {
    void event;
  }
  /** A query stopped or failed. */
  onQueryTerminated(event: QueryTerminatedEvent): void {
    void event;
  }
}

/** What `addListener` accepts: a StreamingQueryListener or an object with some of its methods. */
export type StreamingQueryListenerLike = Partial<Pick<StreamingQueryListener, 'onQueryStarted' | 'onQueryProgress' | 'onQueryIdle' | 'onQueryTerminated'>>;

/** Every event, tagged (what the shell and the UI subscribe to). */
export type StreamingQueryEvent =
  | { readonly type: 'started'; readonly event: QueryStartedEvent }
  | { readonly type: 'progress'; readonly event: QueryProgressEvent }
  | { readonly type: 'idle'; readonly event: QueryIdleEvent }
  | { readonly type: 'terminated'; readonly event: QueryTerminatedEvent }
  /** A status change (`Processing new data`, `Waiting for data to arrive` …), for live views. */
  | { readonly type: 'status'; readonly id: string; readonly runId: string; readonly status: StreamingQueryStatus };

/** `query.status`, as pyspark's dict. */
export interface StreamingQueryStatus {
  message: string;
  isDataAvailable: boolean;
  isTriggerActive: boolean;
}
