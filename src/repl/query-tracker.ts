/**
 * Every Structured Streaming query started from the shell's SparkSessions (`writeStream.start()`
 * on `spark`, or on a session made from it): the tracker listens to each session's
 * `spark.streams` events and keeps, per run, its status, last micro-batch and totals, and the
 * exception it ended with, for `.status` and `.doctor`; it also says which queries run, so
 * Ctrl-C and `.pause`/`.step`/`.resume` can act on them.
 */
import type { SparkSession } from '../sql/api/session.js';
import type { StreamingQueryEvent, StreamingQueryStatus } from '../sql/streaming/listener.js';
import type { StreamingQueryManager } from '../sql/streaming/manager.js';
import type { StreamingQueryProgress } from '../sql/streaming/progress.js';
import type { StreamingQuery } from '../sql/streaming/query.js';
import { queryForRun, querySettings } from '../sql/streaming/query-settings.js';
import type { QueryFacts } from './facts.js';

/** Ended queries kept for `.status`/`.doctor` (the newest). */
const KEEP_ENDED = 5;

interface Tracked {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly manager: StreamingQueryManager;
  readonly startedAt: number;
  status: StreamingQueryStatus;
  lastProgress: StreamingQueryProgress | undefined;
  batches: number;
  inputRows: number;
  outputRows: number;
  lastBatchAt: number | undefined;
  exception: string | undefined;
  active: boolean;
  handle: StreamingQuery | undefined;
}

/** What the tracker reports to the shell as it happens. */
export interface QueryTrackerOptions {
  /** Query-clock time (ms). */
  readonly now: () => number;
  /** Every event, after the tracker recorded it. */
  readonly onEvent?: (e: StreamingQueryEvent) => void;
}

/** The queries of the shell's sessions. */
export class QueryTracker {
  private readonly watched = new WeakSet<object>();
  private readonly runs: Tracked[] = [];

  constructor(private readonly options: QueryTrackerOptions) {}

  /** Starts listening to `spark`'s queries (once per session). */
  watch(spark: SparkSession): void {
    const manager = spark.streams;
    if (this.watched.has(manager)) return;
    this.watched.add(manager);
    manager.onEvent((e) => {
      this.record(manager, e);
      this.options.onEvent?.(e);
    });
  }

  /** The handles of the active queries, oldest first. */
  active(): StreamingQuery[] {
    const out: StreamingQuery[] = [];
    for (const t of this.runs) {
      const h = t.active ? this.handleOf(t) : undefined;
      if (h !== undefined) out.push(h);
    }
    return out;
  }

  /** True while a query runs. */
  anyActive(): boolean {
    return this.runs.some((t) => t.active);
  }

  /** The facts of every tracked query: active ones first, then those that ended, newest first. */
  facts(): QueryFacts[] {
    const live = this.runs.filter((t) => t.active);
    const ended = this.runs.filter((t) => !t.active).reverse();
    return [...live, ...ended].map((t) => {
      const h = this.handleOf(t);
      return {
        id: t.id,
        runId: t.runId,
        name: t.name,
        active: t.active,
        status: this.statusOf(t, h),
        lastProgress: t.lastProgress,
        batches: t.batches,
        inputRows: t.inputRows,
        outputRows: t.outputRows,
        lastBatchAt: t.lastBatchAt,
        startedAt: t.startedAt,
        exception: t.exception,
        settings: h === undefined ? undefined : querySettings(h),
      };
    });
  }

  /** Marks a run ended by the shell (its own terminated event may never come: see ShellQueries.interrupted). */
  ended(runId: string, exception: string): void {
    const t = this.find(runId);
    if (t === undefined || !t.active) return;
    t.active = false;
    t.exception = exception;
    t.status = { message: `Terminated with exception: ${exception}`, isDataAvailable: false, isTriggerActive: false };
  }

  /** The handle: a local run's from its start, a remote one's once the manager has registered it. */
  private handleOf(t: Tracked): StreamingQuery | undefined {
    if (t.handle === undefined) {
      // The manager finds queries by their id; a later run of the same query is not this one.
      const found = queryForRun(t.runId) ?? t.manager.get(t.id) ?? undefined;
      if (found !== undefined && found.runId === t.runId) t.handle = found;
    }
    return t.handle;
  }

  /**
   * What the query does now: a remote query's status is asked of the server (it pushes progress
   * and termination events, not status changes); a local one's came with its events.
   */
  private statusOf(t: Tracked, h: StreamingQuery | undefined): StreamingQueryStatus {
    if (!t.active || h === undefined || queryForRun(t.runId) !== undefined) return { ...t.status };
    try {
      return { ...h.status };
    } catch {
      return { ...t.status };
    }
  }

  private find(runId: string): Tracked | undefined {
    return this.runs.find((t) => t.runId === runId);
  }

  private record(manager: StreamingQueryManager, e: StreamingQueryEvent): void {
    if (e.type === 'started') {
      this.runs.push({
        id: e.event.id,
        runId: e.event.runId,
        name: e.event.name,
        manager,
        startedAt: this.options.now(),
        status: { message: 'Initializing sources', isDataAvailable: false, isTriggerActive: false },
        lastProgress: undefined,
        batches: 0,
        inputRows: 0,
        outputRows: 0,
        lastBatchAt: undefined,
        exception: undefined,
        active: true,
        handle: undefined,
      });
      return;
    }
    const runId = e.type === 'status' ? e.runId : e.type === 'progress' ? e.event.progress.runId : e.event.runId;
    const t = this.find(runId);
    if (t === undefined) return;
    if (e.type === 'status') {
      t.status = { ...e.status };
      if (t.active) this.handleOf(t);
    } else if (e.type === 'progress') {
      const p = e.event.progress;
      t.lastProgress = p;
      t.batches++;
      t.inputRows += p.numInputRows;
      if (p.sink.numOutputRows > 0) t.outputRows += p.sink.numOutputRows;
      t.lastBatchAt = this.options.now();
    } else if (e.type === 'terminated') {
      t.active = false;
      t.exception ??= e.event.exception ?? undefined;
      const ended = this.runs.filter((r) => !r.active);
      for (const old of ended.slice(0, Math.max(0, ended.length - KEEP_ENDED))) this.runs.splice(this.runs.indexOf(old), 1);
    }
  }
}
