/**
 * Expressions with Spark's precedence, loosest first: OR, AND, NOT / `!` / EXISTS, one
 * predicate (`[NOT] BETWEEN | IN | LIKE | ILIKE | RLIKE`, `IS [NOT] NULL | TRUE | FALSE |
 * DISTINCT FROM`), comparison (`= == <=> <> != < <= > >=`), `|`, `^`, `&`, `+ - ||`,
 * `* / % DIV`, unary `- + ~`, then primaries (primary.ts). Binary operators associate to the
 * left. The trees are the ones Spark's parser builds: `a <> b` is `NOT (a = b)`, `a || b` is
 * `concat(a, b)`, `x BETWEEN l AND u` is `(x >= l) AND (x <= u)`, `a IS NULL` is `isnull(a)`.
 */
import { ParseException } from '../errors.js';
import { binary, call, lit, type Expression, type SortOrder } from '../plan/index.js';
import type { Cursor } from './cursor.js';
import { STRICT_NON_RESERVED } from './cursor.js';
import { errorCapturingIdentifier, identifier, identifierList, isIdentifierToken } from './identifiers.js';
import type { Token } from './lexer.js';
import { originOf, setOrigin } from './origins.js';
import { primary } from './primary.js';
import { atQueryStart, query } from './queries.js';

const not = (child: Expression): Expression => ({ kind: 'unary', op: 'not', child });

/** One expression (Spark's `booleanExpression`). */
export function expression(c: Cursor): Expression {
  const start = c.peek();
  const operands = [andExpression(c)];
  while (acceptLogical(c, 'OR')) operands.push(andExpression(c));
  return operands.length === 1 ? operands[0]! : setOrigin(balanced('or', operands, 0, operands.length - 1), start);
}

function andExpression(c: Cursor): Expression {
  const start = c.peek();
  const operands = [notExpression(c)];
  while (acceptLogical(c, 'AND')) operands.push(notExpression(c));
  return operands.length === 1 ? operands[0]! : setOrigin(balanced('and', operands, 0, operands.length - 1), start);
}

/**
 * AND / OR before an operand; a dangling one (`WHERE a = 1 AND`) is left for the caller, so
 * the error is Spark's `at or near 'AND': extra input 'AND'`.
 */
function acceptLogical(c: Cursor, word: 'AND' | 'OR'): boolean {
  if (!c.isWord(word) || !startsExpression(c.peek(1))) return false;
  c.next();
  return true;
}

/** A chain `a AND b AND c AND d` as Spark builds it: a balanced tree, `(a AND b) AND (c AND d)`. */
function balanced(op: 'and' | 'or', xs: Expression[], low: number, high: number): Expression {
  if (low === high) return xs[low]!;
  if (high - low === 1) return binary(op, xs[low]!, xs[high]!);
  const mid = low + Math.floor((high - low) / 2);
  return binary(op, balanced(op, xs, low, mid), balanced(op, xs, mid + 1, high));
}

function notExpression(c: Cursor): Expression {
  if ((c.isWord('NOT') || c.isOp('!')) && startsExpression(c.peek(1))) {
    const start = c.next();
    return setOrigin(not(notExpression(c)), start);
  }
  if (c.isWord('EXISTS') && c.isOp('(', 1) && atQueryStart(c, 2)) {
    c.next();
    c.next();
    const plan = query(c);
    c.expectOp(')');
    return { kind: 'exists', plan };
  }
  return predicated(c);
}

const PREDICATE_WORDS = new Set(['BETWEEN', 'IN', 'LIKE', 'ILIKE', 'RLIKE']);

function predicated(c: Cursor): Expression {
  const start = c.peek();
  const value = valueExpression(c);
  const e = predicate(c, value);
  return e === value ? e : setOrigin(e, start);
}

function predicate(c: Cursor, value: Expression): Expression {
  let negated = false;
  if (c.isWord('NOT') && c.peek(1).type === 'word' && PREDICATE_WORDS.has(c.peek(1).value)) {
    c.next();
    negated = true;
  }
  const wrap = (e: Expression): Expression => (negated ? not(e) : e);
  const t = c.peek();
  if (t.type !== 'word') return value;
  switch (t.value) {
    case 'BETWEEN': {
      c.next();
      const lower = valueExpression(c);
      c.expectWord('AND');
      const upper = valueExpression(c);
      return wrap(binary('and', binary('>=', value, lower), binary('<=', value, upper)));
    }
    case 'IN':
      return wrap(inPredicate(c, value));
    case 'LIKE':
    case 'ILIKE': {
      c.next();
      const q = c.peek();
      if (q.type === 'word' && (q.value === 'ANY' || q.value === 'SOME' || q.value === 'ALL') && c.isOp('(', 1)) {
        c.failWith('NOT_IMPLEMENTED', { feature: `${t.value} ${q.value} (…)` }, q);
      }
      const pattern = valueExpression(c);
      const args = [value, pattern];
      if (c.acceptWord('ESCAPE')) {
        const s = c.peek();
        if (s.type !== 'string') c.fail();
        c.next();
        args.push(lit(s.value));
      }
      return wrap(call(t.value.toLowerCase(), ...args));
    }
    case 'RLIKE': {
      c.next();
      return wrap(call('rlike', value, valueExpression(c)));
    }
    case 'IS':
      if (negated) return value;
      return isPredicate(c, value);
    default:
      return value;
  }
}

