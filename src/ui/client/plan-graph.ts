/**
 * A plan drawn as Spark's SQL tab draws it: operators as boxes, the scans at the top and the
 * data flowing down to the root, each box with the rows the operator emitted (the engine's
 * `numOutputRows`, counted while the plan ran). Layout is a tidy tree: leaves take consecutive
 * columns and a parent sits centred over its children.
 */
import type { PlanNodeView } from '../protocol-queries.js';
import { formatCount } from '../format.js';
import { clip, svg, tip } from './svg.js';

const BOX_W = 250;
const BOX_H = 74;
const GAP_X = 24;
const GAP_Y = 40;

/** Box positions of a plan: column (may be fractional) and depth from the root, by node id. */
export function layoutPlan(nodes: readonly PlanNodeView[]): Map<number, { col: number; depth: number }> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const out = new Map<number, { col: number; depth: number }>();
  let nextLeaf = 0;
  const place = (id: number, depth: number, seen: Set<number>): number => {
    const n = byId.get(id);
    if (n === undefined || seen.has(id)) return nextLeaf;
    seen.add(id);
    const kids = n.children.filter((c) => byId.has(c) && !out.has(c));
    let col: number;
    if (kids.length === 0) col = nextLeaf++;
    else {
      const cols = kids.map((c) => place(c, depth + 1, seen));
      col = (Math.min(...cols) + Math.max(...cols)) / 2;
    }
    out.set(id, { col, depth });
    return col;
  };
  const root = nodes[0];
  if (root !== undefined) place(root.id, 0, new Set());
  return out;
}

/** Draws `nodes` (pre-order, root first) into `box`. */
export function renderPlanGraph(box: HTMLElement, nodes: readonly PlanNodeView[]): void {
  if (nodes.length === 0) {
    box.replaceChildren(Object.assign(document.createElement('p'), { className: 'empty', textContent: 'No plan.' }));
    return;
  }
  const pos = layoutPlan(nodes);
  const maxDepth = Math.max(...[...pos.values()].map((p) => p.depth));
  const cols = Math.max(...[...pos.values()].map((p) => p.col)) + 1;
  const width = cols * (BOX_W + GAP_X) + GAP_X;
  const height = (maxDepth + 1) * (BOX_H + GAP_Y) + GAP_Y;
  const xy = (id: number): { x: number; y: number } => {
    const p = pos.get(id)!;
    // Scans (deepest) at the top: data flows down to the root, as in Spark's SQL tab.
    return { x: GAP_X + p.col * (BOX_W + GAP_X), y: GAP_Y / 2 + (maxDepth - p.depth) * (BOX_H + GAP_Y) };
  };
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, class: 'plan-svg', role: 'img', 'aria-label': 'query plan' });
  root.append(
    svg('defs', {}, svg('marker', { id: 'plan-arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' }, svg('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#5b6477' }))),
  );
  for (const n of nodes) {
    if (!pos.has(n.id)) continue;
    const to = xy(n.id);
    for (const c of n.children) {
      if (!pos.has(c)) continue;
      const from = xy(c);
      const x1 = from.x + BOX_W / 2;
      const y1 = from.y + BOX_H;
      const x2 = to.x + BOX_W / 2;
      const y2 = to.y;
      root.append(svg('path', { class: 'plan-edge', d: `M${x1},${y1} C${x1},${(y1 + y2) / 2} ${x2},${(y1 + y2) / 2} ${x2},${y2 - 2}`, 'marker-end': 'url(#plan-arrow)' }));
    }
  }
  for (const n of nodes) {
    if (!pos.has(n.id)) continue;
    const { x, y } = xy(n.id);
    const rows = n.rows === null ? 'not counted' : `rows output: ${formatCount(n.rows)}`;
    root.append(
      svg(
        'g',
        { class: `plan-node${n.rows === null ? ' plan-node-uncounted' : ''}`, 'data-name': n.name, 'data-rows': n.rows === null ? '' : String(n.rows), transform: `translate(${x},${y})` },
        tip(`${n.name}\n${n.detail}\n${rows}`),
        svg('rect', { width: BOX_W, height: BOX_H, rx: 8 }),
        svg('text', { x: 10, y: 22, class: 'plan-name' }, clip(n.name, 26)),
        svg('text', { x: 10, y: 42, class: 'plan-detail' }, clip(n.detail, 34)),
        svg('text', { x: 10, y: 64, class: 'plan-rows' }, rows),
      ),
    );
  }
  box.replaceChildren(root);
}
