/**
 * Queries, built into plans as Spark's AstBuilder builds them: `WITH` CTEs; set operations
 * (INTERSECT binds tighter than UNION / EXCEPT / MINUS, all left-associative); SELECT
 * specifications (FROM → LATERAL VIEW → WHERE → GROUP BY / HAVING or the projection →
 * DISTINCT → hints); then ORDER BY / SORT BY / DISTRIBUTE BY / CLUSTER BY, WINDOW, LIMIT,
 * OFFSET. `VALUES …`, `TABLE t` and `FROM t SELECT …` are queries too.
 */
import { AnalysisException, ParseException } from '../errors.js';
import type { Expression, GroupType, LogicalPlan, SortOrder, WindowSpec } from '../plan/index.js';
import type { Cursor, PendingWindow } from './cursor.js';
import { clauseStartsAt, expression, expressionList, namedExpression, sortItem, valueExpression } from './expressions.js';
import { windowDefinitionBody } from './functions.js';
import { errorCapturingIdentifier, identifier, identifierList, isIdentifierToken, multipartIdentifier } from './identifiers.js';
import { setOrigin } from './origins.js';
import { fromClause, inlineTable, lateralViews } from './relations.js';

/** True when the token `k` ahead starts a query (`SELECT`, `WITH`, `VALUES`, `TABLE`, `FROM`, or `(` before one). */
export function atQueryStart(c: Cursor, k = 0): boolean {
  for (;;) {
    const t = c.peek(k);
    if (t.type === 'op' && t.value === '(') {
      k++;
      continue;
    }
    if (t.type !== 'word') return false;
    switch (t.value) {
      case 'SELECT':
      case 'WITH':
        return true;
      case 'VALUES':
      case 'TABLE':
        return !c.isOp(')', k + 1) && !c.isOp(',', k + 1);
      case 'FROM':
        return isIdentifierToken(c.peek(k + 1)) || c.isOp('(', k + 1);
      default:
        return false;
    }
  }
}

/** A full query: CTEs, set operations, then ORDER BY / LIMIT and the other organising clauses. */
export function query(c: Cursor): LogicalPlan {
  c.pendingWindows.push([]);
  const definitions = c.isWord('WITH') ? ctes(c) : undefined;
  let plan = queryOrganization(c, queryTerm(c, 0));
  const unresolved = c.pendingWindows.pop()!;
  if (unresolved.length > 0) {
    // Spark reports an undefined window when it analyses the query.
    throw new AnalysisException('_LEGACY_ERROR_TEMP_1004', { windowName: unresolved[0]!.name });
  }
  if (definitions !== undefined) plan = { kind: 'with', input: plan, definitions };
  return plan;
}

type CteDefinition = { name: string; plan: LogicalPlan; columns?: string[] };

function ctes(c: Cursor): CteDefinition[] {
  c.expectWord('WITH');
  const out: CteDefinition[] = [];
  do {
    const name = errorCapturingIdentifier(c);
    const columns = c.isOp('(') ? identifierList(c) : undefined;
    c.acceptWord('AS');
    c.expectOp('(');
    const plan = query(c);
    c.expectOp(')');
    out.push({ name, plan, ...(columns ? { columns } : {}) });
  } while (c.acceptOp(','));
  return out;
}

/** Set operations by precedence: 0 = UNION / EXCEPT / MINUS, 1 = INTERSECT. */
function queryTerm(c: Cursor, level: number): LogicalPlan {
  let left = level === 0 ? queryTerm(c, 1) : queryPrimary(c);
  for (;;) {
    const t = c.peek();
    if (t.type !== 'word') return left;
    let op: 'union' | 'intersect' | 'except';
    if (level === 1 && t.value === 'INTERSECT') op = 'intersect';
    else if (level === 0 && t.value === 'UNION') op = 'union';
    else if (level === 0 && (t.value === 'EXCEPT' || t.value === 'MINUS')) op = 'except';
    else return left;
    c.next();
    let all = false;
    if (c.acceptWord('ALL')) all = true;
    else c.acceptWord('DISTINCT');
    const right = level === 0 ? queryTerm(c, 1) : queryPrimary(c);
    left = { kind: 'setOp', op, left, right, all, byName: false, allowMissingColumns: false };
  }
}

