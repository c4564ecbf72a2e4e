/**
 * The pipeline picture: the DStream graph as boxes joined by arrows, each box with the records
 * that went through that operator in the last batch. Positions come from `layoutPipeline` on a
 * fixed grid, so nothing has to be measured and the arrows always meet the boxes.
 */
import { formatCount, formatInterval } from '../format.js';
import type { BatchView, GraphNodeView } from '../protocol.js';
import { el, fill } from './dom.js';
import { layoutPipeline } from './pipeline-layout.js';

const BOX_W = 210;
const BOX_H = 110;
const CELL_H = 140;
/** Room for an arrow between boxes: at least this much, at most the wide default. */
const MIN_GAP = 36;
const MAX_GAP = 80;
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Records through `node` in `batch`: the engine's count, or for an input what it received. */
export function recordsThrough(node: GraphNodeView, batch: BatchView | undefined): number | null {
  if (batch === undefined) return null;
  const counted = batch.streamCounts[node.id];
  if (counted !== undefined) return counted;
  if (node.kind === 'input') return batch.streamRecords[node.id] ?? null;
  return null;
}

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string>): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** Redraws the picture into `container` for the graph and the last finished batch. */
export function renderPipeline(container: HTMLElement, graph: readonly GraphNodeView[], last: BatchView | undefined): void {
  if (graph.length === 0) {
    fill(
      container,
      el('p', { class: 'empty' }, 'No operators yet: define a DStream, e.g. ', el('code', {}, 'ssc.socketTextStream("localhost", 9999)')),
    );
    return;
  }
  const layout = layoutPipeline(graph);
  // Fit the picture to the page when it can (a projector cannot scroll sideways comfortably).
  const available = container.clientWidth || 1200;
  const fitted = layout.cols > 1 ? Math.floor((available - BOX_W - 4) / (layout.cols - 1)) - BOX_W : MAX_GAP;
  const CELL_W = BOX_W + Math.max(MIN_GAP, Math.min(MAX_GAP, fitted));
  const width = (layout.cols - 1) * CELL_W + BOX_W + 4;
  const height = (layout.rows - 1) * CELL_H + BOX_H + 4;
  const canvas = el('div', { class: 'pipeline-canvas' });
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;

  const lines = svg('svg', { width: String(width), height: String(height), 'aria-hidden': 'true' });
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#5b6477', stroke: 'none' }));
  const defs = svg('defs', {});
  defs.append(marker);
  lines.append(defs);
  for (const { from, to } of layout.edges) {
    const x1 = from.col * CELL_W + BOX_W;
    const y1 = from.row * CELL_H + BOX_H / 2;
    const x2 = to.col * CELL_W - 2;
    const y2 = to.row * CELL_H + BOX_H / 2;
    const mid = (x1 + x2) / 2;
    lines.append(svg('path', { class: 'edge', d: `M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)' }));
  }
  canvas.append(lines);

  for (const { node, col, row } of layout.nodes) {
    const count = node.kind === 'output' ? null : recordsThrough(node, last);
    const op = node.kind === 'output' ? last?.outputOps.find((o) => o.id === node.id) : undefined;
    // pprint reads only its first records, so what flowed into it is known only as "at least".
    const atLeast = count !== null && last !== undefined && last.partialCounts.includes(node.id);
    const box = el(
      'div',
      {
        class: `op op-${node.kind}`,
        attrs: {
          'data-op': node.name,
          'data-id': String(node.id),
          'data-count': count === null ? '' : String(count),
          'data-partial': atLeast ? 'true' : 'false',
          'data-status': op?.status ?? '',
        },
        title: `${node.name} (DStream ${node.id}, ${node.kind})`,
      },
      el('span', { class: 'op-kind' }, node.kind === 'input' ? 'input' : node.kind === 'output' ? 'output' : 'transform'),
      el('span', { class: 'op-name' }, node.name),
      node.windowMs !== null
        ? el('span', { class: 'op-window' }, `window ${formatInterval(node.windowMs)} / slide ${formatInterval(node.slideMs ?? node.windowMs)}`)
        : null,
      node.kind === 'output'
        ? el(
            'span',
            { class: `op-status status-${op?.status === 'succeeded' ? 'completed' : op?.status === 'failed' ? 'failed' : op?.status === 'running' ? 'processing' : 'queued'}`, title: op?.error ?? '' },
            op === undefined ? 'not run yet' : op.status,
          )
        : count === null
        ? el('span', { class: 'op-count op-count-none' }, '–', el('small', {}, 'not counted'))
        : el(
            'span',
            { class: 'op-count', title: atLeast ? 'at least: the output read only the first records' : '' },
            `${atLeast ? '≥ ' : ''}${formatCount(count)}`,
            el('small', {}, count === 1 ? 'record' : 'records'),
          ),
    );
    box.style.left = `${col * CELL_W}px`;
    box.style.top = `${row * CELL_H}px`;
    box.style.width = `${BOX_W}px`;
    box.style.height = `${BOX_H}px`;
    canvas.append(box);
  }
  fill(container, canvas);
}
