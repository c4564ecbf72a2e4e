/**
 * Math functions: `round` (HALF_UP through the decimal text, as Spark), `bround`, `abs`,
 * `sqrt`, `ceil`/`floor` (bigint results), logs and powers (double), `pmod`, `greatest`/`least`,
 * `rand`/`randn` (seeded per partition), `hash` (Spark's Murmur3).
 */
import { implicitCastTo, widerTypeOfAll } from '../analysis/coercion.js';
import { hashValue } from '../codegen/murmur3.js';
import { AnalysisException } from '../errors.js';
import { BooleanType, type DataType, DecimalType, DoubleType, IntegerType, LongType } from '../types/data-types.js';
import { callSql, castArgs, literalValue, scalarFn } from './define.js';
import type { ScalarFunction } from './function.js';
import { genCompare } from './operators.js';

const DOUBLE = new DoubleType();
const LONG = new LongType();

function dbl(name: string, js: (a: string) => string, nullable?: boolean): ScalarFunction {
  return scalarFn({
    name,
    arity: [1, 1],
    inputs: [DOUBLE],
    result: DOUBLE,
    ...(nullable === undefined ? {} : { nullable }),
    gen: ([a]) => js(a!),
  });
}

function roundFn(name: 'round' | 'bround'): ScalarFunction {
  return scalarFn({
    name,
    arity: [1, 2],
    coerce: (args, ctx) => castArgs(name, args, ['numeric', new IntegerType()], ctx),
    result: (args) => {
      const t = args[0]!.dataType;
      if (t.kind !== 'decimal') return t;
      const s = Number(literalValue(args[1] ?? { k: 'lit', value: 0, dataType: new IntegerType(), nullable: false }) ?? 0);
      const intDigits = t.precision - t.scale;
      const newScale = Math.max(Math.min(s, t.scale), 0);
      return new DecimalType(Math.min(intDigits + newScale + 1, 38), newScale);
    },
    check: (args) => {
      if (args[1] !== undefined && literalValue(args[1]) === undefined) {
        throw new AnalysisException('DATATYPE_MISMATCH.NON_FOLDABLE_INPUT', { sqlExpr: `"${name}"`, inputName: '`scale`', inputType: '"INT"', inputExpr: '"scale"' });
      }
    },
    gen: ([a, s], g, call) => {
      const scale = s ?? '0';
      const t = call.dataType;
      switch (t.kind) {
        case 'double':
          return `$h.${name === 'round' ? 'roundHalfUp' : 'roundHalfEven'}(${a}, ${scale})`;
        case 'float':
          return `Math.fround($h.${name === 'round' ? 'roundHalfUp' : 'roundHalfEven'}(${a}, ${scale}))`;
        case 'decimal': {
          const from = call.args[0]!.dataType as DecimalType;
          return `${g.constant(roundDecimal(from.scale, t.scale, name === 'bround'))}(${a})`;
        }
        default:
          // Integral: only a negative scale changes the value.
          return `(${scale} >= 0 ? ${a} : ${g.constant(roundIntegral)}(${a}, ${scale}, ${name === 'bround'}, ${g.constant(t)}))`;
      }
    },
    sql: (args) => callSql(name, args.length === 1 ? [...args, '0'] : args),
  });
}

function roundDecimal(fromScale: number, toScale: number, halfEven: boolean): (u: bigint) => bigint {
  if (toScale >= fromScale) return (u) => u * 10n ** BigInt(toScale - fromScale);
  const div = 10n ** BigInt(fromScale - toScale);
  return (u) => {
    const q = u / div;
    const r = u % div;
    const twice = (r < 0n ? -r : r) * 2n;
    const up = twice > div || (twice === div && (!halfEven || q % 2n !== 0n));
    return up ? q + (u < 0n ? -1n : 1n) : q;
  };
}

function roundIntegral(v: number | bigint, scale: number, halfEven: boolean, t: DataType): number | bigint {
  const div = 10n ** BigInt(-scale);
  const u = BigInt(v);
  const q = u / div;
  const r = u % div;
  const twice = (r < 0n ? -r : r) * 2n;
  const up = twice > div || (twice === div && (!halfEven || q % 2n !== 0n));
  const out = (up ? q + (u < 0n ? -1n : 1n) : q) * div;
  return t.kind === 'long' ? (Number.isSafeInteger(Number(out)) ? Number(out) : out) : Number(BigInt.asIntN(32, out));
}

