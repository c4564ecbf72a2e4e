/**
 * Window expressions (`fn OVER (PARTITION BY … ORDER BY … frame)`): the function must be an
 * aggregate or a ranking/offset function; ranking functions need an ORDER BY and get Spark's
 * `ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW` frame; an aggregate with ORDER BY and no
 * frame gets `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`, without ORDER BY the whole
 * partition.
 */
import { AnalysisException } from '../errors.js';
import type { Expression, FrameBoundary, WindowExpression } from '../plan/expressions.js';
import type { ExprScope } from './resolve-expr.js';
import { exprSql } from './pretty.js';
import type { RExpr, RFrameBound, RSortOrder, RWindowSpec } from './resolved.js';

type Resolver = (e: Expression, scope: ExprScope) => RExpr;

function strip(e: RExpr): RExpr {
  return e.k === 'alias' ? strip(e.child) : e;
}

function bound(b: FrameBoundary, scope: ExprScope, resolve: Resolver): RFrameBound {
  switch (b.kind) {
    case 'unboundedPreceding':
      return 'unboundedPreceding';
    case 'unboundedFollowing':
      return 'unboundedFollowing';
    case 'currentRow':
      return 'currentRow';
    case 'offset': {
      const v = strip(resolve(b.value, scope));
      if (v.k === 'lit' && (typeof v.value === 'number' || typeof v.value === 'bigint')) return { offset: v.value };
      if (v.k === 'call' && v.fn.name === 'negate' && v.args[0]!.k === 'lit') {
        const x = v.args[0]!.value as number | bigint;
        return { offset: typeof x === 'bigint' ? -x : -x, sqlPreceding: true };
      }
      throw new AnalysisException('LEGACY_ANALYSIS', { message: `Frame boundary must be a literal, got ${exprSql(v)}` });
    }
  }
}

/** Resolves a window expression. */
export function resolveWindowExpression(e: WindowExpression, scope: ExprScope, resolve: Resolver): RExpr {
  const fn = strip(resolve(e.function, scope));
  if (fn.k !== 'agg' && fn.k !== 'winfn') {
    throw new AnalysisException('LEGACY_ANALYSIS', {
      message: `Expression '${exprSql(fn)}' not supported within a window function.`,
    });
  }
  const partitionBy = e.spec.partitionBy.map((p) => strip(resolve(p, scope)));
  const orderBy: RSortOrder[] = e.spec.orderBy.map((o) => ({ child: strip(resolve(o.child, scope)), direction: o.direction, nulls: o.nulls }));
  let frame: RWindowSpec['frame'];
  let defaultFrame = false;
  if (fn.k === 'winfn') {
    if (orderBy.length === 0) {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `Window function ${exprSql(fn)} requires window to be ordered, please add ORDER BY clause. For example SELECT ${exprSql(fn)}(value_expr) OVER (PARTITION BY window_partition ORDER BY window_ordering) from table`,
      });
    }
    const name = fn.fn.name;
    if (name === 'lag' || name === 'lead') {
      const off = Number(fn.extra ?? 1) * (name === 'lag' ? -1 : 1);
      frame = { type: 'rows', lower: { offset: off }, upper: { offset: off } };
    } else frame = { type: 'rows', lower: 'unboundedPreceding', upper: 'currentRow' };
  } else if (e.spec.frame !== undefined) {
    frame = { type: e.spec.frame.type, lower: bound(e.spec.frame.lower, scope, resolve), upper: bound(e.spec.frame.upper, scope, resolve) };
  } else {
    defaultFrame = true;
    frame = orderBy.length > 0 ? { type: 'range', lower: 'unboundedPreceding', upper: 'currentRow' } : { type: 'rows', lower: 'unboundedPreceding', upper: 'unboundedFollowing' };
  }
  const spec: RWindowSpec = { partitionBy, orderBy, frame, defaultFrame };
  return { k: 'over', fn, spec, dataType: fn.dataType, nullable: fn.nullable || fn.k === 'winfn' };
}
