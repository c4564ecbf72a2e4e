/**
 * Planning a SELECT list once its expressions are resolved: aggregate functions without GROUP
 * BY make a global aggregation, a generator (`explode`) becomes a Generate below the projection
 * (one per SELECT, as Spark allows), window functions become Window nodes (one per distinct
 * PARTITION BY / ORDER BY), and the rest is a Project.
 */
import { AnalysisException } from '../errors.js';
import { exprSql, sortOrderSql } from './pretty.js';
import type { AttributeRef, PGenerate, RAlias, RExpr, RGen, ROver, RPlan } from './resolved.js';
import { makeAttr, newExprId, ref, toAttribute } from './resolved.js';
import { named } from './resolve-expr.js';
import { planAggregate } from './aggregate.js';

/** Visits every sub-expression (not into subquery plans). */
export function walk(e: RExpr, f: (x: RExpr) => boolean | void): void {
  if (f(e) === false) return;
  switch (e.k) {
    case 'alias':
    case 'cast':
      walk(e.child, f);
      break;
    case 'call':
    case 'agg':
    case 'winfn':
    case 'gen':
    case 'udf':
      for (const a of e.args) walk(a, f);
      if (e.k === 'agg' && e.filter) walk(e.filter, f);
      break;
    case 'over':
      walk(e.fn, f);
      for (const p of e.spec.partitionBy) walk(p, f);
      for (const o of e.spec.orderBy) walk(o.child, f);
      break;
    case 'lambda':
      walk(e.body, f);
      break;
    case 'inSubquery':
      if (e.child) walk(e.child, f);
      break;
    default:
      break;
  }
}

/** Rebuilds an expression bottom-up with `f` applied to each node (f returns a replacement or undefined). */
export function transform(e: RExpr, f: (x: RExpr) => RExpr | undefined): RExpr {
  const hit = f(e);
  if (hit !== undefined) return hit;
  switch (e.k) {
    case 'alias':
      return { ...e, child: transform(e.child, f) };
    case 'cast':
      return { ...e, child: transform(e.child, f) };
    case 'call':
      return { ...e, args: e.args.map((a) => transform(a, f)) };
    case 'agg':
      return { ...e, args: e.args.map((a) => transform(a, f)), ...(e.filter ? { filter: transform(e.filter, f) } : {}) };
    case 'udf':
      return { ...e, args: e.args.map((a) => transform(a, f)) };
    case 'over':
      return {
        ...e,
        fn: transform(e.fn, f) as ROver['fn'],
        spec: { ...e.spec, partitionBy: e.spec.partitionBy.map((p) => transform(p, f)), orderBy: e.spec.orderBy.map((o) => ({ ...o, child: transform(o.child, f) })) },
      };
    case 'lambda':
      return { ...e, body: transform(e.body, f) };
    case 'inSubquery':
      return e.child ? { ...e, child: transform(e.child, f) } : e;
    default:
      return e;
  }
}

/** True when `e` has an aggregate function outside any window. */
export function hasAggregate(e: RExpr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.k === 'over') return false;
    if (x.k === 'agg') found = true;
    return undefined;
  });
  return found;
}

function hasWindow(e: RExpr): boolean {
  let found = false;
  walk(e, (x) => {
    if (x.k === 'over') found = true;
  });
  return found;
}

