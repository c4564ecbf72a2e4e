/**
 * The stateful-operator primitive of Structured Streaming: an operator of the analysed plan
 * (an aggregation, a deduplication, a stream-stream join, flatMapGroupsWithState …) that keeps
 * a state store between micro-batches. Each micro-batch's plan is the same batch plan with the
 * sources replaced by the batch's rows and each stateful node replaced by its operator's
 * `batchNode`, which the ordinary executor runs; the operator says only what is its own: how a
 * batch's rows meet its state, when state is evicted, and whether a batch without data is due.
 */
import type { PExternal, RExpr, RPlan } from '../../analysis/resolved.js';
import type { OutputMode } from '../../sources/contract.js';
import type { StateStore, StoreMetrics } from '../state/state-store.js';

/** What one micro-batch tells its stateful operators. */
export interface BatchInfo {
  readonly batchId: number;
  /** The trigger's time (ms), for processing-time timeouts and `current_timestamp()`. */
  readonly batchTimestampMs: number;
  /** Rows whose event time is at or before this (ms) are late and dropped: the previous batch's watermark. */
  readonly lateWatermarkMs: number;
  /** State whose event time is at or before this (ms) is evicted: this batch's watermark. */
  readonly evictionWatermarkMs: number;
  readonly outputMode: OutputMode;
  readonly shufflePartitions: number;
}

/** One entry of a progress' `stateOperators`, in Spark's key order. */
export interface StateOperatorProgress {
  operatorName: string;
  numRowsTotal: number;
  numRowsUpdated: number;
  allUpdatesTimeMs: number;
  numRowsRemoved: number;
  allRemovalsTimeMs: number;
  commitTimeMs: number;
  memoryUsedBytes: number;
  numRowsDroppedByWatermark: number;
  numShufflePartitions: number;
  numStateStoreInstances: number;
  customMetrics: Record<string, number>;
}

/** A stateful operator of a running query. */
export interface StatefulOperator {
  /** Spark's operator id: the order in which the planner meets stateful nodes, top down. */
  readonly operatorId: number;
  /** Spark's short name in progress (`stateStoreSave`, `dedupe`, `symmetricHashJoin` …). */
  readonly operatorName: string;
  /** The analysed node this operator runs. */
  readonly node: RPlan;
  /** The node replacing it in a micro-batch's plan; `inputs` are its children rewritten for the batch. */
  batchNode(inputs: readonly RPlan[], info: BatchInfo): PExternal;
  /** Whether a batch without new data should run now that the watermark is `newWatermarkMs` (Spark's shouldRunAnotherBatch). */
  shouldRunAnotherBatch(newWatermarkMs: number, last: BatchInfo): boolean;
  /** Loads the state as of version `version` (the state before batch `version` runs). */
  load(version: number): void;
  /** Writes version `version` (after batch `version − 1`). */
  commit(version: number): void;
  /** The last batch's figures. */
  progress(): StateOperatorProgress;
  /** The shape of its state (key and value), checked against the checkpoint's on restart. */
  stateSchema(): StateSchema;
  /** For the web UI's watermark timeline: starts recording what each batch did to each window (aggregations over a window with a watermark). */
  traceWindows?(): boolean;
  /** The last batch's window record (then forgotten), when tracing. */
  takeWindowTrace?(): WindowTrace | undefined;
}

/** What one batch did to one event-time window (times in ms; counts are keys, i.e. the window's groups). */
export interface WindowTraceEntry {
  readonly start: number;
  readonly end: number;
  /** Keys of this window still in state after the batch. */
  open: number;
  /** Keys this batch added to or changed in state. */
  updated: number;
  /** Keys the watermark evicted this batch (emitted, in append mode). */
  evicted: number;
  /** Late keys dropped: their window had ended by the previous batch's watermark (Spark's numRowsDroppedByWatermark). */
  dropped: number;
}

/** One batch's window record of one operator. */
export interface WindowTrace {
  readonly operatorId: number;
  /** The watermark rows were judged late by, and the one state was evicted by (ms). */
  readonly lateWatermarkMs: number;
  readonly evictionWatermarkMs: number;
  /** True when evicted windows were written to the sink (append mode). */
  readonly emitsEvicted: boolean;
  readonly windows: WindowTraceEntry[];
}

