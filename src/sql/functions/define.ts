/**
 * Helpers to declare built-in functions briefly: argument type specs with Spark's implicit
 * casts and its UNEXPECTED_INPUT_TYPE message, result types, and the usual null behaviour
 * (the result is nullable when an argument is).
 */
import { type TypeSpec, implicitCast, specSql } from '../analysis/coercion.js';
import type { RCall, RExpr } from '../analysis/resolved.js';
import type { Gen } from '../codegen/gen.js';
import { AnalysisException } from '../errors.js';
import type { DataType } from '../types/data-types.js';
import type { Arity, ResolveContext, Resolved, ScalarFunction } from './function.js';

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth'];

/** Spark's ordinal words in messages ("the first input"). */
export function ordinal(i: number): string {
  return ORDINALS[i] ?? `${i + 1}th`;
}

/** `name(a, b)` from pretty argument names (Spark's default `sql` of a function call). */
export function callSql(name: string, args: readonly string[]): string {
  return `${name}(${args.join(', ')})`;
}

/** Spark's DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE for argument `index` of a call. */
export function unexpectedInput(callText: string, index: number, spec: TypeSpec, arg: RExpr, ctx: ResolveContext): AnalysisException {
  return new AnalysisException('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', {
    sqlExpr: `"${callText}"`,
    paramIndex: ordinal(index),
    requiredType: specSql(spec),
    inputSql: `"${ctx.sql(arg)}"`,
    inputType: `"${arg.dataType.sql()}"`,
  });
}

/** Casts each argument to its spec, or raises UNEXPECTED_INPUT_TYPE naming the call. */
export function castArgs(
  name: string,
  args: readonly RExpr[],
  specs: readonly TypeSpec[] | ((i: number) => TypeSpec),
  ctx: ResolveContext,
  callText?: string,
): RExpr[] {
  return args.map((a, i) => {
    const spec = typeof specs === 'function' ? specs(i) : (specs[i] ?? specs[specs.length - 1] ?? 'any');
    const c = implicitCast(a, spec);
    if (c === undefined) throw unexpectedInput(callText ?? callSql(name, args.map((x) => ctx.sql(x))), i, spec, a, ctx);
    return c;
  });
}

/** How to declare a scalar function. */
export interface ScalarDef {
  readonly name: string;
  readonly arity: Arity;
  /** Argument specs, one per position (the last repeats), or a function of the position. */
  readonly inputs?: readonly TypeSpec[] | ((i: number) => TypeSpec);
  /** Custom argument coercion (instead of `inputs`). */
  readonly coerce?: (args: readonly RExpr[], ctx: ResolveContext) => RExpr[];
  /** The result type, fixed or from the (cast) arguments. */
  readonly result: DataType | ((args: readonly RExpr[], ctx: ResolveContext) => DataType);
  /** Whether the result may be NULL (default: when any argument may be). */
  readonly nullable?: boolean | ((args: readonly RExpr[]) => boolean);
  readonly strict?: boolean;
  readonly nondeterministic?: boolean;
  /** Constant data for the generator, computed once at analysis. */
  readonly extra?: (args: readonly RExpr[], ctx: ResolveContext) => unknown;
  /** Extra checks after casting (throw an AnalysisException). */
  readonly check?: (args: readonly RExpr[], ctx: ResolveContext) => void;
  gen(args: readonly string[], g: Gen, call: RCall): string;
  sql?(args: readonly string[], call: RCall): string;
}

/** A scalar function from its declaration. */
export function scalarFn(def: ScalarDef): ScalarFunction {
  const fn: ScalarFunction = {
    kind: 'scalar',
    name: def.name,
    arity: def.arity,
    ...(def.strict === undefined ? {} : { strict: def.strict }),
    ...(def.nondeterministic ? { nondeterministic: true } : {}),
    resolve(rawArgs, ctx): Resolved {
      const args = def.coerce
        ? def.coerce(rawArgs, ctx)
        : def.inputs === undefined
          ? [...rawArgs]
          : castArgs(def.name, rawArgs, def.inputs, ctx, fnSql(fn, rawArgs, ctx));
      def.check?.(args, ctx);
      const dataType = typeof def.result === 'function' ? def.result(args, ctx) : def.result;
      const nullable = def.nullable === undefined ? args.some((a) => a.nullable) : typeof def.nullable === 'function' ? def.nullable(args) : def.nullable;
      const extra = def.extra?.(args, ctx);
      return extra === undefined ? { args, dataType, nullable } : { args, dataType, nullable, extra };
    },
    gen: def.gen,
    ...(def.sql ? { sql: def.sql } : {}),
  };
  return fn;
}

function fnSql(fn: ScalarFunction, args: readonly RExpr[], ctx: ResolveContext): string {
  const names = args.map((a) => ctx.sql(a));
  return fn.sql ? fn.sql(names, { k: 'call', fn, args, dataType: args[0]?.dataType ?? ({} as DataType), nullable: true }) : callSql(fn.name, names);
}

/** True when an expression is a literal (possibly under implicit casts), so its value can be read at analysis. */
export function isFoldable(e: RExpr): boolean {
  return e.k === 'lit' || (e.k === 'cast' && isFoldable(e.child));
}

/** The value of a literal argument (folding implicit casts of NULL only); undefined when not a literal. */
export function literalValue(e: RExpr): unknown {
  if (e.k === 'lit') return e.value;
  if (e.k === 'cast' && e.child.k === 'lit') return e.child.value;
  return undefined;
}
