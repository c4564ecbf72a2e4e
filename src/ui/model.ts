/**
 * The UI's view of one StreamingContext: it listens to the context's events, keeps the last
 * batches (Spark's `spark.streaming.ui.retainedBatches`, 1000), the sources and the graph, and
 * turns each change into a protocol message. No sockets here, so it is tested on its own.
 */
import type { BatchInfo, ContextState, GraphNode, SourceInfo, StreamingEventListener } from '../engine/events.js';
import {
  PROTOCOL_VERSION,
  type BatchStatus,
  type BatchView,
  type ContextView,
  type GraphNodeView,
  type PreviousContext,
  type ServerMessage,
  type SnapshotMessage,
  type SourceView,
  type Totals,
} from './protocol.js';

/** What the UI reads from a StreamingContext: a structural subset, so the UI depends on no engine internals. */
export interface UiContext {
  readonly events: { on(listener: StreamingEventListener): () => void };
  readonly state: ContextState;
  readonly batchDurationMs: number;
  /** `setUiWebUrl` (when there) gives pyspark's `sc.uiWebUrl` the UI's address. */
  readonly sparkContext: { readonly master: string; readonly appName: string; setUiWebUrl?(url: string | undefined): void };
  readonly clock: { now(): number };
  /** True while the teaching clock is paused. */
  readonly paused: boolean;
  graph(): readonly GraphNode[];
  sources(): readonly SourceInfo[];
}

/** Spark keeps this many batches for its Streaming tab by default. */
export const RETAINED_BATCHES = 1000;

/** Turns an error of any kind into one line for the Error column. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return typeof error === 'string' ? error : String(error);
}

function toGraphView(nodes: readonly GraphNode[]): GraphNodeView[] {
  return nodes.map((n) => ({
    id: n.id,
    name: n.name,
    parents: [...n.parents],
    kind: n.kind,
    windowMs: n.windowMs ?? null,
    slideMs: n.slideMs ?? null,
  }));
}

/** Follows one context; `publish` receives every change as a message for the connected pages. */
export class ContextModel {
  readonly id: number;
  private readonly ssc: UiContext;
  private readonly publish: (message: ServerMessage) => void;
  private readonly retained: number;
  private readonly batches = new Map<number, BatchView>();
  /** Errors reported by `batchError` before the batch completes, by batch time. */
  private readonly batchErrors = new Map<number, string>();
  private readonly sourceViews = new Map<number, SourceView>();
  private graphView: GraphNodeView[];
  private graphKey: string;
  private startTime: number | null = null;
  private stopTime: number | null = null;
  private firstBatchTime: number | null = null;
  private completedBatches = 0;
  private totalRecords = 0;
  private lastState: ContextState;
  private lastPaused: boolean;
  private readonly unsubscribe: () => void;

  constructor(ssc: UiContext, id: number, publish: (message: ServerMessage) => void, retained = RETAINED_BATCHES) {
    this.ssc = ssc;
    this.id = id;
    this.publish = publish;
    this.retained = retained;
    this.graphView = toGraphView(ssc.graph());
    this.graphKey = JSON.stringify(this.graphView);
    this.lastState = ssc.state;
    this.lastPaused = ssc.paused;
    // Attached to a context that is already running: its start time is unknown, "now" is the honest bound.
    if (ssc.state !== 'INITIALIZED') this.startTime = ssc.clock.now();
    for (const s of ssc.sources()) this.sourceViews.set(s.id, this.toSourceView(s));
    this.unsubscribe = ssc.events.on(this.onEvent);
  }

  /** Stops listening to the context. */
  detach(): void {
    this.unsubscribe();
  }

  /** Everything a newly connected page needs. */
  snapshot(previous: PreviousContext | null): SnapshotMessage {
    return {
      v: PROTOCOL_VERSION,
      type: 'snapshot',
      now: this.ssc.clock.now(),
      context: this.contextView(),
      graph: this.graphView,
      batches: [...this.batches.values()].sort((a, b) => a.batchTime - b.batchTime),
      sources: [...this.sourceViews.values()].sort((a, b) => a.id - b.id),
      totals: this.totals(),
      previous,
    };
  }

  /** A short record of this context for the page that shows its successor. */
  summary(): PreviousContext {
    return {
      id: this.id,
      state: this.ssc.state,
      stopTime: this.stopTime,
      completedBatches: this.completedBatches,
      totalRecords: this.totalRecords,
    };
  }

  /**
   * Called on the server's heartbeat: picks up what has no event (operators added line by line
   * before `start()`, a state change the events missed) and returns the messages to send.
   */
  poll(): ServerMessage[] {
    const now = this.ssc.clock.now();
    const graph = toGraphView(this.ssc.graph());
    const key = JSON.stringify(graph);
    const state = this.ssc.state;
    const paused = this.ssc.paused;
    if (key !== this.graphKey || state !== this.lastState || paused !== this.lastPaused) {
      this.lastPaused = paused;
      this.graphView = graph;
      this.graphKey = key;
      if (state === 'STOPPED' && this.stopTime === null) this.stopTime = now;
      this.lastState = state;
      return [{ v: PROTOCOL_VERSION, type: 'context', now, context: this.contextView(), graph: this.graphView }];
    }
    return [{ v: PROTOCOL_VERSION, type: 'clock', now }];
  }

