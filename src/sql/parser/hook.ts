/**
 * Where the SQL text parser plugs in. `spark.sql`, `F.expr`, `selectExpr`, `filter("…")` and
 * `expressionString` nodes call the parser registered here. The parser (`src/sql/parser/`)
 * registers itself with {@link setSqlParser} when its module is imported; until one is
 * registered, those calls fail with a clear NOT_IMPLEMENTED error and everything else works.
 */
import { SparkArgumentError } from '../errors.js';
import type { Expression } from '../plan/expressions.js';
import type { LogicalPlan } from '../plan/relations.js';
import type { DataType, StructType } from '../types/data-types.js';

/**
 * What the SQL parser provides: SQL text in, unresolved plans and expressions out (the analyser
 * resolves names). Errors are `ParseException`s with Spark's `PARSE_SYNTAX_ERROR` text and
 * position (`…(line 1, pos 0)` + the `== SQL ==` block).
 */
export interface SqlParser {
  /** A statement: a query (SELECT, WITH, VALUES, TABLE …) or a command (CREATE TEMP VIEW, SET, SHOW TABLES …). */
  parsePlan(sqlText: string): LogicalPlan;
  /** One expression, as `F.expr("…")` and `selectExpr` take it (`age * 2 AS dbl` gives an Alias). */
  parseExpression(sqlText: string): Expression;
  /** A multi-part name: `` global_temp.`my view` `` → `["global_temp", "my view"]`. */
  parseMultipartIdentifier(sqlText: string): string[];
  /** A data type (`CAST(x AS …)`), if the parser has its own; types/ddl.ts is used otherwise. */
  parseDataType?(sqlText: string): DataType;
  /** A schema in DDL (`a INT, b STRING`), if the parser has its own; types/ddl.ts is used otherwise. */
  parseTableSchema?(sqlText: string): StructType;
}

let current: SqlParser | undefined;

/** Registers the SQL parser (the parser module calls this once). */
export function setSqlParser(parser: SqlParser): void {
  current = parser;
}

/** The registered parser, or an error that says SQL text is not available yet. */
export function sqlParser(): SqlParser {
  if (current === undefined) {
    throw new SparkArgumentError('NOT_IMPLEMENTED', { feature: 'Parsing SQL text (spark.sql, expr, selectExpr, filter with a string)' });
  }
  return current;
}

/** True once a parser is registered. */
export function hasSqlParser(): boolean {
  return current !== undefined;
}
