/**
 * Reads a StreamingQueryProgress (Spark's JSON shape, as `lastProgress` returns it locally and as
 * a Spark Connect server sends it) into the chart point of one batch. The progress is read as
 * unknown and narrowed field by field: a server's progress may carry fields tspark does not, or
 * lack some; a missing number is null, never a guess.
 */
import type { QueryPointView } from './protocol-queries.js';

/** Largest progress JSON kept as text for the page (a huge source description is cut). */
const MAX_PROGRESS_TEXT = 16 * 1024;

function rec(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function numOrNull(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  // Spark's JSON writes longs as numbers, but a proto bridge may hand them over as strings.
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return null;
}

/** ms since the epoch of an ISO timestamp (`2024-01-01T12:00:00.000Z`), or null. */
export function timeOf(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? t : null;
}

/** The query's ids and the batch point of a progress, or null when it is not a progress. */
export function pointOf(progress: unknown): { id: string; runId: string; name: string | null; point: QueryPointView } | null {
  const p = rec(progress);
  if (p === undefined || typeof p['id'] !== 'string' || typeof p['runId'] !== 'string') return null;
  const batchId = numOrNull(p['batchId']);
  const timestamp = timeOf(p['timestamp']);
  if (batchId === null || batchId < 0 || timestamp === null) return null;
  const durationMs: Record<string, number> = {};
  for (const [k, v] of Object.entries(rec(p['durationMs']) ?? {})) {
    const n = numOrNull(v);
    if (n !== null && /^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(k)) durationMs[k] = n;
  }
  const eventTime = rec(p['eventTime']) ?? {};
  const ops = Array.isArray(p['stateOperators']) ? p['stateOperators'].map(rec).filter((o) => o !== undefined) : [];
  const sum = (key: string): number | null => (ops.length === 0 ? null : ops.reduce((n, o) => n + (numOrNull(o[key]) ?? 0), 0));
  return {
    id: p['id'],
    runId: p['runId'],
    name: typeof p['name'] === 'string' ? p['name'] : null,
    point: {
      batchId: Math.trunc(batchId),
      timestamp,
      numInputRows: Math.max(0, Math.trunc(numOrNull(p['numInputRows']) ?? 0)),
      inputRowsPerSecond: numOrNull(p['inputRowsPerSecond']),
      processedRowsPerSecond: numOrNull(p['processedRowsPerSecond']),
      durationMs,
      watermark: timeOf(eventTime['watermark']),
      eventTimeMin: timeOf(eventTime['min']),
      eventTimeMax: timeOf(eventTime['max']),
      stateRows: sum('numRowsTotal'),
      droppedByWatermark: sum('numRowsDroppedByWatermark'),
      sinkRows: numOrNull(rec(p['sink'])?.['numOutputRows']) ?? -1,
    },
  };
}

/** The progress as indented JSON for the page (cut when huge). */
export function progressJson(progress: unknown): string {
  const text = JSON.stringify(progress, null, 2) ?? 'null';
  return text.length > MAX_PROGRESS_TEXT ? `${text.slice(0, MAX_PROGRESS_TEXT)}\n…` : text;
}
