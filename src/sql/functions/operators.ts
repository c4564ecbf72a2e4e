/**
 * Operators: arithmetic with Spark's result types (int + int wraps, `/` is double, `div` is
 * long, decimals follow DecimalPrecision), comparison with Spark's coercion (NaN = NaN, NaN
 * greatest), three-valued AND/OR/NOT, null-safe equality, bitwise operators.
 */
import { adjustPrecisionScale, comparisonType, decimalForLiteral, implicitCastTo, widerNumeric } from '../analysis/coercion.js';
import type { RCall, RExpr } from '../analysis/resolved.js';
import type { Gen } from '../codegen/gen.js';
import { AnalysisException } from '../errors.js';
import { BooleanType, type DataType, DecimalType, DoubleType, LongType, isIntegral, isNumeric } from '../types/data-types.js';
import type { ResolveContext, Resolved, ScalarFunction } from './function.js';

function mismatch(op: string, l: RExpr, r: RExpr, ctx: ResolveContext): AnalysisException {
  return new AnalysisException('DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES', {
    sqlExpr: `"(${ctx.sql(l)} ${op} ${ctx.sql(r)})"`,
    left: `"${l.dataType.sql()}"`,
    right: `"${r.dataType.sql()}"`,
  });
}

function wrongType(op: string, l: RExpr, r: RExpr, required: string, ctx: ResolveContext): AnalysisException {
  return new AnalysisException('DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', {
    sqlExpr: `"(${ctx.sql(l)} ${op} ${ctx.sql(r)})"`,
    inputType: required,
    actualDataType: `"${l.dataType.sql()}"`,
  });
}

/** Both operands cast to one numeric type (strings to double), as Spark's arithmetic coercion. */
function numericOperands(op: string, l: RExpr, r: RExpr, ctx: ResolveContext): [RExpr, RExpr, DataType] {
  const toNum = (e: RExpr, other: RExpr): RExpr => {
    if (e.dataType.kind === 'string') return implicitCastTo(e, new DoubleType());
    if (e.dataType.kind === 'null') return implicitCastTo(e, isNumeric(other.dataType) ? other.dataType : new DoubleType());
    return e;
  };
  const a = toNum(l, r);
  const b = toNum(r, l);
  if (!isNumeric(a.dataType) || !isNumeric(b.dataType)) {
    if (a.dataType.kind === b.dataType.kind) throw wrongType(op, a, b, '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")', ctx);
    throw mismatch(op, a, b, ctx);
  }
  if (a.dataType.kind === 'decimal' || b.dataType.kind === 'decimal') {
    const fl = (t: DataType): boolean => t.kind === 'double' || t.kind === 'float';
    if (fl(a.dataType) || fl(b.dataType)) return [implicitCastTo(a, new DoubleType()), implicitCastTo(b, new DoubleType()), new DoubleType()];
    const da = decimalForLiteral(a)!;
    const db = decimalForLiteral(b)!;
    return [implicitCastTo(a, da), implicitCastTo(b, db), new DecimalType(0, 0)];
  }
  const t = widerNumeric(a.dataType, b.dataType)!;
  return [implicitCastTo(a, t), implicitCastTo(b, t), t];
}

/** The result decimal of an operation on two decimals (DecimalPrecision with precision loss). */
function decimalResult(op: string, a: DecimalType, b: DecimalType): DecimalType {
  const [p1, s1, p2, s2] = [a.precision, a.scale, b.precision, b.scale];
  switch (op) {
    case '+':
    case '-': {
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.max(p1 - s1, p2 - s2) + scale + 1, scale);
    }
    case '*':
      return adjustPrecisionScale(p1 + p2 + 1, s1 + s2);
    case '/': {
      const scale = Math.max(6, s1 + p2 + 1);
      return adjustPrecisionScale(p1 - s1 + s2 + scale, scale);
    }
    default: {
      // % : the wider of the two.
      const scale = Math.max(s1, s2);
      return adjustPrecisionScale(Math.min(p1 - s1, p2 - s2) + scale, scale);
    }
  }
}

