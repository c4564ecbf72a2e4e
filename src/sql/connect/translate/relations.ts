/**
 * tspark logical plans (src/sql/plan/relations.ts) as Spark Connect relations and commands, node
 * for node; a node's `planId` becomes `common.plan_id`, so columns taken from a DataFrame
 * (`df.value`) resolve against the same node on the server. What only the local engine can run
 * (RDDs, TypeScript functions) is refused with one line that says what to do instead.
 */
import type { Expression } from '../../plan/expressions.js';
import type { Aggregate, Command as PlanCommand, JoinType, LogicalPlan } from '../../plan/relations.js';
import type { Command, Plan, Relation } from '../proto.js';
import { toProtoExpression, toProtoSortOrder, quoteName } from './expressions.js';
import { toProtoLiteral } from './literals.js';
import { toLocalRelation } from './local-relation.js';
import { refuse } from './refuse.js';
import { collectingReferences, freshPlanId } from './subqueries.js';

const JOIN_TYPES: Record<JoinType, 'JOIN_TYPE_INNER' | 'JOIN_TYPE_CROSS' | 'JOIN_TYPE_FULL_OUTER' | 'JOIN_TYPE_LEFT_OUTER' | 'JOIN_TYPE_RIGHT_OUTER' | 'JOIN_TYPE_LEFT_SEMI' | 'JOIN_TYPE_LEFT_ANTI'> = {
  inner: 'JOIN_TYPE_INNER',
  cross: 'JOIN_TYPE_CROSS',
  full: 'JOIN_TYPE_FULL_OUTER',
  left: 'JOIN_TYPE_LEFT_OUTER',
  right: 'JOIN_TYPE_RIGHT_OUTER',
  semi: 'JOIN_TYPE_LEFT_SEMI',
  anti: 'JOIN_TYPE_LEFT_ANTI',
};

/** A plan as what ExecutePlan takes: a relation to run, or a command (views, writes). */
export function toProtoPlan(plan: LogicalPlan): Plan {
  return plan.kind === 'command' ? { command: toProtoCommand(plan.command) } : { root: toProtoRelation(plan) };
}

/** Translates one relation tree. */
export function toProtoRelation(plan: LogicalPlan): Relation {
  return collectingReferences(() => {
    const rel = relationBody(plan);
    return plan.planId !== undefined ? { ...rel, common: { plan_id: plan.planId } } : rel;
  });
}

/** A plan a subquery expression refers to, with the plan id the expression names. */
export function toReferencedRelation(plan: LogicalPlan): { relation: Relation; planId: number } {
  const planId = plan.planId ?? freshPlanId();
  const relation = toProtoRelation({ ...plan, planId } as LogicalPlan);
  return { relation, planId };
}

const exprs = (list: readonly Expression[]) => list.map(toProtoExpression);

