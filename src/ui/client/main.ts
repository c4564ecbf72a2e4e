/**
 * The page's entry point: connects to the shell, keeps the state, and redraws the parts a message
 * touched, at most once per animation frame so a fast stream cannot flood the browser.
 */
import { connect, type ConnectionStatus } from './connection.js';
import { createCharts, updateCharts } from './charts.js';
import { byId } from './dom.js';
import { initPager, renderBatches } from './batches-table.js';
import { renderPipeline } from './pipeline.js';
import { renderSources } from './sources-table.js';
import { applyMessage, emptyState, finishedBatches, type Changes } from './store.js';
import { renderSummary } from './summary.js';
import { renderWindows } from './windows.js';
import { applyQueryMessage, emptyQueriesState } from './query-store.js';
import { renderQueriesTab } from './queries-tab.js';
import { renderSqlTab } from './sql-tab.js';

/** The tab this page shows, by its path: /streaming/ (DStreams), /StreamingQuery/, /SQL/. */
type Tab = 'streaming' | 'structured' | 'sql';
const TAB: Tab = location.pathname.startsWith('/StreamingQuery') ? 'structured' : location.pathname.startsWith('/SQL') ? 'sql' : 'streaming';
const TITLES: Record<Tab, string> = { streaming: 'Streaming Statistics', structured: 'Structured Streaming', sql: 'SQL / DataFrame' };

const state = emptyState();
const queries = emptyQueriesState();
let queriesDirty = false;
let pending: { context: boolean; batches: boolean; sources: boolean } = { context: false, batches: false, sources: false };
let scheduled = false;

function draw(): void {
  scheduled = false;
  if (TAB !== 'streaming') {
    if (queriesDirty) {
      queriesDirty = false;
      if (TAB === 'structured') renderQueriesTab(queries);
      else renderSqlTab(queries);
    }
    return;
  }
  const todo = pending;
  pending = { context: false, batches: false, sources: false };
  const batchMs = state.context?.batchMs ?? 1000;
  if (todo.context) renderSummary(state);
  if (todo.batches || todo.context) {
    const finished = finishedBatches(state);
    renderPipeline(byId('pipeline'), state.graph, finished[finished.length - 1]);
    renderWindows(byId('windows-section'), byId('windows'), state.graph, finished, state.context);
  }
  if (todo.batches) {
    updateCharts(finishedBatches(state), batchMs);
    renderBatches(byId<HTMLTableElement>('batches'), state.batches, batchMs, state.totals.completedBatches);
  }
  if (todo.sources) renderSources(byId<HTMLTableElement>('sources'), state.sources);
}

function schedule(changes: Changes): void {
  pending = {
    context: pending.context || changes.all || changes.context,
    batches: pending.batches || changes.all || changes.batches,
    sources: pending.sources || changes.all || changes.sources,
  };
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(draw);
  }
}

function showStatus(s: ConnectionStatus): void {
  const conn = byId('conn');
  conn.className = `conn conn-${s.kind}`;
  conn.textContent = s.kind === 'live' ? 'live' : s.kind === 'connecting' ? 'connecting…' : `disconnected: ${s.reason}`;
}

function main(): void {
  for (const tab of ['streaming', 'structured', 'sql'] as const) {
    byId(`tab-${tab}`).hidden = tab !== TAB;
    byId(`tab-link-${tab}`).classList.toggle('current', tab === TAB);
  }
  byId('page-title').textContent = TITLES[TAB];
  document.title = `${TITLES[TAB]} - tspark`;
  if (TAB === 'streaming') {
    createCharts();
    initPager(() => schedule({ all: false, context: false, batches: true, sources: false }));
  }
  const redrawQueries = (): void => {
    queriesDirty = true;
    schedule({ all: false, context: false, batches: false, sources: false });
  };
  window.addEventListener('hashchange', redrawQueries);
  connect((m) => {
    const c = applyQueryMessage(queries, m);
    if (c.queries || c.executions) queriesDirty = true;
    schedule(applyMessage(state, m));
  }, showStatus);
  // The pipeline fits itself to the page width, so a resized window (or projector) redraws it.
  window.addEventListener('resize', () => schedule({ all: false, context: true, batches: false, sources: false }));
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
