/**
 * The UI's view of one SparkSession: its streaming queries, followed through the public listener
 * API (`spark.streams.addListener`, so a Spark Connect session's queries appear too), and its
 * executed DataFrame/SQL actions. Each change becomes a protocol message. Bounded: at most
 * {@link MAX_QUERIES} queries (finished ones forgotten first), {@link MAX_POINTS} batch points
 * and {@link MAX_WINDOW_BATCHES} window batches per query, {@link MAX_EXECUTIONS} SQL actions,
 * and {@link MAX_PLAN_NODES} operators per plan.
 */
import type { SqlExecutionEvent } from '../sql/api/sql-executions.js';
import type { PlanNodeMetrics } from '../sql/exec/plan-metrics.js';
import type { StreamingQueryListenerLike } from '../sql/streaming/listener.js';
import type { QueryUiDetail } from '../sql/streaming/ui-detail.js';
import { errorText } from './model.js';
import { PROTOCOL_VERSION, type QueriesMessage, type ServerMessage } from './protocol.js';
import type { PlanNodeView, QueryPointView, QueryState, QueryView, SqlExecutionView, WindowBatchView } from './protocol-queries.js';
import { pointOf, progressJson, timeOf } from './progress-points.js';

/** Queries the UI remembers per session (Spark keeps `spark.sql.streaming.ui.retainedQueries` = 100; a class needs fewer). */
export const MAX_QUERIES = 20;
/** Batch points per query (Spark's `spark.sql.streaming.ui.retainedProgressUpdates` is 100). */
export const MAX_POINTS = 100;
/** Window batches per query for the watermark timeline. */
export const MAX_WINDOW_BATCHES = 60;
/** SQL actions remembered (Spark keeps 1000; each here carries its plan). */
export const MAX_EXECUTIONS = 200;
/** Operators drawn per plan; a larger plan is cut (and says so in its last node). */
export const MAX_PLAN_NODES = 300;

/** A query handle as the UI reads it: the local engine's has `uiDetail`. */
interface UiQueryHandle {
  readonly status: { readonly message: string };
  uiDetail?(): QueryUiDetail | null;
}

/** What the UI reads from a SparkSession: a structural subset, so the UI depends on no session internals. */
export interface UiSession {
  readonly isRemote: boolean;
  readonly clock: { now(): number };
  /** Set while a UI watches, so micro-batches record rows per operator and windows. */
  watchedByUi: boolean;
  readonly streams: {
    addListener(listener: StreamingQueryListenerLike): void;
    removeListener(listener: StreamingQueryListenerLike): void;
    get(id: string): UiQueryHandle | null;
  };
  /** Executed actions (the local engine only). */
  readonly sqlExecutions?: { subscribe(f: (e: SqlExecutionEvent) => void): () => void };
}

interface Tracked {
  query: QueryView;
  readonly points: QueryPointView[];
  readonly windows: WindowBatchView[];
  handle: UiQueryHandle | null;
}

/** Cuts a plan to {@link MAX_PLAN_NODES} operators (pre-order keeps the root and the top of the tree). */
export function planView(nodes: readonly PlanNodeMetrics[]): PlanNodeView[] {
  const kept = nodes.slice(0, MAX_PLAN_NODES);
  return kept.map((n) => ({ id: n.id, name: n.name, detail: n.detail, children: n.children.filter((c) => c < kept.length), rows: n.rows }));
}

/** Follows one session; `publish` receives every change. */
export class SessionModel {
  private readonly queries = new Map<string, Tracked>();
  private readonly executions: SqlExecutionView[] = [];
  private readonly listener: StreamingQueryListenerLike;
  private readonly offSql: (() => void) | undefined;

  constructor(
    private readonly session: UiSession,
    private readonly publish: (m: ServerMessage) => void,
  ) {
    session.watchedByUi = true;
    this.listener = {
      onQueryStarted: (e) => this.started(e.id, e.runId, e.name, timeOf(e.timestamp) ?? session.clock.now()),
      onQueryProgress: (e) => this.progressed(e.progress),
      onQueryTerminated: (e) => this.ended(e.runId, e.exception),
    };
    session.streams.addListener(this.listener);
    this.offSql = session.sqlExecutions?.subscribe((e) => this.executed(e));
  }

  /** Stops following the session. */
  detach(): void {
    this.session.watchedByUi = false;
    this.session.streams.removeListener(this.listener);
    this.offSql?.();
  }

  /** Everything the Structured Streaming and SQL tabs need. */
  snapshot(): QueriesMessage {
    const queries: QueryState[] = [...this.queries.values()].map((t) => ({ query: t.query, points: [...t.points], windows: [...t.windows] }));
    return { v: PROTOCOL_VERSION, type: 'queries', now: this.session.clock.now(), queries, executions: [...this.executions] };
  }

