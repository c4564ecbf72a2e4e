/**
 * Primary expressions: literals, column names (`a`, `t.a`, `` `a b` ``), `*` and `t.*`,
 * parenthesised expressions, row constructors `(a, b)`, scalar subqueries, CASE, CAST,
 * lambdas (`x -> x + 1`), function calls (functions.ts), and the postfix `a[0]`, `m['k']`,
 * `s.field` that follow any of them.
 */
import { attr, call, lit, literal, type Expression, type LambdaFunction } from '../plan/index.js';
import { NullType } from '../types/data-types.js';
import type { Cursor } from './cursor.js';
import { dataType } from './data-types.js';
import { clauseStartsAt, expression, namedExpression, startsExpression, valueExpression, withAlias } from './expressions.js';
import { functionCall, specialFunction } from './functions.js';
import { identifier, identifierName, isIdentifierToken } from './identifiers.js';
import { atTypedLiteral, numberLiteral, stringLiteral, typedLiteral } from './literals.js';
import { atQueryStart, query } from './queries.js';
import { setOrigin } from './origins.js';
import { MAX_NESTING, tooDeeplyNested } from './parse-errors.js';
import { transformUp } from './transform.js';

/** A primary expression and its postfix subscripts and field accesses. */
export function primary(c: Cursor): Expression {
  const start = c.peek();
  let e = primaryBase(c);
  if (e.kind === 'attribute' || e.kind === 'function' || e.kind === 'window') setOrigin(e, start);
  for (;;) {
    if (c.isOp('[')) {
      c.next();
      const key = valueExpression(c);
      c.expectOp(']', (t) => (t.type === 'word' && clauseStartsAt(c, 0)) || (t.type === 'op' && (t.value === ',' || t.value === ')')));
      e = setOrigin({ kind: 'extractValue', child: e, key }, start);
      continue;
    }
    if (c.isOp('.') && isIdentifierToken(c.peek(1))) {
      c.next();
      const name = identifier(c);
      e = setOrigin(e.kind === 'attribute' ? attr(...e.name, name) : { kind: 'extractValue', child: e, key: lit(name) }, start);
      continue;
    }
    if (c.isOp('.') && c.isOp('*', 1) && e.kind === 'attribute') {
      c.next();
      c.next();
      e = setOrigin({ kind: 'star', target: e.name }, start);
      continue;
    }
    if (c.isOp('.')) {
      // `f.(1)`: Spark fails at what follows the dot.
      c.next();
      c.fail();
    }
    return e;
  }
}

function primaryBase(c: Cursor): Expression {
  const t = c.peek();
  switch (t.type) {
    case 'number':
      c.next();
      return numberLiteral(c, t, false, t);
    case 'string':
      return stringLiteral(c);
    case 'op':
      return operatorPrimary(c);
    case 'word':
      return wordPrimary(c);
    case 'ident':
      return namePrimary(c);
    default:
      return c.fail();
  }
}

function operatorPrimary(c: Cursor): Expression {
  const t = c.peek();
  if (t.value === '-' && c.peek(1).type === 'number') {
    c.next();
    return numberLiteral(c, c.next(), true, t);
  }
  if (t.value === '*') {
    c.next();
    return { kind: 'star' };
  }
  if (t.value !== '(') return c.fail();
  // Looking ahead past each '(' costs the depth again: refuse absurd depths before it is quadratic.
  if (++c.nesting > MAX_NESTING) throw tooDeeplyNested(c.sql);
  try {
    return parenthesized(c);
  } finally {
    c.nesting--;
  }
}

/** After `(`: a scalar subquery, a lambda, a parenthesised expression or a row constructor. */
function parenthesized(c: Cursor): Expression {
  if (atQueryStart(c, 1)) {
    c.next();
    const plan = query(c);
    c.expectOp(')');
    return { kind: 'scalarSubquery', plan };
  }
  if (atLambdaParams(c)) return lambda(c);
  c.next();
  const e = expression(c);
  if (c.acceptOp(')')) return e;
  const first = withAlias(c, e);
  if (!c.isOp(',')) c.fail();
  // `(a, b)` is a struct of its items (Spark's row constructor, which VALUES reads as a row).
  const items = [first];
  while (c.acceptOp(',')) items.push(namedExpression(c));
  c.expectOp(')');
  const struct = call('struct', ...items);
  c.rowConstructors.add(struct);
  return struct;
}