function arith(op: '+' | '-' | '*' | '/' | '%' | 'div'): ScalarFunction {
  return {
    kind: 'scalar',
    name: op,
    arity: [2, 2],
    resolve([l, r], ctx): Resolved {
      let [a, b, t] = numericOperands(op, l!, r!, ctx);
      if (op === '/' && t.kind !== 'decimal') {
        a = implicitCastTo(a, new DoubleType());
        b = implicitCastTo(b, new DoubleType());
        t = new DoubleType();
      }
      if (op === 'div') {
        if (t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal') {
          a = implicitCastTo(a, new LongType());
          b = implicitCastTo(b, new LongType());
        }
        t = new LongType();
      }
      if (t.kind === 'decimal') t = decimalResult(op, a.dataType as DecimalType, b.dataType as DecimalType);
      const canBeNull = a.nullable || b.nullable || op === '/' || op === '%' || op === 'div' || t.kind === 'decimal';
      return { args: [a, b], dataType: t, nullable: canBeNull };
    },
    gen([a, b], g, call) {
      return genArith(op, a!, b!, call, g);
    },
    sql: ([a, b]) => `(${a} ${op} ${b})`,
  };
}

function genArith(op: string, a: string, b: string, call: RCall, g: Gen): string {
  const t = call.dataType;
  const ansi = g.options.ansi;
  const zero = (code: string): string => (ansi ? `$h.divideByZero()` : code);
  switch (t.kind) {
    case 'integer':
      if (op === '+') return ansi ? `$h.iaddExact(${a}, ${b})` : `((${a} + ${b}) | 0)`;
      if (op === '-') return ansi ? `$h.isubExact(${a}, ${b})` : `((${a} - ${b}) | 0)`;
      if (op === '*') return ansi ? `$h.imulExact(${a}, ${b})` : `Math.imul(${a}, ${b})`;
      return `(${b} === 0 ? ${zero('null')} : ((${a} % ${b}) | 0))`;
    case 'byte':
    case 'short': {
      const sh = t.kind === 'byte' ? 24 : 16;
      if (op === '%') return `(${b} === 0 ? ${zero('null')} : ((${a} % ${b}) | 0))`;
      const o = op === '*' ? `Math.imul(${a}, ${b})` : `(${a} ${op} ${b})`;
      return `((${o} << ${sh}) >> ${sh})`;
    }
    case 'long':
      if (op === 'div') {
        return `(${b} === 0 ? ${zero('null')} : $h.ldiv(${a}, ${b}))`;
      }
      if (op === '+') return ansi ? `$h.laddExact(${a}, ${b})` : `$h.ladd(${a}, ${b})`;
      if (op === '-') return ansi ? `$h.lsubExact(${a}, ${b})` : `$h.lsub(${a}, ${b})`;
      if (op === '*') return ansi ? `$h.lmulExact(${a}, ${b})` : `$h.lmul(${a}, ${b})`;
      return `(${b} === 0 ? ${zero('null')} : $h.lrem(${a}, ${b}))`;
    case 'float':
      if (op === '/' || op === '%') return `(${b} === 0 ? ${zero('null')} : Math.fround(${a} ${op} ${b}))`;
      return `Math.fround(${a} ${op} ${b})`;
    case 'double':
      if (op === '/' || op === '%') return `(${b} === 0 ? ${zero('null')} : (${a} ${op} ${b}))`;
      return `(${a} ${op} ${b})`;
    case 'decimal': {
      const da = call.args[0]!.dataType as DecimalType;
      const db = call.args[1]!.dataType as DecimalType;
      const f = g.constant(decimalOp(op, da, db, t));
      return `${f}(${a}, ${b})`;
    }
    default:
      return 'null';
  }
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function roundDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  const twice = (r < 0n ? -r : r) * 2n;
  const dd = d < 0n ? -d : d;
  return twice >= dd ? q + ((n < 0n) !== (d < 0n) ? -1n : 1n) : q;
}

