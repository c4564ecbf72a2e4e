/**
 * The summary at the top: Spark's sentence ("Running batches of 1 second for …"), the state,
 * the master, and a note when the context on screen replaced one that stopped.
 */
import { formatClock, formatCount, formatInterval, summarySentence } from '../format.js';
import { byId } from './dom.js';
import type { PageState } from './store.js';

/** Redraws the summary block. */
export function renderSummary(state: PageState): void {
  const ctx = state.context;
  const summary = byId('summary');
  const stateEl = byId('ctx-state');
  if (ctx === null) {
    summary.textContent = 'Waiting for the tspark shell to create a StreamingContext…';
    return;
  }
  summary.textContent = summarySentence(ctx, state.now, state.totals);
  stateEl.textContent = ctx.paused ? `${ctx.state} (paused)` : ctx.state;
  stateEl.className = `state state-${ctx.paused ? 'PAUSED' : ctx.state}`;
  byId('ctx-master').textContent = ctx.master;
  byId('ctx-app').textContent = ctx.appName;
  byId('ctx-interval').textContent = formatInterval(ctx.batchMs);
  document.title = `${ctx.state === 'ACTIVE' ? '▶' : ctx.state === 'STOPPED' ? '■' : '◷'} Streaming Statistics - tspark`;

  const prev = byId('previous');
  const p = state.previous;
  if (p === null) {
    prev.hidden = true;
  } else {
    prev.hidden = false;
    const when = p.stopTime !== null ? ` at ${formatClock(p.stopTime)}` : '';
    const how = p.state === 'STOPPED' ? `stopped${when}` : `was replaced while ${p.state}`;
    prev.textContent =
      `Showing StreamingContext #${ctx.id}. The previous one (#${p.id}) ${how} after ` +
      `${formatCount(p.completedBatches)} completed batches and ${formatCount(p.totalRecords)} records.`;
  }
}
