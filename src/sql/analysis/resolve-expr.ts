/**
 * Resolving expressions: names to input columns (by plan id first, as Spark Connect does),
 * function names to implementations (session UDFs, then built-ins), types checked and casts
 * inserted. Where an aggregate, generator or window function may appear is the caller's rule.
 */
import { AnalysisException, quoteId } from '../errors.js';
import type { AggregateFunction, GeneratorFunction, ResolveContext, ScalarFunction, WindowFunction } from '../functions/function.js';
import { NAMED_STRUCT, GET_ARRAY_ITEM, GET_MAP_VALUE } from '../functions/collections.js';
import { CASE_WHEN, IN } from '../functions/conditional.js';
import { lookupFunction, lookupOperator } from '../functions/registry.js';
import type { Expression, FunctionCall } from '../plan/expressions.js';
import type { LogicalPlan } from '../plan/relations.js';
import { sqlParser } from '../parser/hook.js';
import { BooleanType, IntegerType, LongType, StringType } from '../types/data-types.js';
import { canCast } from '../codegen/casts.js';
import type { AnalyzerContext } from './context.js';
import { extractNested, resolveName, unresolvedColumn } from './names.js';
import { exprSql } from './pretty.js';
import type { AttributeRef, RExpr, RPlan } from './resolved.js';
import { makeAttr, newExprId, ref } from './resolved.js';
import { resolveHigherOrder } from './higher-order.js';
import { resolveWindowExpression } from './window-spec.js';

/** Where an expression is resolved: the input columns and how to reach named DataFrames. */
export interface ExprScope {
  readonly input: readonly AttributeRef[];
  readonly ctx: AnalyzerContext;
  /** The output of the plan node with this id inside the input subtree, if any. */
  planOutput(planId: number): readonly AttributeRef[] | undefined;
  /** Analyses an (uncorrelated) subquery. */
  analyzeSubquery(plan: LogicalPlan): RPlan;
  /** Lambda variables in scope. */
  readonly lambdas?: ReadonlyMap<string, AttributeRef>;
  /** Text appended to errors: `;` and the plan being analysed. */
  readonly errorContext?: string;
}

const SEARCH_PATH = '[`system`.`builtin`, `system`.`session`, `spark_catalog`.`default`]';

/** The function-resolution context for a scope. */
export function resolveContext(scope: ExprScope): ResolveContext {
  return {
    ansi: scope.ctx.ansi,
    timeZone: scope.ctx.timeZone,
    sql: exprSql,
    conf: (k) => scope.ctx.conf(k),
  };
}

/** Removes aliases below the top of an expression (Spark's CleanupAliases). */
export function stripAlias(e: RExpr): RExpr {
  return e.k === 'alias' ? stripAlias(e.child) : e;
}

function resolveAttribute(parts: readonly string[], planId: number | undefined, scope: ExprScope): RExpr {
  if (scope.lambdas && parts.length === 1) {
    const v = [...scope.lambdas].find(([n]) => n.toLowerCase() === parts[0]!.toLowerCase());
    if (v) return ref(v[1]);
  }
  const cs = scope.ctx.caseSensitive;
  if (planId !== undefined) {
    const out = scope.planOutput(planId);
    if (out !== undefined) {
      const inScope = new Set(scope.input.map((a) => a.id));
      const r = resolveName(parts, out, cs);
      const base = r && (r.k === 'ref' ? r : undefined);
      if (base && inScope.has(base.attr.id)) return r;
      if (r && r.k === 'alias') {
        // A nested field of a column of that DataFrame: resolve the column there, then extract.
        const col = resolveName(parts.slice(0, 1), out, cs);
        if (col && col.k === 'ref' && inScope.has(col.attr.id)) return r;
      }
    }
  }
  const r = resolveName(parts, scope.input, cs);
  if (r === undefined) throw unresolvedColumn(parts, scope.input, scope.errorContext);
  return r;
}

