/**
 * Expressions as plain data: what `F.col("age").plus(1)`, `selectExpr("age + 1")` and the SQL
 * parser all build. Names are unresolved here (`{ kind: 'attribute', name: ['age'] }`); the
 * analyser binds them to the input's columns, picks each function's implementation, checks
 * types and inserts casts. The shape follows Spark Connect's `Expression` message (an
 * `unresolved_attribute` with an optional `plan_id`, `unresolved_function` by name, `alias`,
 * `cast`, `sort_order`, `window`, `expression_string` …) so the remote mode translates it node
 * for node; operators are their own kinds here for readable types, and map to Connect's
 * `unresolved_function` named `+`, `==`, `and` ….
 *
 * Values inside literals are in the internal representation of `types/values.ts`.
 */
import type { DataType } from '../types/data-types.js';
import type { LogicalPlan } from './relations.js';

/** A constant: `value` held as `dataType`'s internal value (null for NULL of any type). */
export interface Literal {
  readonly kind: 'literal';
  readonly value: unknown;
  readonly dataType: DataType;
}

/**
 * A column by name: `name` is the multi-part name (`["p", "a"]` for `p.a`; a struct field or a
 * qualified column, the analyser decides). `planId` ties it to one DataFrame (`df.value`,
 * `df["value"]`), as Spark Connect's `plan_id`: the analyser looks the name up in the output of
 * the relation with that id, which is how `l.id == r.id` tells the two `id`s apart.
 */
export interface Attribute {
  readonly kind: 'attribute';
  readonly name: readonly string[];
  readonly planId?: number;
}

/** `*`, `t.*` or `col.*` (a struct's fields). */
export interface Star {
  readonly kind: 'star';
  readonly target?: readonly string[];
  readonly planId?: number;
}

/** `expr AS name`; several names for generators (`posexplode(x) AS (pos, val)`). */
export interface Alias {
  readonly kind: 'alias';
  readonly child: Expression;
  readonly names: readonly string[];
  readonly metadata?: Readonly<Record<string, unknown>>;
}

/** Binary operators; `=` is SQL equality (pyspark `==` / `equalTo`), `<=>` null-safe equality. */
export type BinaryOperator =
  | '+'
  | '-'
  | '*'
  | '/'
  | '%'
  | 'div'
  | '='
  | '<=>'
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'and'
  | 'or'
  | '&'
  | '|'
  | '^'
  | '||';

/** `left op right`. */
export interface BinaryExpression {
  readonly kind: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
}

/** Unary operators: `not`, arithmetic negation and plus, bitwise not. */
export type UnaryOperator = 'not' | 'negate' | 'positive' | '~';

/** `op child`. */
export interface UnaryExpression {
  readonly kind: 'unary';
  readonly op: UnaryOperator;
  readonly child: Expression;
}

/**
 * How a cast behaves on bad input: `default` follows `spark.sql.ansi.enabled` (NULL, or an
 * error under ANSI), `try` always gives NULL (`try_cast`), `ansi` always errors.
 */
export type CastMode = 'default' | 'try' | 'ansi';

/** `CAST(child AS to)`; `col.cast("string")`. */
export interface Cast {
  readonly kind: 'cast';
  readonly child: Expression;
  readonly to: DataType;
  readonly mode: CastMode;
}

/**
 * A function called by name, resolved by the analyser against the function registry and the
 * session's UDFs: scalar functions (`upper`), aggregates (`count`, `sum`), generators
 * (`explode`), window functions (`row_number`) and predicates with a name of their own
 * (`isnull`, `like`, `rlike`). `distinct` is `count(DISTINCT x)`; `ignoreNulls` is
 * `first(x) IGNORE NULLS`; `filter` is `count(*) FILTER (WHERE …)`.
 */
export interface FunctionCall {
  readonly kind: 'function';
  readonly name: string;
  readonly args: readonly Expression[];
  readonly distinct?: boolean;
  readonly ignoreNulls?: boolean;
  readonly filter?: Expression;
}

/** `CASE WHEN c1 THEN v1 … [ELSE e] END` (the operand form `CASE x WHEN …` is rewritten to this by the parser). */
export interface CaseWhen {
  readonly kind: 'caseWhen';
  readonly branches: ReadonlyArray<readonly [condition: Expression, value: Expression]>;
  readonly otherwise?: Expression;
}

