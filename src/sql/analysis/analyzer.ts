/**
 * The analyser: a logical plan (plain data, names unresolved) to an analysed plan (attributes
 * with ids, typed expressions, implementations chosen). Results are memoised per plan node, so
 * a DataFrame's columns keep their ids in every DataFrame derived from it (as Spark's analysed
 * Datasets); a join whose sides share ids analyses its right side afresh (Spark's
 * DeduplicateRelations).
 */
import { AnalysisException, SparkArgumentError, quoteName } from '../errors.js';
import type { Expression } from '../plan/expressions.js';
import { type LogicalPlan, children } from '../plan/relations.js';
import { intervalMicros, parseInterval } from '../types/interval.js';
import { lookupFunction } from '../functions/registry.js';
import { IntegerType } from '../types/data-types.js';
import { exprToSql } from '../plan/to-sql.js';
import { literalSql } from './pretty.js';
import { parsedPlanString } from '../format/explain.js';
import type { AnalyzerContext } from './context.js';
import { cubeSets, planGroupingSets, rollupSets } from './grouping-sets.js';
import { isGroupingCall } from '../functions/grouping.js';
import { planAggregate } from './aggregate.js';
import { planJoin, planUsingJoin } from './join.js';
import { planProject, walk } from './project.js';
import { type ExprScope, expandStar, named, resolveContext, resolveExpr, stripAlias } from './resolve-expr.js';
import type { AttributeRef, PAlias, RExpr, RPlan } from './resolved.js';
import { makeAttr, ref, toAttribute } from './resolved.js';
import { alignByName, alignByPosition, unionOutput } from './set-ops.js';
import { analyzeLeaf, attrsOf } from './leaves.js';
import { planSort } from './sort.js';
import { errorPosition, isComplete, markComplete, placeError } from './origin.js';
import { planDeduplicate, planDrop, planRenames, planToDF, planWithColumns } from './columns.js';