/** Plans a generator from the SELECT list, returning the new child and the list with the generator replaced. */
function extractGenerator(child: RPlan, list: readonly RExpr[]): [RPlan, RExpr[]] {
  const gens = list.filter((e) => (e.k === 'alias' ? e.child.k === 'gen' : e.k === 'gen'));
  for (const e of list) {
    walk(e, (x) => {
      if (x !== e && x.k === 'gen' && !(e.k === 'alias' && e.child === x)) {
        throw new AnalysisException('UNSUPPORTED_GENERATOR', {
          reason: `nested in expressions "${exprSql(e)}"`,
        });
      }
    });
  }
  if (gens.length === 0) return [child, [...list]];
  if (gens.length > 1) {
    throw new AnalysisException('UNSUPPORTED_GENERATOR.MULTI_GENERATOR', {
      clause: 'SELECT',
      num: String(gens.length),
      generators: gens.map((g) => `"${exprSql(g)}"`).join(', '),
    });
  }
  const item = gens[0]!;
  const gen = (item.k === 'alias' ? item.child : item) as RGen;
  const names = item.k === 'alias' ? (item as RAlias).names ?? [item.name] : gen.fields.map((f) => f.name);
  if (item.k === 'alias' && names.length !== gen.fields.length && gen.fields.length > 1 && (item as RAlias).names === undefined) {
    // A single alias on a multi-column generator: Spark requires one name per column.
    throw new AnalysisException('LEGACY_ANALYSIS', {
      message: `[UDTF_ALIAS_NUMBER_MISMATCH] The number of aliases supplied in the AS clause does not match the number of columns output by the UDTF. Expected ${gen.fields.length} aliases but got ${names.length}.`,
    });
  }
  const out: AttributeRef[] = gen.fields.map((f, i) => makeAttr(names[i] ?? f.name, f.dataType, f.nullable));
  const node: PGenerate = { k: 'generate', input: child, generator: gen, outer: gen.fn.name.endsWith('_outer'), generatorOutput: out, output: [...child.output, ...out] };
  const newList: RExpr[] = [];
  for (const e of list) {
    if (e === item) newList.push(...out.map(ref));
    else newList.push(e);
  }
  return [node, newList];
}

/** Plans window functions: one Window node per distinct partitioning and ordering. */
function extractWindows(child: RPlan, list: readonly RExpr[]): [RPlan, RExpr[]] {
  if (!list.some(hasWindow)) return [child, [...list]];
  const groups = new Map<string, { over: ROver; alias: RAlias }[]>();
  const replaced = list.map((e) =>
    transform(e, (x) => {
      if (x.k !== 'over') return undefined;
      const key = `${x.spec.partitionBy.map((p) => exprSql(p)).join(',')}|${x.spec.orderBy.map((o) => sortOrderSql(o)).join(',')}`;
      const alias: RAlias = { k: 'alias', child: x, name: exprSql(x), id: newExprId(), dataType: x.dataType, nullable: x.nullable };
      const g = groups.get(key) ?? [];
      g.push({ over: x, alias });
      groups.set(key, g);
      return ref(toAttribute(alias));
    }),
  );
  let node = child;
  for (const g of groups.values()) {
    const spec = g[0]!.over.spec;
    node = {
      k: 'window',
      input: node,
      windowExprs: g.map((x) => x.alias),
      partitionBy: spec.partitionBy,
      orderBy: spec.orderBy,
      output: [...node.output, ...g.map((x) => toAttribute(x.alias))],
    };
  }
  // A top-level window expression keeps its own name (the alias given, or its SQL).
  const result = replaced.map((e, i) => {
    const orig = list[i]!;
    if (orig.k === 'over' && e.k === 'ref') return { k: 'alias', child: e, name: exprSql(orig), id: e.attr.id, dataType: e.dataType, nullable: e.nullable } as RAlias;
    return e;
  });
  return [node, result];
}

/** Plans a resolved SELECT list over `child`. */
export function planProject(child: RPlan, list: readonly RExpr[]): RPlan {
  if (list.some(hasAggregate)) return planAggregate(child, [], list.map(named), undefined);
  const [afterGen, genList] = extractGenerator(child, list);
  const [afterWin, winList] = extractWindows(afterGen, genList);
  const exprs = winList.map(named).map((e) => (e.k === 'alias' && e.child.k === 'ref' && e.child.attr.id === e.id ? e.child : e));
  return { k: 'project', input: afterWin, exprs, output: exprs.map((e) => toAttribute(e)) };
}
