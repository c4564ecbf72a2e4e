/**
 * Conditional and null functions: CASE WHEN (`when`/`otherwise`), `coalesce`, `nvl`, `ifnull`,
 * `nullif`, `if`, `isnull`/`isnotnull` (`(x IS NULL)`), and `IN` with SQL's three-valued result.
 */
import { implicitCastTo, widerTypeOfAll } from '../analysis/coercion.js';
import type { RExpr } from '../analysis/resolved.js';
import { AnalysisException } from '../errors.js';
import { BooleanType, NullType } from '../types/data-types.js';
import { callSql, scalarFn } from './define.js';
import type { ResolveContext, ScalarFunction } from './function.js';
import { genCompare } from './operators.js';

const BOOL = new BooleanType();

/** All values cast to their common type, or DATA_DIFF_TYPES. */
function commonArgs(name: string, args: readonly RExpr[], ctx: ResolveContext, sqlText?: string): RExpr[] {
  const t = widerTypeOfAll(args.map((a) => a.dataType)) ?? undefined;
  if (t === undefined) {
    throw new AnalysisException('DATATYPE_MISMATCH.DATA_DIFF_TYPES', {
      sqlExpr: `"${sqlText ?? callSql(name, args.map((a) => ctx.sql(a)))}"`,
      functionName: `\`${name}\``,
      dataType: `[${args.map((a) => `"${a.dataType.sql()}"`).join(', ')}]`,
    });
  }
  return args.map((a) => implicitCastTo(a, t));
}

/** `CASE WHEN c1 THEN v1 … ELSE e END` as a call: args are `[c1, v1, c2, v2, …, else?]`. */
export const CASE_WHEN: ScalarFunction = {
  kind: 'scalar',
  name: 'casewhen',
  arity: [2, Infinity],
  strict: false,
  resolve(args, ctx) {
    const n = Math.floor(args.length / 2);
    const conds = [];
    const values: RExpr[] = [];
    for (let i = 0; i < n; i++) {
      const c = args[2 * i]!;
      const cc = c.dataType.kind === 'boolean' ? c : c.dataType.kind === 'null' ? implicitCastTo(c, BOOL) : undefined;
      if (cc === undefined) {
        throw new AnalysisException('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', {
          sqlExpr: '"CASE WHEN"',
          paramIndex: String(2 * i + 1),
          requiredType: '"BOOLEAN"',
          inputSql: `"${ctx.sql(c)}"`,
          inputType: `"${c.dataType.sql()}"`,
        });
      }
      conds.push(cc);
      values.push(args[2 * i + 1]!);
    }
    const hasElse = args.length % 2 === 1;
    if (hasElse) values.push(args[args.length - 1]!);
    const cast = commonArgs('CASE WHEN', values, ctx, 'CASE WHEN');
    const out: RExpr[] = [];
    conds.forEach((c, i) => out.push(c, cast[i]!));
    if (hasElse) out.push(cast[cast.length - 1]!);
    const dataType = cast[0]!.dataType;
    return { args: out, dataType, nullable: !hasElse || cast.some((v) => v.nullable) };
  },
  gen(args) {
    const n = Math.floor(args.length / 2);
    let code = args.length % 2 === 1 ? args[args.length - 1]! : 'null';
    for (let i = n - 1; i >= 0; i--) code = `(${args[2 * i]} === true ? ${args[2 * i + 1]} : ${code})`;
    return code;
  },
  sql(args) {
    const n = Math.floor(args.length / 2);
    let s = 'CASE';
    for (let i = 0; i < n; i++) s += ` WHEN ${args[2 * i]} THEN ${args[2 * i + 1]}`;
    if (args.length % 2 === 1) s += ` ELSE ${args[args.length - 1]}`;
    return s + ' END';
  },
};

function coalesceLike(name: string): ScalarFunction {
  return scalarFn({
    name,
    arity: name === 'coalesce' ? [1, Infinity] : [2, 2],
    strict: false,
    coerce: (args, ctx) => commonArgs(name, args, ctx),
    result: (args) => args[0]!.dataType,
    nullable: (args) => args.every((a) => a.nullable),
    gen: (args, g) => {
      let code = args[args.length - 1]!;
      for (let i = args.length - 2; i >= 0; i--) {
        const t = g.temp();
        code = `(${t} = ${args[i]}, ${t} !== null ? ${t} : ${code})`;
      }
      return code;
    },
  });
}

