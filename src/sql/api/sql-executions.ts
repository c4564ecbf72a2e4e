/**
 * The session's record of executed DataFrame / SQL actions for the web UI's SQL tab (Spark's
 * SQLAppStatusListener in spirit): each `collect`, `show`, `count`, `write` … is posted with its
 * description, times, its plan as a graph of operators, and the rows each operator emitted.
 * Nothing is counted or posted while nobody listens, so a session without a UI pays nothing.
 */
import type { RPlan } from '../analysis/resolved.js';
import { instrumentPlan, type PlanNodeMetrics } from '../exec/plan-metrics.js';

/** One executed action, as the SQL tab lists it. */
export interface SqlExecutionEvent {
  /** Counts executions of this session from 0 (Spark's execution id). */
  readonly executionId: number;
  /** The action (`show`, `collect`, `count`, `write.parquet` …). */
  readonly description: string;
  /** Submission time on the session's clock (ms). */
  readonly submissionTime: number;
  /** Wall time the action took (ms). */
  readonly durationMs: number;
  readonly status: 'succeeded' | 'failed';
  readonly error: string | null;
  /** Operators in pre-order, root first, with the rows each emitted. */
  readonly plan: readonly PlanNodeMetrics[];
}

/** Posts each action of a session to its subscribers. */
export class SqlExecutionTracker {
  private readonly listeners = new Set<(e: SqlExecutionEvent) => void>();
  private nextId = 0;

  constructor(private readonly now: () => number) {}

  /** Subscribes; returns the unsubscribe function. */
  subscribe(f: (e: SqlExecutionEvent) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  /** Runs `f` on `plan` (with row counters when someone listens) and posts the execution. */
  run<T>(description: string, plan: RPlan, f: (plan: RPlan) => T): T {
    if (this.listeners.size === 0) return f(plan);
    const counted = instrumentPlan(plan);
    const submissionTime = this.now();
    const t0 = performance.now();
    const post = (status: 'succeeded' | 'failed', error: string | null): void => {
      const e: SqlExecutionEvent = {
        executionId: this.nextId++,
        description,
        submissionTime,
        durationMs: performance.now() - t0,
        status,
        error,
        plan: counted.nodes,
      };
      for (const l of [...this.listeners]) {
        try {
          l(e);
        } catch {
          // A listener (the UI) that fails must not fail the user's action.
        }
      }
    };
    let out: T;
    try {
      out = f(counted.plan);
    } catch (err) {
      post('failed', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
      throw err;
    }
    post('succeeded', null);
    return out;
  }
}