/** A decimal operation on unscaled bigints, NULL on overflow of the result precision or a zero divisor. */
function decimalOp(op: string, a: DecimalType, b: DecimalType, t: DecimalType): (x: bigint, y: bigint) => bigint | null {
  const limit = pow10(t.precision);
  const fit = (u: bigint): bigint | null => (u >= limit || u <= -limit ? null : u);
  switch (op) {
    case '+':
    case '-': {
      const s = Math.max(a.scale, b.scale);
      const fa = pow10(s - a.scale);
      const fb = pow10(s - b.scale);
      const back = s - t.scale;
      return (x, y) => {
        const r = op === '+' ? x * fa + y * fb : x * fa - y * fb;
        return fit(back > 0 ? roundDiv(r, pow10(back)) : r);
      };
    }
    case '*': {
      const back = a.scale + b.scale - t.scale;
      return (x, y) => fit(back > 0 ? roundDiv(x * y, pow10(back)) : x * y);
    }
    case '/': {
      const shift = t.scale - a.scale + b.scale;
      return (x, y) => (y === 0n ? null : fit(shift >= 0 ? roundDiv(x * pow10(shift), y) : roundDiv(x, y * pow10(-shift))));
    }
    default: {
      const s = Math.max(a.scale, b.scale);
      const fa = pow10(s - a.scale);
      const fb = pow10(s - b.scale);
      return (x, y) => (y === 0n ? null : fit((x * fa) % (y * fb)));
    }
  }
}

type CmpOp = '=' | '<=>' | '!=' | '<' | '<=' | '>' | '>=';

/** Both sides cast to their comparison type, or Spark's BINARY_OP_DIFF_TYPES. */
export function comparisonOperands(op: string, l: RExpr, r: RExpr, ctx: ResolveContext): [RExpr, RExpr] {
  const t = comparisonType(l.dataType, r.dataType);
  if (t === undefined) throw mismatch(op, l, r, ctx);
  if (t.kind === 'map') {
    throw new AnalysisException('DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', {
      sqlExpr: `"(${ctx.sql(l)} ${op} ${ctx.sql(r)})"`,
      inputType: '"ORDERABLE"',
      actualDataType: `"${t.sql()}"`,
    });
  }
  return [implicitCastTo(l, t), implicitCastTo(r, t)];
}

/** Code of `a op b` for non-null values of type `t`. */
export function genCompare(op: '=' | '<' | '<=' | '>' | '>=', a: string, b: string, t: DataType, g: Gen): string {
  switch (t.kind) {
    case 'double':
    case 'float':
      if (op === '=') return `(${a} === ${b} || (${a} !== ${a} && ${b} !== ${b}))`;
      return `($h.compareValues(${a}, ${b}, ${g.constant(t)}) ${op} 0)`;
    case 'binary':
    case 'array':
    case 'struct':
      return `($h.compareValues(${a}, ${b}, ${g.constant(t)}) ${op === '=' ? '===' : op} 0)`;
    default:
      return op === '=' ? `(${a} === ${b})` : `(${a} ${op} ${b})`;
  }
}

function comparison(op: CmpOp): ScalarFunction {
  const nullSafe = op === '<=>';
  return {
    kind: 'scalar',
    name: op,
    arity: [2, 2],
    ...(nullSafe ? { strict: false } : {}),
    resolve([l, r], ctx): Resolved {
      const [a, b] = comparisonOperands(op, l!, r!, ctx);
      return { args: [a, b], dataType: new BooleanType(), nullable: nullSafe ? false : a.nullable || b.nullable };
    },
    gen([a, b], g, call) {
      const t = call.args[0]!.dataType;
      if (op === '!=') return `!${genCompare('=', a!, b!, t, g)}`;
      if (!nullSafe) return genCompare(op, a!, b!, t, g);
      const x = g.temp();
      const y = g.temp();
      return `(${x} = ${a}, ${y} = ${b}, ${x} === null ? ${y} === null : ${y} === null ? false : ${genCompare('=', x, y, t, g)})`;
    },
    sql: ([a, b]) => (op === '!=' ? `(NOT (${a} = ${b}))` : `(${a} ${op} ${b})`),
  };
}

function booleanArgs(name: string, args: readonly RExpr[], ctx: ResolveContext): RExpr[] {
  return args.map((a) => {
    if (a.dataType.kind === 'boolean') return a;
    if (a.dataType.kind === 'null' || a.dataType.kind === 'string') return implicitCastTo(a, new BooleanType());
    const [l, r] = [args[0]!, args[1] ?? args[0]!];
    throw new AnalysisException('DATATYPE_MISMATCH.BINARY_OP_WRONG_TYPE', {
      sqlExpr: `"(${ctx.sql(l)} ${name.toUpperCase()} ${ctx.sql(r)})"`,
      inputType: '"BOOLEAN"',
      actualDataType: `"${a.dataType.sql()}"`,
    });
  });
}

