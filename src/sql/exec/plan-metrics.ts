/**
 * Rows per operator (Spark's `numOutputRows` SQL metric) for the web UI's plan graphs. The
 * analysed plan is rewritten so that above every operator sits a pass-through filter whose
 * condition is a counting function: the filters are narrow, so the executor still fuses the
 * chain into one generated loop, and the counts are exact for what each operator emitted. It is
 * used only while a UI watches (a function call per row per operator is not free).
 */
import { exprSql } from '../analysis/pretty.js';
import type { RPlan } from '../analysis/resolved.js';
import { planChildren } from '../analysis/resolved.js';
import { BooleanType } from '../types/data-types.js';

/** One operator of a plan graph: Spark's operator name, its detail, its children (ids), and the rows it emitted. */
export interface PlanNodeMetrics {
  readonly id: number;
  readonly name: string;
  readonly detail: string;
  children: number[];
  /** Rows the operator emitted, or null when it was not counted (an operator whose input runs inside another). */
  rows: number | null;
}

/** A plan ready to run with counters, and the graph the counters fill in. */
export interface InstrumentedPlan {
  readonly plan: RPlan;
  /** Operators in pre-order (the root first). */
  readonly nodes: PlanNodeMetrics[];
}

const BOOL = new BooleanType();
const MAX_DETAIL = 160;

/** The short name and detail of an operator, as Spark's SQL tab labels its boxes. */
export function operatorLabel(p: RPlan): { name: string; detail: string } {
  const cut = (s: string): string => (s.length > MAX_DETAIL ? `${s.slice(0, MAX_DETAIL - 1)}…` : s);
  const list = (xs: readonly Parameters<typeof exprSql>[0][]): string => cut(xs.map((x) => exprSql(x)).join(', '));
  switch (p.k) {
    case 'local':
      return { name: p.inline ? 'LocalTableScan' : 'Scan ExistingRDD', detail: p.output.map((a) => a.name).join(', ') };
    case 'rdd':
      return { name: 'Scan ExistingRDD', detail: p.output.map((a) => a.name).join(', ') };
    case 'range':
      return { name: 'Range', detail: `(${p.start}, ${p.end}, step=${p.step})` };
    case 'scan':
      return { name: `Scan ${p.format}`, detail: cut(p.scan.describe()) };
    case 'project':
      return { name: 'Project', detail: list(p.exprs) };
    case 'filter':
      return { name: 'Filter', detail: cut(exprSql(p.condition)) };
    case 'aggregate':
      return { name: p.dedup ? 'Deduplicate' : 'HashAggregate', detail: `keys=[${list(p.groupings)}]` };
    case 'join':
      return { name: 'Join', detail: `${p.joinType}${p.fullCondition ? `, ${cut(exprSql(p.fullCondition))}` : ''}` };
    case 'sort':
      return { name: 'Sort', detail: list(p.order.map((o) => o.child)) };
    case 'limit':
      return { name: 'Limit', detail: String(p.n) };
    case 'offset':
    case 'tail':
      return { name: p.k === 'offset' ? 'Offset' : 'Tail', detail: String(p.n) };
    case 'union':
      return { name: 'Union', detail: '' };
    case 'intersect':
    case 'except':
      return { name: p.k === 'intersect' ? 'Intersect' : 'Except', detail: p.all ? 'all' : '' };
    case 'window':
      return { name: 'Window', detail: list(p.windowExprs) };
    case 'generate':
      return { name: 'Generate', detail: cut(exprSql(p.generator)) };
    case 'sample':
      return { name: 'Sample', detail: `${p.lower}, ${p.upper}` };
    case 'alias':
      return { name: 'SubqueryAlias', detail: p.alias };
    case 'repartition':
      return { name: p.shuffle ? 'Exchange' : 'Coalesce', detail: String(p.numPartitions) };
    case 'cached':
      return { name: 'InMemoryTableScan', detail: p.output.map((a) => a.name).join(', ') };
    case 'watermark':
      return { name: 'EventTimeWatermark', detail: `${p.eventTime.name}, ${p.delayMs} ms` };
    case 'streamSource':
      return { name: 'StreamingRelation', detail: p.output.map((a) => a.name).join(', ') };
    case 'external':
      return { name: p.name, detail: cut(p.text) };
    case 'groupsWithState':
      return { name: 'FlatMapGroupsWithState', detail: `keys=[${list(p.groupings)}]` };
  }
}

/** The node with its children replaced (same kind, same output). */
function withChildren(p: RPlan, kids: RPlan[]): RPlan {
  switch (p.k) {
    case 'local':
    case 'rdd':
    case 'range':
    case 'scan':
    case 'streamSource':
      return p;
    case 'external':
      return { ...p, children: kids };
    case 'join':
    case 'intersect':
    case 'except':
      return { ...p, left: kids[0]!, right: kids[1]! };
    case 'union':
      return { ...p, inputs: kids };
    default:
      return { ...p, input: kids[0]! } as RPlan;
  }
}

/**
 * Wraps every operator of `plan` in a counting filter. Nodes that do not run as operators of
 * their own (an alias, a watermark marker) are skipped in the graph; below a `cached` node, and
 * below an external operator that does not compute from the children it is given, operators are
 * drawn with `rows: null` (not counted).
 */
export function instrumentPlan(plan: RPlan): InstrumentedPlan {
  const nodes: PlanNodeMetrics[] = [];
  const visit = (p: RPlan, counted: boolean): { plan: RPlan; id: number | null; ids: number[] } => {
    if (p.k === 'alias' || p.k === 'watermark') {
      const inner = visit(p.input, counted);
      return { plan: { ...p, input: inner.plan }, id: inner.id, ids: inner.ids };
    }
    const { name, detail } = operatorLabel(p);
    const node: PlanNodeMetrics = { id: nodes.length, name, detail, children: [], rows: counted ? 0 : null };
    nodes.push(node);
    // Below an external operator that computes from its own copy of its input, counters would never see a row.
    const countKids = counted && p.k !== 'cached' && (p.k !== 'external' || p.computesGivenChildren === true);
    const kids = planChildren(p).map((k) => visit(k, countKids));
    node.children = kids.flatMap((k) => (k.id === null ? k.ids : [k.id]));
    if (!counted) return { plan: p, id: node.id, ids: [] };
    const rebuilt = countKids ? withChildren(p, kids.map((k) => k.plan)) : p;
    const wrapped: RPlan = {
      k: 'filter',
      input: rebuilt,
      output: p.output,
      condition: {
        k: 'udf',
        name: `numOutputRows#${node.id}`,
        fn: () => {
          node.rows = (node.rows ?? 0) + 1;
          return true;
        },
        args: [],
        raw: true,
        dataType: BOOL,
        nullable: false,
      },
    };
    return { plan: wrapped, id: node.id, ids: [] };
  };
  const out = visit(plan, true);
  return { plan: out.plan, nodes };
}