function queryPrimary(c: Cursor): LogicalPlan {
  const t = c.peek();
  if (c.isOp('(')) {
    c.next();
    const plan = query(c);
    c.expectOp(')');
    return plan;
  }
  if (t.type === 'word') {
    switch (t.value) {
      case 'SELECT':
        return selectSpecification(c, undefined);
      case 'VALUES':
        return inlineTable(c);
      case 'TABLE':
        c.next();
        return { kind: 'table', name: multipartIdentifier(c) };
      case 'FROM': {
        // `FROM t SELECT …`: the FROM clause first.
        const from = fromClause(c);
        if (!c.isWord('SELECT')) c.fail();
        return selectSpecification(c, from);
      }
      default:
        break;
    }
  }
  return c.fail();
}

/** `SELECT [hints] [DISTINCT | ALL] items [FROM …] [LATERAL VIEW …] [WHERE …] [GROUP BY …] [HAVING …] [WINDOW …]`. */
function selectSpecification(c: Cursor, from: LogicalPlan | undefined): LogicalPlan {
  const select = c.expectWord('SELECT');
  const hints = c.peek().type === 'hintStart' ? hintList(c) : [];
  let distinct = false;
  if (c.isWord('DISTINCT') || c.isWord('ALL')) {
    // `SELECT all FROM t` selects a column named all; only a following item makes it a quantifier.
    const next = c.peek(1);
    const isQuantifier = next.type !== 'eof' && !(next.type === 'word' && next.value === 'FROM') && !c.isOp(',', 1);
    if (isQuantifier) distinct = c.next().value === 'DISTINCT';
  }
  const items = [namedExpression(c)];
  while (c.acceptOp(',')) items.push(namedExpression(c));
  let plan: LogicalPlan = from ?? (c.isWord('FROM') ? fromClause(c) : { kind: 'oneRow' });
  plan = lateralViews(c, plan);
  if (c.isWord('WHERE')) {
    c.next();
    // Spark places a WHERE clause's own errors (a condition that is not boolean) at its SELECT.
    plan = setOrigin({ kind: 'filter', input: plan, condition: expression(c) }, select);
  }
  const grouping = c.isWord('GROUP') && c.isWord('BY', 1) ? groupBy(c) : undefined;
  let having: Expression | undefined;
  if (c.isWord('HAVING')) {
    c.next();
    having = expression(c);
  }
  if (grouping !== undefined || having !== undefined) {
    plan = {
      kind: 'aggregate',
      input: plan,
      groupType: grouping?.type ?? 'groupBy',
      grouping: grouping?.exprs ?? [],
      ...(grouping?.sets !== undefined ? { groupingSets: grouping.sets } : {}),
      aggregates: items,
      ...(having !== undefined ? { having } : {}),
    };
  } else plan = { kind: 'project', input: plan, exprs: items };
  setOrigin(plan, select);
  if (distinct) plan = { kind: 'deduplicate', input: plan };
  if (c.isWord('WINDOW') && isIdentifierToken(c.peek(1)) && c.isWord('AS', 2)) windowClause(c);
  for (let i = hints.length - 1; i >= 0; i--) plan = { kind: 'hint', input: plan, name: hints[i]!.name, parameters: hints[i]!.parameters };
  return plan;
}

/** `/*+ NAME(args), NAME2 *\/`. */
function hintList(c: Cursor): Array<{ name: string; parameters: Expression[] }> {
  c.next();
  const out: Array<{ name: string; parameters: Expression[] }> = [];
  while (c.peek().type !== 'hintEnd') {
    const name = identifier(c);
    const parameters: Expression[] = [];
    if (c.acceptOp('(')) {
      do parameters.push(valueExpression(c));
      while (c.acceptOp(','));
      c.expectOp(')');
    }
    out.push({ name, parameters });
    c.acceptOp(',');
  }
  c.next();
  return out;
}

/**
 * `GROUP BY a, b`, `GROUP BY ROLLUP(a, b)` / `CUBE(…)`, `GROUP BY a, b WITH ROLLUP`,
 * `GROUP BY GROUPING SETS ((a, b), (a), ())` and `GROUP BY a, b GROUPING SETS (…)`.
 */