function relationBody(p: LogicalPlan): Relation {
  switch (p.kind) {
    case 'localRelation':
      return toLocalRelation(p.schema, p.partitions.flat());
    case 'remoteRelation':
      return p.relation as Relation;
    case 'rddRelation':
      return refuse('A DataFrame made from an RDD', 'the RDD lives in this process and Spark cannot read it', 'collect the rows first (spark.createDataFrame(rdd.collect(), schema)) or run it on the local engine');
    case 'range':
      return { range: { start: p.start, end: p.end, step: p.step, ...(p.numPartitions !== undefined ? { num_partitions: p.numPartitions } : {}) } };
    case 'oneRow':
      // Spark Connect's Project without an input is `SELECT exprs` over one row.
      return { project: { expressions: [] } };
    case 'inlineTable':
      return refuse('VALUES (…) built as a plan', 'Spark Connect has no inline-table relation', 'use spark.sql("SELECT … FROM VALUES …") or spark.createDataFrame');
    case 'read':
      return {
        read: {
          data_source: {
            format: p.format,
            ...(p.schema ? { schema: p.schema.json() } : {}),
            options: { ...p.options },
            paths: [...p.paths],
          },
          is_streaming: p.isStreaming,
        },
      };
    case 'table':
      return { read: { named_table: { unparsed_identifier: quoteName(p.name) }, is_streaming: p.isStreaming ?? false } };
    case 'project':
      return { project: { ...(p.input.kind === 'oneRow' ? {} : { input: toProtoRelation(p.input) }), expressions: exprs(p.exprs) } };
    case 'filter':
      return { filter: { input: toProtoRelation(p.input), condition: toProtoExpression(p.condition) } };
    case 'aggregate':
      return aggregate(p);
    case 'join':
      return {
        join: {
          left: toProtoRelation(p.left),
          right: toProtoRelation(p.right),
          join_type: JOIN_TYPES[p.joinType],
          ...(p.condition ? { join_condition: toProtoExpression(p.condition) } : {}),
          ...(p.using ? { using_columns: [...p.using] } : {}),
        },
      };
    case 'sort':
      return { sort: { input: toProtoRelation(p.input), order: p.order.map(toProtoSortOrder), is_global: p.global } };
    case 'limit':
      return { limit: { input: toProtoRelation(p.input), limit: p.n } };
    case 'offset':
      return { offset: { input: toProtoRelation(p.input), offset: p.n } };
    case 'tail':
      return { tail: { input: toProtoRelation(p.input), limit: p.n } };
    case 'deduplicate':
      return {
        deduplicate: {
          input: toProtoRelation(p.input),
          ...(p.columns ? { column_names: [...p.columns] } : { all_columns_as_keys: true }),
          within_watermark: p.withinWatermark ?? false,
        },
      };
    case 'setOp':
      return {
        set_op: {
          left_input: toProtoRelation(p.left),
          right_input: toProtoRelation(p.right),
          set_op_type: p.op === 'union' ? 'SET_OP_TYPE_UNION' : p.op === 'intersect' ? 'SET_OP_TYPE_INTERSECT' : 'SET_OP_TYPE_EXCEPT',
          is_all: p.all,
          by_name: p.byName,
          allow_missing_columns: p.allowMissingColumns,
        },
      };
    case 'subqueryAlias':
      return { subquery_alias: { input: toProtoRelation(p.input), alias: p.alias } };
    case 'with':
      return refuse('WITH (common table expressions) built as a plan', 'this client does not send Spark Connect 4.0 relation references yet', 'use spark.sql("WITH … SELECT …"), which sends its text as it is');
    case 'windowRel':
      return { project: { input: toProtoRelation(p.input), expressions: [{ unresolved_star: {} }, ...exprs(p.windowExprs)] } };
    case 'generate': {
      const generator = p.outer ? outerGenerator(p.generator) : p.generator;
      const aliased: Expression = p.aliases.length ? { kind: 'alias', child: generator, names: p.aliases } : generator;
      return { project: { input: toProtoRelation(p.input), expressions: [{ unresolved_star: {} }, toProtoExpression(aliased)] } };
    }
    case 'sample':
      return {
        sample: { input: toProtoRelation(p.input), lower_bound: p.lower, upper_bound: p.upper, with_replacement: p.withReplacement, seed: p.seed },
      };
    case 'withColumns':
      return {
        with_columns: {
          input: toProtoRelation(p.input),
          aliases: p.names.map((name, i) => ({ expr: toProtoExpression(p.exprs[i]!), name: [name] })),
        },
      };
    case 'withColumnsRenamed':
      return { with_columns_renamed: { input: toProtoRelation(p.input), renames: p.renames.map(([from, to]) => ({ col_name: from, new_col_name: to })) } };
    case 'drop':
      return { drop: { input: toProtoRelation(p.input), columns: exprs(p.columns), column_names: [...p.names] } };
    case 'toDF':
      return { to_df: { input: toProtoRelation(p.input), column_names: [...p.names] } };
    case 'repartition':
      return p.exprs.length
        ? { repartition_by_expression: { input: toProtoRelation(p.input), partition_exprs: exprs(p.exprs), ...(p.numPartitions !== undefined ? { num_partitions: p.numPartitions } : {}) } }
        : { repartition: { input: toProtoRelation(p.input), num_partitions: p.numPartitions ?? 1, shuffle: p.shuffle } };
    case 'withWatermark':
      return { with_watermark: { input: toProtoRelation(p.input), event_time: p.eventTime, delay_threshold: p.delay } };
    case 'hint':
      return { hint: { input: toProtoRelation(p.input), name: p.name, parameters: exprs(p.parameters) } };
    case 'groupsWithState':
      return refuse(
        p.spec.isMap ? 'mapGroupsWithState with a TypeScript function' : 'flatMapGroupsWithState with a TypeScript function',
        'Spark cannot run JavaScript',
        'express the state with built-in aggregations and windows, or run the query on the local engine',
      );
    case 'command':
      return refuse('A statement (view, write, SET …) used as a relation', 'Spark Connect runs statements as commands', 'run it on its own');
    default: {
      const never: never = p;
      return refuse(`The plan node ${JSON.stringify((never as { kind: unknown }).kind)}`, 'it is not a relation this client knows', 'use spark.sql(…)');
    }
  }
}

