/**
 * Unresolved expressions as text, as Spark prints them before analysis: a Column's repr
 * (`Column<'(age + 1)'>`) and the parsed plan in `explain(true)` (`'Project ['nme]`). Names are
 * bare (prefixed with `'` in plan mode), literals as Spark's pretty form.
 */
import { literalSql } from '../analysis/pretty.js';
import type { Expression, FrameBoundary, SortOrder } from './expressions.js';

const INFIX: Readonly<Record<string, string>> = { and: 'AND', or: 'OR' };

function bound(b: FrameBoundary, quote: boolean): string {
  switch (b.kind) {
    case 'unboundedPreceding':
      return 'UNBOUNDED PRECEDING';
    case 'unboundedFollowing':
      return 'UNBOUNDED FOLLOWING';
    case 'currentRow':
      return 'CURRENT ROW';
    case 'offset':
      return `${exprToSql(b.value, quote)} FOLLOWING`;
  }
}

function sortSql(o: SortOrder, quote: boolean): string {
  return `${exprToSql(o.child, quote)} ${o.direction.toUpperCase()} NULLS ${o.nulls.toUpperCase()}`;
}

/** The text of an unresolved expression; `quote` marks unresolved names with `'` as Spark's plan strings do. */
export function exprToSql(e: Expression, quote = false): string {
  const q = quote ? "'" : '';
  switch (e.kind) {
    case 'literal':
      return literalSql(e.value, e.dataType);
    case 'attribute':
      return q + e.name.join('.');
    case 'star':
      return e.target ? `${e.target.join('.')}.*` : '*';
    case 'alias':
      return `${exprToSql(e.child, quote)} AS ${e.names.length === 1 ? e.names[0]! : `(${e.names.join(', ')})`}`;
    case 'binary': {
      const op = INFIX[e.op] ?? e.op;
      if (e.op === '!=') return `(NOT (${exprToSql(e.left, quote)} = ${exprToSql(e.right, quote)}))`;
      if (e.op === '||') return `concat(${exprToSql(e.left, quote)}, ${exprToSql(e.right, quote)})`;
      return `(${exprToSql(e.left, quote)} ${op} ${exprToSql(e.right, quote)})`;
    }
    case 'unary':
      if (e.op === 'not') return `(NOT ${exprToSql(e.child, quote)})`;
      if (e.op === 'negate') return `(- ${exprToSql(e.child, quote)})`;
      if (e.op === 'positive') return `(+ ${exprToSql(e.child, quote)})`;
      return `~${exprToSql(e.child, quote)}`;
    case 'cast':
      return `${e.mode === 'try' ? 'TRY_CAST' : 'CAST'}(${exprToSql(e.child, quote)} AS ${e.to.sql()})`;
    case 'function': {
      const name = e.name;
      const args = e.args.map((a) => exprToSql(a, quote));
      const lower = name.toLowerCase();
      if (lower === 'isnull' && args.length === 1) return `(${args[0]} IS NULL)`;
      if (lower === 'isnotnull' && args.length === 1) return `(${args[0]} IS NOT NULL)`;
      if (lower === 'like' && args.length === 2) return `${args[0]} LIKE ${args[1]}`;
      if (lower === 'rlike') return `RLIKE(${args.join(', ')})`;
      if (lower === 'count' && e.args.length === 1 && e.args[0]!.kind === 'star' && e.args[0]!.target === undefined) return `${q}count(1)`;
      return `${q}${name}(${e.distinct ? 'DISTINCT ' : ''}${args.join(', ')})`;
    }
    case 'caseWhen':
      return `CASE ${e.branches.map(([c, v]) => `WHEN ${exprToSql(c, quote)} THEN ${exprToSql(v, quote)}`).join(' ')}${e.otherwise ? ` ELSE ${exprToSql(e.otherwise, quote)}` : ''} END`;
    case 'in':
      return `(${exprToSql(e.child, quote)} IN (${e.list.map((x) => exprToSql(x, quote)).join(', ')}))`;
    case 'inSubquery':
      return `(${exprToSql(e.child, quote)} IN (listquery()))`;
    case 'exists':
      return 'exists()';
    case 'scalarSubquery':
      return 'scalarsubquery()';
    case 'extractValue': {
      const k = e.key;
      if (k.kind === 'literal' && typeof k.value === 'string') return `${exprToSql(e.child, quote)}.${k.value}`;
      return `${exprToSql(e.child, quote)}[${exprToSql(k, quote)}]`;
    }
    case 'sortOrder':
      return sortSql(e, quote);
    case 'window': {
      const parts: string[] = [];
      if (e.spec.partitionBy.length > 0) parts.push(`PARTITION BY ${e.spec.partitionBy.map((x) => exprToSql(x, quote)).join(', ')}`);
      if (e.spec.orderBy.length > 0) parts.push(`ORDER BY ${e.spec.orderBy.map((o) => sortSql(o, quote)).join(', ')}`);
      if (e.spec.frame) parts.push(`${e.spec.frame.type.toUpperCase()} BETWEEN ${bound(e.spec.frame.lower, quote)} AND ${bound(e.spec.frame.upper, quote)}`);
      else parts.push('unspecifiedframe$()');
      return `${exprToSql(e.function, quote)} OVER (${parts.join(' ')})`;
    }
    case 'lambda':
      return `lambdafunction(${exprToSql(e.body, quote)}, ${e.params.join(', ')})`;
    case 'lambdaVariable':
      return e.name;
    case 'expressionString':
      return e.sql;
    case 'udf':
      return `${e.name}(${e.args.map((a) => exprToSql(a, quote)).join(', ')})`;
    case 'namedArgument':
      return `${e.name} => ${exprToSql(e.value, quote)}`;
  }
}