/** `IN (list)` or `IN (query)`; Spark reports a list that does not parse at the IN. */
function inPredicate(c: Cursor, value: Expression): Expression {
  const inToken = c.next();
  const subquery = c.isOp('(') && atQueryStart(c, 1);
  try {
    return inList(c, value);
  } catch (e) {
    if (e instanceof ParseException && e.errorClass === 'PARSE_SYNTAX_ERROR' && !subquery) c.fail(inToken);
    throw e;
  }
}

function inList(c: Cursor, value: Expression): Expression {
  if (c.isOp('(') && c.isOp(')', 1)) c.fail();
  c.expectOp('(');
  if (atQueryStart(c)) {
    const plan = query(c);
    c.expectOp(')');
    return { kind: 'inSubquery', child: value, plan };
  }
  const list = [expression(c)];
  while (c.acceptOp(',')) list.push(expression(c));
  c.expectOp(')');
  return { kind: 'in', child: value, list };
}

function isPredicate(c: Cursor, value: Expression): Expression {
  c.next();
  const negated = c.acceptWord('NOT');
  const t = c.next();
  if (t.type !== 'word') c.fail(t);
  switch (t.value) {
    case 'NULL':
    case 'UNKNOWN':
      return call(negated ? 'isnotnull' : 'isnull', value);
    case 'TRUE':
    case 'FALSE': {
      const e = binary('<=>', value, lit(t.value === 'TRUE'));
      return negated ? not(e) : e;
    }
    case 'DISTINCT': {
      c.expectWord('FROM');
      const e = binary('<=>', value, valueExpression(c));
      return negated ? e : not(e);
    }
    default:
      return c.fail(t);
  }
}

interface BinaryOp {
  readonly prec: number;
  readonly build: (l: Expression, r: Expression) => Expression;
}

const op = (o: Parameters<typeof binary>[0], prec: number): BinaryOp => ({ prec, build: (l, r) => binary(o, l, r) });
const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  '=': op('=', 1),
  '==': op('=', 1),
  '<=>': op('<=>', 1),
  '<>': { prec: 1, build: (l, r) => not(binary('=', l, r)) },
  '!=': { prec: 1, build: (l, r) => not(binary('=', l, r)) },
  '<': op('<', 1),
  '<=': op('<=', 1),
  '>': op('>', 1),
  '>=': op('>=', 1),
  '|': op('|', 2),
  '^': op('^', 3),
  '&': op('&', 4),
  '+': op('+', 5),
  '-': op('-', 5),
  '||': { prec: 5, build: (l, r) => call('concat', l, r) },
  '*': op('*', 6),
  '/': op('/', 6),
  '%': op('%', 6),
  DIV: op('div', 6),
};

function binaryOperator(t: Token): BinaryOp | undefined {
  if (t.type === 'op') return BINARY_OPS[t.value];
  if (t.type === 'word' && t.value === 'DIV') return BINARY_OPS['DIV'];
  return undefined;
}

/** Spark's `valueExpression`: arithmetic, bitwise and comparison operators by precedence climbing. */
export function valueExpression(c: Cursor, minPrec = 1): Expression {
  const start = c.peek();
  let left = unary(c);
  for (;;) {
    const o = binaryOperator(c.peek());
    if (o === undefined || o.prec < minPrec) return left;
    c.next();
    left = setOrigin(o.build(left, valueExpression(c, o.prec + 1)), start);
  }
}

function unary(c: Cursor): Expression {
  const t = c.peek();
  if (t.type === 'op' && (t.value === '-' || t.value === '+' || t.value === '~')) {
    // `-1` is a negative literal (Spark folds the sign into the constant); `-x` negates.
    if (t.value === '-' && c.peek(1).type === 'number') return primary(c);
    c.next();
    const child = unary(c);
    return { kind: 'unary', op: t.value === '-' ? 'negate' : t.value === '+' ? 'positive' : '~', child };
  }
  return primary(c);
}

/** True when the token can begin an expression. */
export function startsExpression(t: Token): boolean {
  switch (t.type) {
    case 'word':
    case 'ident':
    case 'number':
    case 'string':
      return true;
    case 'op':
      return t.value === '(' || t.value === '-' || t.value === '+' || t.value === '~' || t.value === '!' || t.value === '*';
    default:
      return false;
  }
}

/** Tokens that end a list item or a clause, after which a dangling keyword reads as an alias. */
function endsItem(t: Token): boolean {
  return t.type === 'eof' || (t.type === 'op' && (t.value === ';' || t.value === ')' || t.value === ','));
}

