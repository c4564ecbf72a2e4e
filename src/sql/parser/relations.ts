/**
 * The FROM clause: tables and views by (multi-part) name, subqueries, parenthesised joins,
 * `VALUES` inline tables and `range(…)`, each with an optional alias and column aliases
 * (`AS t(a, b)`); comma joins and `[INNER | CROSS | LEFT [OUTER] | RIGHT [OUTER] | FULL [OUTER] |
 * [LEFT] SEMI | [LEFT] ANTI] JOIN … ON … | USING (…)`; and `LATERAL VIEW [OUTER] f(…) t AS c`.
 */
import { ParseException } from '../errors.js';
import type { Expression, JoinType, LogicalPlan } from '../plan/index.js';
import type { Cursor } from './cursor.js';
import { STRICT_NON_RESERVED } from './cursor.js';
import { atImplicitAlias, expression, startsExpression } from './expressions.js';
import { errorCapturingIdentifier, identifier, identifierList, isIdentifierToken, multipartIdentifier } from './identifiers.js';
import { setOrigin } from './origins.js';
import { atQueryStart, query } from './queries.js';

/** The name Spark gives a subquery in FROM that has no alias. */
export const AUTO_SUBQUERY_NAME = '__auto_generated_subquery_name';

/** `FROM relation, relation …` (comma joins are inner joins without a condition). */
export function fromClause(c: Cursor): LogicalPlan {
  c.expectWord('FROM');
  let plan = relation(c);
  // As Spark: `a, b JOIN c` joins a and b first, then c onto that.
  while (c.acceptOp(',')) plan = joins(c, { kind: 'join', left: plan, right: relationPrimary(c), joinType: 'inner' });
  return plan;
}

/** A relation and the joins that follow it (left-associative). */
function relation(c: Cursor): LogicalPlan {
  return joins(c, relationPrimary(c));
}

function joins(c: Cursor, left: LogicalPlan): LogicalPlan {
  let plan = left;
  for (;;) {
    const joinType = joinPrefix(c);
    if (joinType === undefined) return plan;
    const right = relationPrimary(c);
    if (c.acceptWord('ON')) plan = { kind: 'join', left: plan, right, joinType, condition: expression(c) };
    else if (c.isWord('USING')) {
      c.next();
      plan = { kind: 'join', left: plan, right, joinType, using: identifierList(c) };
    } else plan = { kind: 'join', left: plan, right, joinType };
  }
}

/** Consumes `[type] JOIN` and returns the join type, or undefined when no join follows. */
function joinPrefix(c: Cursor): JoinType | undefined {
  const t = c.peek();
  if (t.type !== 'word') return undefined;
  let type: JoinType;
  let k = 1;
  switch (t.value) {
    case 'JOIN':
      c.next();
      return 'inner';
    case 'INNER':
      type = 'inner';
      break;
    case 'CROSS':
      type = 'cross';
      break;
    case 'LEFT':
      if (c.isWord('SEMI', 1) || c.isWord('ANTI', 1)) {
        type = c.peek(1).value === 'SEMI' ? 'semi' : 'anti';
        k = 2;
      } else {
        type = 'left';
        if (c.isWord('OUTER', 1)) k = 2;
      }
      break;
    case 'RIGHT':
    case 'FULL':
      type = t.value === 'RIGHT' ? 'right' : 'full';
      if (c.isWord('OUTER', 1)) k = 2;
      break;
    case 'SEMI':
    case 'ANTI':
      type = t.value === 'SEMI' ? 'semi' : 'anti';
      break;
    case 'NATURAL':
      return c.failWith('NOT_IMPLEMENTED', { feature: 'NATURAL JOIN (use JOIN … USING (columns))' }, t);
    default:
      return undefined;
  }
  c.pos += k;
  c.expectWord('JOIN');
  return type;
}

/** One table, subquery, parenthesised join, VALUES list or table function, with its alias. */
function relationPrimary(c: Cursor): LogicalPlan {
  const t = c.peek();
  if (c.isOp('(')) return parenthesized(c);
  if (t.type === 'word' && t.value === 'VALUES') return inlineTable(c);
  if (!isIdentifierToken(t)) c.fail();
  const name = multipartIdentifier(c);
  if (c.isOp('(')) return tableFunction(c, name);
  if (c.isWord('TABLESAMPLE') && c.isOp('(', 1)) c.failWith('NOT_IMPLEMENTED', { feature: 'TABLESAMPLE (use DataFrame.sample)' });
  return aliased(c, setOrigin({ kind: 'table', name }, t));
}

function parenthesized(c: Cursor): LogicalPlan {
  const start = c.pos;
  if (atQueryStart(c, 1)) {
    try {
      c.next();
      const plan = query(c);
      c.expectOp(')');
      return aliased(c, plan, AUTO_SUBQUERY_NAME);
    } catch (e) {
      // `((SELECT …) t JOIN u)` starts like a query but is a join in parentheses.
      const second = c.tokens[start + 1]!;
      if (!(e instanceof ParseException) || second.type !== 'op' || second.value !== '(') throw e;
      c.pos = start;
      try {
        return parenthesizedRelation(c);
      } catch {
        throw e;
      }
    }
  }
  return parenthesizedRelation(c);
}