function wrongArgs(name: string, expected: string, actual: number): AnalysisException {
  return new AnalysisException('WRONG_NUM_ARGS.WITHOUT_SUGGESTION', {
    functionName: quoteId(name),
    expectedNum: expected,
    actualNum: String(actual),
    docroot: 'https://spark.apache.org/docs/latest',
  });
}

function checkArity(name: string, arity: readonly [number, number], n: number): void {
  if (n < arity[0] || n > arity[1]) {
    const expected = arity[0] === arity[1] ? String(arity[0]) : arity[1] === Infinity ? `> ${arity[0] - 1}` : `[${arity[0]}, ${arity[1]}]`;
    throw wrongArgs(name, expected, n);
  }
}

/** Expands `*`, `t.*` (a relation's columns) or `s.*` (a struct's fields). */
export function expandStar(target: readonly string[] | undefined, planId: number | undefined, scope: ExprScope): RExpr[] {
  let attrs = planId !== undefined ? (scope.planOutput(planId) ?? scope.input) : scope.input;
  if (target !== undefined && target.length > 0) {
    const q = attrs.filter((a) => a.qualifier.length > 0 && a.qualifier[a.qualifier.length - 1]!.toLowerCase() === target[target.length - 1]!.toLowerCase());
    if (q.length > 0) attrs = q;
    else {
      // `col.*`: the fields of a struct column.
      const base = resolveAttribute(target, planId, scope);
      const t = base.dataType;
      if (t.kind !== 'struct') {
        throw new AnalysisException('LEGACY_ANALYSIS', { message: `Can only star expand struct data types. Attribute: \`${target.join('.')}\`` });
      }
      return t.fields.map((f) => {
        const child = extractNested(stripAlias(base), [f.name], true, target);
        return { k: 'alias', child, name: f.name, id: newExprId(), dataType: child.dataType, nullable: child.nullable };
      });
    }
  }
  return attrs.map(ref);
}

/** Resolves a function call's arguments, expanding `*` (and `count(*)` to `count(1)`). */
function resolveArgs(call: FunctionCall, scope: ExprScope): RExpr[] {
  const out: RExpr[] = [];
  for (const a of call.args) {
    if (a.kind === 'star') {
      if (call.name.toLowerCase() === 'count' && a.target === undefined) out.push({ k: 'lit', value: 1, dataType: new IntegerType(), nullable: false });
      else out.push(...expandStar(a.target, a.planId, scope));
    } else out.push(resolveExpr(a, scope));
  }
  return out;
}

function resolveStruct(call: FunctionCall, scope: ExprScope): RExpr {
  const args = resolveArgs(call, scope);
  const named: RExpr[] = [];
  args.forEach((a, i) => {
    const name = a.k === 'alias' ? a.name : a.k === 'ref' ? a.attr.name : `col${i + 1}`;
    named.push({ k: 'lit', value: name, dataType: new StringType(), nullable: false }, stripAlias(a));
  });
  const r = NAMED_STRUCT.resolve(named, resolveContext(scope));
  const display: ScalarFunction = { ...NAMED_STRUCT, sql: (names) => `struct(${names.join(', ')})` };
  return { k: 'call', fn: display, args: r.args, dataType: r.dataType, nullable: r.nullable };
}

