/**
 * `spark.streams`: the session's StreamingQueryManager, as pyspark's: `active`, `get(id)`,
 * `awaitAnyTermination(timeout)`, `resetTerminated()`, `addListener`, `removeListener`. It also
 * refuses a second active query with the same name (Spark's message), stops an active run of
 * the same query (same checkpoint id) before a restart, as `stopActiveRunOnRestart` does, and
 * carries every query event to listeners and to `onEvent` subscribers (the shell, the UI).
 */
import { SparkArgumentError } from '../errors.js';
import type { Clock } from '../engine.js';
import type { StreamingQueryEvent, StreamingQueryListenerLike } from './listener.js';
import type { StreamingQuery } from './query.js';

/** What the manager needs of a running query. */
export interface ManagedQuery {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly isActive: boolean;
  readonly handle: StreamingQuery;
  /** Resolves when the query terminates (never rejects). */
  readonly terminated: Promise<void>;
  exception(): Error | null;
  stop(): Promise<void>;
}

/** The streaming queries of one session. */
export class StreamingQueryManager {
  private readonly queries = new Map<string, ManagedQuery>();
  private readonly listeners: StreamingQueryListenerLike[] = [];
  private readonly subscribers = new Set<(e: StreamingQueryEvent) => void>();
  private lastTerminated: ManagedQuery | undefined;
  private terminatedSinceReset = false;
  private waiters: Array<() => void> = [];

  /** @internal Made by the session; `err` reports listener failures. */
  constructor(
    /** @internal The clock micro-batches are scheduled on (the session's). */
    readonly clock: Clock,
    private readonly err: (text: string) => void,
  ) {}

  /** The active queries. */
  get active(): StreamingQuery[] {
    return [...this.queries.values()].filter((q) => q.isActive).map((q) => q.handle);
  }

  /** The active query with this id (or run id), or null. */
  get(id: string): StreamingQuery | null {
    for (const q of this.queries.values()) if (q.isActive && (q.id === id || q.runId === id)) return q.handle;
    return null;
  }

  /**
   * Waits until any query terminates (since the last `resetTerminated()`); rejects with its
   * exception if it failed. With `timeout` (seconds, on the session's clock) resolves false
   * when none did in time.
   */
  awaitAnyTermination(timeout?: number): Promise<boolean | undefined> {
    const settle = (): boolean | undefined => {
      const ex = this.lastTerminated?.exception();
      if (ex) throw ex;
      return timeout === undefined ? undefined : true;
    };
    if (this.terminatedSinceReset) return Promise.resolve().then(settle);
    return new Promise<boolean | undefined>((resolve, reject) => {
      let cancel: (() => void) | undefined;
      const done = (): void => {
        cancel?.();
        try {
          resolve(settle());
        } catch (e) {
          reject(e);
        }
      };
      this.waiters.push(done);
      if (timeout !== undefined) {
        cancel = this.clock.schedule(this.clock.now() + timeout * 1000, () => {
          this.waiters = this.waiters.filter((w) => w !== done);
          resolve(false);
        });
      }
    });
  }

  /** Forgets terminated queries, so `awaitAnyTermination` waits for a new one. */
  resetTerminated(): void {
    this.terminatedSinceReset = false;
    this.lastTerminated = undefined;
  }

  /** Adds a listener of every query's events. */
  addListener(listener: StreamingQueryListenerLike): void {
    if (listener === null || typeof listener !== 'object') {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'addListener: "listener" must be a StreamingQueryListener (an object with onQueryStarted, onQueryProgress, onQueryIdle, onQueryTerminated)' });
    }
    this.listeners.push(listener);
  }

  /** Removes a listener added before. */
  removeListener(listener: StreamingQueryListenerLike): void {
    const i = this.listeners.indexOf(listener);
    if (i >= 0) this.listeners.splice(i, 1);
  }

  /** @internal Subscribes to every event (status changes too); returns the unsubscribe function. */
  onEvent(f: (e: StreamingQueryEvent) => void): () => void {
    this.subscribers.add(f);
    return () => this.subscribers.delete(f);
  }

  /** @internal Checks and registers a starting query; stops an active run of the same id first. */
  async register(q: ManagedQuery): Promise<void> {
    for (const other of this.queries.values()) {
      if (!other.isActive) continue;
      if (q.name !== null && other.name === q.name) {
        throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Cannot start query with name ${q.name} as a query with that name is already active in this SparkSession` });
      }
    }
    for (const other of [...this.queries.values()]) {
      if (other.isActive && other.id === q.id) {
        this.err(`WARN StreamingQueryManager: Stopping existing streaming query [id=${other.id}, runId=${other.runId}], as a new run is being started.\n`);
        await other.stop();
      }
    }
    this.queries.set(q.runId, q);
  }

  /** @internal Checks a name before anything starts. */
  checkName(name: string | null): void {
    if (name === null) return;
    for (const other of this.queries.values()) {
      if (other.isActive && other.name === name) {
        throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Cannot start query with name ${name} as a query with that name is already active in this SparkSession` });
      }
    }
  }

  /** @internal A query terminated. */
  terminated(q: ManagedQuery): void {
    this.lastTerminated = q;
    this.terminatedSinceReset = true;
    const ws = this.waiters;
    this.waiters = [];
    for (const w of ws) w();
  }

  /** @internal Delivers an event to the listeners (and subscribers), in order. */
  post(e: StreamingQueryEvent): void {
    for (const s of this.subscribers) s(e);
    for (const l of [...this.listeners]) {
      try {
        if (e.type === 'started') l.onQueryStarted?.(e.event);
        else if (e.type === 'progress') l.onQueryProgress?.(e.event);
        else if (e.type === 'idle') l.onQueryIdle?.(e.event);
        else if (e.type === 'terminated') l.onQueryTerminated?.(e.event);
      } catch (err) {
        this.err(`WARN StreamingQueryListenerBus: Listener threw an exception: ${err instanceof Error ? err.message : String(err)}\n`);
      }
    }
  }
}
