/**
 * What users get for the common mistakes: Spark's error class, the stable tspark code, and the
 * position (line, column) the message points at; and that no input makes the parser throw
 * anything but a SparkError.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import { parseExpression, parseMultipartIdentifier, parsePlan } from '../../../src/sql/parser/index.js';

function errorOf(run: () => unknown): SparkError {
  try {
    run();
  } catch (e) {
    if (e instanceof SparkError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

/** `(line L, pos P)` of a parse error message. */
function position(e: SparkError): string | undefined {
  return /\(line (\d+), pos (\d+)\)/.exec(e.message)?.slice(1, 3).join(':');
}

describe('parse errors', () => {
  it.each([
    ['SELEC * FROM people', 'PARSE_SYNTAX_ERROR', '1:0', "at or near 'SELEC'"],
    ["SELECT 'abc", 'PARSE_SYNTAX_ERROR', '1:7', "at or near '''"],
    ['SELECT (1', 'PARSE_SYNTAX_ERROR', '1:9', 'at or near end of input'],
    ['SELECT * FROM t WHERE a = 1)', 'PARSE_SYNTAX_ERROR', '1:27', "at or near ')': extra input ')'"],
    ['SELECT a FROM t\nWHERE b =\n  AND c', 'PARSE_SYNTAX_ERROR', '3:6', "at or near 'c': extra input 'c'"],
    ['SELECT * FROM t WHERE a = 1 AND', 'PARSE_SYNTAX_ERROR', '1:28', "at or near 'AND': extra input 'AND'"],
    ['SELECT * FROM t JOIN u USING id', 'PARSE_SYNTAX_ERROR', '1:29', "at or near 'id': missing '('"],
    ['SELECT arr[0 FROM t', 'PARSE_SYNTAX_ERROR', '1:13', "at or near 'FROM': missing ']'"],
    ['SELECT 1; SELECT 2', 'PARSE_SYNTAX_ERROR', '1:10', "at or near 'SELECT': extra input 'SELECT'"],
    ['SELECT CAST(a AS foo) FROM t', 'UNSUPPORTED_DATATYPE', '1:17', 'Unsupported data type "FOO"'],
    ["SELECT DATE '2024-13-01'", 'INVALID_TYPED_LITERAL', '1:7', 'The value of the typed literal "DATE" is invalid'],
    ['SELECT 128Y', 'INVALID_NUMERIC_LITERAL_RANGE', '1:7', 'outside the valid range for tinyint'],
    ["SELECT foo 'x'", 'UNSUPPORTED_TYPED_LITERAL', '1:7', 'Literals of the type "FOO" are not supported'],
    ['SELECT * FROM my-table', 'INVALID_IDENTIFIER', '1:16', 'consider quoting it with back-quotes as `my-table`'],
    ['SET a b c', 'INVALID_SET_SYNTAX', '1:0', "Expected format is 'SET', 'SET key', or 'SET key=value'"],
    ['CREATE TEMP VIEW IF NOT EXISTS v AS SELECT 1', '_LEGACY_ERROR_TEMP_0053', '1:0', 'It is not allowed to define a TEMPORARY view with IF NOT EXISTS'],
    ['SELECT INTERVAL 1 MONTH 2 DAYS', '_LEGACY_ERROR_TEMP_0029', '1:7', 'Cannot mix year-month and day-time fields'],
  ])('%s → %s at %s', (sql, errorClass, at, text) => {
    const e = errorOf(() => parsePlan(sql));
    expect(e.code).toBe('ERR_SQL_PARSE');
    expect(e.errorClass).toBe(errorClass);
    expect(position(e)).toBe(at);
    expect(e.message).toContain(text);
  });

  it('prints the statement with a caret line under the offending line, as Spark does', () => {
    const e = errorOf(() => parsePlan('SELECT a\nFROM t\nWHERE a = = 1\nORDER BY a'));
    expect(e.message).toBe(
      "\n[PARSE_SYNTAX_ERROR] Syntax error at or near '='.(line 3, pos 10)\n\n== SQL ==\nSELECT a\nFROM t\nWHERE a = = 1\n----------^^^\nORDER BY a\n",
    );
  });

  it('gives the blank statement its own class and an unclosed comment no position', () => {
    const blank = errorOf(() => parsePlan('  '));
    expect(blank.errorClass).toBe('PARSE_EMPTY_STATEMENT');
    const comment = errorOf(() => parsePlan('SELECT 1 /* never closed'));
    expect(comment.errorClass).toBe('UNCLOSED_BRACKETED_COMMENT');
    expect(position(comment)).toBeUndefined();
  });

  it('reports an out-of-range DECIMAL precision as Spark does (an arithmetic error, not a parse error)', () => {
    const e = errorOf(() => parsePlan('SELECT CAST(a AS DECIMAL(40, 2))'));
    expect(e.errorClass).toBe('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION');
    expect(e.message).toBe('[DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION] Decimal precision 40 exceeds max precision 38.');
  });

  it('checks LIMIT values as Spark checks them when it analyses the query', () => {
    expect(errorOf(() => parsePlan('SELECT 1 LIMIT -1')).errorClass).toBe('INVALID_LIMIT_LIKE_EXPRESSION.IS_NEGATIVE');
    expect(errorOf(() => parsePlan('SELECT 1 LIMIT x')).errorClass).toBe('INVALID_LIMIT_LIKE_EXPRESSION.IS_UNFOLDABLE');
  });

  it('fails expressions and names with the same shapes', () => {
    expect(errorOf(() => parseExpression('a +')).errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(errorOf(() => parseExpression('a b c')).message).toContain("at or near 'c': extra input 'c'");
    expect(errorOf(() => parseExpression('sum(a) OVER w')).errorClass).toBe('_LEGACY_ERROR_TEMP_1004');
    expect(errorOf(() => parseMultipartIdentifier('a.')).errorClass).toBe('PARSE_SYNTAX_ERROR');
    expect(errorOf(() => parseMultipartIdentifier('a b')).message).toContain("extra input 'b'");
  });
});

describe('no input breaks the parser', () => {
  const here = dirname(fileURLToPath(import.meta.url));
  const recorded = JSON.parse(readFileSync(join(here, 'pyspark', 'expected.json'), 'utf8')) as Record<string, { kind: string; sql: string }>;
  const statements = Object.values(recorded)
    .filter((r) => r.kind === 'plan' || r.kind === 'statement')
    .map((r) => r.sql);

  it('parses or fails with a SparkError on every prefix of every recorded statement', () => {
    let checked = 0;
    for (const sql of statements) {
      for (let i = 0; i <= sql.length; i++) {
        try {
          parsePlan(sql.slice(0, i));
        } catch (e) {
          if (!(e instanceof SparkError)) throw new Error(`${JSON.stringify(sql.slice(0, i))} threw ${String(e)}`);
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it('parses or fails with a SparkError on shuffled token soups', () => {
    const pieces = ['SELECT', 'FROM', 'WHERE', 'a', 't', '(', ')', ',', '1', "'x'", '+', '=', 'AND', 'JOIN', 'ON', 'GROUP', 'BY', 'OVER', 'CASE', 'WHEN', 'END', 'AS', '.', '*', 'IN', 'NOT', '[', ']', 'INTERVAL', 'CAST', 'WITH', 'UNION', ';', '->', 'LIMIT', 'VALUES', '`q`'];
    let seed = 12345;
    const rand = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 3000; k++) {
      const length = 1 + rand(14);
      const sql = Array.from({ length }, () => pieces[rand(pieces.length)]).join(' ');
      try {
        parsePlan(sql);
      } catch (e) {
        if (!(e instanceof SparkError)) throw new Error(`${JSON.stringify(sql)} threw ${String(e)}`);
      }
    }
  });

  it('handles long and deeply nested input', () => {
    const wide = 'SELECT ' + Array.from({ length: 5000 }, (_, i) => `c${i}`).join(' + ') + ' FROM t';
    expect(parsePlan(wide).kind).toBe('project');
    const deep = 'SELECT ' + '('.repeat(300) + '1' + ')'.repeat(300);
    expect(parsePlan(deep).kind).toBe('project');
    const conditions = 'SELECT * FROM t WHERE ' + Array.from({ length: 5000 }, (_, i) => `c${i} = ${i}`).join(' AND ');
    expect(parsePlan(conditions).kind).toBe('project');
  });

  it('turns nesting too deep for the stack into a SparkError (Spark overflows near 1000 levels too)', () => {
    const e = errorOf(() => parsePlan('SELECT ' + '('.repeat(100_000) + '1' + ')'.repeat(100_000)));
    expect(e.errorClass).toBe('NOT_IMPLEMENTED');
    expect(e.message).toContain('nested this deeply');
  });
});