/** `child IN (v1, v2, …)`. */
export interface In {
  readonly kind: 'in';
  readonly child: Expression;
  readonly list: readonly Expression[];
}

/** `child IN (SELECT …)`. */
export interface InSubquery {
  readonly kind: 'inSubquery';
  readonly child: Expression;
  readonly plan: LogicalPlan;
}

/** `EXISTS (SELECT …)`. */
export interface Exists {
  readonly kind: 'exists';
  readonly plan: LogicalPlan;
}

/** `(SELECT max(x) FROM …)` used as a value. */
export interface ScalarSubquery {
  readonly kind: 'scalarSubquery';
  readonly plan: LogicalPlan;
}

/**
 * `child[key]`, `child.key`, `getItem`, `getField`: an array element (0-based in the
 * DataFrame API's getItem; the parser converts SQL's `arr[i]`, which is also 0-based), a map
 * value, or a struct field; the analyser decides by the child's type.
 */
export interface ExtractValue {
  readonly kind: 'extractValue';
  readonly child: Expression;
  readonly key: Expression;
}

/** One side of an ORDER BY: direction and where NULLs go (Spark: ASC NULLS FIRST, DESC NULLS LAST by default). */
export interface SortOrder {
  readonly kind: 'sortOrder';
  readonly child: Expression;
  readonly direction: 'asc' | 'desc';
  readonly nulls: 'first' | 'last';
}

/** A frame boundary, as in `ROWS BETWEEN 2 PRECEDING AND CURRENT ROW` (`offset` negative = preceding). */
export type FrameBoundary =
  | { readonly kind: 'unboundedPreceding' }
  | { readonly kind: 'unboundedFollowing' }
  | { readonly kind: 'currentRow' }
  | { readonly kind: 'offset'; readonly value: Expression };

/** `ROWS|RANGE BETWEEN lower AND upper`. */
export interface WindowFrame {
  readonly type: 'rows' | 'range';
  readonly lower: FrameBoundary;
  readonly upper: FrameBoundary;
}

/** `OVER (PARTITION BY … ORDER BY … frame)`; what `Window.partitionBy(…).orderBy(…)` holds. */
export interface WindowSpec {
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly SortOrder[];
  readonly frame?: WindowFrame;
}

/** `fn OVER spec`: a window function or an aggregate over a window. */
export interface WindowExpression {
  readonly kind: 'window';
  readonly function: Expression;
  readonly spec: WindowSpec;
}

/** A lambda of a higher-order function: `x -> x + 1` (`transform(arr, x -> …)`). */
export interface LambdaFunction {
  readonly kind: 'lambda';
  readonly params: readonly string[];
  readonly body: Expression;
}

/** A lambda's parameter inside its body. */
export interface LambdaVariable {
  readonly kind: 'lambdaVariable';
  readonly name: string;
}

/**
 * SQL text to be parsed into an expression by the session's parser: what `F.expr("…")`,
 * `selectExpr` and `filter("…")` build (Spark Connect's `expression_string`). The analyser
 * parses it; a parse error surfaces at the call, as in pyspark.
 */
export interface ExpressionString {
  readonly kind: 'expressionString';
  readonly sql: string;
}

/**
 * A TypeScript user-defined function (`F.udf(fn, returnType)` or `spark.udf.register`). It
 * holds a function, so it runs on the local engine only; the remote mode refuses it.
 */
export interface UserFunction {
  readonly kind: 'udf';
  readonly name: string;
  readonly fn: (...args: unknown[]) => unknown;
  readonly returnType: DataType;
  readonly args: readonly Expression[];
  readonly deterministic: boolean;
}

/** A named lambda argument `name => value` in a function call (Spark's named arguments). */
export interface NamedArgument {
  readonly kind: 'namedArgument';
  readonly name: string;
  readonly value: Expression;
}

/** Every expression node, discriminated by `kind`. */
export type Expression =
  | Literal
  | Attribute
  | Star
  | Alias
  | BinaryExpression
  | UnaryExpression
  | Cast
  | FunctionCall
  | CaseWhen
  | In
  | InSubquery
  | Exists
  | ScalarSubquery
  | ExtractValue
  | SortOrder
  | WindowExpression
  | LambdaFunction
  | LambdaVariable
  | ExpressionString
  | UserFunction
  | NamedArgument;

/** The `kind` of an expression node. */
export type ExpressionKind = Expression['kind'];
