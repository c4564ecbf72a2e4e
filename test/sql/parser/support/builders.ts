/**
 * Short builders for expected plans in the parser's table tests, on top of the plan's own
 * (`attr`, `lit`, `call`, `binary`, `sortOrder`): `project(table('t'), attr('a'))`.
 */
import type { Expression, JoinType, LogicalPlan, SortOrder } from '../../../../src/sql/plan/index.js';

export { attr, binary, call, lit, literal, sortOrder } from '../../../../src/sql/plan/index.js';

/** `FROM name`. */
export function table(...name: string[]): LogicalPlan {
  return { kind: 'table', name };
}
/** The FROM of `SELECT 1`. */
export const oneRow: LogicalPlan = { kind: 'oneRow' };
/** `SELECT exprs FROM input`. */
export function project(input: LogicalPlan, ...exprs: Expression[]): LogicalPlan {
  return { kind: 'project', input, exprs };
}
/** `WHERE`. */
export function filter(input: LogicalPlan, condition: Expression): LogicalPlan {
  return { kind: 'filter', input, condition };
}
/** `expr AS name`. */
export function alias(child: Expression, ...names: string[]): Expression {
  return { kind: 'alias', child, names };
}
/** `NOT e`. */
export function not(child: Expression): Expression {
  return { kind: 'unary', op: 'not', child };
}
/** `*` / `t.*`. */
export function star(...target: string[]): Expression {
  return target.length > 0 ? { kind: 'star', target } : { kind: 'star' };
}
/** `input AS name`. */
export function subqueryAlias(input: LogicalPlan, name: string): LogicalPlan {
  return { kind: 'subqueryAlias', input, alias: name };
}
/** A join with an ON condition, a USING list, or neither. */
export function join(left: LogicalPlan, right: LogicalPlan, joinType: JoinType, on?: Expression | string[]): LogicalPlan {
  if (on === undefined) return { kind: 'join', left, right, joinType };
  if (Array.isArray(on)) return { kind: 'join', left, right, joinType, using: on };
  return { kind: 'join', left, right, joinType, condition: on as Expression };
}
/** `ORDER BY`. */
export function sort(input: LogicalPlan, ...order: SortOrder[]): LogicalPlan {
  return { kind: 'sort', input, order, global: true };
}
/** `LIMIT n`. */
export function limit(input: LogicalPlan, n: number): LogicalPlan {
  return { kind: 'limit', input, n };
}