/** Error classes Spark raises without the plan (its function resolution, not CheckAnalysis). */
const WITHOUT_PLAN: ReadonlySet<string> = new Set(['UNRESOLVED_ROUTINE', 'INVALID_EXTRACT_FIELD', 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION', 'WRONG_NUM_ARGS.WITH_SUGGESTION']);

/** Analyses logical plans for one session. */
export class Analyzer {
  private readonly memo = new WeakMap<LogicalPlan, RPlan>();
  private readonly ctes: Array<Map<string, RPlan>> = [];

  constructor(readonly ctx: AnalyzerContext) {}

  /** The analysed plan of `plan` (memoised). */
  analyze(plan: LogicalPlan): RPlan {
    const hit = this.memo.get(plan);
    if (hit !== undefined) return hit;
    let r: RPlan;
    try {
      r = this.analyzeNode(plan);
    } catch (e) {
      // Spark ends an analysis error with its position in the SQL text (`; line 1 pos 7`), `;`
      // and the plan it could not analyse.
      if (e instanceof AnalysisException && !isComplete(e)) {
        // A data source's own errors (PATH_NOT_FOUND, UNABLE_TO_INFER_SCHEMA …) come from
        // resolving the relation, where Spark has no plan to print: they stay as raised.
        if (plan.kind === 'read') throw markComplete(e);
        const placed = (plan.kind === 'table' || plan.kind === 'filter' ? placeError(e, plan) : e) as AnalysisException;
        // Spark raises these while it resolves functions, before the check that prints the plan.
        if (WITHOUT_PLAN.has(placed.errorClass)) throw markComplete(placed);
        const context = `${errorPosition(placed)};\n${parsedPlanString(plan)}`;
        throw markComplete(new AnalysisException(e.errorClass, e.messageParameters, { context, cause: e.cause }));
      }
      throw e;
    }
    const key = this.ctx.cacheKeyOf(plan);
    if (key !== undefined) r = { k: 'cached', input: r, key, output: r.output };
    this.memo.set(plan, r);
    return r;
  }

  /** Drops the memoised analysis of `plan` (after `cache()` changes how it runs). */
  forget(plan: LogicalPlan): void {
    this.memo.delete(plan);
  }

  /** The analysed output of the node with `planId` inside `roots`' subtrees, if any. */
  planOutput(roots: readonly LogicalPlan[], planId: number, analyzer: Analyzer = this): readonly AttributeRef[] | undefined {
    const stack = [...roots];
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (p.planId === planId) return analyzer.memo.get(p)?.output;
      stack.push(...children(p));
    }
    return undefined;
  }

  /** An expression scope over `input` whose DataFrame columns are looked up in `roots`. */
  scope(input: readonly AttributeRef[], roots: readonly LogicalPlan[], extra?: (id: number) => readonly AttributeRef[] | undefined): ExprScope {
    return {
      input,
      ctx: this.ctx,
      planOutput: (id) => this.planOutput(roots, id) ?? extra?.(id),
      analyzeSubquery: (p) => this.analyze(p),
    };
  }

  private resolveAll(exprs: readonly Expression[], scope: ExprScope): RExpr[] {
    const out: RExpr[] = [];
    for (const e of exprs) {
      if (e.kind === 'star') {
        const attrs = e.planId !== undefined ? (scope.planOutput(e.planId) ?? scope.input) : scope.input;
        if (e.target === undefined || e.target.length === 0) {
          if (attrs.length === 0 && scope.input.length === 0) throw new AnalysisException('LEGACY_ANALYSIS', { message: "Invalid usage of '*' in expression 'unresolvedstar'." });
          out.push(...attrs.map(ref));
        } else out.push(...expandStar(e.target, e.planId, scope));
      } else out.push(resolveExpr(e, scope));
    }
    return out;
  }

  private analyzeNode(plan: LogicalPlan): RPlan {
    const leaf = analyzeLeaf(plan, this);
    if (leaf !== undefined) return leaf;
    switch (plan.kind) {
      case 'project': {
        const child = this.analyze(plan.input);
        const list = this.resolveAll(plan.exprs, this.scope(child.output, [plan.input]));
        return planProject(child, list);
      }
      case 'filter': {
        const child = this.analyze(plan.input);
        const cond = stripAlias(resolveExpr(plan.condition, this.scope(child.output, [plan.input])));
        if (cond.dataType.kind !== 'boolean' && cond.dataType.kind !== 'null') {
          throw new AnalysisException('DATATYPE_MISMATCH.FILTER_NOT_BOOLEAN', {
            sqlExpr: `"${cond.k === 'ref' ? cond.attr.name : ''}"`,
            filter: `"${cond.k === 'ref' ? cond.attr.name : ''}"`,
            type: `"${cond.dataType.sql()}"`,
          });
        }
        return { k: 'filter', input: child, condition: cond, output: child.output };
      }
      case 'aggregate':
        return this.analyzeAggregate(plan);
      case 'join': {
        const left = this.analyze(plan.left);
        let right = this.analyze(plan.right);
        let rightAnalyzer: Analyzer = this;
        const leftIds = new Set(left.output.map((a) => a.id));
        if (right.output.some((a) => leftIds.has(a.id))) {
          rightAnalyzer = new Analyzer(this.ctx);
          right = rightAnalyzer.analyze(plan.right);
        }
        const ctx = resolveContext(this.scope([], []));
        if (plan.using !== undefined && plan.using.length > 0) return planUsingJoin(left, right, plan.joinType, plan.using, ctx, this.ctx.caseSensitive);
        const scope = this.scope([...left.output, ...right.output], [plan.left], (id) => this.planOutput([plan.right], id, rightAnalyzer));
        const cond = plan.condition === undefined ? undefined : stripAlias(resolveExpr(plan.condition, scope));
        return planJoin(left, right, plan.joinType, cond, ctx);
      }
      case 'sort':
        return planSort(plan, this);
      case 'limit':
      case 'offset':
      case 'tail': {
        const child = this.analyze(plan.input);
        if (!Number.isInteger(plan.n) || plan.n < 0) {
          throw new SparkArgumentError('INVALID_ARGUMENT', { message: `The limit must be a non-negative integer; got ${plan.n}` });
        }
        return { k: plan.kind, input: child, n: plan.n, output: child.output };
      }
      case 'deduplicate': {
        const d = planDeduplicate(this.analyze(plan.input), plan.columns, this.ctx.caseSensitive);
        return plan.withinWatermark === true && d.k === 'aggregate' ? { ...d, withinWatermark: true } : d;
      }
      case 'setOp': {
        let left = this.analyze(plan.left);
        let right = this.analyze(plan.right);
        if (plan.byName) [left, right] = alignByName(left, right, plan.allowMissingColumns, this.ctx.caseSensitive);
        [left, right] = alignByPosition(plan.op, left, right);
        if (plan.op === 'union') {
          const union: RPlan = { k: 'union', inputs: [left, right], output: unionOutput([left, right]) };
          return plan.all ? union : planDeduplicate(union, undefined, this.ctx.caseSensitive);
        }
        return { k: plan.op, left, right, all: plan.all, output: unionOutput([left, right]) };
      }
      case 'subqueryAlias': {
        const child = this.analyze(plan.input);
        return aliased(child, plan.alias);
      }
      case 'with': {
        const defs = new Map<string, RPlan>();
        this.ctes.push(defs);
        try {
          for (const d of plan.definitions) {
            let r = this.analyze(d.plan);
            if (d.columns) r = planToDF(r, d.columns);
            defs.set(d.name.toLowerCase(), aliased(r, d.name));
          }
          return this.analyze(plan.input);
        } finally {
          this.ctes.pop();
        }
      }
      case 'windowRel': {
        const child = this.analyze(plan.input);
        const list = this.resolveAll(plan.windowExprs, this.scope(child.output, [plan.input]));
        return planProject(child, [...child.output.map(ref), ...list]);
      }
      case 'generate': {
        const child = this.analyze(plan.input);
        const g = stripAlias(resolveExpr(plan.generator, this.scope(child.output, [plan.input])));
        if (g.k !== 'gen') throw new AnalysisException('UNSUPPORTED_GENERATOR', { reason: `"${plan.generator.kind}" is not a generator` });
        const out = g.fields.map((f, i) => makeAttr(plan.aliases[i] ?? f.name, f.dataType, f.nullable || plan.outer, plan.qualifier ? [plan.qualifier] : []));
        return { k: 'generate', input: child, generator: g, outer: plan.outer, generatorOutput: out, output: [...child.output, ...out] };
      }
      case 'sample': {
        const child = this.analyze(plan.input);
        return { k: 'sample', input: child, lower: plan.lower, upper: plan.upper, withReplacement: plan.withReplacement, seed: plan.seed, output: child.output };
      }
      case 'withColumns': {
        const child = this.analyze(plan.input);
        const scope = this.scope(child.output, [plan.input]);
        return planWithColumns(child, plan.names, plan.exprs.map((e) => resolveExpr(e, scope)), this.ctx.caseSensitive);
      }
      case 'withColumnsRenamed':
        return planRenames(this.analyze(plan.input), plan.renames, this.ctx.caseSensitive);
      case 'drop': {
        const child = this.analyze(plan.input);
        const scope = this.scope(child.output, [plan.input]);
        const ids = new Set<number>();
        for (const c of plan.columns) {
          const r = stripAlias(resolveExpr(c, scope));
          if (r.k === 'ref') ids.add(r.attr.id);
        }
        return planDrop(child, plan.names, ids, this.ctx.caseSensitive);
      }
      case 'toDF':
        return planToDF(this.analyze(plan.input), plan.names);
      case 'repartition': {
        const child = this.analyze(plan.input);
        const scope = this.scope(child.output, [plan.input]);
        const exprs = plan.exprs.map((e) => stripAlias(resolveExpr(e, scope)));
        const n = plan.numPartitions ?? this.ctx.shufflePartitions;
        return { k: 'repartition', input: child, numPartitions: n, exprs, shuffle: plan.shuffle, output: child.output };
      }
      case 'withWatermark': {
        const child = this.analyze(plan.input);
        const col = stripAlias(resolveExpr({ kind: 'attribute', name: [plan.eventTime] }, this.scope(child.output, [plan.input])));
        if (col.k !== 'ref' || col.dataType.kind !== 'timestamp') {
          throw new AnalysisException('LEGACY_ANALYSIS', {
            message: `[EVENT_TIME_IS_NOT_ON_TIMESTAMP_TYPE] The event time \`${plan.eventTime}\` has the invalid type "${col.dataType.sql()}", but expected "TIMESTAMP".`,
          });
        }
        const i = parseInterval(plan.delay);
        if (i === null) {
          throw new AnalysisException('LEGACY_ANALYSIS', {
            message: `[CANNOT_PARSE_INTERVAL] Unable to parse '${plan.delay}'. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.`,
          });
        }
        const delayMs = intervalMicros(i) / 1000;
        // The event-time column carries the delay from here on (Spark's watermark metadata).
        const marked = { ...col.attr, watermarkDelayMs: delayMs };
        return { k: 'watermark', input: child, eventTime: marked, delayMs, output: child.output.map((a) => (a.id === marked.id ? marked : a)) };
      }
      case 'hint':
        return this.analyze(plan.input);
      case 'groupsWithState': {
        const child = this.analyze(plan.input);
        const scope = this.scope(child.output, [plan.input]);
        const groupings = plan.grouping.map((g) => stripAlias(resolveExpr(g, scope)));
        return { k: 'groupsWithState', input: child, groupings, spec: plan.spec, output: attrsOf(plan.spec.outputSchema) };
      }
      case 'command':
        throw new AnalysisException('LEGACY_ANALYSIS', { message: 'internal: commands are run by the session, not analysed' });
      default:
        throw new AnalysisException('NOT_IMPLEMENTED', { feature: `The plan node ${plan.kind}` });
    }
  }

  /** A CTE or view by name, for leaves. */
  lookupRelation(name: readonly string[]): RPlan | undefined {
    if (name.length === 1) {
      for (let i = this.ctes.length - 1; i >= 0; i--) {
        const hit = this.ctes[i]!.get(name[0]!.toLowerCase());
        if (hit) return hit;
      }
    }
    const view = this.ctx.lookupView(name);
    if (view === undefined) return undefined;
    return aliased(this.analyze(view), name[name.length - 1]!, name.length > 1 ? name.slice(0, -1) : []);
  }

  /** The error for a missing table or view. */
  tableNotFound(name: readonly string[]): AnalysisException {
    return new AnalysisException('TABLE_OR_VIEW_NOT_FOUND', { relationName: quoteName(name) });
  }

  private analyzeAggregate(input: Extract<LogicalPlan, { kind: 'aggregate' }>): RPlan {
    const plan = input.groupType === 'pivot' && input.pivot ? pivotToAggregate(input) : input;
    const child = this.analyze(plan.input);
    const scope = this.scope(child.output, [plan.input]);
    // A grouping column that GroupedData repeats in the output (the same object) is named as
    // Spark's groupBy names it: `groupBy(col.cast("string"))` is `CAST(age AS STRING)`.
    const aggs = plan.aggregates.flatMap((e) => this.resolveAll([e], scope).map((r) => named(r, !plan.grouping.includes(e))));
    const groupings = plan.grouping.map((g) => {
      // GROUP BY 1 (an ordinal) and GROUP BY an alias of the SELECT list, as Spark allows.
      if (g.kind === 'literal' && typeof g.value === 'number' && Number.isInteger(g.value)) {
        const item = aggs[g.value - 1];
        if (item === undefined) throw new AnalysisException('GROUP_BY_POS_OUT_OF_RANGE', { index: String(g.value), size: String(aggs.length) });
        return stripAlias(item);
      }
      try {
        return resolveExpr(g, scope);
      } catch (e) {
        if (g.kind === 'attribute' && g.name.length === 1) {
          const alias = aggs.find((a) => a.k === 'alias' && a.name.toLowerCase() === g.name[0]!.toLowerCase());
          if (alias) return stripAlias(alias);
        }
        throw e;
      }
    });
    const having = plan.having === undefined ? undefined : this.resolveHaving(plan.having, aggs, scope);
    if (plan.groupType === 'rollup' || plan.groupType === 'cube' || plan.groupType === 'groupingSets') {
      const n = groupings.length;
      const sets = plan.groupType === 'rollup' ? rollupSets(n) : plan.groupType === 'cube' ? cubeSets(n) : (plan.groupingSets ?? []);
      return planGroupingSets(child, groupings, sets, aggs, having);
    }
    for (const a of [...aggs, ...(having ? [having] : [])]) {
      walk(a, (x) => {
        if (isGroupingCall(x)) throw new AnalysisException('UNSUPPORTED_GROUPING_EXPRESSION', {});
        return undefined;
      });
    }
    return planAggregate(child, groupings, aggs, having);
  }

  private resolveHaving(h: Expression, aggs: readonly RExpr[], scope: ExprScope): RExpr {
    const outScope: ExprScope = { ...scope, input: [...aggs.map((a) => toAttribute(a)), ...scope.input] };
    return stripAlias(resolveExpr(h, outScope));
  }
}

/**
 * A pivot as a plain aggregation: for each pivot value and each aggregate, the aggregate
 * filtered to the rows whose pivot column is (null-safely) that value, named after the value
 * (`value_aggregate` when there are several aggregates), as Spark names pivot columns.
 */
function pivotToAggregate(plan: Extract<LogicalPlan, { kind: 'aggregate' }>): Extract<LogicalPlan, { kind: 'aggregate' }> {
  const pivot = plan.pivot!;
  const aggExprs = plan.aggregates.slice(plan.grouping.length);
  const out: Expression[] = [];
  for (const v of pivot.values ?? []) {
    const cond: Expression = { kind: 'binary', op: '<=>', left: pivot.column, right: v };
    const valueName = v.kind === 'literal' ? (v.value === null ? 'null' : literalSql(v.value, v.dataType)) : exprToSql(v);
    for (const a of aggExprs) {
      const aggName = a.kind === 'alias' ? a.names[0]! : exprToSql(a);
      const filtered = addFilter(a.kind === 'alias' ? a.child : a, cond);
      // A pivot cell with no rows is NULL (even for count), as Spark's PivotFirst gives.
      const any: Expression = { kind: 'binary', op: '>', left: { kind: 'function', name: 'count', args: [{ kind: 'literal', value: 1, dataType: new IntegerType() }], filter: cond }, right: { kind: 'literal', value: 0, dataType: new IntegerType() } };
      out.push({ kind: 'alias', child: { kind: 'caseWhen', branches: [[any, filtered]] }, names: [aggExprs.length === 1 ? valueName : `${valueName}_${aggName}`] });
    }
  }
  return { kind: 'aggregate', input: plan.input, groupType: 'groupBy', grouping: plan.grouping, aggregates: [...plan.aggregates.slice(0, plan.grouping.length), ...out] };
}

function addFilter(e: Expression, cond: Expression): Expression {
  switch (e.kind) {
    case 'function': {
      const f = lookupFunction(e.name);
      if (f?.kind === 'aggregate') return { ...e, filter: e.filter ? { kind: 'binary', op: 'and', left: e.filter, right: cond } : cond };
      return { ...e, args: e.args.map((a) => addFilter(a, cond)) };
    }
    case 'binary':
      return { ...e, left: addFilter(e.left, cond), right: addFilter(e.right, cond) };
    case 'unary':
    case 'cast':
    case 'alias':
      return { ...e, child: addFilter(e.child, cond) } as Expression;
    default:
      return e;
  }
}

/** The plan renamed: its columns qualified by `alias` (and `prefix`, e.g. `global_temp`). */
export function aliased(child: RPlan, alias: string, prefix: readonly string[] = []): PAlias {
  return { k: 'alias', input: child, alias, output: child.output.map((a) => ({ ...a, qualifier: [...prefix, alias] })) };
}
