/**
 * 64-bit integer arithmetic on the long representation of `types/values.ts` (a safe-integer
 * number, or a bigint outside that range). The fast path is plain number arithmetic; BigInt is
 * used only when a result leaves the safe range, then wrapped to 64 bits as the JVM does
 * (non-ANSI) or reported as an overflow (ANSI: `overflow` returns undefined).
 */
import { type LongValue, longFromBigInt } from '../types/values.js';

const MAX = Number.MAX_SAFE_INTEGER;

function big(v: LongValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** a + b, wrapping. */
export function ladd(a: LongValue, b: LongValue): LongValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return longFromBigInt(big(a) + big(b));
}

/** a - b, wrapping. */
export function lsub(a: LongValue, b: LongValue): LongValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a - b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return longFromBigInt(big(a) - big(b));
}

/** a * b, wrapping. */
export function lmul(a: LongValue, b: LongValue): LongValue {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a * b;
    if (s <= MAX && s >= -MAX) return s;
  }
  return longFromBigInt(big(a) * big(b));
}

/** Integral division truncating toward zero (`div`); b is non-zero. */
export function ldiv(a: LongValue, b: LongValue): LongValue {
  if (typeof a === 'number' && typeof b === 'number') return Math.trunc(a / b) + 0;
  return longFromBigInt(big(a) / big(b));
}

/** Remainder with the dividend's sign (Java's `%`); b is non-zero. */
export function lrem(a: LongValue, b: LongValue): LongValue {
  if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
  return longFromBigInt(big(a) % big(b));
}

/** -a, wrapping (-MIN is MIN). */
export function lneg(a: LongValue): LongValue {
  return typeof a === 'number' ? 0 - a : longFromBigInt(-a);
}

/** True when the exact result of an operation does not fit in 64 bits (for ANSI mode). */
export function lOverflows(exact: bigint): boolean {
  return exact > 9223372036854775807n || exact < -9223372036854775808n;
}

/** The exact (unwrapped) result of `a op b` as a bigint, for ANSI overflow checks. */
export function lexact(a: LongValue, b: LongValue, op: '+' | '-' | '*'): bigint {
  const x = big(a);
  const y = big(b);
  return op === '+' ? x + y : op === '-' ? x - y : x * y;
}

/** Compares two longs: negative, zero or positive. */
export function lcmp(a: LongValue, b: LongValue): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A long as a double. */
export function ltod(a: LongValue): number {
  return typeof a === 'number' ? a : Number(a);
}

/** The JVM's (long) cast of a double: truncates, NaN is 0, saturates at the long range. */
export function dtol(d: number): LongValue {
  if (Number.isNaN(d)) return 0;
  if (d >= 9223372036854775807) return 9223372036854775807n;
  if (d <= -9223372036854775808) return -9223372036854775808n;
  const t = Math.trunc(d) + 0;
  return Number.isSafeInteger(t) ? t : longFromBigInt(BigInt(t));
}

/** The JVM's (int) cast of a double: truncates, NaN is 0, saturates at the int range. */
export function dtoi(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= 2147483647) return 2147483647;
  if (d <= -2147483648) return -2147483648;
  return Math.trunc(d) + 0;
}

/** The JVM's narrowing of a long to int (keeps the low 32 bits). */
export function ltoi(a: LongValue): number {
  // ToInt32 of a safe integer is exactly the low 32 bits.
  return typeof a === 'number' ? a | 0 : Number(BigInt.asIntN(32, a));
}
