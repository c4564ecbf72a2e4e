/**
 * What a local query was started with, as the shell's `.status` and `.doctor` explain it: the
 * output mode, the trigger, the sink, the `withWatermark` columns and delays, and whether it
 * aggregates. Recorded by `writeStream.start()`; not part of the public API (the shell and the
 * UI read it through {@link querySettings}).
 */
import type { RPlan } from '../analysis/resolved.js';
import { planChildren } from '../analysis/resolved.js';
import type { OutputMode } from '../sources/contract.js';
import type { StreamingQuery } from './query.js';
import type { Trigger } from './trigger.js';

/** One `withWatermark(eventTime, delay)` of a query. */
export interface WatermarkSetting {
  readonly eventTime: string;
  readonly delayMs: number;
}

/** A local query's settings. */
export interface QuerySettings {
  readonly outputMode: OutputMode;
  readonly trigger: Trigger;
  /** The sink's format as given (`console`, `memory`, `foreachBatch` …). */
  readonly sink: string;
  readonly watermarks: readonly WatermarkSetting[];
  /** True when the plan has an aggregation (append mode then waits for the watermark). */
  readonly aggregates: boolean;
}

const settings = new WeakMap<StreamingQuery, QuerySettings>();
/** Handles by run id: `spark.streams` knows a run only once its sources are being started. */
const byRunId = new Map<string, WeakRef<StreamingQuery>>();

/** @internal Records what `query` was started with (writer.ts). */
export function recordQuerySettings(query: StreamingQuery, plan: RPlan, s: Omit<QuerySettings, 'watermarks' | 'aggregates'>): void {
  const watermarks: WatermarkSetting[] = [];
  let aggregates = false;
  const visit = (p: RPlan): void => {
    if (p.k === 'watermark') watermarks.push({ eventTime: p.eventTime.name, delayMs: p.delayMs });
    if (p.k === 'aggregate') aggregates = true;
    planChildren(p).forEach(visit);
  };
  visit(plan);
  settings.set(query, { ...s, watermarks, aggregates });
  for (const [id, ref] of byRunId) if (ref.deref() === undefined) byRunId.delete(id);
  byRunId.set(query.runId, new WeakRef(query));
}

/** @internal The handle of a local run, from the moment `start()` made it. */
export function queryForRun(runId: string): StreamingQuery | undefined {
  return byRunId.get(runId)?.deref();
}

/** @internal What `query` was started with; undefined for a remote query. */
export function querySettings(query: StreamingQuery): QuerySettings | undefined {
  return settings.get(query);
}
