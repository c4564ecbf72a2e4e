/**
 * Parse errors in Spark's exact shape: a newline, `[CLASS] message`, `(line L, pos P)`, then the
 * `== SQL ==` block with the statement and a `---^^^` line under the offending line, as Spark's
 * `ParseException.getMessage` prints them (pyspark's `str(e)` is this text).
 */
import { ParseException, type ErrorClass, type MessageParameters } from '../errors.js';

/** A place in the statement: 1-based line, 0-based column. */
export interface Position {
  readonly line: number;
  readonly col: number;
}

/** The `(line L, pos P)` + `== SQL ==` block that follows the message. */
function contextBlock(sql: string, at: Position | undefined): string {
  if (at === undefined) return `\n== SQL ==\n${sql}`;
  // Java's String.split drops trailing empty strings; Spark splits the command that way.
  const lines = sql.split('\n');
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const above = lines.slice(0, at.line);
  const below = lines.slice(at.line);
  let out = `(line ${at.line}, pos ${at.col})\n\n== SQL ==\n`;
  for (const l of above) out += l + '\n';
  out += '-'.repeat(at.col) + '^^^\n';
  for (const l of below) out += l + '\n';
  return out;
}

/** A ParseException of `errorClass` pointing at `at` in `sql` (no position when `at` is undefined). */
export function parseError(sql: string, at: Position | undefined, errorClass: ErrorClass, params: MessageParameters = {}): ParseException {
  const e = new ParseException(errorClass, params, { context: contextBlock(sql, at) });
  // Spark's ParseException message starts with a newline, so the shell prints the class on a line of its own.
  e.message = '\n' + e.message;
  return e;
}

/** How Spark shows a token in `at or near …`: quoted text, or `end of input`. */
export function tokenDisplay(token: { readonly type: string; readonly text: string }): string {
  if (token.type === 'eof') return 'end of input';
  return `'${token.text.replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}'`;
}

/** `[PARSE_SYNTAX_ERROR] Syntax error at or near 'x'<hint>.` at the token. */
export function syntaxError(sql: string, token: { readonly type: string; readonly text: string } & Position, hint = ''): ParseException {
  return parseError(sql, token, 'PARSE_SYNTAX_ERROR', { error: tokenDisplay(token), hint });
}

/** `[UNCLOSED_BRACKETED_COMMENT]`: Spark gives no position, only the statement. */
export function unclosedComment(sql: string): ParseException {
  return parseError(sql, undefined, 'UNCLOSED_BRACKETED_COMMENT');
}

/** `[PARSE_EMPTY_STATEMENT]`: nothing but spaces, comments or semicolons. */
export function emptyStatement(sql: string): ParseException {
  return parseError(sql, undefined, 'PARSE_EMPTY_STATEMENT');
}

/**
 * Input nested deeper than a parser should follow (Spark's own overflows near 1000 levels): one
 * SparkError the shell can print, raised at a fixed depth instead of after a slow stack overflow.
 */
export function tooDeeplyNested(sql: string): ParseException {
  return parseError(sql, undefined, 'NOT_IMPLEMENTED', { feature: 'SQL text nested this deeply (parentheses or subqueries hundreds of levels deep)' });
}

/** How many parentheses deep the parser follows before {@link tooDeeplyNested}. */
export const MAX_NESTING = 1000;
