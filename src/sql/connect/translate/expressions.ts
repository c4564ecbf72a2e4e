/**
 * tspark expressions (src/sql/plan/expressions.ts) as Spark Connect `Expression` messages, node
 * for node, as pyspark's Connect client builds them: operators become `unresolved_function`s
 * named `+`, `==`, `and` …; `when` chains become the `when` function; a column taken from a
 * DataFrame keeps its `plan_id`; scalar and EXISTS subqueries name their plan (subqueries.ts).
 * TypeScript UDFs and IN-subqueries are refused with one line.
 */
import { BooleanType } from '../../types/data-types.js';
import type { BinaryOperator, Expression, FrameBoundary, SortOrder, UnaryOperator, WindowSpec } from '../../plan/expressions.js';
import type { Expression as ProtoExpression } from '../proto.js';
import { toProtoType } from '../types.js';
import { toProtoLiteral } from './literals.js';
import { refuse } from './refuse.js';
import { toReferencedRelation } from './relations.js';
import { addReference } from './subqueries.js';

/**
 * Spark's function names for tspark's binary operators (the names pyspark's Column sends).
 * `!=` has no function of its own: pyspark sends `not(a == b)`, and so does toProtoExpression.
 */
const BINARY: Record<Exclude<BinaryOperator, '!='>, string> = {
  '+': '+',
  '-': '-',
  '*': '*',
  '/': '/',
  '%': '%',
  div: 'div',
  '=': '==',
  '<=>': '<=>',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  and: 'and',
  or: 'or',
  '&': '&',
  '|': '|',
  '^': '^',
  '||': 'concat',
};

const booleanType = new BooleanType();


const UNARY: Record<UnaryOperator, string> = { not: 'not', negate: 'negative', positive: 'positive', '~': '~' };

/** Aggregates whose `IGNORE NULLS` pyspark sends as a trailing boolean argument. */
const IGNORE_NULLS_AS_ARGUMENT = new Set(['first', 'last', 'first_value', 'last_value', 'any_value', 'nth_value', 'lag', 'lead']);