function ceilFloor(name: 'ceil' | 'floor' | 'ceiling'): ScalarFunction {
  const f = name === 'floor' ? 'floor' : 'ceil';
  return scalarFn({
    name,
    arity: [1, 1],
    coerce: (args, ctx) => castArgs(name, args, ['numeric'], ctx),
    result: (args) => {
      const t = args[0]!.dataType;
      if (t.kind === 'decimal') return new DecimalType(Math.min(t.precision - t.scale + 1, 38), 0);
      return LONG;
    },
    gen: ([a], g, call) => {
      const t = call.args[0]!.dataType;
      if (t.kind === 'decimal') {
        const div = g.constant(10n ** BigInt(t.scale));
        return `(${a} / ${div} + ((${a} % ${div} !== 0n) && ((${a} > 0n) === ${f === 'ceil'}) ? ${f === 'ceil' ? '1n' : '-1n'} : 0n))`;
      }
      if (t.kind === 'long' || t.kind === 'integer' || t.kind === 'short' || t.kind === 'byte') return a!;
      return `$h.dtol(Math.${f}(${a}))`;
    },
  });
}

function absFn(): ScalarFunction {
  return scalarFn({
    name: 'abs',
    arity: [1, 1],
    coerce: (args, ctx) => castArgs('abs', args, ['numeric'], ctx),
    result: (args) => args[0]!.dataType,
    gen: ([a], _g, call) => {
      switch (call.dataType.kind) {
        case 'integer':
          return `(Math.abs(${a}) | 0)`;
        case 'long':
          return `(${a} < 0 ? $h.lneg(${a}) : ${a})`;
        case 'decimal':
          return `(${a} < 0n ? -${a} : ${a})`;
        default:
          return `Math.abs(${a})`;
      }
    },
  });
}

function pmod(): ScalarFunction {
  return scalarFn({
    name: 'pmod',
    arity: [2, 2],
    coerce: (args, ctx) => {
      const cast = castArgs('pmod', args, ['numeric', 'numeric'], ctx);
      const t = widerTypeOfAll(cast.map((a) => a.dataType))!;
      return cast.map((a) => implicitCastTo(a, t));
    },
    result: (args) => args[0]!.dataType,
    nullable: true,
    gen: ([a, b], _g, call) => {
      if (call.dataType.kind === 'long') return `(${b} === 0 ? null : $h.lrem($h.ladd($h.lrem(${a}, ${b}), ${b}), ${b}))`;
      if (call.dataType.kind === 'decimal') return `(${b} === 0n ? null : (((${a} % ${b}) + ${b}) % ${b}))`;
      return `(${b} === 0 ? null : (((${a} % ${b}) + ${b}) % ${b}))`;
    },
  });
}

function extremum(name: 'greatest' | 'least'): ScalarFunction {
  return scalarFn({
    name,
    arity: [2, Infinity],
    strict: false,
    coerce: (args, ctx) => {
      const t = widerTypeOfAll(args.map((a) => a.dataType));
      if (t === undefined) {
        throw new AnalysisException('DATATYPE_MISMATCH.DATA_DIFF_TYPES', {
          sqlExpr: `"${callSql(name, args.map((a) => ctx.sql(a)))}"`,
          functionName: `\`${name}\``,
          dataType: `[${args.map((a) => `"${a.dataType.sql()}"`).join(', ')}]`,
        });
      }
      return args.map((a) => implicitCastTo(a, t));
    },
    result: (args) => args[0]!.dataType,
    nullable: (args) => args.every((a) => a.nullable),
    gen: (args, g, call) => {
      const t = call.dataType;
      const best = g.temp();
      const cur = g.temp();
      const op = name === 'greatest' ? '>' : '<';
      const steps = args.map((a) => `(${cur} = ${a}, ${cur} !== null && (${best} === null || ${genCompare(op, cur, best, t, g)}) ? ${best} = ${cur} : 0)`);
      return `(${best} = null, ${steps.join(', ')}, ${best})`;
    },
  });
}