/** True at `(x, y) ->`. */
function atLambdaParams(c: Cursor): boolean {
  let k = 1;
  for (;;) {
    if (!isIdentifierToken(c.peek(k))) return false;
    if (c.isOp(')', k + 1)) return c.isOp('->', k + 2);
    if (!c.isOp(',', k + 1)) return false;
    k += 2;
  }
}

/** `x -> body` or `(x, y) -> body`: parameters become lambda variables inside the body. */
function lambda(c: Cursor): LambdaFunction {
  const params: string[] = [];
  if (c.acceptOp('(')) {
    do params.push(identifier(c));
    while (c.acceptOp(','));
    c.expectOp(')');
  } else params.push(identifier(c));
  c.expectOp('->');
  const lower = params.map((p) => p.toLowerCase());
  const body = transformUp(expression(c), (e) => {
    if (e.kind !== 'attribute' || e.planId !== undefined) return e;
    const i = lower.indexOf(e.name[0]!.toLowerCase());
    if (i < 0) return e;
    let out: Expression = { kind: 'lambdaVariable', name: params[i]! };
    for (const field of e.name.slice(1)) out = { kind: 'extractValue', child: out, key: lit(field) };
    return out;
  });
  return { kind: 'lambda', params, body };
}

function wordPrimary(c: Cursor): Expression {
  const t = c.peek();
  switch (t.value) {
    case 'TRUE':
    case 'FALSE':
      c.next();
      return lit(t.value === 'TRUE');
    case 'NULL':
      c.next();
      return literal(null, new NullType());
    case 'CASE':
      if (c.isWord('WHEN', 1) || startsExpression(c.peek(1))) return caseExpression(c);
      break;
    case 'CAST':
    case 'TRY_CAST':
      if (c.isOp('(', 1)) return cast(c);
      break;
    case 'INTERVAL': {
      const n = c.peek(1);
      if (n.type === 'number' || n.type === 'string' || (n.type === 'op' && (n.value === '-' || n.value === '+'))) return typedLiteral(c, c);
      break;
    }
    default:
      break;
  }
  if (atTypedLiteral(c)) return typedLiteral(c, c);
  return namePrimary(c);
}

/** A name: a lambda `x -> …`, a function call `f(…)` / `db.f(…)`, `t.*`, or a column `a.b.c`. */
function namePrimary(c: Cursor): Expression {
  if (c.isOp('->', 1)) return lambda(c);
  const first = c.peek();
  if (c.isOp('(', 1)) {
    const special = first.type === 'word' ? specialFunction(c) : undefined;
    if (special !== undefined) return special;
    c.next();
    return functionCall(c, identifierName(first));
  }
  const parts = [identifier(c)];
  while (c.isOp('.') && isIdentifierToken(c.peek(1))) {
    c.next();
    parts.push(identifier(c));
    if (c.isOp('(')) return functionCall(c, parts.join('.'));
  }
  return attr(...parts);
}

/** `CASE WHEN c THEN v … [ELSE e] END` and `CASE x WHEN v THEN r … END` (as `x = v` conditions). */
function caseExpression(c: Cursor): Expression {
  c.expectWord('CASE');
  const operand = c.isWord('WHEN') ? undefined : expression(c);
  const branches: Array<readonly [Expression, Expression]> = [];
  if (!c.isWord('WHEN')) c.fail();
  while (c.acceptWord('WHEN')) {
    const when = expression(c);
    c.expectWord('THEN');
    const then = expression(c);
    branches.push([operand === undefined ? when : { kind: 'binary', op: '=', left: operand, right: when }, then]);
  }
  const otherwise = c.acceptWord('ELSE') ? expression(c) : undefined;
  c.expectWord('END');
  return { kind: 'caseWhen', branches, ...(otherwise !== undefined ? { otherwise } : {}) };
}

/** `CAST(x AS type)` and `TRY_CAST(x AS type)`. */
function cast(c: Cursor): Expression {
  const mode = c.next().value === 'TRY_CAST' ? 'try' : 'default';
  c.expectOp('(');
  const child = expression(c);
  c.expectWord('AS');
  const to = dataType(c);
  c.expectOp(')');
  return { kind: 'cast', child, to, mode };
}
