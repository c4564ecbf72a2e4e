/**
 * Planning joins: the equality conjuncts between the two sides become hash-join keys, the rest
 * a residual condition; USING / `on="id"` joins keep one copy of each key column first (a
 * coalesce of both for FULL OUTER), then the left's other columns, then the right's, as Spark.
 * Outer joins make the other side's columns nullable.
 */
import { AnalysisException, quoteId } from '../errors.js';
import { lookupFunction, lookupOperator } from '../functions/registry.js';
import type { ScalarFunction } from '../functions/function.js';
import type { JoinType } from '../plan/relations.js';
import { walk } from './project.js';
import { attrSqlName } from './names.js';
import type { AttributeRef, PJoin, RExpr, RPlan } from './resolved.js';
import { newExprId, ref, toAttribute } from './resolved.js';
import type { ResolveContext } from '../functions/function.js';

function refsOf(e: RExpr): Set<number> {
  const s = new Set<number>();
  walk(e, (x) => {
    if (x.k === 'ref') s.add(x.attr.id);
  });
  return s;
}

function conjuncts(e: RExpr): RExpr[] {
  if (e.k === 'call' && e.fn.name === 'and') return [...conjuncts(e.args[0]!), ...conjuncts(e.args[1]!)];
  return [e];
}

function and(parts: RExpr[], ctx: ResolveContext): RExpr | undefined {
  const fn = lookupOperator('and');
  return parts.reduce<RExpr | undefined>((acc, p) => {
    if (acc === undefined) return p;
    const r = fn.resolve([acc, p], ctx);
    return { k: 'call', fn, args: r.args, dataType: r.dataType, nullable: r.nullable };
  }, undefined);
}

function withNullable(attrs: readonly AttributeRef[], nullable: boolean): AttributeRef[] {
  return nullable ? attrs.map((a) => (a.nullable ? a : { ...a, nullable: true })) : [...attrs];
}

/** The join node for a resolved condition (keys extracted), with Spark's output columns. */
export function planJoin(left: RPlan, right: RPlan, joinType: JoinType, condition: RExpr | undefined, ctx: ResolveContext): PJoin {
  const leftIds = new Set(left.output.map((a) => a.id));
  const rightIds = new Set(right.output.map((a) => a.id));
  const leftKeys: RExpr[] = [];
  const rightKeys: RExpr[] = [];
  const rest: RExpr[] = [];
  for (const c of condition ? conjuncts(condition) : []) {
    if (c.k === 'call' && c.fn.name === '=') {
      const [a, b] = c.args as [RExpr, RExpr];
      const ra = refsOf(a);
      const rb = refsOf(b);
      const inL = (s: Set<number>): boolean => s.size > 0 && [...s].every((i) => leftIds.has(i));
      const inR = (s: Set<number>): boolean => s.size > 0 && [...s].every((i) => rightIds.has(i));
      if (inL(ra) && inR(rb)) {
        leftKeys.push(a);
        rightKeys.push(b);
        continue;
      }
      if (inR(ra) && inL(rb)) {
        leftKeys.push(b);
        rightKeys.push(a);
        continue;
      }
    }
    rest.push(c);
  }
  const lo = withNullable(left.output, joinType === 'right' || joinType === 'full');
  const ro = withNullable(right.output, joinType === 'left' || joinType === 'full');
  const output = joinType === 'semi' || joinType === 'anti' ? lo : [...lo, ...ro];
  return { k: 'join', left, right, joinType, leftKeys, rightKeys, condition: and(rest, ctx), fullCondition: condition, output };
}

function findByName(attrs: readonly AttributeRef[], name: string, caseSensitive: boolean): AttributeRef | undefined {
  return attrs.find((a) => (caseSensitive ? a.name === name : a.name.toLowerCase() === name.toLowerCase()));
}

/** A USING join (`on="id"` / `on=["a", "b"]`): equality on each named column, one key column in the output. */
export function planUsingJoin(left: RPlan, right: RPlan, joinType: JoinType, using: readonly string[], ctx: ResolveContext, caseSensitive: boolean): RPlan {
  const eq = lookupOperator('=');
  const pairs = using.map((n) => {
    const l = findByName(left.output, n, caseSensitive);
    if (!l) {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column ${quoteId(n)} cannot be resolved on the left side of the join. The left-side columns: [${left.output.map(attrSqlName).join(', ')}].`,
      });
    }
    const r = findByName(right.output, n, caseSensitive);
    if (!r) {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `[UNRESOLVED_USING_COLUMN_FOR_JOIN] USING column ${quoteId(n)} cannot be resolved on the right side of the join. The right-side columns: [${right.output.map(attrSqlName).join(', ')}].`,
      });
    }
    return [l, r] as const;
  });
  const conds = pairs.map(([l, r]) => {
    const res = eq.resolve([ref(l), ref(r)], ctx);
    return { k: 'call', fn: eq, args: res.args, dataType: res.dataType, nullable: res.nullable } as RExpr;
  });
  const join = planJoin(left, right, joinType, and(conds, ctx), ctx);
  const byId = new Map(join.output.map((a) => [a.id, a]));
  const lKeys = new Set(pairs.map(([l]) => l.id));
  const rKeys = new Set(pairs.map(([, r]) => r.id));
  const exprs: RExpr[] = [];
  const coalesce = lookupFunction('coalesce') as ScalarFunction;
  for (const [l, r] of pairs) {
    if (joinType === 'full') {
      const res = coalesce.resolve([ref(byId.get(l.id)!), ref(byId.get(r.id)!)], ctx);
      const c: RExpr = { k: 'call', fn: coalesce, args: res.args, dataType: res.dataType, nullable: res.nullable };
      exprs.push({ k: 'alias', child: c, name: l.name, id: newExprId(), dataType: c.dataType, nullable: c.nullable });
    } else if (joinType === 'right') exprs.push(ref(byId.get(r.id)!));
    else exprs.push(ref(byId.get(l.id)!));
  }
  for (const a of left.output) if (!lKeys.has(a.id)) exprs.push(ref(byId.get(a.id)!));
  if (joinType !== 'semi' && joinType !== 'anti') for (const a of right.output) if (!rKeys.has(a.id)) exprs.push(ref(byId.get(a.id)!));
  return { k: 'project', input: join, exprs, output: exprs.map((e) => toAttribute(e)) };
}
