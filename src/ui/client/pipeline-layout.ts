/**
 * Places the DStream graph on a grid for the pipeline picture: each operator in the column after
 * its deepest parent (so the picture reads left to right like the code), and in the row of its
 * first parent when that is free (so a chain stays on one line). Pure, so it is tested in Node.
 */
import type { GraphNodeView } from '../protocol.js';

/** Where one operator goes. */
export interface PlacedNode {
  readonly node: GraphNodeView;
  readonly col: number;
  readonly row: number;
}

/** The grid: placed operators and the edges between them, parent first. */
export interface PipelineLayout {
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly { readonly from: PlacedNode; readonly to: PlacedNode }[];
  readonly cols: number;
  readonly rows: number;
}

/** Lays out the graph; parents that are not in the graph are ignored rather than failing the picture. */
export function layoutPipeline(graph: readonly GraphNodeView[]): PipelineLayout {
  const byId = new Map(graph.map((n) => [n.id, n]));
  const depth = new Map<number, number>();
  const visiting = new Set<number>();
  const depthOf = (n: GraphNodeView): number => {
    const known = depth.get(n.id);
    if (known !== undefined) return known;
    if (visiting.has(n.id)) return 0; // a cycle cannot come from the engine; do not loop if it ever did
    visiting.add(n.id);
    let d = 0;
    for (const p of n.parents) {
      const parent = byId.get(p);
      if (parent) d = Math.max(d, depthOf(parent) + 1);
    }
    visiting.delete(n.id);
    depth.set(n.id, d);
    return d;
  };

  const ordered = [...graph].sort((a, b) => depthOf(a) - depthOf(b) || a.id - b.id);
  const taken = new Set<string>();
  const placed = new Map<number, PlacedNode>();
  for (const node of ordered) {
    const col = depthOf(node);
    const firstParent = node.parents.map((p) => placed.get(p)).find((p) => p !== undefined);
    let row = firstParent ? firstParent.row : 0;
    while (taken.has(`${col}:${row}`)) row += 1;
    taken.add(`${col}:${row}`);
    placed.set(node.id, { node, col, row });
  }

  const nodes = [...placed.values()];
  const edges = nodes.flatMap((to) =>
    to.node.parents.flatMap((p) => {
      const from = placed.get(p);
      return from ? [{ from, to }] : [];
    }),
  );
  return {
    nodes,
    edges,
    cols: nodes.reduce((m, n) => Math.max(m, n.col + 1), 0),
    rows: nodes.reduce((m, n) => Math.max(m, n.row + 1), 0),
  };
}
