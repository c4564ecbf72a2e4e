/**
 * The Windows section: for each windowed stream, a timeline of recent batches with a solid
 * bracket under the batches the current window covers and a dashed one over the previous window,
 * so a class sees the window slide by one slide interval per computation.
 */
import { formatClock, formatCount, formatInterval } from '../format.js';
import type { BatchView, ContextView, GraphNodeView } from '../protocol.js';
import { el, fill } from './dom.js';
import { windowTimeline, type WindowSpan } from './window-timeline.js';

function spanText(label: string, span: WindowSpan, batchMs: number): string {
  const records = span.records === null ? 'records not counted' : `${formatCount(span.records)} ${span.records === 1 ? 'record' : 'records'}`;
  const batches = `${formatCount(span.batches)} ${span.batches === 1 ? 'batch' : 'batches'}`;
  return `${label}: batches ${formatClock(span.start + batchMs)} – ${formatClock(span.end)}, ${batches}, ${records}`;
}

/** Redraws the windows section; hides it when no stream is windowed. */
export function renderWindows(section: HTMLElement, container: HTMLElement, graph: readonly GraphNodeView[], finished: readonly BatchView[], ctx: ContextView | null): void {
  const windowed = graph.filter((n) => n.windowMs !== null);
  section.hidden = windowed.length === 0 || ctx === null;
  if (section.hidden || ctx === null) return;
  const blocks = windowed.map((node) => {
    const windowMs = node.windowMs ?? ctx.batchMs;
    const slideMs = node.slideMs ?? ctx.batchMs;
    const parent = node.parents[0];
    // What entered the window in each batch: its parent's count, when the engine counted it then.
    const recordsOf = (b: BatchView): number | null => (parent !== undefined ? b.streamCounts[parent] : undefined) ?? null;
    const byTime = new Map(finished.map((b) => [b.batchTime, b]));
    const windowRecordsAt = (time: number): number | null => byTime.get(time)?.streamCounts[node.id] ?? null;
    const title = el(
      'div',
      { class: 'window-title' },
      el('code', {}, node.name),
      ` — window ${formatInterval(windowMs)}, slide ${formatInterval(slideMs)}`,
    );
    if (ctx.firstBatchTime === null) return el('div', { class: 'window-block' }, title, el('p', { class: 'empty' }, 'No batches yet.'));
    const t = windowTimeline({ batches: finished, batchMs: ctx.batchMs, windowMs, slideMs, firstBatchTime: ctx.firstBatchTime, recordsOf, windowRecordsAt });
    const n = t.cells.length;
    const grid = el('div', { class: 'timeline-grid', attrs: { 'data-window': String(node.id) } });
    grid.style.display = 'grid';
    grid.style.gridTemplateColumns = `repeat(${n}, 5.6rem)`;
    grid.style.overflowX = 'auto';
    const piece = (inSpan: (i: number) => boolean, kind: 'current' | 'previous', i: number): HTMLElement => {
      const on = inSpan(i);
      const first = on && !inSpan(i - 1);
      const lastPiece = on && !inSpan(i + 1);
      return el('div', { class: `piece piece-${kind}${on ? ' on' : ''}${first ? ' first' : ''}${lastPiece ? ' last' : ''}` });
    };
    const inPrev = (i: number): boolean => t.cells[i]?.inPrevious ?? false;
    const inCur = (i: number): boolean => t.cells[i]?.inCurrent ?? false;
    for (let i = 0; i < n; i++) grid.append(piece(inPrev, 'previous', i));
    t.cells.forEach((c) => {
      grid.append(
        el(
          'div',
          { class: `cell${c.inCurrent ? ' in-current' : ''}${c.inPrevious ? ' in-previous' : ''}`, attrs: { 'data-time': String(c.time) } },
          el('div', { class: 'cell-time' }, formatClock(c.time)),
          el('div', { class: 'cell-records' }, c.records === null ? '–' : formatCount(c.records)),
        ),
      );
    });
    for (let i = 0; i < n; i++) grid.append(piece(inCur, 'current', i));
    const legend = el(
      'div',
      { class: 'window-legend' },
      t.current ? el('div', { class: 'current' }, '▁ ', spanText('Current window (solid, below)', t.current, ctx.batchMs)) : 'No complete window yet.',
      t.previous ? el('div', { class: 'previous' }, '┄ ', spanText('Previous window (dashed, above)', t.previous, ctx.batchMs)) : null,
    );
    return el('div', { class: 'window-block' }, title, grid, legend);
  });
  fill(container, ...blocks);
}
