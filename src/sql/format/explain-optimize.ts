/**
 * What `explain()` prints as the physical plan is Spark's plan after its optimizer, so the
 * analysed plan is rewritten the way Spark's rules would rewrite it before it is printed (the
 * executor runs its own plan; this is for the text only): views and aliases disappear
 * (EliminateSubqueryAliases), adjacent projections merge (CollapseProject) and identity ones go
 * (RemoveNoopOperators), filters gain `isnotnull` for the columns their comparisons reject NULL
 * in (InferFiltersFromConstraints), a computed GROUP BY key is projected below the aggregate
 * (PullOutGroupingExpressions), aggregates read only the columns they use (ColumnPruning), and
 * projections and filters over inline VALUES fold into them (ConvertToLocalRelation).
 */
import { exprSql } from '../analysis/pretty.js';
import { transform } from '../analysis/project.js';
import type { AttributeRef, PAggregate, PLocal, PProject, RExpr, RPlan } from '../analysis/resolved.js';
import { makeAttr, ref, toAttribute } from '../analysis/resolved.js';
import type { ScalarFunction } from '../functions/function.js';
import { lookupFunction, lookupOperator } from '../functions/registry.js';
import { BooleanType } from '../types/data-types.js';

/** The attribute ids an expression reads. */
function refs(e: RExpr, out: Set<number> = new Set()): Set<number> {
  transform(e, (x) => {
    if (x.k === 'ref') out.add(x.attr.id);
    return undefined;
  });
  return out;
}

function isInline(p: RPlan): p is PLocal {
  return p.k === 'local' && p.inline === true;
}

function inlineWith(output: readonly AttributeRef[]): PLocal {
  return { k: 'local', partitions: [], output, inline: true };
}

/** `Project` whose output is its child's output, in order (Spark's RemoveNoopOperators). */
function isIdentity(p: PProject): boolean {
  const kid = p.input.output;
  return p.exprs.length === kid.length && p.exprs.every((e, i) => e.k === 'ref' && e.attr.id === kid[i]!.id && e.attr.name === kid[i]!.name);
}

/** Merges `outer` over `inner` by substituting the inner definitions (Spark's CollapseProject). */
function collapse(outer: PProject, inner: PProject): PProject | undefined {
  const defs = new Map<number, RExpr>();
  for (const e of inner.exprs) if (e.k === 'alias') defs.set(e.id, e.child);
  // Spark keeps both when merging would compute a non-trivial expression more than once.
  const uses = new Map<number, number>();
  for (const e of outer.exprs) for (const id of refs(e)) uses.set(id, (uses.get(id) ?? 0) + 1);
  for (const [id, n] of uses) {
    const d = defs.get(id);
    if (d !== undefined && n > 1 && d.k !== 'ref' && d.k !== 'lit') return undefined;
  }
  const exprs = outer.exprs.map((e) => {
    if (e.k === 'ref' && defs.has(e.attr.id)) return { k: 'alias', child: defs.get(e.attr.id)!, name: e.attr.name, id: e.attr.id, dataType: e.dataType, nullable: e.nullable } as RExpr;
    return transform(e, (x) => (x.k === 'ref' && defs.has(x.attr.id) ? defs.get(x.attr.id)! : undefined));
  });
  return { ...outer, input: inner.input, exprs };
}

const NULL_INTOLERANT = new Set(['=', '<', '<=', '>', '>=', '!=']);

function conjuncts(e: RExpr): RExpr[] {
  return e.k === 'call' && e.fn.name === 'and' ? e.args.flatMap(conjuncts) : [e];
}

function call(fn: ScalarFunction, args: RExpr[]): RExpr {
  return { k: 'call', fn, args, dataType: new BooleanType(), nullable: false };
}

