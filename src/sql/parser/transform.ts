/**
 * A bottom-up rewrite of expression trees (subquery plans inside are left as they are). The
 * parser uses it to turn a lambda's parameters into lambda variables inside its body.
 */
import type { Expression, FrameBoundary, WindowSpec } from '../plan/index.js';

/** Rewrites every node of `e`, children first; `f` returns the node to keep. */
export function transformUp(e: Expression, f: (e: Expression) => Expression): Expression {
  const t = (x: Expression): Expression => transformUp(x, f);
  const ts = (xs: readonly Expression[]): Expression[] => xs.map(t);
  let out: Expression;
  switch (e.kind) {
    case 'alias':
      out = { ...e, child: t(e.child) };
      break;
    case 'binary':
      out = { ...e, left: t(e.left), right: t(e.right) };
      break;
    case 'unary':
    case 'cast':
    case 'sortOrder':
      out = { ...e, child: t(e.child) } as Expression;
      break;
    case 'function':
      out = { ...e, args: ts(e.args), ...(e.filter ? { filter: t(e.filter) } : {}) };
      break;
    case 'caseWhen':
      out = {
        ...e,
        branches: e.branches.map(([c, v]) => [t(c), t(v)] as const),
        ...(e.otherwise ? { otherwise: t(e.otherwise) } : {}),
      };
      break;
    case 'in':
      out = { ...e, child: t(e.child), list: ts(e.list) };
      break;
    case 'inSubquery':
      out = { ...e, child: t(e.child) };
      break;
    case 'extractValue':
      out = { ...e, child: t(e.child), key: t(e.key) };
      break;
    case 'window':
      out = { ...e, function: t(e.function), spec: transformSpec(e.spec, t) };
      break;
    case 'lambda':
      out = { ...e, body: t(e.body) };
      break;
    case 'udf':
      out = { ...e, args: ts(e.args) };
      break;
    case 'namedArgument':
      out = { ...e, value: t(e.value) };
      break;
    default:
      out = e;
  }
  return f(out);
}

function transformSpec(spec: WindowSpec, t: (x: Expression) => Expression): WindowSpec {
  const bound = (b: FrameBoundary): FrameBoundary => (b.kind === 'offset' ? { kind: 'offset', value: t(b.value) } : b);
  return {
    partitionBy: spec.partitionBy.map(t),
    orderBy: spec.orderBy.map((o) => ({ ...o, child: t(o.child) })),
    ...(spec.frame ? { frame: { type: spec.frame.type, lower: bound(spec.frame.lower), upper: bound(spec.frame.upper) } } : {}),
  };
}
