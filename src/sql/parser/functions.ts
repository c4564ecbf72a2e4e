/**
 * Function calls: `f(a, b)`, `count(*)` (Spark's `count(1)`), `count(DISTINCT x)`,
 * `f(x) FILTER (WHERE …)`, `first(x IGNORE NULLS)`, named arguments `f(k => v)`, window
 * functions `f(…) OVER (PARTITION BY … ORDER BY … ROWS BETWEEN …)` or `OVER w`, and the
 * functions with SQL syntax of their own: EXTRACT(f FROM x), SUBSTRING(s FROM p FOR n),
 * TRIM(BOTH c FROM s), POSITION(a IN b), STRUCT(x AS name, …).
 */
import { call, lit, type Expression, type FrameBoundary, type FunctionCall, type SortOrder, type WindowFrame, type WindowSpec } from '../plan/index.js';
import type { Cursor, PendingWindow } from './cursor.js';
import { clauseStartsAt, expression, expressionList, namedExpression, sortItem, valueExpression } from './expressions.js';
import { identifier, identifierName, isIdentifierToken } from './identifiers.js';

const IGNORE_NULLS_INSIDE = new Set(['FIRST', 'LAST', 'ANY_VALUE']);

/** After the function's name (the cursor at `(`): the call, its FILTER, null treatment and OVER clause. */
export function functionCall(c: Cursor, name: string): Expression {
  c.expectOp('(');
  const upper = name.toUpperCase();
  let distinct = false;
  if ((c.isWord('DISTINCT') || c.isWord('ALL')) && !c.isOp(')', 1) && !c.isOp(',', 1)) distinct = c.next().value === 'DISTINCT';
  let args: Expression[] = [];
  let ignoreNulls: boolean | undefined;
  if (!c.isOp(')')) {
    do args.push(upper === 'STRUCT' ? namedExpression(c) : functionArgument(c));
    while (c.acceptOp(','));
    if (IGNORE_NULLS_INSIDE.has(upper) && c.isWord('IGNORE') && c.isWord('NULLS', 1)) {
      c.next();
      c.next();
      ignoreNulls = true;
    }
  }
  // ANTLR suggests the missing `)` when a clause keyword follows an argument (`max(a FROM t`), not after `*`.
  const last = args[args.length - 1];
  c.expectOp(')', last === undefined || last.kind === 'star' ? undefined : (t) => t.type === 'word' && clauseStartsAt(c, 0));
  // Spark's parser turns count(*) into count(1).
  if (upper === 'COUNT' && !distinct && args.length === 1 && args[0]!.kind === 'star' && args[0]!.target === undefined) args = [lit(1)];
  let filter: Expression | undefined;
  if (c.isWord('FILTER') && c.isOp('(', 1) && c.isWord('WHERE', 2)) {
    c.pos += 3;
    filter = expression(c);
    c.expectOp(')');
  }
  if ((c.isWord('IGNORE') || c.isWord('RESPECT')) && c.isWord('NULLS', 1)) {
    ignoreNulls = c.next().value === 'IGNORE';
    c.next();
  }
  const fn: FunctionCall = {
    kind: 'function',
    name,
    args,
    ...(distinct ? { distinct } : {}),
    ...(ignoreNulls ? { ignoreNulls } : {}),
    ...(filter ? { filter } : {}),
  };
  if (c.isWord('OVER') && (c.isOp('(', 1) || isIdentifierToken(c.peek(1)))) {
    c.next();
    return { kind: 'window', function: fn, spec: windowSpec(c) };
  }
  return fn;
}

/** One argument: `name => value` (a named argument) or an expression. */
function functionArgument(c: Cursor): Expression {
  if (isIdentifierToken(c.peek()) && c.isOp('=>', 1)) {
    const name = identifier(c);
    c.next();
    return { kind: 'namedArgument', name, value: expression(c) };
  }
  return expression(c);
}

/**
 * The SQL-syntax forms of EXTRACT, SUBSTRING, TRIM, POSITION at the cursor (the name, then
 * `(`), or undefined (nothing consumed) when the call is an ordinary one.
 */
export function specialFunction(c: Cursor): Expression | undefined {
  const name = c.peek().value;
  const start = c.pos;
  switch (name) {
    case 'EXTRACT':
      if (!isIdentifierToken(c.peek(2)) || !c.isWord('FROM', 3)) return undefined;
      c.pos += 2;
      {
        const field = identifierName(c.next());
        c.next();
        const source = valueExpression(c);
        c.expectOp(')');
        return call('extract', lit(field), source);
      }
    case 'SUBSTR':
    case 'SUBSTRING': {
      c.pos += 2;
      const str = valueExpression(c);
      if (!c.acceptWord('FROM')) {
        c.pos = start;
        return undefined;
      }
      const pos = valueExpression(c);
      const args = [str, pos];
      if (c.acceptWord('FOR') || c.acceptOp(',')) args.push(valueExpression(c));
      c.expectOp(')');
      return call('substring', ...args);
    }
    case 'TRIM':
      return trim(c, start);
    case 'POSITION': {
      c.pos += 2;
      const substr = valueExpression(c);
      if (!c.acceptWord('IN')) {
        c.pos = start;
        return undefined;
      }
      const str = valueExpression(c);
      c.expectOp(')');
      return call('locate', substr, str);
    }
    default:
      return undefined;
  }
}

