/**
 * The watermark timeline: event time runs left to right, each recent batch is a row, and each
 * window the batch touched is a bracket over its [start, end) — blue while it is open in state,
 * green with ✓ when the watermark passed its end and append mode emitted it (final), grey when
 * evicted without output (update mode), and a red ✕ with the count where late rows were dropped.
 * The red line is the watermark the batch ran with, joined across batches so it is seen to move.
 */
import { formatClock } from '../format.js';
import type { WindowBatchView } from '../protocol-queries.js';
import { el } from './dom.js';
import { layoutTimeline, type TimelineWindow } from './event-time-layout.js';
import { svg, tip } from './svg.js';

const LABEL_W = 120;
const LANE_H = 22;
const ROW_PAD = 14;
const AXIS_H = 34;

const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map((s) => s * 1000);

const STATE_TEXT: Record<TimelineWindow['state'], string> = {
  open: 'open (in state)',
  emitted: 'emitted (final)',
  evicted: 'evicted (no output in this mode)',
  late: 'closed: only late rows arrived',
};

function windowLabel(w: TimelineWindow, wide: boolean): string {
  const keys = (n: number): string => (wide ? `${n} key${n === 1 ? '' : 's'}` : String(n));
  if (w.state === 'emitted') return `✓ ${keys(w.evicted)}`;
  if (w.state === 'evicted') return `⌫ ${keys(w.evicted)}`;
  if (w.state === 'open') return keys(w.open);
  return '';
}

/** Draws the timeline into `box`; hides `section` when no windowed aggregation reported windows. */
export function renderEventTimeline(section: HTMLElement, box: HTMLElement, batches: readonly WindowBatchView[]): void {
  const layout = layoutTimeline(batches);
  section.hidden = layout === null;
  if (layout === null) return;
  const width = Math.max(720, box.clientWidth || 1200);
  const rowH = layout.lanes * LANE_H + ROW_PAD;
  const height = AXIS_H + layout.rows.length * rowH + 6;
  const span = Math.max(1, layout.t1 - layout.t0);
  const plotW = width - LABEL_W - 30;
  const x = (t: number): number => LABEL_W + ((t - layout.t0) / span) * plotW;
  const root = svg('svg', { width, height, class: 'wm-svg', role: 'img', 'aria-label': 'watermark timeline' });

  // Axis: about six ticks of event time, on a round step (windows are usually whole minutes).
  const step = NICE_STEPS.find((s) => span / s <= 8) ?? NICE_STEPS[NICE_STEPS.length - 1]!;
  for (let t = Math.ceil(layout.t0 / step) * step; t <= layout.t1; t += step) {
    root.append(svg('line', { class: 'wm-grid', x1: x(t), x2: x(t), y1: AXIS_H - 6, y2: height }));
    root.append(svg('text', { class: 'wm-tick', x: x(t), y: AXIS_H - 12, 'text-anchor': 'middle' }, formatClock(t)));
  }

  const wmPoints: string[] = [];
  layout.rows.forEach((row, i) => {
    const top = AXIS_H + i * rowH;
    const g = svg('g', { class: 'wm-row', 'data-batch': row.batchId });
    g.append(svg('rect', { class: i % 2 === 0 ? 'wm-band' : 'wm-band alt', x: 0, y: top, width, height: rowH }));
    g.append(svg('text', { class: 'wm-label', x: 8, y: top + rowH / 2 + 5 }, `Batch ${row.batchId}`));
    for (const w of row.windows) {
      const x0 = x(w.start) + 2;
      const x1 = x(w.end) - 2;
      const y = top + ROW_PAD / 2 + w.lane * LANE_H + 6;
      const hover = `window [${formatClock(w.start)}, ${formatClock(w.end)}): ${STATE_TEXT[w.state]}\nkeys in state: ${w.open}, updated this batch: ${w.updated}, evicted: ${w.evicted}, late keys dropped: ${w.dropped}`;
      const wg = svg('g', { class: `wm-window wm-${w.state}`, 'data-start': w.start, 'data-end': w.end, 'data-state': w.state, 'data-dropped': w.dropped }, tip(hover));
      wg.append(svg('path', { class: 'wm-bracket', d: `M${x0},${y + 8} L${x0},${y} L${x1},${y} L${x1},${y + 8}` }));
      const label = windowLabel(w, x1 - x0 > 120);
      if (label !== '') wg.append(svg('text', { class: 'wm-count', x: (x0 + x1) / 2, y: y + 15, 'text-anchor': 'middle' }, label));
      if (w.dropped > 0) wg.append(svg('text', { class: 'wm-late', x: x1 - 4, y: y + 15, 'text-anchor': 'end' }, `✕ ${w.dropped} late`));
      g.append(wg);
    }
    if (row.watermark > 0 && row.watermark >= layout.t0) {
      const wx = x(row.watermark);
      g.append(svg('line', { class: 'wm-line', x1: wx, x2: wx, y1: top + 2, y2: top + rowH - 2 }, tip(`watermark ${formatClock(row.watermark)}: windows ending at or before it are final`)));
      wmPoints.push(`${wx},${top + rowH / 2}`);
    } else {
      g.append(svg('text', { class: 'wm-none', x: width - 10, y: top + rowH / 2 + 5, 'text-anchor': 'end' }, 'no watermark yet'));
    }
    root.append(g);
  });
  if (wmPoints.length > 1) root.append(svg('polyline', { class: 'wm-path', points: wmPoints.join(' ') }));

  const legend = el(
    'p',
    { class: 'wm-legend' },
    el('span', { class: 'lg lg-open' }, '⊓ open window (keys in state)'),
    el('span', { class: 'lg lg-emitted' }, '✓ emitted: the watermark passed its end'),
    el('span', { class: 'lg lg-evicted' }, '⌫ evicted (update mode: already output)'),
    el('span', { class: 'lg lg-late' }, '✕ late rows dropped'),
    el('span', { class: 'lg lg-wm' }, '┃ watermark'),
  );
  box.replaceChildren(legend, root);
}
