/**
 * `.doctor` for Structured Streaming queries: why does a query print nothing? A query that
 * failed (its exception; a socket source that could not connect, with what to start), a query
 * that has read no rows yet, append mode waiting for the watermark to pass a window, a long
 * trigger interval, a paused clock, or no query running at all.
 */
import type { QueryFacts, StreamFacts } from './facts.js';
import { queryLabel } from './query-status.js';

/** One finding about the queries: a stable id (for tests) and the advice shown. */
export interface QueryFinding {
  readonly id: 'query-failed' | 'query-source-not-connected' | 'query-no-data' | 'query-waiting-for-watermark' | 'query-long-trigger' | 'query-paused' | 'query-stopped';
  readonly advice: string;
}

/** Trigger intervals from which a quiet query is worth a word (ms). */
const LONG_TRIGGER_MS = 3000;

function refused(q: QueryFacts): RegExpExecArray | null {
  return q.exception === undefined ? null : /Connection refused \(([^:)]+):(\d+)\)/.exec(q.exception);
}

function utc(ms: number): string {
  return new Date(ms).toISOString();
}

function ended(q: QueryFacts): QueryFinding | undefined {
  const label = queryLabel(q);
  const r = refused(q);
  if (r !== null) {
    return {
      id: 'query-source-not-connected',
      advice:
        `Query ${label} failed at start: its socket source could not connect to ${r[1]}:${r[2]}\n` +
        `    (Connection refused: nothing listens there). In another terminal run: npx tspark nc -lk ${r[2]}\n` +
        '    then start the query again (run the writeStream … start() line again).',
    };
  }
  if (q.exception !== undefined) {
    return { id: 'query-failed', advice: `Query ${label} terminated with an exception:\n    ${q.exception.split('\n')[0]}\n    query.exception() has it in full; fix the cause and start the query again.` };
  }
  return undefined;
}

function quiet(q: QueryFacts, f: StreamFacts): QueryFinding[] {
  const label = queryLabel(q);
  const out: QueryFinding[] = [];
  const s = q.settings;
  const sources = q.lastProgress?.sources.map((src) => src.description) ?? [];
  const from = sources.length > 0 ? ` from ${sources.join(', ')}` : '';
  if (q.inputRows === 0) {
    const socket = sources.some((d) => d.startsWith('TextSocket'));
    out.push({
      id: 'query-no-data',
      advice:
        `Query ${label} has read no rows yet${from} (${q.status.message}).\n` +
        (socket ? '    Type some lines into the netcat terminal (npx tspark nc -lk <port>).' : '    Feed its source: write lines, add files, or addData() on a MemoryStream.'),
    });
  } else if (s !== undefined && s.outputMode === 'append' && s.aggregates && s.watermarks.length > 0 && q.outputRows === 0) {
    const wm = q.lastProgress?.eventTime?.['watermark'];
    const state = q.lastProgress?.stateOperators.reduce((n, o) => n + o.numRowsTotal, 0) ?? 0;
    const w = s.watermarks.map((x) => `${x.eventTime} minus ${x.delayMs / 1000} s`).join(', ');
    out.push({
      id: 'query-waiting-for-watermark',
      advice:
        `Query ${label} is in append mode: a window is written once, when the watermark passes its end.\n` +
        `    The watermark is ${wm ?? 'not set yet'} (the latest event time seen: ${w}); ${state} window(s) wait in state.\n` +
        '    Rows with later event times move it on; outputMode("update") shows windows as they change.',
    });
  }
  const t = s?.trigger;
  if (t !== undefined && t.kind === 'processingTime' && t.intervalMs >= LONG_TRIGGER_MS) {
    const now = f.queryNow ?? f.now;
    const since = q.lastBatchAt ?? q.startedAt;
    const next = Math.floor(since / t.intervalMs) * t.intervalMs + t.intervalMs;
    const wait = next > now ? `; the next in about ${Math.ceil((next - now) / 1000)} s` : '';
    out.push({
      id: 'query-long-trigger',
      advice: `Query ${label} runs a micro-batch every ${t.intervalMs / 1000} s (trigger processingTime)${wait}:\n    rows that arrive meanwhile wait for it.`,
    });
  }
  return out;
}

/** Runs every check on the queries; an empty list means nothing looks wrong with them. */
export function diagnoseQueries(f: StreamFacts): QueryFinding[] {
  const qs = f.queries ?? [];
  const active = qs.filter((q) => q.active);
  const out: QueryFinding[] = [];
  for (const q of active) out.push(...quiet(q, f));
  if (active.length > 0 && f.queriesPaused) out.push({ id: 'query-paused', advice: 'The query clock is paused: .step runs one micro-batch, .resume lets them run' });
  // An ended query matters only while no query started after it runs.
  const last = qs.filter((q) => !q.active)[0];
  if (last !== undefined && !active.some((q) => q.startedAt >= last.startedAt)) {
    const e = ended(last);
    if (e !== undefined) out.push(e);
    else if (active.length === 0) out.push({ id: 'query-stopped', advice: `Query ${queryLabel(last)} was stopped; start it again with its writeStream … start() line.` });
  }
  return out;
}
