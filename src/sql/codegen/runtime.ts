/**
 * Helpers the generated code calls as `$h.name(…)`: long arithmetic, Java number formatting,
 * value comparison, UDF calls. Small functions V8 inlines into the generated code.
 */
import { SparkRuntimeException } from '../errors.js';
import type { DataType } from '../types/data-types.js';
import { externalizer, internalizer } from '../types/convert.js';
import { javaDouble, javaFloat } from '../types/java-format.js';
import { Decimal, formatUnscaled, longFromBigInt } from '../types/values.js';
import { compareValues } from './compare.js';
import { dtoi, dtol, ladd, lcmp, ldiv, lexact, lmul, lneg, lOverflows, lrem, lsub, ltod, ltoi } from './long.js';

/** Calls a TypeScript UDF with external values and brings its result back to the internal form. */
function callUdf(fn: (...a: unknown[]) => unknown, name: string, args: unknown[], argTypes: DataType[], out: DataType): unknown {
  const ext = args.map((a, i) => {
    if (a === null) return null;
    const c = externalizer(argTypes[i]!);
    return c ? c(a) : a;
  });
  let r: unknown;
  try {
    r = fn(...ext);
  } catch (e) {
    throw new SparkRuntimeException('UDF_FAILED', { name, message: e instanceof Error ? e.message : String(e) }, { cause: e });
  }
  if (r === null || r === undefined) return null;
  try {
    return internalizer(out)(r);
  } catch {
    // pyspark gives NULL when a Python UDF returns a value of another type.
    return null;
  }
}

/** ANSI overflow of an integral operation. */
function overflow(what: string, fn: string): never {
  throw new SparkRuntimeException('ARITHMETIC_OVERFLOW', {
    message: `${what} overflow`,
    alternative: ` Use '${fn}' to tolerate overflow and return NULL instead.`,
    config: '"spark.sql.ansi.enabled"',
  });
}

/** ANSI division by zero. */
function divideByZero(): never {
  throw new SparkRuntimeException('DIVIDE_BY_ZERO', { config: '"spark.sql.ansi.enabled"' });
}

/** int op checked for ANSI overflow. */
function iaddExact(a: number, b: number): number {
  const s = a + b;
  if (s > 2147483647 || s < -2147483648) overflow('integer', 'try_add');
  return s;
}
function isubExact(a: number, b: number): number {
  const s = a - b;
  if (s > 2147483647 || s < -2147483648) overflow('integer', 'try_subtract');
  return s;
}
function imulExact(a: number, b: number): number {
  const s = a * b;
  if (s > 2147483647 || s < -2147483648) overflow('integer', 'try_multiply');
  return s;
}
function laddExact(a: number | bigint, b: number | bigint): number | bigint {
  const r = ladd(a, b);
  if (typeof r === 'bigint' && lOverflows(lexact(a, b, '+'))) overflow('long', 'try_add');
  return r;
}
function lsubExact(a: number | bigint, b: number | bigint): number | bigint {
  const r = lsub(a, b);
  if (typeof r === 'bigint' && lOverflows(lexact(a, b, '-'))) overflow('long', 'try_subtract');
  return r;
}
function lmulExact(a: number | bigint, b: number | bigint): number | bigint {
  const r = lmul(a, b);
  if (typeof r === 'bigint' && lOverflows(lexact(a, b, '*'))) overflow('long', 'try_multiply');
  return r;
}

/**
 * Spark's `round` of a double: `BigDecimal(x)` (Scala builds it from the shortest decimal text,
 * so 2.675 is 2.675) set to `scale` digits with HALF_UP (or HALF_EVEN for `bround`).
 */
function roundDouble(x: number, scale: number, halfEven: boolean): number {
  if (!Number.isFinite(x)) return x;
  const d = Decimal.fromNumber(x)!;
  const target = Math.max(scale, -308);
  let u: bigint;
  if (target >= d.scale) u = d.unscaled * 10n ** BigInt(target - d.scale);
  else {
    const div = 10n ** BigInt(d.scale - target);
    const q = d.unscaled / div;
    const r = d.unscaled % div;
    const twice = (r < 0n ? -r : r) * 2n;
    const up = twice > div || (twice === div && (!halfEven || q % 2n !== 0n));
    u = up ? q + (d.unscaled < 0n ? -1n : 1n) : q;
  }
  const out = Number(formatUnscaled(u, target));
  return out === 0 && x < 0 ? -0 : out;
}

/** HALF_UP rounding (`round`). */
function roundHalfUp(x: number, scale: number): number {
  return roundDouble(x, scale, false);
}

/** HALF_EVEN rounding (`bround`). */
function roundHalfEven(x: number, scale: number): number {
  return roundDouble(x, scale, true);
}

/** A bitwise operation on longs. */
function lbit(op: string, a: number | bigint, b: number | bigint): number | bigint {
  const x = BigInt(a);
  const y = BigInt(b);
  return longFromBigInt(op === '&' ? x & y : op === '|' ? x | y : x ^ y);
}

/** A seeded PRNG in [0, 1) (xorshift32), one per partition for `sample` and `rand`. */
function random(seed: number): () => number {
  let s = (Math.imul(seed | 0, 0x9e3779b1) ^ 0x5deece66) >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

/** A Poisson draw with mean `lambda` (Knuth), for sampling with replacement. */
function poisson(rng: () => number, lambda: number): number {
  const l = Math.exp(-lambda);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rng();
  } while (p > l);
  return k - 1;
}

/** The helpers object passed to every generated function. */
export const runtime = {
  ladd,
  lsub,
  lmul,
  ldiv,
  lrem,
  lneg,
  lcmp,
  ltod,
  dtol,
  dtoi,
  ltoi,
  iaddExact,
  isubExact,
  imulExact,
  laddExact,
  lsubExact,
  lmulExact,
  overflow,
  divideByZero,
  javaDouble,
  javaFloat,
  callUdf,
  compareValues,
  roundHalfUp,
  roundHalfEven,
  lbit,
  random,
  poisson,
};

/** The type of the helpers object. */
export type Runtime = typeof runtime;