const TRIM_FUNCTIONS: Readonly<Record<string, string>> = { BOTH: 'trim', LEADING: 'ltrim', TRAILING: 'rtrim' };

/** `TRIM([BOTH | LEADING | TRAILING] [chars] FROM str)`: Spark's 2-argument trim takes the characters first. */
function trim(c: Cursor, start: number): Expression | undefined {
  c.pos += 2;
  let fn = 'trim';
  const opt = c.peek();
  const hasOption = opt.type === 'word' && TRIM_FUNCTIONS[opt.value] !== undefined && !c.isOp('(', 1) && !c.isOp(',', 1) && !c.isOp(')', 1);
  if (hasOption) {
    fn = TRIM_FUNCTIONS[opt.value]!;
    c.next();
  }
  let chars: Expression | undefined;
  if (!c.isWord('FROM')) chars = valueExpression(c);
  if (!c.acceptWord('FROM')) {
    if (hasOption) c.fail();
    c.pos = start;
    return undefined;
  }
  const str = valueExpression(c);
  c.expectOp(')');
  return chars === undefined ? call(fn, str) : call(fn, chars, str);
}

/** `OVER w`, `OVER (w)` or `OVER ([PARTITION BY …] [ORDER BY …] [frame])`. */
export function windowSpec(c: Cursor): WindowSpec {
  if (isIdentifierToken(c.peek())) return windowReference(c);
  c.expectOp('(');
  if (isIdentifierToken(c.peek()) && c.isOp(')', 1)) {
    const spec = windowReference(c);
    c.next();
    return spec;
  }
  const spec = windowDefinitionBody(c);
  c.expectOp(')');
  return spec;
}

/** The inside of a window definition's parentheses. */
export function windowDefinitionBody(c: Cursor): WindowSpec {
  let partitionBy: Expression[] = [];
  let orderBy: SortOrder[] = [];
  if (c.isWord('CLUSTER') && c.isWord('BY', 1)) {
    c.pos += 2;
    partitionBy = expressionList(c);
  } else if ((c.isWord('PARTITION') || c.isWord('DISTRIBUTE')) && c.isWord('BY', 1)) {
    c.pos += 2;
    partitionBy = expressionList(c);
  }
  if ((c.isWord('ORDER') || c.isWord('SORT')) && c.isWord('BY', 1)) {
    c.pos += 2;
    orderBy = [sortItem(c)];
    while (c.acceptOp(',')) orderBy.push(sortItem(c));
  }
  const frame = windowFrame(c);
  return { partitionBy, orderBy, ...(frame ? { frame } : {}) };
}

/** A named window: a spec object filled in when the query's WINDOW clause is read. */
function windowReference(c: Cursor): WindowSpec {
  const token = c.peek();
  const name = identifier(c);
  const pending: PendingWindow = { name, spec: { partitionBy: [], orderBy: [] }, token };
  const level = c.pendingWindows[c.pendingWindows.length - 1];
  if (level === undefined) c.failWith('_LEGACY_ERROR_TEMP_1004', { windowName: name }, token);
  level.push(pending);
  return pending.spec;
}

function windowFrame(c: Cursor): WindowFrame | undefined {
  if (!c.isWord('ROWS') && !c.isWord('RANGE')) return undefined;
  const type = c.next().value === 'ROWS' ? 'rows' : 'range';
  if (c.acceptWord('BETWEEN')) {
    const lower = frameBound(c);
    c.expectWord('AND');
    const upper = frameBound(c);
    return { type, lower, upper };
  }
  return { type, lower: frameBound(c), upper: { kind: 'currentRow' } };
}

function frameBound(c: Cursor): FrameBoundary {
  if (c.isWord('UNBOUNDED') && (c.isWord('PRECEDING', 1) || c.isWord('FOLLOWING', 1))) {
    c.next();
    return { kind: c.next().value === 'PRECEDING' ? 'unboundedPreceding' : 'unboundedFollowing' };
  }
  if (c.isWord('CURRENT') && c.isWord('ROW', 1)) {
    c.pos += 2;
    return { kind: 'currentRow' };
  }
  const value = expression(c);
  if (c.acceptWord('PRECEDING')) return { kind: 'offset', value: negate(value) };
  c.expectWord('FOLLOWING');
  return { kind: 'offset', value };
}

/** `n PRECEDING` is offset -n: a numeric literal is negated in place, anything else wrapped. */
function negate(value: Expression): Expression {
  if (value.kind === 'literal' && typeof value.value === 'number') return { ...value, value: -value.value };
  if (value.kind === 'literal' && typeof value.value === 'bigint') return { ...value, value: -value.value };
  return { kind: 'unary', op: 'negate', child: value };
}