function groupBy(c: Cursor): { type: GroupType; exprs: Expression[]; sets?: number[][] } {
  c.pos += 2;
  const t = c.peek();
  if (t.type === 'word' && (t.value === 'ROLLUP' || t.value === 'CUBE') && c.isOp('(', 1)) {
    c.pos += 2;
    const exprs = expressionList(c);
    c.expectOp(')');
    return { type: t.value === 'ROLLUP' ? 'rollup' : 'cube', exprs };
  }
  if (t.type === 'word' && t.value === 'GROUPING' && c.isWord('SETS', 1)) {
    c.pos += 2;
    return groupingSets(c, []);
  }
  const exprs = expressionList(c);
  if (c.isWord('WITH') && (c.isWord('ROLLUP', 1) || c.isWord('CUBE', 1))) {
    c.next();
    return { type: c.next().value === 'ROLLUP' ? 'rollup' : 'cube', exprs };
  }
  if (c.isWord('GROUPING') && c.isWord('SETS', 1)) {
    c.pos += 2;
    return groupingSets(c, exprs);
  }
  return { type: 'groupBy', exprs };
}

/**
 * The `((a, b), (a), ())` of GROUPING SETS: the grouping expressions are `declared` then those
 * first seen in the sets (by their SQL text); each set is a list of indices into them.
 */
function groupingSets(c: Cursor, declared: Expression[]): { type: GroupType; exprs: Expression[]; sets: number[][] } {
  const exprs = [...declared];
  const keys = exprs.map((e) => JSON.stringify(e, (k: string, v: unknown) => (k === 'origin' ? undefined : v)));
  const index = (e: Expression): number => {
    const key = JSON.stringify(e, (k: string, v: unknown) => (k === 'origin' ? undefined : v));
    let i = keys.indexOf(key);
    if (i < 0) {
      i = exprs.length;
      exprs.push(e);
      keys.push(key);
    }
    return i;
  };
  const sets: number[][] = [];
  c.expectOp('(');
  do {
    if (c.acceptOp('(')) {
      const set: number[] = [];
      if (!c.isOp(')')) {
        do set.push(index(expression(c)));
        while (c.acceptOp(','));
      }
      c.expectOp(')');
      sets.push(set);
    } else sets.push([index(expression(c))]);
  } while (c.acceptOp(','));
  c.expectOp(')');
  return { type: 'groupingSets', exprs, sets };
}

/** `WINDOW w AS (…), w2 AS w`: fills in the `OVER w` references of this query level. */
function windowClause(c: Cursor): void {
  c.expectWord('WINDOW');
  const defs = new Map<string, WindowSpec>();
  do {
    const name = errorCapturingIdentifier(c);
    c.expectWord('AS');
    let spec: WindowSpec;
    if (isIdentifierToken(c.peek())) {
      const ref = identifier(c);
      const base = defs.get(ref.toLowerCase());
      if (base === undefined) throw new AnalysisException('_LEGACY_ERROR_TEMP_1004', { windowName: ref });
      spec = base;
    } else {
      c.expectOp('(');
      spec = windowDefinitionBody(c);
      c.expectOp(')');
    }
    defs.set(name.toLowerCase(), spec);
  } while (c.acceptOp(','));
  const level = c.pendingWindows[c.pendingWindows.length - 1]!;
  const rest: PendingWindow[] = [];
  for (const p of level) {
    const def = defs.get(p.name.toLowerCase());
    if (def === undefined) {
      rest.push(p);
      continue;
    }
    p.spec.partitionBy = [...def.partitionBy];
    p.spec.orderBy = [...def.orderBy];
    if (def.frame !== undefined) p.spec.frame = def.frame;
  }
  level.length = 0;
  level.push(...rest);
}

/**
 * One organising clause, all or nothing: when it does not parse, the cursor goes back to its
 * keyword and the statement fails there, which is where Spark's parser reports it
 * (`SELECT a FROM t ORDER BY a,` fails `at or near 'ORDER'`).
 */
function clause<T>(c: Cursor, parse: () => T): T | undefined {
  const start = c.pos;
  try {
    return parse();
  } catch (e) {
    if (!(e instanceof ParseException) || e.errorClass !== 'PARSE_SYNTAX_ERROR') throw e;
    c.pos = start;
    return undefined;
  }
}

