/**
 * The Batches table: newest first, paged, with Spark's columns (batch time, records, scheduling
 * delay, processing time, total delay, output ops succeeded/total) plus status and error.
 */
import { formatBatchTime, formatCount, formatDelay } from '../format.js';
import type { BatchView } from '../protocol.js';
import { byId, el, fill } from './dom.js';

/** Rows per page. */
export const PAGE_SIZE = 10;

let page = 0;
let redraw: () => void = () => undefined;

/** Wires the pager buttons; `onChange` redraws the table. */
export function initPager(onChange: () => void): void {
  redraw = onChange;
  byId<HTMLButtonElement>('page-newer').addEventListener('click', () => {
    page = Math.max(0, page - 1);
    redraw();
  });
  byId<HTMLButtonElement>('page-older').addEventListener('click', () => {
    page += 1;
    redraw();
  });
}

const delayOf = (from: number | null, to: number | null): number | null => (from === null || to === null ? null : to - from);

function row(b: BatchView, batchMs: number): HTMLTableRowElement {
  const pct = b.outputOpsTotal === 0 ? 0 : (100 * b.outputOpsSucceeded) / b.outputOpsTotal;
  const fillBar = el('div', { class: 'ops-fill' });
  fillBar.style.width = `${pct}%`;
  return el(
    'tr',
    { class: b.status === 'failed' ? 'row-failed' : '', attrs: { 'data-batch-time': String(b.batchTime), 'data-status': b.status } },
    el('td', {}, formatBatchTime(b.batchTime, batchMs)),
    el('td', { class: 'num' }, `${formatCount(b.numRecords)} ${b.numRecords === 1 ? 'record' : 'records'}`),
    el('td', { class: 'num' }, formatDelay(delayOf(b.submissionTime, b.processingStartTime))),
    el('td', { class: 'num' }, formatDelay(delayOf(b.processingStartTime, b.processingEndTime))),
    el('td', { class: 'num' }, formatDelay(delayOf(b.submissionTime, b.processingEndTime))),
    el('td', {}, el('span', { class: 'ops' }, el('span', { class: 'ops-bar', attrs: { 'aria-hidden': 'true' } }, fillBar), `${b.outputOpsSucceeded}/${b.outputOpsTotal}`)),
    el('td', {}, el('span', { class: `status-${b.status}` }, b.status)),
    el('td', {}, b.error === null ? '' : el('span', { class: 'error-text' }, b.error)),
  );
}

/** Redraws the current page of the table from all batches (oldest first). */
export function renderBatches(table: HTMLTableElement, batches: readonly BatchView[], batchMs: number, totalCompleted: number): void {
  const body = table.tBodies[0];
  if (!body) return;
  const pages = Math.max(1, Math.ceil(batches.length / PAGE_SIZE));
  page = Math.min(page, pages - 1);
  const newestFirst = [...batches].reverse();
  const shown = newestFirst.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE);
  if (shown.length === 0) {
    fill(body, el('tr', { class: 'empty-row' }, el('td', { attrs: { colspan: '8' } }, 'No batches yet: they start after ', el('code', {}, 'ssc.start()'), '.')));
  } else {
    fill(body, ...shown.map((b) => row(b, batchMs)));
  }
  byId('page-info').textContent = `Page ${page + 1} of ${pages}`;
  byId<HTMLButtonElement>('page-newer').disabled = page === 0;
  byId<HTMLButtonElement>('page-older').disabled = page >= pages - 1;
  const running = batches.filter((b) => b.status === 'processing').length;
  const waiting = batches.filter((b) => b.status === 'queued').length;
  byId('batches-title').textContent =
    `Batches (newest first: ${running} running, ${waiting} waiting, ${formatCount(totalCompleted)} completed` +
    (batches.length < totalCompleted ? `, last ${formatCount(batches.length)} kept)` : ')');
}