function resolveFunction(call: FunctionCall, scope: ExprScope): RExpr {
  const lower = call.name.toLowerCase();
  const ctx = resolveContext(scope);
  if (lower === 'struct') return resolveStruct(call, scope);
  if (call.args.some((a) => a.kind === 'lambda')) return resolveHigherOrder(call, scope, resolveExpr);
  const udf = scope.ctx.lookupUdf(call.name);
  if (udf !== undefined) {
    const args = resolveArgs(call, scope).map(stripAlias);
    return { k: 'udf', name: udf.name, fn: udf.fn, args, dataType: udf.returnType, nullable: true };
  }
  const fn = lookupFunction(call.name);
  if (fn === undefined) {
    throw new AnalysisException('UNRESOLVED_ROUTINE', { routineName: quoteId(call.name), searchPath: SEARCH_PATH }, scope.errorContext ? { context: scope.errorContext } : {});
  }
  const args = resolveArgs(call, scope).map(stripAlias);
  checkArity(fn.name, fn.arity, args.length);
  switch (fn.kind) {
    case 'scalar': {
      const r = fn.resolve(args, ctx);
      return { k: 'call', fn, args: r.args, dataType: r.dataType, nullable: r.nullable, ...(r.extra === undefined ? {} : { extra: r.extra }) };
    }
    case 'aggregate': {
      const r = (fn as AggregateFunction).resolve(args, ctx);
      const filter = call.filter === undefined ? undefined : stripAlias(resolveExpr(call.filter, scope));
      return {
        k: 'agg',
        fn: fn as AggregateFunction,
        args: r.args,
        distinct: call.distinct === true,
        ignoreNulls: call.ignoreNulls === true,
        dataType: r.dataType,
        nullable: r.nullable,
        ...(filter === undefined ? {} : { filter }),
        ...(r.extra === undefined ? {} : { extra: r.extra }),
      };
    }
    case 'generator': {
      const r = (fn as GeneratorFunction).resolve(args, ctx);
      return { k: 'gen', fn: fn as GeneratorFunction, args: r.args, dataType: r.dataType, nullable: true, fields: r.fields, ...(r.extra === undefined ? {} : { extra: r.extra }) };
    }
    case 'window': {
      const r = (fn as WindowFunction).resolve(args, ctx);
      return { k: 'winfn', fn: fn as WindowFunction, args: r.args, dataType: r.dataType, nullable: r.nullable, ignoreNulls: call.ignoreNulls === true, ...(r.extra === undefined ? {} : { extra: r.extra }) };
    }
  }
}

function call(fn: ScalarFunction, args: RExpr[], scope: ExprScope): RExpr {
  const r = fn.resolve(args, resolveContext(scope));
  return { k: 'call', fn, args: r.args, dataType: r.dataType, nullable: r.nullable, ...(r.extra === undefined ? {} : { extra: r.extra }) };
}

