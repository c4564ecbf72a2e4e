/**
 * The SQL / DataFrame tab, as Spark's SQL tab: every executed action (newest first) with its
 * description, submission time, duration, status and output rows; clicking one (its id goes in
 * the URL's #) draws its plan with the rows each operator emitted. The newest is shown first.
 */
import { formatClock, formatCount, formatDelay } from '../format.js';
import type { SqlExecutionView } from '../protocol-queries.js';
import { byId, el } from './dom.js';
import { renderPlanGraph } from './plan-graph.js';
import type { QueriesState } from './query-store.js';

function selected(executions: readonly SqlExecutionView[], hash: string): SqlExecutionView | undefined {
  const m = /^#(\d+)$/.exec(hash);
  const wanted = m ? Number(m[1]) : undefined;
  return executions.find((e) => e.executionId === wanted) ?? executions.at(-1);
}

/** Redraws the tab. */
export function renderSqlTab(state: QueriesState): void {
  const list = state.executions;
  const pick = selected(list, location.hash);
  byId('sql-title').textContent = `Completed Queries (${list.length})`;
  const body = byId<HTMLTableElement>('sql-list').tBodies[0]!;
  const rows = [...list].reverse().map((e) =>
    el(
      'tr',
      { class: `${e === pick ? 'selected' : ''}${e.status === 'failed' ? ' row-failed' : ''}`, attrs: { 'data-execution-id': String(e.executionId) } },
      el('td', { class: 'num' }, String(e.executionId)),
      el('td', {}, el('a', { attrs: { href: `#${e.executionId}` } }, e.description)),
      el('td', {}, formatClock(e.submissionTime)),
      el('td', { class: 'num' }, formatDelay(e.durationMs)),
      el('td', {}, el('span', { class: `status-${e.status === 'succeeded' ? 'completed' : 'failed'}` }, e.status)),
      el('td', { class: 'num' }, e.plan[0]?.rows === null || e.plan[0] === undefined ? '-' : formatCount(e.plan[0].rows)),
      el('td', { class: 'error-text' }, e.error ?? ''),
    ),
  );
  body.replaceChildren(
    ...(rows.length > 0
      ? rows
      : [el('tr', { class: 'empty-row' }, el('td', { attrs: { colspan: '7' } }, state.attached ? 'No DataFrame or SQL action has run yet: try spark.range(10).show().' : 'Waiting for the tspark shell…'))]),
  );
  const detail = byId('sql-detail');
  detail.hidden = pick === undefined;
  if (pick === undefined) return;
  byId('sql-detail-title').textContent = `Details for Query ${pick.executionId}`;
  byId('sql-detail-summary').textContent = `${pick.description}: submitted ${formatClock(pick.submissionTime)}, took ${formatDelay(pick.durationMs)}, ${pick.status}`;
  renderPlanGraph(byId('sql-plan'), pick.plan);
}
