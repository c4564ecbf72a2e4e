/** `.status`: the context state, the batch interval, the sources and the last batch's timings. */
import { formatDurationMs } from '../engine/format.js';
import { batchDelays } from '../engine/events.js';
import type { StreamFacts } from './facts.js';
import { dstreamIdle, formatQueries } from './query-status.js';

/** Formats an engine time as local `HH:MM:SS`, as batch reports show it. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/** Renders `.status` as plain lines. */
export function formatStatus(f: StreamFacts): string {
  const queries = formatQueries(f);
  // Only queries in use: the untouched ssc would only add noise.
  if (queries.length > 0 && dstreamIdle(f)) return queries.join('\n') + '\n';
  if (f.remote !== undefined) return `spark runs on the Spark Connect server at ${f.remote}: no streaming query yet.\n`;
  const lines: string[] = [];
  const clock = f.paused ? ' (batch clock paused: .step runs one batch, .resume lets it run)' : '';
  lines.push(`context:  ${f.state}, batch interval ${formatDurationMs(f.batchMs)}, master ${f.master}${clock}`);
  const outputs = f.graph.filter((n) => n.kind === 'output').map((n) => n.name);
  lines.push(`pipeline: ${f.graph.length} stream(s), output operations: ${outputs.length ? outputs.join(', ') : 'none'}`);
  if (f.sources.length === 0) lines.push('sources:  none');
  else {
    lines.push('sources:');
    for (const s of f.sources) {
      const extra = s.lastError ? ` — last error: ${s.lastError}` : s.lastMessage ? ` — ${s.lastMessage}` : '';
      lines.push(`  #${s.id} ${s.name}: ${s.state}, ${s.recordsReceived} record(s) received${extra}`);
    }
  }
  const last = f.recentBatches[f.recentBatches.length - 1];
  if (!last) lines.push('last batch: none yet');
  else {
    const d = batchDelays(last);
    const ms = (v: number | undefined): string => (v === undefined ? '?' : `${v} ms`);
    lines.push(
      `last batch: ${clockTime(last.batchTime)}, ${last.numRecords} record(s), scheduling delay ${ms(d.schedulingDelay)}, processing ${ms(d.processingTime)}, total ${ms(d.totalDelay)}`,
    );
  }
  if (f.lastError) lines.push(`last error: batch ${clockTime(f.lastError.batchTime)}: ${f.lastError.message}`);
  return [...lines, ...queries].join('\n') + '\n';
}
