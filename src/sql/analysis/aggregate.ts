/**
 * Planning GROUP BY: grouping by `window(…)` adds the windows as a generator below (as Spark's
 * TimeWindowing), every output expression must be built from grouping expressions and
 * aggregates (MISSING_AGGREGATION / MISSING_GROUP_BY otherwise), HAVING and ORDER BY may use
 * aggregates that are not in the output (computed as hidden columns, then projected away).
 */
import { AnalysisException } from '../errors.js';
import { exprSql } from './pretty.js';
import { hasAggregate, transform, walk } from './project.js';
import type { AttributeRef, PAggregate, RExpr, RPlan } from './resolved.js';
import { makeAttr, newExprId, ref, toAttribute } from './resolved.js';

/** Semantic equality of two resolved expressions (same text and same referenced columns). */
export function sameExpr(a: RExpr, b: RExpr): boolean {
  if (a.k === 'ref' && b.k === 'ref') return a.attr.id === b.attr.id;
  if (exprSql(a) !== exprSql(b)) return false;
  // Aggregates and generators keep some arguments outside their text (first's ignoreNulls, window durations).
  if ((a.k === 'agg' || a.k === 'gen') && (a.k !== b.k || JSON.stringify(a.extra) !== JSON.stringify((b as typeof a).extra))) return false;
  if (a.k === 'agg' && b.k === 'agg' && a.ignoreNulls !== b.ignoreNulls) return false;
  if (a.k === 'gen' && b.k === 'gen' && a.args.map((x) => exprSql(x)).join() !== b.args.map((x) => exprSql(x)).join()) return false;
  const ids = (e: RExpr): string => {
    const out: number[] = [];
    walk(e, (x) => {
      if (x.k === 'ref') out.push(x.attr.id);
    });
    return out.join(',');
  };
  return ids(a) === ids(b);
}

/** Moves `window(…)` groupings into a generator below and groups by its output column. */
function planTimeWindows(child: RPlan, groupings: readonly RExpr[]): [RPlan, RExpr[], Map<RExpr, RExpr>] {
  let node = child;
  const replaced = new Map<RExpr, RExpr>();
  const out = groupings.map((g) => {
    const inner = g.k === 'alias' ? g.child : g;
    if (inner.k !== 'gen' || inner.fn.name !== 'window') return g;
    const time = inner.args[0];
    const delay = time?.k === 'ref' ? time.attr.watermarkDelayMs : undefined;
    // The window column carries the event time's watermark, as Spark's TimeWindowing copies its metadata.
    const attr = { ...makeAttr(g.k === 'alias' ? g.name : 'window', inner.dataType, false), ...(delay === undefined ? {} : { watermarkDelayMs: delay }) };
    node = { k: 'generate', input: node, generator: inner, outer: false, generatorOutput: [attr], output: [...node.output, attr] };
    const r = ref(attr);
    replaced.set(inner, r);
    return r;
  });
  return [node, out, replaced];
}

function checkAggregateExpr(e: RExpr, groupings: readonly RExpr[]): void {
  walk(e, (x) => {
    if (x.k === 'agg' || x.k === 'over') return false;
    if (groupings.some((g) => sameExpr(g.k === 'alias' ? g.child : g, x))) return false;
    if (x.k === 'ref') {
      if (groupings.length === 0) throw new AnalysisException('MISSING_GROUP_BY');
      throw new AnalysisException('MISSING_AGGREGATION', {
        expression: `"${x.attr.name}"`,
        expressionAnyValue: `"any_value(${x.attr.name})"`,
      });
    }
    return undefined;
  });
}

function checkNoNestedAggregate(e: RExpr): void {
  walk(e, (x) => {
    if (x.k === 'agg') {
      for (const a of x.args) if (hasAggregate(a)) throw new AnalysisException('NESTED_AGGREGATE_FUNCTION');
      return false;
    }
    return undefined;
  });
}

/**
 * Plans an aggregation of `child` by `groupings` producing the named `aggregates`; `having` (a
 * condition over the output or aggregates) becomes a Filter above, with hidden columns as needed.
 */
export function planAggregate(child: RPlan, groupingsIn: readonly RExpr[], aggregatesIn: readonly RExpr[], having: RExpr | undefined): RPlan {
  const [input, groupings, windows] = planTimeWindows(child, groupingsIn);
  const aggregates = aggregatesIn.map((a) =>
    transform(a, (x) => {
      if (x.k !== 'gen') return undefined;
      for (const [g, r] of windows) if (sameExpr(g, x)) return r;
      return undefined;
    }),
  );
  for (const a of aggregates) {
    checkNoNestedAggregate(a);
    checkAggregateExpr(a, groupings);
  }
  const plain = groupings.map((g) => (g.k === 'alias' ? g.child : g));
  const session = plain.findIndex((g) => g.k === 'call' && g.fn.name === 'session_window');
  const node: PAggregate = { k: 'aggregate', input, groupings: plain, aggregates, output: aggregates.map((a) => toAttribute(a)), ...(session >= 0 ? { session } : {}) };
  if (having === undefined) return node;
  return planHavingLike(node, [having], (n, [cond]) => ({ k: 'filter', input: n, condition: cond!, output: n.output }));
}

/**
 * Puts a condition or ordering that may use aggregates on top of an aggregation: aggregate
 * calls already in the output are reused, others computed as hidden columns and projected away.
 */
export function planHavingLike(node: PAggregate, exprs: readonly RExpr[], build: (agg: RPlan, e: RExpr[]) => RPlan): RPlan {
  const hidden: RExpr[] = [];
  const rewritten = exprs.map((expr) => transform(expr, (x) => {
    if (x.k === 'agg') {
      const existing = node.aggregates.find((a) => sameExpr(a.k === 'alias' ? a.child : a, x));
      if (existing) return ref(toAttribute(existing));
      const alias: RExpr = { k: 'alias', child: x, name: exprSql(x), id: newExprId(), dataType: x.dataType, nullable: x.nullable };
      hidden.push(alias);
      return ref(toAttribute(alias));
    }
    if (x.k === 'ref' && !node.output.some((o) => o.id === x.attr.id)) {
      const g = node.groupings.find((gg) => sameExpr(gg, x));
      if (g) {
        const alias: RExpr = { k: 'alias', child: x, name: x.attr.name, id: newExprId(), dataType: x.dataType, nullable: x.nullable };
        hidden.push(alias);
        return ref(toAttribute(alias));
      }
    }
    return undefined;
  }));
  if (hidden.length === 0) return build(node, rewritten);
  const aggregates = [...node.aggregates, ...hidden];
  const wider: PAggregate = { ...node, aggregates, output: aggregates.map((a) => toAttribute(a)) };
  const top = build(wider, rewritten);
  const keep: AttributeRef[] = node.output.slice();
  return { k: 'project', input: top, exprs: keep.map(ref), output: keep };
}