  private readonly onEvent: StreamingEventListener = (event) => {
    switch (event.type) {
      case 'contextStarted':
        this.startTime = event.time;
        this.stopTime = null;
        this.graphView = toGraphView(event.graph);
        this.graphKey = JSON.stringify(this.graphView);
        this.publishContext('ACTIVE');
        return;
      case 'contextStopped':
        this.stopTime = event.time;
        this.publishContext('STOPPED');
        return;
      case 'batchSubmitted':
        this.publishBatch(event.batch, 'queued');
        return;
      case 'batchStarted':
        this.publishBatch(event.batch, 'processing');
        return;
      case 'batchCompleted': {
        const failed = event.batch.outputOps.some((op) => op.status === 'failed') || this.batchErrors.has(event.batch.batchTime);
        this.completedBatches += 1;
        this.totalRecords += event.batch.numRecords;
        this.publishBatch(event.batch, failed ? 'failed' : 'completed');
        this.batchErrors.delete(event.batch.batchTime);
        this.refreshRates(event.batch);
        return;
      }
      case 'batchError': {
        if (!this.batchErrors.has(event.batchTime)) {
          this.batchErrors.set(event.batchTime, `${event.outputOp}: ${errorText(event.error)}`);
        }
        const known = this.batches.get(event.batchTime);
        if (known) this.store({ ...known, error: this.batchErrors.get(event.batchTime) ?? known.error });
        return;
      }
      case 'sourceStatus':
        this.publishSource(this.toSourceView(event.source));
        return;
      case 'sourceWarning':
        this.publishSource({ ...this.toSourceView(event.source), lastMessage: event.message });
        return;
    }
  };

  private publishContext(state: ContextState): void {
    this.lastState = state;
    this.publish({
      v: PROTOCOL_VERSION,
      type: 'context',
      now: this.ssc.clock.now(),
      context: this.contextView(state),
      graph: this.graphView,
    });
  }

  private publishBatch(info: BatchInfo, status: BatchStatus): void {
    if (this.firstBatchTime === null || info.batchTime < this.firstBatchTime) {
      this.firstBatchTime = info.batchTime;
      // The page aligns window pictures on it, and it arrives after contextStarted: tell the page.
      this.publishContext(this.lastState);
    }
    const view = this.toBatchView(info, status);
    this.store(view);
  }

  private store(view: BatchView): void {
    this.batches.set(view.batchTime, view);
    // Maps iterate in insertion order, and batches arrive in time order: the first key is the oldest.
    while (this.batches.size > this.retained) {
      const oldest = this.batches.keys().next().value;
      if (oldest === undefined) break;
      this.batches.delete(oldest);
    }
    this.publish({ v: PROTOCOL_VERSION, type: 'batch', now: this.ssc.clock.now(), batch: view, totals: this.totals() });
  }

  private publishSource(view: SourceView): void {
    this.sourceViews.set(view.id, view);
    this.publish({ v: PROTOCOL_VERSION, type: 'source', now: this.ssc.clock.now(), source: view });
  }

  /**
   * After each batch: each source's rate is its records in that batch, per second, and its
   * received total is read afresh (the engine counts records without an event per record).
   */
  private refreshRates(batch: BatchInfo): void {
    for (const info of this.ssc.sources()) {
      const view = this.sourceViews.get(info.id);
      const records = batch.streamRecords[info.id] ?? 0;
      const ratePerSec = (records * 1000) / this.ssc.batchDurationMs;
      const fresh: SourceView = { ...this.toSourceView(info), ratePerSec, lastMessage: view?.lastMessage ?? info.lastMessage ?? null };
      if (view === undefined || JSON.stringify(fresh) !== JSON.stringify(view)) this.publishSource(fresh);
    }
  }

  private toBatchView(b: BatchInfo, status: BatchStatus): BatchView {
    const failedOp = b.outputOps.find((op) => op.status === 'failed');
    const error = this.batchErrors.get(b.batchTime) ?? (failedOp ? `${failedOp.name}: ${failedOp.error ?? 'failed'}` : null);
    return {
      batchTime: b.batchTime,
      submissionTime: b.submissionTime,
      processingStartTime: b.processingStartTime ?? null,
      processingEndTime: b.processingEndTime ?? null,
      numRecords: b.numRecords,
      status,
      outputOpsSucceeded: b.outputOps.filter((op) => op.status === 'succeeded').length,
      outputOpsTotal: b.outputOps.length,
      outputOps: b.outputOps.map((op) => ({ id: op.id, name: op.name, status: op.status, error: op.error ?? null })),
      error,
      streamRecords: { ...b.streamRecords },
      streamCounts: { ...b.streamCounts },
      partialCounts: [...(b.partialCounts ?? [])],
    };
  }

  private toSourceView(s: SourceInfo): SourceView {
    const before = this.sourceViews.get(s.id);
    return {
      id: s.id,
      name: s.name,
      state: s.state,
      recordsReceived: s.recordsReceived,
      ratePerSec: before?.ratePerSec ?? 0,
      lastMessage: s.lastMessage ?? before?.lastMessage ?? null,
      lastError: s.lastError ?? null,
      lastErrorTime: s.lastErrorTime ?? null,
      partitions: s.partitions?.map((p) => ({ topic: p.topic, partition: p.partition, offset: p.offset, latest: p.latest ?? null })) ?? null,
      group: s.group ? { id: s.group.id, generation: s.group.generation, rebalances: s.group.rebalances.map((r) => ({ ...r, partitions: [...r.partitions] })) } : null,
    };
  }

  private contextView(state: ContextState = this.ssc.state): ContextView {
    return {
      id: this.id,
      state,
      master: this.ssc.sparkContext.master,
      appName: this.ssc.sparkContext.appName,
      batchMs: this.ssc.batchDurationMs,
      startTime: this.startTime,
      stopTime: this.stopTime,
      firstBatchTime: this.firstBatchTime,
      paused: this.ssc.paused,
    };
  }

  private totals(): Totals {
    return { completedBatches: this.completedBatches, totalRecords: this.totalRecords };
  }
}