/** Collects a batch's window record as an operator meets keys; `window` is the key's window struct value. */
export class WindowTracer {
  private readonly byWindow = new Map<string, WindowTraceEntry>();

  constructor(
    private readonly operatorId: number,
    private readonly info: BatchInfo,
  ) {}

  /** Counts one key event on its window (a `[startMicros, endMicros]` struct). */
  add(window: unknown, what: 'open' | 'updated' | 'evicted' | 'dropped'): void {
    if (!Array.isArray(window)) return;
    const start = Math.floor(Number(window[0]) / 1000);
    const end = Math.floor(Number(window[1]) / 1000);
    const k = `${start}:${end}`;
    let e = this.byWindow.get(k);
    if (e === undefined) {
      e = { start, end, open: 0, updated: 0, evicted: 0, dropped: 0 };
      this.byWindow.set(k, e);
    }
    e[what]++;
  }

  /** The record, windows in event-time order. */
  finish(): WindowTrace {
    return {
      operatorId: this.operatorId,
      lateWatermarkMs: this.info.lateWatermarkMs,
      evictionWatermarkMs: this.info.evictionWatermarkMs,
      emitsEvicted: this.info.outputMode === 'append',
      windows: [...this.byWindow.values()].sort((a, b) => a.start - b.start || a.end - b.end),
    };
  }
}

/** The key and value shapes of an operator's state, as Spark's state schema file records them. */
export interface StateSchema {
  readonly operatorName: string;
  readonly keySchema: string;
  readonly valueSchema: string;
}

/** `struct<a:int,b:string>` of expressions or attributes (names and types). */
export function schemaText(items: ReadonlyArray<{ readonly dataType: { simpleString(): string }; readonly name?: string }>): string {
  return `struct<${items.map((x, i) => `${x.name ?? `_${i}`}:${x.dataType.simpleString()}`).join(',')}>`;
}

/** Times and counts every operator measures per batch. */
export class OperatorMetrics {
  updatesMs = 0;
  removalsMs = 0;
  droppedByWatermark = 0;

  /** The progress entry from these and the store's counts (then reset). */
  progress(name: string, store: StateStore<unknown>, partitions: number, extra: Record<string, number> = {}): StateOperatorProgress {
    const m: StoreMetrics = store.takeMetrics();
    const p: StateOperatorProgress = {
      operatorName: name,
      numRowsTotal: m.numRowsTotal,
      numRowsUpdated: m.numRowsUpdated,
      allUpdatesTimeMs: Math.round(this.updatesMs),
      numRowsRemoved: m.numRowsRemoved,
      allRemovalsTimeMs: Math.round(this.removalsMs),
      commitTimeMs: m.commitTimeMs,
      memoryUsedBytes: m.memoryUsedBytes,
      numRowsDroppedByWatermark: this.droppedByWatermark,
      numShufflePartitions: partitions,
      numStateStoreInstances: partitions,
      customMetrics: {
        loadedMapCacheHitCount: m.loadedMapCacheHitCount,
        loadedMapCacheMissCount: m.loadedMapCacheMissCount,
        stateOnCurrentVersionSizeBytes: m.stateOnCurrentVersionSizeBytes,
        ...extra,
      },
    };
    this.updatesMs = 0;
    this.removalsMs = 0;
    this.droppedByWatermark = 0;
    return p;
  }
}

/**
 * The event time (µs) of a key column that carries a watermark: the column itself for a
 * timestamp, `window.end` for a window struct (Spark evicts a window once its end is at or
 * before the watermark). Undefined when no key carries a watermark.
 */
export function watermarkKey(keys: readonly RExpr[]): { index: number; eventTime: (v: unknown) => number | null } | undefined {
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    if (k.k !== 'ref' || k.attr.watermarkDelayMs === undefined) continue;
    if (k.dataType.kind === 'struct') return { index: i, eventTime: (v) => (v === null ? null : ((v as unknown[])[1] as number | null)) };
    return { index: i, eventTime: (v) => v as number | null };
  }
  return undefined;
}

/** True when `eventTimeMicros` is at or before `watermarkMs` (Spark's `eventTime <= watermark`). */
export function behindWatermark(eventTimeMicros: number | null, watermarkMs: number): boolean {
  return eventTimeMicros !== null && eventTimeMicros <= watermarkMs * 1000;
}