/**
 * True when the clause keyword at `k` really starts its clause (`WHERE x`, `ORDER BY x`), as
 * opposed to dangling (`SELECT * FROM t WHERE` takes WHERE as the alias of t, as Spark does).
 */
export function clauseStartsAt(c: Cursor, k: number): boolean {
  const t = c.peek(k);
  if (t.type !== 'word') return false;
  switch (t.value) {
    case 'WHERE':
    case 'HAVING':
    case 'LIMIT':
    case 'OFFSET':
      return startsExpression(c.peek(k + 1)) && !clauseStartsAt(c, k + 1);
    case 'GROUP':
    case 'ORDER':
    case 'SORT':
    case 'CLUSTER':
    case 'DISTRIBUTE':
      return c.isWord('BY', k + 1) && startsExpression(c.peek(k + 2));
    case 'FROM':
      return (isIdentifierToken(c.peek(k + 1)) && !clauseStartsAt(c, k + 1)) || c.isOp('(', k + 1);
    case 'WINDOW':
      return isIdentifierToken(c.peek(k + 1)) && c.isWord('AS', k + 2);
    case 'TABLESAMPLE':
    case 'PIVOT':
    case 'UNPIVOT':
      return c.isOp('(', k + 1);
    case 'SELECT':
      return startsExpression(c.peek(k + 1)) || c.peek(k + 1).type === 'hintStart';
    default:
      return false;
  }
}

const CLAUSE_WORDS = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'SORT', 'CLUSTER', 'DISTRIBUTE', 'LIMIT', 'OFFSET', 'WINDOW', 'TABLESAMPLE', 'PIVOT', 'UNPIVOT']);

/**
 * True when the word at the cursor is an alias written without AS: any identifier except the
 * keywords that can never be aliases and clause keywords that start their clause here.
 */
export function atImplicitAlias(c: Cursor): boolean {
  const t = c.peek();
  if (t.type === 'ident') return true;
  if (t.type !== 'word' || STRICT_NON_RESERVED.has(t.value)) return false;
  // A clause keyword that does not start its clause is an alias (`FROM t WHERE`, `FROM t GROUP a`),
  // except before its BY, where Spark reports the keyword itself.
  if (CLAUSE_WORDS.has(t.value)) return !clauseStartsAt(c, 0) && !(BY_CLAUSES.has(t.value) && c.isWord('BY', 1));
  return true;
}

const BY_CLAUSES = new Set(['GROUP', 'ORDER', 'SORT', 'CLUSTER', 'DISTRIBUTE']);

/** `expr [AS] alias` or `expr AS (a, b)`, as a select item or `selectExpr` string. */
export function namedExpression(c: Cursor): Expression {
  return withAlias(c, expression(c));
}

/** The alias after an expression, if one follows. */
export function withAlias(c: Cursor, e: Expression): Expression {
  const a = aliasOf(c, e);
  if (a !== e) {
    const o = originOf(e);
    if (o !== undefined) setOrigin(a, o);
  }
  return a;
}

function aliasOf(c: Cursor, e: Expression): Expression {
  if (c.isWord('AS')) {
    const after = c.peek(1);
    if (after.type === 'op' && after.value === '(') {
      c.next();
      return { kind: 'alias', child: e, names: identifierList(c) };
    }
    if (isIdentifierToken(after)) {
      c.next();
      return { kind: 'alias', child: e, names: [errorCapturingIdentifier(c)] };
    }
    if (endsItem(after)) {
      c.next();
      return { kind: 'alias', child: e, names: ['AS'] };
    }
    c.next();
    c.fail();
  }
  if (c.isOp('(') && isIdentifierToken(c.peek(1)) && (c.isOp(',', 2) || c.isOp(')', 2))) {
    return { kind: 'alias', child: e, names: identifierList(c) };
  }
  if (atImplicitAlias(c)) return { kind: 'alias', child: e, names: [errorCapturingIdentifier(c)] };
  // A select item may even be aliased by a strict keyword when nothing follows (`SELECT 1 UNION`).
  const t = c.peek();
  if (t.type === 'word' && STRICT_NON_RESERVED.has(t.value) && endsItem(c.peek(1))) return { kind: 'alias', child: e, names: [identifier(c)] };
  return e;
}

/** `expr [ASC | DESC] [NULLS FIRST | NULLS LAST]`. */
export function sortItem(c: Cursor): SortOrder {
  const child = expression(c);
  let direction: 'asc' | 'desc' = 'asc';
  if (c.acceptWord('DESC')) direction = 'desc';
  else c.acceptWord('ASC');
  let nulls: 'first' | 'last' = direction === 'asc' ? 'first' : 'last';
  if (c.isWord('NULLS') && (c.isWord('FIRST', 1) || c.isWord('LAST', 1))) {
    c.next();
    nulls = c.next().value === 'FIRST' ? 'first' : 'last';
  }
  return { kind: 'sortOrder', child, direction, nulls };
}

/** A comma-separated list of expressions. */
export function expressionList(c: Cursor): Expression[] {
  const out = [expression(c)];
  while (c.acceptOp(',')) out.push(expression(c));
  return out;
}