/** ORDER BY / CLUSTER BY / DISTRIBUTE BY / SORT BY, WINDOW, LIMIT, OFFSET after a query term. */
function queryOrganization(c: Cursor, input: LogicalPlan): LogicalPlan {
  let plan = input;
  const orderBy = c.isWord('ORDER') && c.isWord('BY', 1) ? clause(c, () => (c.pos += 2, sortItems(c))) : undefined;
  if (orderBy !== undefined) plan = { kind: 'sort', input: plan, order: orderBy, global: true };
  const clusterBy = c.isWord('CLUSTER') && c.isWord('BY', 1) ? clause(c, () => (c.pos += 2, expressionList(c))) : undefined;
  if (clusterBy !== undefined) {
    plan = { kind: 'repartition', input: plan, exprs: clusterBy, shuffle: true };
    plan = { kind: 'sort', input: plan, order: clusterBy.map((child) => ({ kind: 'sortOrder', child, direction: 'asc', nulls: 'first' })), global: false };
  }
  const distributeBy = c.isWord('DISTRIBUTE') && c.isWord('BY', 1) ? clause(c, () => (c.pos += 2, expressionList(c))) : undefined;
  if (distributeBy !== undefined) plan = { kind: 'repartition', input: plan, exprs: distributeBy, shuffle: true };
  const sortBy = c.isWord('SORT') && c.isWord('BY', 1) ? clause(c, () => (c.pos += 2, sortItems(c))) : undefined;
  if (sortBy !== undefined) plan = { kind: 'sort', input: plan, order: sortBy, global: false };
  if (c.isWord('WINDOW') && isIdentifierToken(c.peek(1)) && c.isWord('AS', 2)) windowClause(c);
  let limit: number | undefined;
  if (c.isWord('LIMIT')) limit = clause(c, () => (c.next(), c.acceptWord('ALL') ? -1 : limitValue(c, 'limit')));
  const offset = c.isWord('OFFSET') ? clause(c, () => (c.next(), limitValue(c, 'offset'))) : undefined;
  if (offset !== undefined) plan = { kind: 'offset', input: plan, n: offset };
  if (limit !== undefined && limit >= 0) plan = { kind: 'limit', input: plan, n: limit };
  return plan;
}

function sortItems(c: Cursor): SortOrder[] {
  const out = [sortItem(c)];
  while (c.acceptOp(',')) out.push(sortItem(c));
  return out;
}

/**
 * The value of `LIMIT n` / `OFFSET n`: Spark accepts any constant integer expression and checks
 * it when it analyses the query; tspark folds integer literals and `+ - *` of them here.
 */
function limitValue(c: Cursor, name: 'limit' | 'offset'): number {
  const start = c.pos;
  const e = expression(c);
  const text = c.textFrom(start);
  const v = foldInteger(e);
  if (v === undefined && e.kind === 'literal') {
    const type = e.dataType.kind === 'null' ? undefined : e.dataType.sql();
    if (type === undefined) throw new AnalysisException('INVALID_LIMIT_LIKE_EXPRESSION.IS_NULL', { name, expr: `"${text}"` });
    throw new AnalysisException('INVALID_LIMIT_LIKE_EXPRESSION.DATA_TYPE', { name, expr: `"${text}"`, dataType: `"${type}"` });
  }
  if (v === undefined) {
    throw new AnalysisException('INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE', { name, expr: `"${text}"` });
  }
  if (v < 0) throw new AnalysisException('INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE', { name, expr: `"${text}"`, v: String(v) });
  return v;
}

function foldInteger(e: Expression): number | undefined {
  if (e.kind === 'literal') {
    if (typeof e.value === 'number' && Number.isInteger(e.value) && (e.dataType.kind === 'integer' || e.dataType.kind === 'long' || e.dataType.kind === 'short' || e.dataType.kind === 'byte')) return e.value;
    return undefined;
  }
  if (e.kind === 'unary' && e.op === 'negate') {
    const v = foldInteger(e.child);
    return v === undefined ? undefined : -v;
  }
  if (e.kind === 'binary' && (e.op === '+' || e.op === '-' || e.op === '*')) {
    const l = foldInteger(e.left);
    const r = foldInteger(e.right);
    if (l === undefined || r === undefined) return undefined;
    return e.op === '+' ? l + r : e.op === '-' ? l - r : l * r;
  }
  return undefined;
}
