/**
 * tspark's Spark SQL parser: a hand-written tokenizer (lexer.ts) and recursive-descent /
 * precedence-climbing parser producing the unresolved plans and expressions of `src/sql/plan/`.
 * Importing this module registers it with {@link setSqlParser}, so `spark.sql`, `F.expr`,
 * `selectExpr` and `filter("…")` can read SQL text. Errors are Spark's ParseException texts.
 */
import { AnalysisException } from '../errors.js';
import type { Expression, LogicalPlan } from '../plan/index.js';
import { setSqlParser, type SqlParser } from './hook.js';
import { statement } from './commands.js';
import { Cursor, type ParseOptions } from './cursor.js';
import { namedExpression } from './expressions.js';
import { multipartIdentifier } from './identifiers.js';
import { tokenDisplay, parseError, tooDeeplyNested } from './parse-errors.js';

export type { ParseOptions } from './cursor.js';
export { originOf, originSuffix } from './origins.js';

/** Fails unless only `;`s remain, with ANTLR's `extra input` hint where Spark gives it. */
function expectEnd(c: Cursor, allowSemicolons: boolean): void {
  let sawSemicolon = false;
  if (allowSemicolons) while (c.acceptOp(';')) sawSemicolon = true;
  if (c.atEof()) return;
  const t = c.peek();
  const extra = sawSemicolon || c.peek(1).type === 'eof';
  c.fail(t, extra && t.type !== 'error' ? `: extra input ${tokenDisplay(t)}` : '');
}

/**
 * Runs a parse; input nested deeper than the stack allows (Spark's own parser overflows near
 * 1000 levels too) becomes a SparkError the shell can print instead of a RangeError.
 */
function guarded<T>(sqlText: string, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) {
      throw tooDeeplyNested(sqlText);
    }
    throw e;
  }
}

/** Parses one statement (a query or a command) into an unresolved logical plan. */
export function parsePlan(sqlText: string, options: ParseOptions = {}): LogicalPlan {
  return guarded(sqlText, () => parseStatement(sqlText, options));
}

function parseStatement(sqlText: string, options: ParseOptions): LogicalPlan {
  const c = new Cursor(sqlText, options);
  if (c.atEof() && sqlText.trim() === '') {
    // Spark tags a blank statement PARSE_EMPTY_STATEMENT but prints the syntax error text.
    const e = parseError(sqlText, c.peek(), 'PARSE_EMPTY_STATEMENT');
    e.message = parseError(sqlText, c.peek(), 'PARSE_SYNTAX_ERROR', { error: 'end of input', hint: '' }).message;
    throw e;
  }
  const plan = statement(c);
  expectEnd(c, true);
  return plan;
}

/** Parses one expression with an optional alias, as `F.expr`, `selectExpr` and `filter` take it. */
export function parseExpression(sqlText: string, options: ParseOptions = {}): Expression {
  return guarded(sqlText, () => parseNamedExpression(sqlText, options));
}

function parseNamedExpression(sqlText: string, options: ParseOptions): Expression {
  const c = new Cursor(sqlText, options);
  c.pendingWindows.push([]);
  const e = namedExpression(c);
  expectEnd(c, false);
  const pending = c.pendingWindows.pop()!;
  if (pending.length > 0) throw new AnalysisException('_LEGACY_ERROR_TEMP_1004', { windowName: pending[0]!.name });
  return e;
}

/** Parses a multi-part name: `` global_temp.`my view` `` → `["global_temp", "my view"]`. */
export function parseMultipartIdentifier(sqlText: string): string[] {
  const c = new Cursor(sqlText);
  const parts = multipartIdentifier(c);
  expectEnd(c, false);
  return parts;
}

/** The parser as the session sees it. */
export const sparkSqlParser: SqlParser = { parsePlan, parseExpression, parseMultipartIdentifier };

setSqlParser(sparkSqlParser);