function parenthesizedRelation(c: Cursor): LogicalPlan {
  c.expectOp('(');
  const inner = relation(c);
  c.expectOp(')');
  return aliased(c, inner);
}

/** `range(…)` in FROM is a Range; other table-valued functions are not implemented. */
function tableFunction(c: Cursor, name: string[]): LogicalPlan {
  const fn = name.join('.').toLowerCase();
  if (fn !== 'range') c.failWith('NOT_IMPLEMENTED', { feature: `The table-valued function ${name.join('.')}(…) in FROM (use LATERAL VIEW or a generator in SELECT)` });
  c.expectOp('(');
  const args: number[] = [];
  if (!c.isOp(')')) {
    do {
      const e = expression(c);
      args.push(integerArgument(c, e));
    } while (c.acceptOp(','));
  }
  c.expectOp(')');
  const [a, b, step, numPartitions] = args;
  if (a === undefined || args.length > 4) c.failWith('NOT_IMPLEMENTED', { feature: `range() with ${args.length} arguments` });
  const plan: LogicalPlan =
    b === undefined
      ? { kind: 'range', start: 0, end: a, step: 1 }
      : { kind: 'range', start: a, end: b, step: step ?? 1, ...(numPartitions !== undefined ? { numPartitions } : {}) };
  return aliased(c, plan);
}

function integerArgument(c: Cursor, e: Expression): number {
  if (e.kind === 'literal' && typeof e.value === 'number' && Number.isInteger(e.value)) return e.value;
  if (e.kind === 'unary' && e.op === 'negate') return -integerArgument(c, e.child);
  return c.failWith('NOT_IMPLEMENTED', { feature: 'range() with arguments other than integer literals' }, c.previous());
}

/** `[AS] alias [(col, …)]` after a relation: Spark's SubqueryAlias (+ column aliases as a toDF). */
function aliased(c: Cursor, plan: LogicalPlan, defaultAlias?: string): LogicalPlan {
  const alias = tableAlias(c);
  const name = alias?.name ?? defaultAlias;
  if (name === undefined) return plan;
  const input: LogicalPlan = alias?.columns ? { kind: 'toDF', input: plan, names: alias.columns } : plan;
  return { kind: 'subqueryAlias', input, alias: name };
}

/** An optional table alias; strict keywords (JOIN, ON, USING, UNION …) are never aliases. */
function tableAlias(c: Cursor): { name: string; columns?: string[] } | undefined {
  let name: string | undefined;
  if (c.isWord('AS')) {
    const after = c.peek(1);
    if (after.type === 'ident' || (after.type === 'word' && !STRICT_NON_RESERVED.has(after.value))) {
      c.next();
      name = errorCapturingIdentifier(c);
    } else if (after.type === 'eof' || (after.type === 'op' && (after.value === ')' || after.value === ';' || after.value === ','))) {
      c.next();
      name = 'AS';
    } else {
      c.next();
      c.fail();
    }
  } else if (atImplicitAlias(c)) name = errorCapturingIdentifier(c);
  if (name === undefined) return undefined;
  if (c.isOp('(') && isIdentifierToken(c.peek(1))) return { name, columns: identifierList(c) };
  return { name };
}

/** `VALUES row, row … [AS t(a, b)]`: a row is `(a, b)` or a single expression. */
export function inlineTable(c: Cursor): LogicalPlan {
  c.expectWord('VALUES');
  const rows: Expression[][] = [];
  for (;;) {
    const e = expression(c);
    rows.push(e.kind === 'function' && c.rowConstructors.has(e) ? [...e.args] : [e]);
    // A trailing comma is left for the statement's end (`extra input ','`), as Spark reports it.
    if (!c.isOp(',') || !startsExpression(c.peek(1))) break;
    c.next();
  }
  const alias = tableAlias(c);
  const width = rows[0]!.length;
  const names = alias?.columns ?? Array.from({ length: width }, (_, i) => `col${i + 1}`);
  const table: LogicalPlan = { kind: 'inlineTable', rows, names };
  return alias === undefined ? table : { kind: 'subqueryAlias', input: table, alias: alias.name };
}

/** `LATERAL VIEW [OUTER] f(args) table [AS] col, …` after the FROM clause: Generate nodes. */
export function lateralViews(c: Cursor, input: LogicalPlan): LogicalPlan {
  let plan = input;
  while (c.isWord('LATERAL') && c.isWord('VIEW', 1)) {
    c.pos += 2;
    const outer = c.acceptWord('OUTER');
    const fnName = [identifier(c)];
    while (c.acceptOp('.')) fnName.push(identifier(c));
    c.expectOp('(');
    const args: Expression[] = [];
    if (!c.isOp(')')) {
      do args.push(expression(c));
      while (c.acceptOp(','));
    }
    c.expectOp(')');
    const qualifier = identifier(c);
    const aliases: string[] = [];
    if (c.acceptWord('AS') || (isIdentifierToken(c.peek()) && !(c.peek().type === 'word' && STRICT_NON_RESERVED.has(c.peek().value)) && atImplicitAlias(c))) {
      do aliases.push(identifier(c));
      while (c.acceptOp(','));
    }
    plan = { kind: 'generate', input: plan, generator: { kind: 'function', name: fnName.join('.'), args }, outer, aliases, qualifier };
  }
  return plan;
}
