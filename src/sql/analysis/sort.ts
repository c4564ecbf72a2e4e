/**
 * ORDER BY: orders resolve against the child's columns; an ordinal (`ORDER BY 1`) is a
 * position in the SELECT list; a column the SELECT dropped (`SELECT name … ORDER BY age`) or an
 * aggregate not in the output (`ORDER BY count(*)`) is computed as a hidden column and
 * projected away afterwards, as Spark's ResolveMissingReferences does.
 */
import { AnalysisException } from '../errors.js';
import type { LogicalPlan, Sort } from '../plan/relations.js';
import { planHavingLike } from './aggregate.js';
import type { Analyzer } from './analyzer.js';
import { resolveExpr, stripAlias } from './resolve-expr.js';
import type { PProject, RExpr, RPlan, RSortOrder } from './resolved.js';
import { ref, toAttribute } from './resolved.js';

function sortNode(input: RPlan, order: RSortOrder[], global: boolean): RPlan {
  return { k: 'sort', input, order, global, output: input.output };
}

/** Plans a Sort node. */
export function planSort(plan: Sort, a: Analyzer): RPlan {
  const child = a.analyze(plan.input);
  const scope = a.scope(child.output, [plan.input]);
  const resolved: Array<{ expr: RExpr | undefined; error: unknown; o: Sort['order'][number] }> = plan.order.map((o) => {
    const c = o.child;
    if (c.kind === 'literal' && typeof c.value === 'number' && Number.isInteger(c.value)) {
      const at = child.output[c.value - 1];
      if (at === undefined) throw new AnalysisException('ORDER_BY_POS_OUT_OF_RANGE', { index: String(c.value), size: String(child.output.length) });
      return { expr: ref(at), error: undefined, o };
    }
    try {
      return { expr: stripAlias(resolveExpr(c, scope)), error: undefined, o };
    } catch (e) {
      return { expr: undefined, error: e, o };
    }
  });
  const failed = resolved.filter((r) => r.expr === undefined || hasAgg(r.expr));
  if (failed.length === 0) return sortNode(child, resolved.map((r) => ({ child: r.expr!, direction: r.o.direction, nulls: r.o.nulls })), plan.global);
  // Missing references: look below a Project or an Aggregate (also under HAVING's Filter).
  if (child.k === 'filter' && child.input.k === 'aggregate') {
    const agg = child.input;
    const aggScope = a.scope(agg.input.output, [plan.input]);
    const orders = resolved.map((r) => ({ child: r.expr ?? stripAlias(resolveExpr(r.o.child, aggScope)), direction: r.o.direction, nulls: r.o.nulls }));
    return planHavingLike(agg, [child.condition, ...orders.map((o) => o.child)], (wider, [cond, ...keys]) =>
      sortNode({ k: 'filter', input: wider, condition: cond!, output: wider.output }, keys.map((k, i) => ({ child: k, direction: orders[i]!.direction, nulls: orders[i]!.nulls })), plan.global),
    );
  }
  const below = child.k === 'aggregate' ? child : undefined;
  if (below !== undefined) {
    const aggScope = a.scope(below.input.output, [plan.input]);
    const orders = resolved.map((r) => ({ child: r.expr ?? stripAlias(resolveExpr(r.o.child, aggScope)), direction: r.o.direction, nulls: r.o.nulls }));
    return planHavingLike(below, orders.map((o) => o.child), (agg, keys) =>
      sortNode(agg, keys.map((k, i) => ({ child: k, direction: orders[i]!.direction, nulls: orders[i]!.nulls })), plan.global),
    );
  }
  const proj = findProject(child);
  if (proj === undefined) {
    if (failed[0]!.error !== undefined) throw failed[0]!.error;
    throw new AnalysisException('LEGACY_ANALYSIS', { message: 'ORDER BY uses an aggregate over a plan that has no GROUP BY to compute it in' });
  }
  const innerScope = a.scope(proj.input.output, [plan.input as LogicalPlan]);
  const orders = resolved.map((r) => ({ child: r.expr ?? stripAlias(resolveExpr(r.o.child, innerScope)), direction: r.o.direction, nulls: r.o.nulls }));
  const have = new Set(proj.output.map((x) => x.id));
  const missing = proj.input.output.filter((x) => orders.some((o) => refersTo(o.child, x.id)) && !have.has(x.id));
  const widened: PProject = { ...proj, exprs: [...proj.exprs, ...missing.map(ref)], output: [...proj.output, ...missing] };
  const rebuilt = child === proj ? widened : { ...child, input: widened, output: widened.output } as RPlan;
  const sorted = sortNode(rebuilt, orders, plan.global);
  return { k: 'project', input: sorted, exprs: proj.output.map(ref), output: proj.output.map((x) => toAttribute(ref(x))) };
}

function findProject(p: RPlan): PProject | undefined {
  if (p.k === 'project') return p;
  if (p.k === 'filter' && p.input.k === 'project') return p.input;
  return undefined;
}

function refersTo(e: RExpr, id: number): boolean {
  if (e.k === 'ref') return e.attr.id === id;
  if ('args' in e && Array.isArray(e.args)) return (e.args as RExpr[]).some((x) => refersTo(x, id));
  if ('child' in e && e.child && typeof e.child === 'object') return refersTo(e.child as RExpr, id);
  return false;
}

function hasAgg(e: RExpr): boolean {
  if (e.k === 'agg') return true;
  if ('args' in e && Array.isArray(e.args)) return (e.args as RExpr[]).some(hasAgg);
  if ('child' in e && e.child && typeof e.child === 'object') return hasAgg(e.child as RExpr);
  return false;
}
