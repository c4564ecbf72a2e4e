/**
 * `.status` and `.doctor` for Structured Streaming queries: pure functions of the
 * {@link QueryFacts} in a {@link StreamFacts} snapshot, so their wording is tested with tables.
 */
import type { QueryFacts, StreamFacts } from './facts.js';

/** `name [id = …]`, as Spark names a query in its messages. */
export function queryLabel(q: { readonly name: string | null; readonly id: string }): string {
  return q.name === null ? `[id = ${q.id}]` : `${q.name} [id = ${q.id}]`;
}

/** True when the DStream side has nothing to say: `ssc` not started and no pipeline built on it. */
export function dstreamIdle(f: StreamFacts): boolean {
  return f.state === 'INITIALIZED' && f.graph.length === 0 && f.sources.length === 0;
}

function rate(v: number | undefined): string | undefined {
  return v === undefined ? undefined : `${Math.round(v * 10) / 10}`;
}

function settingsLine(q: QueryFacts): string | undefined {
  const s = q.settings;
  if (s === undefined) return undefined;
  const t = s.trigger;
  const trigger = t.kind === 'processingTime' ? (t.intervalMs === 0 ? 'default trigger' : `trigger every ${t.intervalMs / 1000} s`) : `trigger ${t.kind}`;
  const wm = s.watermarks.map((w) => `watermark on ${w.eventTime} (delay ${w.delayMs / 1000} s)`);
  return [`${s.outputMode} mode`, `${s.sink} sink`, trigger, ...wm].join(', ');
}

function progressLine(q: QueryFacts): string {
  const p = q.lastProgress;
  if (p === undefined) return 'no micro-batch yet';
  const parts = [`${p.numInputRows} input row(s)`];
  if (p.sink.numOutputRows >= 0) parts.push(`${p.sink.numOutputRows} output row(s)`);
  const inRate = rate(p.inputRowsPerSecond);
  const procRate = rate(p.processedRowsPerSecond);
  if (inRate !== undefined) parts.push(`${inRate} rows/s in`);
  if (procRate !== undefined) parts.push(`${procRate} rows/s processed`);
  const total = p.durationMs['triggerExecution'];
  if (total !== undefined) parts.push(`${total} ms`);
  const wm = p.eventTime?.['watermark'];
  if (wm !== undefined) parts.push(`watermark ${wm}`);
  const state = p.stateOperators.reduce((n, s) => n + s.numRowsTotal, 0);
  if (p.stateOperators.length > 0) parts.push(`${state} state row(s)`);
  return `last batch ${p.batchId}: ${parts.join(', ')}`;
}

/** `.status` lines for the queries (none when there are none). */
export function formatQueries(f: StreamFacts): string[] {
  const qs = f.queries ?? [];
  if (qs.length === 0) return [];
  const active = qs.filter((q) => q.active).length;
  const clock = f.queriesPaused ? ' (query clock paused: .step runs one micro-batch, .resume lets them run)' : '';
  const lines = [`queries:  ${active} active${qs.length > active ? `, ${qs.length - active} ended` : ''}${clock}`];
  for (const q of qs) {
    const state = q.active ? q.status.message : q.exception !== undefined ? `failed: ${q.exception.split('\n')[0]}` : 'stopped';
    lines.push(`  ${queryLabel(q)}: ${state}`);
    const s = settingsLine(q);
    if (s !== undefined) lines.push(`    ${s}`);
    lines.push(`    ${progressLine(q)}`);
    if (q.batches > 1) lines.push(`    ${q.batches} micro-batch(es), ${q.inputRows} input row(s) in all`);
  }
  return lines;
}