/** `isnotnull(a) AND … AND cond` for the nullable columns that `cond`'s comparisons compare directly. */
function withNotNull(cond: RExpr): RExpr {
  const present = new Set(conjuncts(cond).map((c) => exprSql(c)));
  const attrs: AttributeRef[] = [];
  for (const c of conjuncts(cond)) {
    if (c.k !== 'call' || !NULL_INTOLERANT.has(c.fn.name)) continue;
    for (const a of c.args) {
      const x = a.k === 'cast' ? a.child : a;
      if (x.k === 'ref' && x.attr.nullable && !attrs.some((y) => y.id === x.attr.id)) attrs.push(x.attr);
    }
  }
  const isNotNull = lookupFunction('isnotnull') as ScalarFunction;
  const added = attrs.map((a) => call(isNotNull, [ref(a)])).filter((c) => !present.has(exprSql(c)));
  if (added.length === 0) return cond;
  const and = lookupOperator('and');
  return call(and, [added.reduce((l, r) => call(and, [l, r])), cond]);
}

/** The aggregate with computed keys pulled into a Project below it and its input pruned to what it reads. */
function aggregate(p: PAggregate, input: RPlan): RPlan {
  let groupings = p.groupings;
  let child = input;
  const pulled: RExpr[] = [];
  let aggregates = p.aggregates;
  if (!p.dedup && groupings.some((g) => g.k !== 'ref')) {
    const keys = new Map<string, RExpr>();
    groupings = groupings.map((g) => {
      if (g.k === 'ref') return g;
      const attr = makeAttr('_groupingexpression', g.dataType, g.nullable);
      pulled.push({ k: 'alias', child: g, name: attr.name, id: attr.id, dataType: g.dataType, nullable: g.nullable });
      keys.set(exprSql(g), ref(attr));
      return ref(attr);
    });
    aggregates = aggregates.map((a) => transform(a, (x) => (x.k !== 'alias' && x.k !== 'ref' ? keys.get(exprSql(x)) : undefined)));
  }
  const used = new Set<number>();
  for (const e of [...p.groupings, ...p.aggregates]) refs(e, used);
  const needed = child.output.filter((a) => used.has(a.id));
  if (pulled.length > 0) {
    const stillUsed = new Set<number>();
    for (const a of aggregates) refs(a, stillUsed);
    const exprs = [...child.output.filter((a) => stillUsed.has(a.id)).map(ref), ...pulled];
    child = prune({ k: 'project', input: child, exprs, output: exprs.map((e) => toAttribute(e)) });
  } else if (needed.length < child.output.length) {
    child = isInline(child) ? inlineWith(needed) : prune({ k: 'project', input: child, exprs: needed.map(ref), output: needed });
  }
  return { ...p, groupings, aggregates, input: child };
}

function prune(p: PProject): RPlan {
  if (isInline(p.input) && p.exprs.every((e) => e.k === 'ref')) return inlineWith(p.output);
  return p;
}

/** The plan as Spark's optimizer would leave it, for explain's physical plan. */
export function optimizeForExplain(p: RPlan): RPlan {
  switch (p.k) {
    case 'alias':
      return optimizeForExplain(p.input);
    case 'project': {
      const input = optimizeForExplain(p.input);
      let node: PProject = { ...p, input };
      if (input.k === 'project') node = collapse(node, input) ?? node;
      if (isIdentity(node)) return node.input;
      // ConvertToLocalRelation: Spark evaluates it over the inline rows at planning time.
      if (isInline(node.input)) return inlineWith(node.output);
      return node;
    }
    case 'filter': {
      const input = optimizeForExplain(p.input);
      if (isInline(input)) return inlineWith(p.output);
      return { ...p, input, condition: withNotNull(p.condition) };
    }
    case 'aggregate':
      return aggregate(p, optimizeForExplain(p.input));
    case 'sort':
    case 'limit':
    case 'offset':
    case 'tail':
    case 'window':
    case 'generate':
    case 'sample':
    case 'repartition':
    case 'watermark':
      return { ...p, input: optimizeForExplain(p.input) } as RPlan;
    case 'join':
    case 'intersect':
    case 'except':
      return { ...p, left: optimizeForExplain(p.left), right: optimizeForExplain(p.right) } as RPlan;
    case 'union':
      return { ...p, inputs: p.inputs.map(optimizeForExplain) };
    default:
      return p;
  }
}