/** `child IN (list)`: args are `[child, …list]`. */
export const IN: ScalarFunction = {
  kind: 'scalar',
  name: 'in',
  arity: [1, Infinity],
  strict: false,
  resolve(args, ctx) {
    const cast = commonArgs('in', args, ctx, `${ctx.sql(args[0]!)} IN (${args.slice(1).map((a) => ctx.sql(a)).join(', ')})`);
    return { args: cast, dataType: BOOL, nullable: cast.some((a) => a.nullable) };
  },
  gen([child, ...list], g, call) {
    const t = call.args[0]!.dataType;
    const x = g.temp();
    const primitive = !['double', 'float', 'binary', 'array', 'struct', 'map'].includes(t.kind);
    const literals = call.args.slice(1).every((a) => a.k === 'lit');
    if (primitive && literals) {
      const values = call.args.slice(1).map((a) => (a.k === 'lit' ? a.value : null));
      const hasNull = values.includes(null);
      const set = g.constant(new Set(values.filter((v) => v !== null)));
      return `(${x} = ${child}, ${x} === null ? null : ${set}.has(${x}) ? true : ${hasNull ? 'null' : 'false'})`;
    }
    const y = g.temp();
    const sawNull = g.temp();
    const tests = list.map((v) => `(${y} = ${v}, ${y} === null ? (${sawNull} = true, false) : ${genCompare('=', x, y, t, g)})`);
    return `(${x} = ${child}, ${sawNull} = false, ${x} === null ? null : (${tests.join(' || ') || 'false'}) ? true : ${sawNull} ? null : false)`;
  },
  sql: ([child, ...list]) => `(${child} IN (${list.join(', ')}))`,
};

/** Conditional functions by name. */
export const CONDITIONAL_FUNCTIONS: ScalarFunction[] = [
  CASE_WHEN,
  IN,
  coalesceLike('coalesce'),
  coalesceLike('nvl'),
  coalesceLike('ifnull'),
  scalarFn({
    name: 'isnull',
    arity: [1, 1],
    strict: false,
    result: BOOL,
    nullable: false,
    gen: ([a]) => `(${a} === null)`,
    sql: ([a]) => `(${a} IS NULL)`,
  }),
  scalarFn({
    name: 'isnotnull',
    arity: [1, 1],
    strict: false,
    result: BOOL,
    nullable: false,
    gen: ([a]) => `(${a} !== null)`,
    sql: ([a]) => `(${a} IS NOT NULL)`,
  }),
  scalarFn({
    name: 'nullif',
    arity: [2, 2],
    strict: false,
    coerce: (args, ctx) => commonArgs('nullif', args, ctx),
    result: (args) => args[0]!.dataType,
    nullable: true,
    gen: ([a, b], g, call) => {
      const x = g.temp();
      const y = g.temp();
      return `(${x} = ${a}, ${y} = ${b}, ${x} !== null && ${y} !== null && ${genCompare('=', x, y, call.dataType, g)} ? null : ${x})`;
    },
  }),
  scalarFn({
    name: 'if',
    arity: [3, 3],
    strict: false,
    coerce: (args, ctx) => {
      const [c, ...vs] = args;
      const cond = c!.dataType.kind === 'boolean' ? c! : implicitCastTo(c!, BOOL);
      return [cond, ...commonArgs('if', vs, ctx)];
    },
    result: (args) => args[1]!.dataType,
    nullable: (args) => args[1]!.nullable || args[2]!.nullable,
    gen: ([c, a, b]) => `(${c} === true ? ${a} : ${b})`,
    sql: ([c, a, b]) => `(IF(${c}, ${a}, ${b}))`,
  }),
  scalarFn({
    name: 'nvl2',
    arity: [3, 3],
    strict: false,
    coerce: (args, ctx) => [args[0]!, ...commonArgs('nvl2', args.slice(1), ctx)],
    result: (args) => args[1]!.dataType,
    nullable: (args) => args[1]!.nullable || args[2]!.nullable,
    gen: ([a, b, c]) => `(${a} !== null ? ${b} : ${c})`,
  }),
];

/** The NULL type, for callers building typed NULLs. */
export const NULL_TYPE = new NullType();