function logical(op: 'and' | 'or'): ScalarFunction {
  const stop = op === 'and' ? 'false' : 'true';
  const other = op === 'and' ? 'true' : 'false';
  return {
    kind: 'scalar',
    name: op,
    arity: [2, 2],
    strict: false,
    resolve(args, ctx): Resolved {
      const [a, b] = booleanArgs(op, args, ctx);
      return { args: [a!, b!], dataType: new BooleanType(), nullable: a!.nullable || b!.nullable };
    },
    gen([a, b], g) {
      const x = g.temp();
      const y = g.temp();
      return `(${x} = ${a}, ${x} === ${stop} ? ${stop} : (${y} = ${b}, ${y} === ${stop} ? ${stop} : (${x} === null || ${y} === null ? null : ${other})))`;
    },
    sql: ([a, b]) => `(${a} ${op.toUpperCase()} ${b})`,
  };
}

const not: ScalarFunction = {
  kind: 'scalar',
  name: 'not',
  arity: [1, 1],
  resolve(args, ctx): Resolved {
    const [a] = booleanArgs('not', args, ctx);
    return { args: [a!], dataType: new BooleanType(), nullable: a!.nullable };
  },
  gen: ([a]) => `(!${a})`,
  sql: ([a]) => `(NOT ${a})`,
};

function unaryArith(name: 'negate' | 'positive'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    arity: [1, 1],
    resolve([a], ctx): Resolved {
      let x = a!;
      if (x.dataType.kind === 'string') x = implicitCastTo(x, new DoubleType());
      if (x.dataType.kind === 'null') x = implicitCastTo(x, new DoubleType());
      if (!isNumeric(x.dataType) && x.dataType.kind !== 'interval') {
        throw new AnalysisException('DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE', {
          sqlExpr: `"${name === 'negate' ? `(- ${ctx.sql(x)})` : `(+ ${ctx.sql(x)})`}"`,
          paramIndex: 'first',
          requiredType: '("NUMERIC" or "INTERVAL DAY TO SECOND" or "INTERVAL YEAR TO MONTH" or "INTERVAL")',
          inputSql: `"${ctx.sql(x)}"`,
          inputType: `"${x.dataType.sql()}"`,
        });
      }
      return { args: [x], dataType: x.dataType, nullable: x.nullable };
    },
    gen([a], _g, call) {
      if (name === 'positive') return a!;
      switch (call.dataType.kind) {
        case 'integer':
          return `((-${a}) | 0)`;
        case 'byte':
          return `(((-${a}) << 24) >> 24)`;
        case 'short':
          return `(((-${a}) << 16) >> 16)`;
        case 'long':
          return `$h.lneg(${a})`;
        case 'decimal':
          return `(-${a})`;
        default:
          return `(-${a})`;
      }
    },
    sql: ([a]) => (name === 'negate' ? `(- ${a})` : `(+ ${a})`),
  };
}

function bitwise(op: '&' | '|' | '^'): ScalarFunction {
  return {
    kind: 'scalar',
    name: op,
    arity: [2, 2],
    resolve([l, r], ctx): Resolved {
      const [a, b, t] = numericOperands(op, l!, r!, ctx);
      if (!isIntegral(t)) throw wrongType(op, a, b, '"INTEGRAL"', ctx);
      return { args: [a, b], dataType: t, nullable: a.nullable || b.nullable };
    },
    gen([a, b], _g, call) {
      if (call.dataType.kind === 'long') return `$h.lbit(${JSON.stringify(op)}, ${a}, ${b})`;
      return `(${a} ${op} ${b})`;
    },
    sql: ([a, b]) => `(${a} ${op} ${b})`,
  };
}

/** Every operator by its name in `BinaryExpression.op` / `UnaryExpression.op`. */
export const OPERATORS: Readonly<Record<string, ScalarFunction>> = {
  '+': arith('+'),
  '-': arith('-'),
  '*': arith('*'),
  '/': arith('/'),
  '%': arith('%'),
  div: arith('div'),
  '=': comparison('='),
  '<=>': comparison('<=>'),
  '!=': comparison('!='),
  '<': comparison('<'),
  '<=': comparison('<='),
  '>': comparison('>'),
  '>=': comparison('>='),
  and: logical('and'),
  or: logical('or'),
  not,
  negate: unaryArith('negate'),
  positive: unaryArith('positive'),
  '&': bitwise('&'),
  '|': bitwise('|'),
  '^': bitwise('^'),
};