/** A seeded PRNG (xorshift-style) per partition, so `rand(seed)` repeats for the same data. */
function makeRandom(seed: number): () => number {
  let s = (seed ^ 0x5deece66d) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function randFn(name: 'rand' | 'randn' | 'random'): ScalarFunction {
  return {
    kind: 'scalar',
    name,
    arity: [0, 1],
    nondeterministic: true,
    resolve: (args) => ({ args, dataType: DOUBLE, nullable: false, extra: Number(literalValue(args[0] ?? { k: 'lit', value: Math.floor(Math.random() * 2 ** 31), dataType: LONG, nullable: false }) ?? 0) }),
    gen: (_a, g, call) => {
      const r = g.constant(makeRandom(Number(call.extra)));
      return name === 'randn' ? `(Math.sqrt(-2 * Math.log(${r}() || 1e-300)) * Math.cos(2 * Math.PI * ${r}()))` : `${r}()`;
    },
    sql: (_a, call) => `${name}(${String(call.extra)})`,
  };
}

function hashFn(): ScalarFunction {
  return scalarFn({
    name: 'hash',
    arity: [1, Infinity],
    strict: false,
    result: new IntegerType(),
    nullable: false,
    gen: (args, g, call) => {
      const types = g.constant(call.args.map((a) => a.dataType));
      const hv = g.constant(hashValue);
      let code = '42';
      args.forEach((a, i) => {
        code = `${hv}(${a}, ${types}[${i}], ${code})`;
      });
      return code;
    },
  });
}

/** Math functions by name. */
export const MATH_FUNCTIONS: ScalarFunction[] = [
  roundFn('round'),
  roundFn('bround'),
  absFn(),
  ceilFloor('ceil'),
  ceilFloor('ceiling'),
  ceilFloor('floor'),
  pmod(),
  extremum('greatest'),
  extremum('least'),
  randFn('rand'),
  randFn('random'),
  randFn('randn'),
  hashFn(),
  dbl('sqrt', (a) => `Math.sqrt(${a})`),
  dbl('cbrt', (a) => `Math.cbrt(${a})`),
  dbl('exp', (a) => `Math.exp(${a})`),
  dbl('expm1', (a) => `Math.expm1(${a})`),
  dbl('ln', (a) => `(${a} <= 0 ? null : Math.log(${a}))`, true),
  dbl('log10', (a) => `(${a} <= 0 ? null : Math.log10(${a}))`, true),
  dbl('log2', (a) => `(${a} <= 0 ? null : Math.log2(${a}))`, true),
  dbl('log1p', (a) => `(${a} <= -1 ? null : Math.log1p(${a}))`, true),
  dbl('sin', (a) => `Math.sin(${a})`),
  dbl('cos', (a) => `Math.cos(${a})`),
  dbl('tan', (a) => `Math.tan(${a})`),
  dbl('asin', (a) => `Math.asin(${a})`),
  dbl('acos', (a) => `Math.acos(${a})`),
  dbl('atan', (a) => `Math.atan(${a})`),
  dbl('degrees', (a) => `(${a} * 180 / Math.PI)`),
  dbl('radians', (a) => `(${a} * Math.PI / 180)`),
  dbl('signum', (a) => `Math.sign(${a})`),
  dbl('sign', (a) => `Math.sign(${a})`),
  scalarFn({
    name: 'log',
    arity: [1, 2],
    inputs: [DOUBLE, DOUBLE],
    result: DOUBLE,
    nullable: true,
    gen: ([a, b]) => (b === undefined ? `(${a} <= 0 ? null : Math.log(${a}))` : `(${a} <= 0 || ${b} <= 0 ? null : Math.log(${b}) / Math.log(${a}))`),
    sql: (args) => (args.length === 1 ? `ln(${args[0]})` : callSql('LOG', args)),
  }),
  scalarFn({ name: 'pow', arity: [2, 2], inputs: [DOUBLE, DOUBLE], result: DOUBLE, gen: ([a, b]) => `Math.pow(${a}, ${b})`, sql: (args) => callSql('POWER', args) }),
  scalarFn({ name: 'power', arity: [2, 2], inputs: [DOUBLE, DOUBLE], result: DOUBLE, gen: ([a, b]) => `Math.pow(${a}, ${b})`, sql: (args) => callSql('POWER', args) }),
  scalarFn({ name: 'atan2', arity: [2, 2], inputs: [DOUBLE, DOUBLE], result: DOUBLE, gen: ([a, b]) => `Math.atan2(${a}, ${b})` }),
  scalarFn({ name: 'hypot', arity: [2, 2], inputs: [DOUBLE, DOUBLE], result: DOUBLE, gen: ([a, b]) => `Math.hypot(${a}, ${b})` }),
  scalarFn({ name: 'isnan', arity: [1, 1], inputs: [DOUBLE], result: new BooleanType(), strict: false, nullable: false, gen: ([a]) => `Number.isNaN(${a})` }),
  scalarFn({
    name: 'nanvl',
    arity: [2, 2],
    inputs: [DOUBLE, DOUBLE],
    result: DOUBLE,
    strict: false,
    gen: ([a, b], g) => {
      const t = g.temp();
      return `(${t} = ${a}, ${t} === null ? null : Number.isNaN(${t}) ? ${b} : ${t})`;
    },
  }),
  scalarFn({ name: 'e', arity: [0, 0], result: DOUBLE, nullable: false, gen: () => 'Math.E' }),
  scalarFn({ name: 'pi', arity: [0, 0], result: DOUBLE, nullable: false, gen: () => 'Math.PI' }),
  scalarFn({
    name: 'factorial',
    arity: [1, 1],
    inputs: [new IntegerType()],
    result: LONG,
    nullable: true,
    gen: ([a]) => `(${a} < 0 || ${a} > 20 ? null : Number([...Array(${a})].reduce((p, _x, i) => p * BigInt(i + 1), 1n)))`,
  }),
];
