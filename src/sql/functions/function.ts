/**
 * What a built-in function is to the analyser and the code generator. Scalar functions and
 * operators generate a JavaScript expression from their arguments' code; aggregates generate
 * statements over slots of a per-group buffer; generators generate a loop that emits rows;
 * window functions compute over a sorted partition. Each function resolves its argument types
 * (inserting implicit casts) and names itself the way Spark's `toPrettySQL` does.
 */
import type { Gen } from '../codegen/gen.js';
import type { RAgg, RCall, RExpr, RGen, RWinFn } from '../analysis/resolved.js';
import type { DataType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';

/** What a function's `resolve` may consult: the session's confs and helpers to name expressions. */
export interface ResolveContext {
  readonly ansi: boolean;
  readonly timeZone: string;
  /** Spark's pretty SQL of an argument (for messages). */
  sql(e: RExpr): string;
  /** A session conf value. */
  conf(key: string): string | undefined;
}

/** The outcome of resolving a call: typed (possibly cast) arguments and the result type. */
export interface Resolved {
  readonly args: readonly RExpr[];
  readonly dataType: DataType;
  readonly nullable: boolean;
  readonly extra?: unknown;
}

/** Arity: the least and most arguments (`Infinity` for variadic). */
export type Arity = readonly [min: number, max: number];

/** A scalar function or operator. */
export interface ScalarFunction {
  readonly kind: 'scalar';
  readonly name: string;
  readonly arity: Arity;
  /** Null in, null out: the generator only sees non-null arguments (default true). */
  readonly strict?: boolean;
  /** Not constant-foldable across rows (`rand`, `current_timestamp` is per query). */
  readonly nondeterministic?: boolean;
  resolve(args: readonly RExpr[], ctx: ResolveContext): Resolved;
  /** A JavaScript expression computing the value from the arguments' code (each a cheap, side-effect-free expression). */
  gen(args: readonly string[], g: Gen, call: RCall): string;
  /** Spark's pretty name of the call, given the arguments' pretty names (default `name(a, b)`). */
  sql?(args: readonly string[], call: RCall): string;
}

/** An aggregate function, compiled onto slots of a group's buffer array. */
export interface AggregateFunction {
  readonly kind: 'aggregate';
  readonly name: string;
  readonly arity: Arity;
  resolve(args: readonly RExpr[], ctx: ResolveContext): Resolved;
  /** How many buffer slots it uses. */
  slots(call: RAgg): number;
  /** Initial slot values (JavaScript expressions). */
  init(call: RAgg, g: Gen): string[];
  /** Statements adding one row: `buf[at…]` are its slots, `args` the arguments' code (may be null). */
  update(buf: string, at: number, args: readonly string[], g: Gen, call: RAgg): string;
  /** Statements merging the slots of `other` into `buf` (used when partial buffers are combined). */
  merge(buf: string, other: string, at: number, g: Gen, call: RAgg): string;
  /** The result from the slots (a JavaScript expression). */
  finish(buf: string, at: number, g: Gen, call: RAgg): string;
  sql?(args: readonly string[], call: RAgg): string;
}

/** A generator (`explode`): emits rows of `fields` for each input row. */
export interface GeneratorFunction {
  readonly kind: 'generator';
  readonly name: string;
  readonly arity: Arity;
  resolve(args: readonly RExpr[], ctx: ResolveContext): Resolved & { readonly fields: RGen['fields'] };
  /** Statements that call `emit(values)` (a code template taking the generated values' code) per generated row. */
  gen(args: readonly string[], g: Gen, call: RGen, emit: (values: readonly string[]) => string, outer: boolean): string;
  sql?(args: readonly string[], call: RGen): string;
}

/** A ranking or offset window function, evaluated over one sorted partition at a time. */
export interface WindowFunction {
  readonly kind: 'window';
  readonly name: string;
  readonly arity: Arity;
  resolve(args: readonly RExpr[], ctx: ResolveContext): Resolved;
  /**
   * Fills `out[i]` for each row of the sorted partition. `args[j](row)` evaluates argument j;
   * `samePeer(i, j)` says whether rows i and j tie on the ORDER BY keys.
   */
  compute(
    rows: readonly InternalRow[],
    args: ReadonlyArray<(row: InternalRow) => unknown>,
    samePeer: (i: number, j: number) => boolean,
    out: unknown[],
    call: RWinFn,
  ): void;
  sql?(args: readonly string[], call: RWinFn): string;
}

/** Any built-in function. */
export type BuiltinFunction = ScalarFunction | AggregateFunction | GeneratorFunction | WindowFunction;