/** `explode` → `explode_outer` …: Spark Connect has no outer flag on a generator. */
function outerGenerator(g: Expression): Expression {
  if (g.kind === 'function' && ['explode', 'posexplode', 'inline'].includes(g.name.toLowerCase())) return { ...g, name: `${g.name}_outer` };
  return refuse('An OUTER generator other than explode, posexplode or inline', 'Spark has no _outer form of it', 'use explode_outer, posexplode_outer or inline_outer');
}

/**
 * Spark Connect's Aggregate lists only the aggregate expressions (the server puts the grouping
 * columns first, as `spark.sql.retainGroupColumns` does); a tspark Aggregate lists its whole
 * output, grouping columns first. Those leading grouping columns are dropped here.
 */
function aggregate(p: Aggregate): Relation {
  if (p.having) return refuse('HAVING built as a plan', 'Spark Connect has no HAVING on an aggregate', 'filter the aggregated DataFrame, or use spark.sql(…)');
  const n = p.grouping.length;
  const leading = p.aggregates.slice(0, n);
  const sameAsGrouping = leading.length === n && leading.every((e, i) => sameExpression(unalias(e), unalias(p.grouping[i]!)));
  const aggregates = sameAsGrouping ? p.aggregates.slice(n) : p.aggregates;
  if (!sameAsGrouping && n > 0 && p.aggregates.some((e) => p.grouping.some((g) => sameExpression(unalias(e), unalias(g))))) {
    refuse('An aggregation whose output does not start with its grouping columns', 'Spark Connect always puts the grouping columns first', 'select the columns in the order you want after the aggregation');
  }
  if (p.groupType === 'groupingSets') refuse('GROUPING SETS built as a plan', "Spark 3.5's Connect protocol has no grouping sets", 'use spark.sql(…) with GROUP BY GROUPING SETS, or rollup/cube');
  const groupType = { groupBy: 'GROUP_TYPE_GROUPBY', rollup: 'GROUP_TYPE_ROLLUP', cube: 'GROUP_TYPE_CUBE', pivot: 'GROUP_TYPE_PIVOT' } as const;
  return {
    aggregate: {
      input: toProtoRelation(p.input),
      group_type: groupType[p.groupType as Exclude<typeof p.groupType, 'groupingSets'>],
      grouping_expressions: exprs(p.grouping),
      aggregate_expressions: exprs(aggregates),
      ...(p.pivot
        ? {
            pivot: {
              col: toProtoExpression(p.pivot.column),
              values: (p.pivot.values ?? []).map((v) =>
                v.kind === 'literal' ? toProtoLiteral(v.value, v.dataType) : refuse('A pivot value that is not a literal', 'Spark takes pivot values as constants', 'pass literal values'),
              ),
            },
          }
        : {}),
    },
  };
}

function unalias(e: Expression): Expression {
  return e.kind === 'alias' ? e.child : e;
}

function sameExpression(a: Expression, b: Expression): boolean {
  return JSON.stringify(a, replacer) === JSON.stringify(b, replacer);
}

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value && typeof value === 'object' && 'simpleString' in value && typeof (value as { simpleString: unknown }).simpleString === 'function') {
    return (value as { simpleString(): string }).simpleString();
  }
  return value;
}

/** Statements Spark Connect has commands for; the rest go as SQL text with spark.sql. */
function toProtoCommand(c: PlanCommand): Command {
  switch (c.kind) {
    case 'createView':
      if (c.ifNotExists || c.columns) {
        return refuse('CREATE VIEW with IF NOT EXISTS or a column list', "Spark Connect's view command has neither", 'use spark.sql(…) with the statement');
      }
      return { create_dataframe_view: { input: toProtoRelation(c.plan), name: quoteName(c.name), is_global: c.global, replace: c.replace } };
    case 'write': {
      const mode = { error: 'SAVE_MODE_ERROR_IF_EXISTS', append: 'SAVE_MODE_APPEND', overwrite: 'SAVE_MODE_OVERWRITE', ignore: 'SAVE_MODE_IGNORE' } as const;
      return {
        write_operation: {
          input: toProtoRelation(c.plan),
          source: c.format,
          mode: mode[c.mode],
          options: { ...c.options },
          partitioning_columns: [...c.partitionBy],
          ...(c.path !== undefined ? { path: c.path } : {}),
          ...(c.table ? { table: { table_name: quoteName(c.table), save_method: 'TABLE_SAVE_METHOD_SAVE_AS_TABLE' } } : {}),
        },
      };
    }
    default:
      return refuse(`The ${c.kind} statement built as a plan`, 'this client sends such statements as SQL text', 'use spark.sql(…) with the statement');
  }
}