/** One identifier part as Spark's attribute-name parser reads it: backticks unless plain. */
export function quotePart(part: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(part) ? part : '`' + part.replace(/`/g, '``') + '`';
}

/** A multi-part name as Spark's `parseAttributeName` reads it: `a.b`, `` `a.b`.c ``. */
export function quoteName(parts: readonly string[]): string {
  return parts.map(quotePart).join('.');
}

function fn(name: string, args: readonly Expression[], distinct = false): ProtoExpression {
  return { unresolved_function: { function_name: name, arguments: args.map(toProtoExpression), is_distinct: distinct } };
}

/** Translates one expression tree. */
export function toProtoExpression(e: Expression): ProtoExpression {
  switch (e.kind) {
    case 'literal':
      return { literal: toProtoLiteral(e.value, e.dataType) };
    case 'attribute':
      return { unresolved_attribute: { unparsed_identifier: quoteName(e.name), ...(e.planId !== undefined ? { plan_id: e.planId } : {}) } };
    case 'star':
      return {
        unresolved_star: {
          ...(e.target?.length ? { unparsed_target: `${quoteName(e.target)}.*` } : {}),
          ...(e.planId !== undefined ? { plan_id: e.planId } : {}),
        },
      };
    case 'alias':
      return {
        alias: {
          expr: toProtoExpression(e.child),
          name: [...e.names],
          ...(e.metadata && Object.keys(e.metadata).length ? { metadata: JSON.stringify(e.metadata) } : {}),
        },
      };
    case 'binary':
      if (e.op === '!=') return { unresolved_function: { function_name: 'not', arguments: [fn('==', [e.left, e.right])], is_distinct: false } };
      return fn(BINARY[e.op], [e.left, e.right]);
    case 'unary':
      return fn(UNARY[e.op], [e.child]);
    case 'cast':
      return {
        cast: {
          expr: toProtoExpression(e.child),
          type: toProtoType(e.to),
          eval_mode: e.mode === 'try' ? 'EVAL_MODE_TRY' : e.mode === 'ansi' ? 'EVAL_MODE_ANSI' : 'EVAL_MODE_UNSPECIFIED',
        },
      };
    case 'function': {
      if (e.filter) {
        refuse(`${e.name}(…) FILTER (WHERE …)`, "Spark Connect 4.0's function call has no aggregate filter", 'write the query with spark.sql(…), which sends its text as it is');
      }
      const args = e.ignoreNulls && IGNORE_NULLS_AS_ARGUMENT.has(e.name.toLowerCase()) ? [...e.args, { kind: 'literal', value: true, dataType: booleanType } as const] : e.args;
      if (e.ignoreNulls && !IGNORE_NULLS_AS_ARGUMENT.has(e.name.toLowerCase())) {
        refuse(`${e.name}(…) IGNORE NULLS`, `Spark Connect has no way to say IGNORE NULLS for ${e.name}`, 'write the query with spark.sql(…)');
      }
      return fn(e.name, args, e.distinct ?? false);
    }
    case 'caseWhen':
      return fn('when', [...e.branches.flatMap(([c, v]) => [c, v]), ...(e.otherwise ? [e.otherwise] : [])]);
    case 'in':
      return fn('in', [e.child, ...e.list]);
    case 'extractValue':
      return { unresolved_extract_value: { child: toProtoExpression(e.child), extraction: toProtoExpression(e.key) } };
    case 'sortOrder':
      return { sort_order: toProtoSortOrder(e) };
    case 'window':
      return { window: toProtoWindow(e.function, e.spec) };
    case 'lambda':
      return {
        lambda_function: {
          function: toProtoExpression(e.body),
          arguments: e.params.map((p) => ({ name_parts: [p] })),
        },
      };
    case 'lambdaVariable':
      return { unresolved_named_lambda_variable: { name_parts: [e.name] } };
    case 'expressionString':
      return { expression_string: { expression: e.sql } };
    case 'namedArgument':
      return { named_argument_expression: { key: e.name, value: toProtoExpression(e.value) } };
    case 'udf':
      return refuse(
        `The TypeScript UDF ${e.name}`,
        'Spark cannot run JavaScript',
        'use a built-in function from F, or run this DataFrame on the local engine',
      );
    case 'scalarSubquery':
    case 'exists': {
      // relations.ts and this file import each other; only functions cross, at call time.
      const { relation, planId } = toReferencedRelation(e.plan);
      addReference(relation);
      return { subquery_expression: { plan_id: planId, subquery_type: e.kind === 'exists' ? 'SUBQUERY_TYPE_EXISTS' : 'SUBQUERY_TYPE_SCALAR' } };
    }
    case 'inSubquery':
      return refuse('IN (subquery) inside a DataFrame expression', 'Spark Connect 4.0 has no IN-subquery expression', 'use a semi join (df.join(other, on, "semi")) or spark.sql(…)');
    default: {
      const never: never = e;
      return refuse(`The expression ${JSON.stringify((never as { kind: string }).kind)}`, 'it has no Spark Connect form', 'use spark.sql(…)');
    }
  }
}

/** `asc_nulls_first` …: direction and null placement. */
export function toProtoSortOrder(s: SortOrder): NonNullable<ProtoExpression['sort_order']> {
  return {
    child: toProtoExpression(s.child),
    direction: s.direction === 'asc' ? 'SORT_DIRECTION_ASCENDING' : 'SORT_DIRECTION_DESCENDING',
    null_ordering: s.nulls === 'first' ? 'SORT_NULLS_FIRST' : 'SORT_NULLS_LAST',
  };
}

function toProtoWindow(f: Expression, spec: WindowSpec): NonNullable<ProtoExpression['window']> {
  return {
    window_function: toProtoExpression(f),
    partition_spec: spec.partitionBy.map(toProtoExpression),
    order_spec: spec.orderBy.map(toProtoSortOrder),
    ...(spec.frame
      ? {
          frame_spec: {
            frame_type: spec.frame.type === 'rows' ? 'FRAME_TYPE_ROW' : 'FRAME_TYPE_RANGE',
            lower: boundary(spec.frame.lower),
            upper: boundary(spec.frame.upper),
          },
        }
      : {}),
  };
}

function boundary(b: FrameBoundary): { current_row?: boolean; unbounded?: boolean; value?: ProtoExpression } {
  switch (b.kind) {
    case 'currentRow':
      return { current_row: true };
    case 'unboundedPreceding':
    case 'unboundedFollowing':
      return { unbounded: true };
    case 'offset':
      return { value: toProtoExpression(b.value) };
  }
}
