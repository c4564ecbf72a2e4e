/**
 * StreamingQueryProgress in Spark's JSON shape (progress.scala › jsonValue): keys in Spark's
 * order, map-valued fields omitted when empty, NaN and infinite rates omitted, `name` null when
 * unset, timestamps as ISO UTC with milliseconds. `lastProgress` and `recentProgress` hand out
 * these plain objects (pyspark 3.5's dicts); `prettyJson` is the JVM's `prettyJson` text.
 */
import type { Offset } from '../sources/contract.js';
import type { StateOperatorProgress } from './operators/operator.js';

/** One source's part of a progress. */
export interface SourceProgress {
  description: string;
  startOffset: Offset;
  endOffset: Offset;
  latestOffset: Offset;
  numInputRows: number;
  inputRowsPerSecond?: number;
  processedRowsPerSecond?: number;
  metrics?: Record<string, string>;
}

/** The sink's part of a progress. */
export interface SinkProgress {
  description: string;
  numOutputRows: number;
  metrics?: Record<string, string>;
}

/** A micro-batch's progress, as pyspark 3.5's `lastProgress` dict. */
export interface StreamingQueryProgress {
  id: string;
  runId: string;
  name: string | null;
  timestamp: string;
  batchId: number;
  numInputRows: number;
  inputRowsPerSecond?: number;
  processedRowsPerSecond?: number;
  durationMs: Record<string, number>;
  eventTime?: Record<string, string>;
  stateOperators: StateOperatorProgress[];
  sources: SourceProgress[];
  sink: SinkProgress;
  observedMetrics?: Record<string, unknown>;
}

/** ISO-8601 UTC with milliseconds, as Spark formats progress timestamps. */
export function isoTimestamp(ms: number): string {
  return new Date(ms).toISOString();
}

/** A finite double, or undefined (Spark omits NaN and infinities). */
export function finite(x: number): number | undefined {
  return Number.isFinite(x) ? x : undefined;
}

/** An object with sorted keys, or undefined when empty (Spark's map fields). */
export function sortedMap<V>(m: Record<string, V>): Record<string, V> | undefined {
  const keys = Object.keys(m).sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, V> = {};
  for (const k of keys) out[k] = m[k]!;
  return out;
}

/** Drops undefined fields, keeping key order (how Spark's JNothing disappears from JSON). */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** The JVM's `prettyJson`: `"key" : value`, two-space indent. */
export function prettyJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const next = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((v) => prettyJson(v, next)).join(', ')} ]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{ }';
  return `{\n${entries.map(([k, v]) => `${next}${JSON.stringify(k)} : ${prettyJson(v, next)}`).join(',\n')}\n${indent}}`;
}
