/**
 * A query's latest result: the rows the sink got from the last batch as a table, and a bar
 * chart of its last numeric column labelled by the other columns (a word count's words, a
 * windowed count's window and key), largest first.
 */
import { formatCount } from '../format.js';
import type { ResultView } from '../protocol-queries.js';
import { el } from './dom.js';

/** Bars the chart shows at most. */
export const RESULT_BARS = 20;

/** The chart's bars: label and value, largest first (pure, for tests). */
export function resultBars(r: ResultView): Array<{ label: string; value: number }> {
  const numeric = r.columns.map((_c, i) => r.rows.length > 0 && r.rows.every((row) => row[i] === null || typeof row[i] === 'number'));
  const valueCol = numeric.lastIndexOf(true);
  if (valueCol < 0) return [];
  const labelCols = r.columns.map((_c, i) => i).filter((i) => i !== valueCol && !numeric[i]);
  return r.rows
    .map((row) => ({ label: labelCols.map((i) => String(row[i] ?? 'null')).join(' · ') || `row`, value: Number(row[valueCol] ?? 0) }))
    .sort((a, b) => b.value - a.value)
    .slice(0, RESULT_BARS);
}

/** Draws the table and chart. */
export function renderResult(chart: HTMLElement, table: HTMLTableElement, sub: HTMLElement, r: ResultView | null, remote: boolean): void {
  if (r === null) {
    sub.textContent = remote ? 'the query runs on the Spark Connect server: only its progress reaches this page' : 'no batch yet';
    chart.replaceChildren();
    table.tHead?.replaceChildren();
    table.tBodies[0]?.replaceChildren();
    return;
  }
  sub.textContent = `batch ${r.batchId}, ${r.outputMode} mode: ${formatCount(r.totalRows)} rows${r.totalRows > r.rows.length ? ` (first ${r.rows.length} shown)` : ''}`;
  const bars = resultBars(r);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const valueName = r.columns[r.columns.map((_c, i) => i).filter((i) => r.rows.every((row) => row[i] === null || typeof row[i] === 'number')).at(-1) ?? 0] ?? '';
  chart.replaceChildren(
    ...(bars.length === 0
      ? []
      : [
          el('p', { class: 'bar-caption' }, `${valueName} by ${r.columns.filter((c) => c !== valueName).join(', ')}`),
          ...bars.map((b) => {
            const fill = el('span', { class: 'bar-fill' });
            // Set through the CSSOM: the page's CSP refuses inline style attributes.
            fill.style.width = `${((b.value / max) * 100).toFixed(1)}%`;
            return el(
              'div',
              { class: 'bar-row', attrs: { 'data-label': b.label, 'data-value': String(b.value) } },
              el('span', { class: 'bar-label', title: b.label }, b.label),
              el('span', { class: 'bar-track' }, fill),
              el('span', { class: 'bar-value' }, formatCount(b.value)),
            );
          }),
        ]),
  );
  table.tHead?.replaceChildren(el('tr', {}, ...r.columns.map((c, i) => el('th', { title: r.types[i] ?? '' }, c))));
  const body = r.rows.map((row) => el('tr', {}, ...row.map((v) => el('td', { class: typeof v === 'number' ? 'num' : '' }, v === null ? 'null' : typeof v === 'number' ? String(v) : v))));
  table.tBodies[0]?.replaceChildren(...(body.length > 0 ? body : [el('tr', { class: 'empty-row' }, el('td', { attrs: { colspan: String(Math.max(1, r.columns.length)) } }, 'The last batch gave the sink no rows.'))]));
}