/** Resolves one expression in a scope. */
export function resolveExpr(e: Expression, scope: ExprScope): RExpr {
  switch (e.kind) {
    case 'literal':
      return { k: 'lit', value: e.value, dataType: e.dataType, nullable: e.value === null };
    case 'attribute':
      return resolveAttribute(e.name, e.planId, scope);
    case 'star':
      throw new AnalysisException('LEGACY_ANALYSIS', { message: `Invalid usage of '*' in expression '${e.target ? e.target.join('.') + '.*' : '*'}'.` });
    case 'alias': {
      const child = stripAlias(resolveExpr(e.child, scope));
      const many = e.names.length > 1 ? { names: e.names } : {};
      return { k: 'alias', child, name: e.names[0] ?? '', id: newExprId(), dataType: child.dataType, nullable: child.nullable, ...many };
    }
    case 'binary': {
      const l = stripAlias(resolveExpr(e.left, scope));
      const r = stripAlias(resolveExpr(e.right, scope));
      if (e.op === '||') return call(lookupFunction('concat') as ScalarFunction, [l, r], scope);
      return call(lookupOperator(e.op), [l, r], scope);
    }
    case 'unary':
      return call(lookupOperator(e.op === '~' ? '~' : e.op), [stripAlias(resolveExpr(e.child, scope))], scope);
    case 'cast': {
      const child = stripAlias(resolveExpr(e.child, scope));
      if (!canCast(child.dataType, e.to)) {
        throw new AnalysisException('DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION', {
          sqlExpr: `"CAST(${exprSql(child)} AS ${e.to.sql()})"`,
          srcType: `"${child.dataType.sql()}"`,
          targetType: `"${e.to.sql()}"`,
        });
      }
      const mode = e.mode === 'try' ? 'try' : e.mode === 'ansi' ? 'ansi' : 'legacy';
      const canFail = child.dataType.kind === 'string' || mode === 'try' || child.dataType.kind !== e.to.kind;
      return { k: 'cast', child, dataType: e.to, nullable: child.nullable || (canFail && mode !== 'ansi' && !scope.ctx.ansi), mode, implicit: false };
    }
    case 'function':
      return resolveFunction(e, scope);
    case 'caseWhen': {
      const args: RExpr[] = [];
      for (const [c, v] of e.branches) args.push(stripAlias(resolveExpr(c, scope)), stripAlias(resolveExpr(v, scope)));
      if (e.otherwise !== undefined) args.push(stripAlias(resolveExpr(e.otherwise, scope)));
      return call(CASE_WHEN, args, scope);
    }
    case 'in':
      return call(IN, [e.child, ...e.list].map((x) => stripAlias(resolveExpr(x, scope))), scope);
    case 'inSubquery': {
      const plan = scope.analyzeSubquery(e.plan);
      const child = stripAlias(resolveExpr(e.child, scope));
      return { k: 'inSubquery', child, plan, dataType: new BooleanType(), nullable: true };
    }
    case 'exists': {
      const plan = scope.analyzeSubquery(e.plan);
      return { k: 'inSubquery', child: undefined, plan, dataType: new BooleanType(), nullable: false };
    }
    case 'scalarSubquery': {
      const plan = scope.analyzeSubquery(e.plan);
      const a = plan.output[0]!;
      return { k: 'scalarSubquery', plan, dataType: a.dataType, nullable: true };
    }
    case 'extractValue': {
      const child = stripAlias(resolveExpr(e.child, scope));
      const key = stripAlias(resolveExpr(e.key, scope));
      const t = child.dataType;
      if (t.kind === 'struct' && key.k === 'lit' && typeof key.value === 'string') {
        const inner = extractNested(child, [key.value], scope.ctx.caseSensitive, [exprSql(child), key.value]);
        return inner;
      }
      if (t.kind === 'array') return call(GET_ARRAY_ITEM, [child, key], scope);
      if (t.kind === 'map') return call(GET_MAP_VALUE, [child, key], scope);
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `[INVALID_EXTRACT_BASE_FIELD_TYPE] Can't extract a value from "${exprSql(child)}". Need a complex type [STRUCT, ARRAY, MAP] but got "${t.sql()}".`,
      });
    }
    case 'sortOrder':
      return resolveExpr(e.child, scope);
    case 'window':
      return resolveWindowExpression(e, scope, resolveExpr);
    case 'expressionString':
      return resolveExpr(sqlParser().parseExpression(e.sql), scope);
    case 'udf': {
      const args = e.args.map((a) => stripAlias(resolveExpr(a, scope)));
      return { k: 'udf', name: e.name, fn: e.fn, args, dataType: e.returnType, nullable: true };
    }
    case 'lambdaVariable':
      return resolveAttribute([e.name], undefined, scope);
    case 'lambda':
    case 'namedArgument':
      throw new AnalysisException('NOT_IMPLEMENTED', { feature: `${e.kind} outside a higher-order function` });
  }
}

/** A fresh attribute for a named output expression (`ref` keeps its attribute). */
export function outputAttr(e: RExpr): AttributeRef {
  if (e.k === 'ref') return e.attr;
  if (e.k === 'alias') return { id: e.id, name: e.name, dataType: e.dataType, nullable: e.nullable, qualifier: [] };
  return makeAttr(exprSql(e), e.dataType, e.nullable);
}

/** Wraps an unnamed expression in an alias named as Spark names it. */
export function named(e: RExpr): RExpr {
  if (e.k === 'ref' || e.k === 'alias') return e;
  return { k: 'alias', child: e, name: exprSql(e), id: newExprId(), dataType: e.dataType, nullable: e.nullable };
}

/** A bigint literal (for internal rewrites). */
export function longLit(v: number): RExpr {
  return { k: 'lit', value: v, dataType: new LongType(), nullable: false };
}
