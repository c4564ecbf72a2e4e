/**
 * Higher-order functions over arrays with SQL lambdas: `transform(arr, x -> …)`,
 * `filter(arr, x -> …)`, `exists`, `forall`, `aggregate(arr, zero, (acc, x) -> …)`. The lambda's
 * parameters become attributes bound to fresh variables in the generated code.
 */
import { implicitCastTo } from './coercion.js';
import { AnalysisException } from '../errors.js';
import type { ScalarFunction } from '../functions/function.js';
import type { Expression, FunctionCall, LambdaFunction } from '../plan/expressions.js';
import { ArrayType, BooleanType, IntegerType, type DataType } from '../types/data-types.js';
import type { ExprScope } from './resolve-expr.js';
import { exprSql } from './pretty.js';
import type { RExpr, RLambda } from './resolved.js';
import { makeAttr } from './resolved.js';

type Resolver = (e: Expression, scope: ExprScope) => RExpr;

function lambda(l: Expression, types: readonly DataType[], scope: ExprScope, resolve: Resolver): RLambda {
  if (l.kind !== 'lambda') throw new AnalysisException('LEGACY_ANALYSIS', { message: 'expected a lambda function argument' });
  const lf = l as LambdaFunction;
  const params = lf.params.map((p, i) => makeAttr(p, types[i] ?? types[0]!, true));
  const lambdas = new Map(scope.lambdas ?? []);
  params.forEach((p) => lambdas.set(p.name, p));
  const body = resolve(lf.body, { ...scope, lambdas, planOutput: scope.planOutput, analyzeSubquery: scope.analyzeSubquery });
  return { k: 'lambda', params, body: body.k === 'alias' ? body.child : body, dataType: body.dataType, nullable: body.nullable };
}

function hof(name: string, dataType: DataType, gen: (args: readonly string[]) => string): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    arity: [2, 3],
    resolve: (args) => ({ args, dataType, nullable: true }),
    gen,
    sql: (args) => `${name}(${args.join(', ')})`,
  };
}

/** Resolves a call whose arguments include a lambda. */
export function resolveHigherOrder(call: FunctionCall, scope: ExprScope, resolve: Resolver): RExpr {
  const name = call.name.toLowerCase();
  const arr = resolve(call.args[0]!, scope);
  const a = arr.k === 'alias' ? arr.child : arr;
  if (a.dataType.kind !== 'array') {
    throw new AnalysisException('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', {
      sqlExpr: `"${name}(${exprSql(a)})"`,
      paramIndex: 'first',
      requiredType: '"ARRAY"',
      inputSql: `"${exprSql(a)}"`,
      inputType: `"${a.dataType.sql()}"`,
    });
  }
  const el = a.dataType.elementType;
  switch (name) {
    case 'transform': {
      const f = lambda(call.args[1]!, [el, new IntegerType()], scope, resolve);
      const fn = hof('transform', new ArrayType(f.dataType, true), ([x, l]) => `${x}.map(${l})`);
      return { k: 'call', fn, args: [a, f], dataType: new ArrayType(f.dataType, true), nullable: a.nullable };
    }
    case 'filter': {
      const f = lambda(call.args[1]!, [el, new IntegerType()], scope, resolve);
      const fn = hof('filter', a.dataType, ([x, l]) => `${x}.filter((v, i) => ${l}(v, i) === true)`);
      return { k: 'call', fn, args: [a, f], dataType: a.dataType, nullable: a.nullable };
    }
    case 'exists':
    case 'forall': {
      const f = lambda(call.args[1]!, [el], scope, resolve);
      const fn = hof(name, new BooleanType(), ([x, l]) => (name === 'exists' ? `${x}.some((v) => ${l}(v) === true)` : `${x}.every((v) => ${l}(v) === true)`));
      return { k: 'call', fn, args: [a, f], dataType: new BooleanType(), nullable: true };
    }
    case 'aggregate':
    case 'reduce': {
      const zero = resolve(call.args[1]!, scope);
      const z = zero.k === 'alias' ? zero.child : zero;
      const merge = lambda(call.args[2]!, [z.dataType, el], scope, resolve);
      const mergeBody = implicitCastTo(merge.body, z.dataType);
      const m: RLambda = { ...merge, body: mergeBody, dataType: z.dataType };
      const fin = call.args[3] ? lambda(call.args[3], [z.dataType], scope, resolve) : undefined;
      const dt = fin ? fin.dataType : z.dataType;
      const fn = hof('aggregate', dt, ([x, zz, l, f]) => `((acc) => { for (const v of ${x}) acc = ${l}(acc, v); return ${f ? `${f}(acc)` : 'acc'}; })(${zz})`);
      return { k: 'call', fn, args: fin ? [a, z, m, fin] : [a, z, m], dataType: dt, nullable: true };
    }
    default:
      throw new AnalysisException('NOT_IMPLEMENTED', { feature: `The higher-order function ${call.name}` });
  }
}
