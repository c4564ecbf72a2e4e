/**
 * What the engine tells the outside world: the shell prints from these, the web UI pushes them
 * to the browser. One discriminated union, in the spirit of Spark's StreamingListener.
 */

/** Lifecycle states, as Spark's `StreamingContextState`. */
export type ContextState = 'INITIALIZED' | 'ACTIVE' | 'STOPPED';

/** Connection state of a source, as reported by its receiver. */
export type SourceState = 'initialized' | 'connecting' | 'connected' | 'retrying' | 'closed' | 'stopped';

/** One output operation of a batch (a pprint, a foreachRDD, a saveAsTextFiles). */
export interface OutputOpInfo {
  readonly id: number;
  readonly name: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  startTime?: number;
  endTime?: number;
  error?: string;
}

/** Timings and sizes of one batch; times are engine-clock milliseconds. */
export interface BatchInfo {
  /** The batch time: a multiple of the batch interval. */
  readonly batchTime: number;
  /** When the batch was generated (its tick). */
  readonly submissionTime: number;
  processingStartTime?: number;
  processingEndTime?: number;
  /** Records received by all input streams for this batch. */
  numRecords: number;
  /** Records per input stream id. */
  readonly streamRecords: Record<number, number>;
  readonly outputOps: OutputOpInfo[];
  /** Records that went through each DStream (by DStream id) in this batch, where counted. */
  readonly streamCounts: Record<number, number>;
  /** Ids in `streamCounts` whose count is a lower bound (an output such as pprint read only the first records). */
  partialCounts?: number[];
}

/** Scheduling delay = processing start − submission; processing time = end − start; total = end − submission. */
export function batchDelays(b: BatchInfo): {
  schedulingDelay?: number;
  processingTime?: number;
  totalDelay?: number;
} {
  const out: { schedulingDelay?: number; processingTime?: number; totalDelay?: number } = {};
  if (b.processingStartTime !== undefined) out.schedulingDelay = b.processingStartTime - b.submissionTime;
  if (b.processingStartTime !== undefined && b.processingEndTime !== undefined) {
    out.processingTime = b.processingEndTime - b.processingStartTime;
    out.totalDelay = b.processingEndTime - b.submissionTime;
  }
  return out;
}

/** A source as the shell's `.status` and the UI's Sources table show it. */
export interface SourceInfo {
  readonly id: number;
  /** e.g. "socketTextStream localhost:9999" */
  readonly name: string;
  state: SourceState;
  recordsReceived: number;
  lastMessage?: string;
  lastError?: string;
  lastErrorTime?: number;
}

/** A node of the DStream graph, for the pipeline picture. */
export interface GraphNode {
  readonly id: number;
  /** The operator that made it: "socketTextStream", "flatMap", "reduceByKey", "pprint" … */
  readonly name: string;
  readonly parents: readonly number[];
  readonly kind: 'input' | 'transform' | 'output';
  /** Window and slide in ms, for windowed streams. */
  readonly windowMs?: number;
  readonly slideMs?: number;
}

export type StreamingEvent =
  | { readonly type: 'contextStarted'; readonly time: number; readonly batchMs: number; readonly graph: readonly GraphNode[] }
  | { readonly type: 'contextStopped'; readonly time: number; readonly graceful: boolean }
  | { readonly type: 'batchSubmitted'; readonly batch: BatchInfo }
  | { readonly type: 'batchStarted'; readonly batch: BatchInfo }
  | { readonly type: 'batchCompleted'; readonly batch: BatchInfo }
  | { readonly type: 'batchError'; readonly batchTime: number; readonly outputOp: string; readonly error: unknown }
  | { readonly type: 'sourceStatus'; readonly source: SourceInfo }
  | { readonly type: 'sourceWarning'; readonly source: SourceInfo; readonly message: string };

export type StreamingEventListener = (event: StreamingEvent) => void;

/** A small synchronous event hub; a listener that throws is dropped from the report, never from the engine. */
export class EventHub {
  private listeners = new Set<StreamingEventListener>();

  on(listener: StreamingEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: StreamingEvent): void {
    for (const l of this.listeners) {
      try {
        l(event);
      } catch {
        // A broken listener (a UI socket gone away) must not fail a batch.
      }
    }
  }
}
