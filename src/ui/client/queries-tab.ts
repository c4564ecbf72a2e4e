/**
 * The Structured Streaming tab: Spark's tables of active and completed queries (name, status,
 * id, run id, start, duration, average rates, latest batch) and, for the selected query (the
 * newest unless one was clicked; its run id in the URL's #), the charts, the watermark
 * timeline, the plan with rows per operator, the latest result and the last progress.
 */
import { formatClock, formatCount, formatElapsed, formatRate } from '../format.js';
import { byId, el } from './dom.js';
import { renderEventTimeline } from './event-time-timeline.js';
import { renderPlanGraph } from './plan-graph.js';
import { updateQueryCharts } from './query-charts.js';
import type { PageQuery, QueriesState } from './query-store.js';
import { renderResult } from './result-view.js';

const STATUS_TEXT = { active: 'RUNNING', finished: 'FINISHED', failed: 'FAILED' } as const;

function avg(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
}

/** The run id the page shows: the one in the URL's # if known, else the newest query. */
export function selectedRunId(state: QueriesState, hash: string): string | null {
  const wanted = decodeURIComponent(hash.replace(/^#/, ''));
  if (wanted !== '' && state.queries.has(wanted)) return wanted;
  const all = [...state.queries.values()];
  return all.at(-1)?.query.runId ?? null;
}

function row(q: PageQuery, now: number, selected: boolean, completed: boolean): HTMLTableRowElement {
  const v = q.query;
  const end = v.endTime ?? now;
  const inRate = avg(q.points.map((p) => p.inputRowsPerSecond));
  const procRate = avg(q.points.map((p) => p.processedRowsPerSecond));
  const link = el('a', { attrs: { href: `#${encodeURIComponent(v.runId)}` } }, v.name ?? '<no name>');
  const cells = [
    el('td', {}, link),
    el('td', {}, el('span', { class: `qstatus qstatus-${v.status}` }, STATUS_TEXT[v.status])),
    el('td', { class: 'mono' }, v.id),
    el('td', { class: 'mono' }, v.runId),
    el('td', {}, formatClock(v.startTime)),
    el('td', { class: 'num' }, formatElapsed(Math.max(0, end - v.startTime))),
    el('td', { class: 'num' }, inRate === null ? '-' : formatRate(inRate)),
    el('td', { class: 'num' }, procRate === null ? '-' : formatRate(procRate)),
    el('td', { class: 'num' }, q.points.length === 0 ? '-' : String(q.points.at(-1)!.batchId)),
  ];
  if (completed) cells.push(el('td', { class: 'error-text' }, v.error ?? ''));
  return el('tr', { class: selected ? 'selected' : '', attrs: { 'data-run-id': v.runId } }, ...cells);
}

function renderLists(state: QueriesState, selected: string | null): void {
  const all = [...state.queries.values()];
  const active = all.filter((q) => q.query.status === 'active');
  const done = all.filter((q) => q.query.status !== 'active').reverse();
  byId('sq-active-title').textContent = `Active Streaming Queries (${active.length})`;
  byId('sq-completed-title').textContent = `Completed Streaming Queries (${done.length})`;
  const fill = (id: string, qs: PageQuery[], completed: boolean, empty: string): void => {
    const body = byId<HTMLTableElement>(id).tBodies[0]!;
    const cols = completed ? 10 : 9;
    body.replaceChildren(
      ...(qs.length === 0 ? [el('tr', { class: 'empty-row' }, el('td', { attrs: { colspan: String(cols) } }, empty))] : qs.map((q) => row(q, state.now, q.query.runId === selected, completed))),
    );
  };
  fill('sq-active', active, false, state.attached ? 'No active streaming queries: start one with df.writeStream…start().' : 'Waiting for the tspark shell…');
  fill('sq-completed', done, true, 'None.');
}

function renderDetail(q: PageQuery | undefined, now: number): void {
  const section = byId('sq-detail');
  section.hidden = q === undefined;
  if (q === undefined) return;
  const v = q.query;
  byId('sq-title').textContent = `Streaming Query Statistics (${v.name ?? v.runId})`;
  const end = v.endTime ?? now;
  const batches = q.points.length;
  byId('sq-summary').textContent = `${v.status === 'active' ? 'Running' : 'Ran'} for ${formatElapsed(Math.max(0, end - v.startTime))} since ${formatClock(v.startTime)} (${formatCount(batches)} completed batch${batches === 1 ? '' : 'es'}, ${formatCount(q.points.reduce((n, p) => n + p.numInputRows, 0))} records)`;
  byId('sq-name').textContent = v.name ?? '<no name>';
  byId('sq-id').textContent = v.id;
  byId('sq-runid').textContent = v.runId;
  byId('sq-message').textContent = v.status === 'failed' ? `failed: ${v.error ?? ''}` : v.message;
  updateQueryCharts(q.points);
  renderEventTimeline(byId('sq-timeline-section'), byId('sq-timeline'), q.windows);
  const plan = byId('sq-plan');
  if (v.plan !== null) {
    byId('sq-plan-sub').textContent = `rows each operator emitted in batch ${v.planBatchId ?? '?'} (numOutputRows)`;
    renderPlanGraph(plan, v.plan);
  } else {
    byId('sq-plan-sub').textContent = v.remote ? 'the plan runs on the Spark Connect server' : 'no batch has run yet';
    plan.replaceChildren();
  }
  renderResult(byId('sq-result-chart'), byId<HTMLTableElement>('sq-result'), byId('sq-result-sub'), v.result, v.remote);
  byId('sq-progress').textContent = v.lastProgress ?? 'No progress yet.';
}

/** Redraws the tab. */
export function renderQueriesTab(state: QueriesState): void {
  const selected = selectedRunId(state, location.hash);
  renderLists(state, selected);
  renderDetail(selected === null ? undefined : state.queries.get(selected), state.now);
}
