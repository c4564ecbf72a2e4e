import { describe, expect, it } from 'vitest';
import { layoutPipeline } from '../../../src/ui/client/pipeline-layout.js';
import type { GraphNodeView } from '../../../src/ui/protocol.js';

const node = (id: number, name: string, parents: number[], kind: GraphNodeView['kind'] = 'transform'): GraphNodeView => ({
  id,
  name,
  parents,
  kind,
  windowMs: null,
  slideMs: null,
});

const places = (graph: GraphNodeView[]): string[] =>
  layoutPipeline(graph).nodes.map((p) => `${p.node.name}@${p.col},${p.row}`);

describe('layoutPipeline', () => {
  it('puts a word-count chain on one row, left to right', () => {
    const graph = [
      node(0, 'socketTextStream', [], 'input'),
      node(1, 'flatMap', [0]),
      node(2, 'map', [1]),
      node(3, 'reduceByKey', [2]),
      node(4, 'pprint', [3], 'output'),
    ];
    expect(places(graph)).toEqual(['socketTextStream@0,0', 'flatMap@1,0', 'map@2,0', 'reduceByKey@3,0', 'pprint@4,0']);
    const layout = layoutPipeline(graph);
    expect(layout.cols).toBe(5);
    expect(layout.rows).toBe(1);
    expect(layout.edges.map((e) => `${e.from.node.id}->${e.to.node.id}`)).toEqual(['0->1', '1->2', '2->3', '3->4']);
  });

  it('places a join after its deepest parent and gives the second input its own row', () => {
    const graph = [
      node(0, 'clicks', [], 'input'),
      node(1, 'impressions', [], 'input'),
      node(2, 'map', [0]),
      node(3, 'join', [2, 1]),
      node(4, 'pprint', [3], 'output'),
    ];
    expect(places(graph)).toEqual(['clicks@0,0', 'impressions@0,1', 'map@1,0', 'join@2,0', 'pprint@3,0']);
  });

  it('stacks two outputs of one stream in one column', () => {
    const graph = [node(0, 'queueStream', [], 'input'), node(1, 'pprint', [0], 'output'), node(2, 'foreachRDD', [0], 'output')];
    expect(places(graph)).toEqual(['queueStream@0,0', 'pprint@1,0', 'foreachRDD@1,1']);
  });

  it('ignores parents that are not in the graph instead of failing', () => {
    expect(places([node(5, 'map', [99])])).toEqual(['map@0,0']);
    expect(layoutPipeline([node(5, 'map', [99])]).edges).toEqual([]);
  });

  it('draws nothing for an empty graph', () => {
    expect(layoutPipeline([])).toEqual({ nodes: [], edges: [], cols: 0, rows: 0 });
  });
});