  /** The session's clock. */
  now(): number {
    return this.session.clock.now();
  }

  /** Status messages of active local queries that changed since the last call (the heartbeat asks). */
  poll(): ServerMessage[] {
    const out: ServerMessage[] = [];
    for (const t of this.queries.values()) {
      if (t.query.status !== 'active' || t.handle === null) continue;
      let message: string;
      try {
        message = t.handle.status.message;
      } catch {
        continue;
      }
      if (message === t.query.message) continue;
      t.query = { ...t.query, message };
      out.push(this.message(t, null, null));
    }
    return out;
  }

  private message(t: Tracked, point: QueryPointView | null, windows: WindowBatchView | null): ServerMessage {
    return { v: PROTOCOL_VERSION, type: 'query', now: this.session.clock.now(), query: t.query, point, windows };
  }

  private track(id: string, runId: string, name: string | null, startTime: number): Tracked {
    const known = this.queries.get(runId);
    if (known) return known;
    const t: Tracked = {
      query: { id, runId, name, status: 'active', message: 'Initializing sources', startTime, endTime: null, error: null, remote: this.session.isRemote, lastProgress: null, plan: null, planBatchId: null, result: null },
      points: [],
      windows: [],
      handle: null,
    };
    this.queries.set(runId, t);
    while (this.queries.size > MAX_QUERIES) {
      const victim = [...this.queries.entries()].find(([, q]) => q.query.status !== 'active') ?? [...this.queries.entries()][0]!;
      this.queries.delete(victim[0]);
    }
    return t;
  }

  private started(id: string, runId: string, name: string | null, at: number): void {
    const t = this.track(id, runId, name, at);
    this.publish(this.message(t, null, null));
  }

  private progressed(progress: unknown): void {
    const point = pointOf(progress);
    if (point === null) return;
    const t = this.track(point.id, point.runId, point.name, point.point.timestamp);
    t.points.push(point.point);
    while (t.points.length > MAX_POINTS) t.points.shift();
    let windows: WindowBatchView | null = null;
    const detail = this.detailOf(t);
    let plan = t.query.plan;
    let planBatchId = t.query.planBatchId;
    let result = t.query.result;
    if (detail !== null) {
      if (detail.plan !== null) {
        plan = planView(detail.plan);
        planBatchId = detail.planBatchId;
      }
      result = detail.result;
      const last = t.windows.at(-1)?.batchId ?? -1;
      const fresh = detail.windows.filter((w) => w.batchId > last && w.traces.length > 0);
      for (const w of fresh) {
        const trace = w.traces[0]!;
        windows = { batchId: w.batchId, lateWatermarkMs: trace.lateWatermarkMs, evictionWatermarkMs: trace.evictionWatermarkMs, emitsEvicted: trace.emitsEvicted, windows: trace.windows.map((e) => ({ ...e })) };
        t.windows.push(windows);
      }
      while (t.windows.length > MAX_WINDOW_BATCHES) t.windows.shift();
    }
    const message = t.handle !== null ? safeStatus(t.handle) ?? t.query.message : t.query.message;
    t.query = { ...t.query, message, lastProgress: progressJson(progress), plan, planBatchId, result };
    this.publish(this.message(t, point.point, windows));
  }

  /** The local engine's detail of a query (null for remote sessions, whose engine is elsewhere). */
  private detailOf(t: Tracked): QueryUiDetail | null {
    if (this.session.isRemote) return null;
    try {
      t.handle ??= this.session.streams.get(t.query.runId);
      return t.handle?.uiDetail?.() ?? null;
    } catch {
      return null;
    }
  }

  private ended(runId: string, exception: string | null): void {
    const t = this.queries.get(runId);
    if (!t) return;
    t.query = { ...t.query, status: exception === null ? 'finished' : 'failed', error: exception, endTime: this.session.clock.now(), message: 'Stopped' };
    this.publish(this.message(t, null, null));
  }

  private executed(e: SqlExecutionEvent): void {
    const view: SqlExecutionView = {
      executionId: e.executionId,
      description: e.description,
      submissionTime: e.submissionTime,
      durationMs: e.durationMs,
      status: e.status,
      error: e.error === null ? null : errorText(e.error),
      plan: planView(e.plan),
    };
    this.executions.push(view);
    while (this.executions.length > MAX_EXECUTIONS) this.executions.shift();
    this.publish({ v: PROTOCOL_VERSION, type: 'sqlExecution', now: this.session.clock.now(), execution: view });
  }
}

function safeStatus(h: UiQueryHandle): string | null {
  try {
    return h.status.message;
  } catch {
    return null;
  }
}
