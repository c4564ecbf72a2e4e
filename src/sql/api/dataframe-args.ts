/**
 * Argument handling shared by DataFrame methods: join type names, sort orders with pyspark's
 * `ascending` keyword, Spark's naming of a top-level cast, and the NOT_COLUMN checks.
 */
import { Column, type ColumnOrName, pyType, toColumn } from '../column.js';
import { SparkArgumentError } from '../errors.js';
import type { Expression, SortOrder } from '../plan/expressions.js';
import type { JoinType, LogicalPlan } from '../plan/relations.js';

/** pyspark's join type names. */
export const JOIN_TYPES: Readonly<Record<string, JoinType>> = {
  inner: 'inner',
  cross: 'cross',
  outer: 'full',
  full: 'full',
  fullouter: 'full',
  full_outer: 'full',
  leftouter: 'left',
  left: 'left',
  left_outer: 'left',
  rightouter: 'right',
  right: 'right',
  right_outer: 'right',
  leftsemi: 'semi',
  left_semi: 'semi',
  semi: 'semi',
  leftanti: 'anti',
  left_anti: 'anti',
  anti: 'anti',
};

/** The Column, or pyspark's NOT_COLUMN naming the parameter. */
export function notColumn(c: unknown, param: string): Column {
  if (!(c instanceof Column)) throw new SparkArgumentError('NOT_COLUMN', { arg_name: param, arg_type: pyType(c) });
  return c;
}

/**
 * pyspark's `Column.named` rule: a top-level cast of a column keeps the column's name
 * (`col("age").cast("string")` is `age`), where SQL text names it `CAST(age AS STRING)`.
 */
export function named(e: Expression): Expression {
  if (e.kind === 'cast' && (e.child.kind === 'attribute' || e.child.kind === 'alias')) {
    const name = e.child.kind === 'attribute' ? e.child.name[e.child.name.length - 1]! : e.child.names[0]!;
    return { kind: 'alias', child: e, names: [name] };
  }
  return e;
}

export function exprOf(c: unknown): Expression {
  if (c instanceof Column) return c.expr;
  throw new SparkArgumentError('NOT_COLUMN_OR_STR', { arg_name: 'cols', arg_type: pyType(c) });
}

export function sortOrders(cols: Array<ColumnOrName | readonly ColumnOrName[] | { ascending: boolean | boolean[] }>): SortOrder[] {
  let ascending: boolean | boolean[] = true;
  const last = cols[cols.length - 1];
  let list = cols;
  if (last !== undefined && typeof last === 'object' && !(last instanceof Column) && !Array.isArray(last) && 'ascending' in last) {
    ascending = last.ascending;
    list = cols.slice(0, -1);
  }
  const items = (list.flat() as ColumnOrName[]).map((c) => toColumn(c).expr);
  if (items.length === 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'orderBy: give at least one column' });
  return items.map((e, i) => {
    if (e.kind === 'sortOrder') return e;
    const asc = Array.isArray(ascending) ? ascending[i] !== false : ascending;
    return { kind: 'sortOrder', child: e, direction: asc ? 'asc' : 'desc', nulls: asc ? 'first' : 'last' };
  });
}


/** The plan of `left.join(right, on, how)`: USING for names, a condition for Columns. */
export function joinPlan(left: LogicalPlan, right: LogicalPlan, on: string | readonly string[] | Column | readonly Column[] | undefined, how: string): LogicalPlan {
  const jt = JOIN_TYPES[how.toLowerCase()];
  if (jt === undefined) {
    throw new SparkArgumentError('UNSUPPORTED_JOIN_TYPE', {
      typ: how,
      supported: "'inner', 'outer', 'full', 'fullouter', 'full_outer', 'leftouter', 'left', 'left_outer', 'rightouter', 'right', 'right_outer', 'leftsemi', 'left_semi', 'semi', 'leftanti', 'left_anti', 'anti', 'cross'",
    });
  }
  const base = { kind: 'join' as const, left, right, joinType: jt };
  if (on === undefined) return base;
  const list = (Array.isArray(on) ? on : [on]) as Array<string | Column>;
  if (list.every((x) => typeof x === 'string')) return { ...base, using: list as string[] };
  const conds = list.map((x) => (x instanceof Column ? x : toColumn(x)));
  const cond = conds.slice(1).reduce((a, b) => a.and(b), conds[0]!);
  return { ...base, condition: cond.expr };
}

/** `sample(fraction)`, `sample(fraction, seed)` or `sample(withReplacement, fraction, seed)`, as pyspark. */
export function samplePlan(input: LogicalPlan, a?: boolean | number, b?: number, c?: number): LogicalPlan {
  const withReplacement = typeof a === 'boolean' ? a : false;
  const fraction = typeof a === 'number' ? a : b;
  const seed = typeof a === 'number' ? b : c;
  if (typeof fraction !== 'number' || fraction < 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `sample: "fraction" must be a number >= 0; got ${String(fraction)}` });
  return { kind: 'sample', input, lower: 0, upper: fraction, withReplacement, seed: seed ?? Math.floor(Math.random() * 2 ** 31) };
}

/** One sample plan per weight, over consecutive ranges of one seeded draw. */
export function randomSplitPlans(input: LogicalPlan, weights: readonly number[], seed?: number): LogicalPlan[] {
  const total = weights.reduce((x, y) => x + y, 0);
  const s = seed ?? Math.floor(Math.random() * 2 ** 31);
  let acc = 0;
  return weights.map((w) => {
    const lower = acc / total;
    acc += w;
    return { kind: 'sample', input, lower, upper: acc / total, withReplacement: false, seed: s };
  });
}
