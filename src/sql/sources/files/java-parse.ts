/**
 * Text to numbers and booleans by the JVM's rules, which is what Spark's CSV reader and its
 * schema inference apply (`"1".toInt`, `java.lang.Double.parseDouble`, `new BigDecimal(s)`,
 * Scala's `toBoolean`). Each returns null when the JVM would throw.
 */
import { Decimal, longFromBigInt } from '../../types/values.js';

/** Digits with an optional sign, checked without a RegExp (the CSV hot path). */
function isIntText(s: string): boolean {
  const n = s.length;
  let i = 0;
  if (n === 0) return false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    if (n === 1) return false;
    i = 1;
  }
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** `Integer.parseInt`: optional sign, digits, within 32 bits. */
export function javaInt(s: string): number | null {
  if (s.length > 11 || !isIntText(s)) return null;
  const n = +s;
  return n >= -2147483648 && n <= 2147483647 ? n : null;
}

/** `Long.parseLong`: optional sign, digits, within 64 bits; the canonical long form. */
export function javaLong(s: string): number | bigint | null {
  if (!isIntText(s)) return null;
  if (s.length < 16) return +s;
  const b = BigInt(s);
  if (b < -(2n ** 63n) || b >= 2n ** 63n) return null;
  return longFromBigInt(b);
}

/** An integral value within [min, max] (`toByte`, `toShort`). */
export function javaIntIn(s: string, min: number, max: number): number | null {
  const n = javaInt(s);
  return n !== null && n >= min && n <= max ? n : null;
}

const DOUBLE_RE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const HEX_DOUBLE_RE = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)[pP]([+-]?\d+)[fFdD]?$/;

/** Java's `String.trim`: strips every character up to U+0020 at both ends. */
export function javaTrim(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** `Double.parseDouble`: surrounding whitespace, `NaN`, `Infinity`, exponents, `d`/`f` suffixes, hex floats. */
export function javaDouble(text: string): number | null {
  // Fast path: JavaScript's number grammar agrees with Java's for plain decimals; it differs on
  // whitespace, `0x`/`0b`/`0o` prefixes and `_` (JS) and on `d`/`f` suffixes (Java).
  const fast = +text;
  if (fast === fast && text.length > 0) {
    const c0 = text.charCodeAt(0);
    const c1 = text.charCodeAt(1) | 0x20;
    if (c0 > 32 && text.charCodeAt(text.length - 1) > 32 && c1 !== 0x78 && c1 !== 0x62 && c1 !== 0x6f) return fast;
  }
  const s = javaTrim(text);
  if (DOUBLE_RE.test(s)) {
    const body = /[fFdD]$/.test(s) && !s.endsWith('Infinity') ? s.slice(0, -1) : s;
    return Number(body.replace(/^\+/, ''));
  }
  const h = HEX_DOUBLE_RE.exec(s);
  if (h && (h[2] !== '' || h[3] !== '')) {
    const mant = parseInt(h[2]! + h[3]! || '0', 16) / 16 ** h[3]!.length;
    const v = mant * 2 ** Number(h[4]);
    return h[1] === '-' ? -v : v;
  }
  return null;
}

/** `Float.parseFloat`: as {@link javaDouble}, rounded to 32 bits. */
export function javaFloat(text: string): number | null {
  const d = javaDouble(text);
  return d === null ? null : Math.fround(d);
}

const BIG_DECIMAL_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** `new java.math.BigDecimal(s)`: unscaled digits and a scale that may be negative (`1e5` has scale -5). */
export function javaBigDecimal(s: string): { unscaled: bigint; scale: number; precision: number } | null {
  if (!BIG_DECIMAL_RE.test(s)) return null;
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s)!;
  const frac = m[3] ?? '';
  const digits = (m[2] ?? '') + frac;
  const scale = frac.length - Number(m[4] ?? 0);
  const unscaled = BigInt(digits || '0') * (m[1] === '-' ? -1n : 1n);
  const abs = unscaled < 0n ? -unscaled : unscaled;
  const precision = abs === 0n ? 1 : abs.toString().length;
  return { unscaled, scale, precision };
}

/**
 * A decimal(p, s) value of text as Spark's `Decimal(new BigDecimal(s), p, s)`: rounded half-up
 * to the scale; null when it does not parse or does not fit the precision.
 */
export function decimalOf(text: string, precision: number, scale: number): bigint | null {
  const d = javaBigDecimal(text);
  if (d === null) return null;
  const unscaled = rescaleHalfUp(d.unscaled, d.scale, scale);
  const abs = unscaled < 0n ? -unscaled : unscaled;
  return abs < 10n ** BigInt(precision) ? unscaled : null;
}

/** Changes the scale of an unscaled value, rounding half-up (away from zero at .5). */
export function rescaleHalfUp(unscaled: bigint, from: number, to: number): bigint {
  if (to >= from) return unscaled * 10n ** BigInt(to - from);
  const div = 10n ** BigInt(from - to);
  const q = unscaled / div;
  const r = unscaled % div;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= div) return unscaled < 0n ? q - 1n : q + 1n;
  return q;
}

/** Scala's `toBoolean`: `true` / `false` in any case. */
export function javaBoolean(s: string): boolean | null {
  if (s.length === 4 && s.toLowerCase() === 'true') return true;
  if (s.length === 5 && s.toLowerCase() === 'false') return false;
  return null;
}

/** Java's `BigDecimal.toString()` of an unscaled value and scale (scientific when the exponent is below -6). */
export function decimalText(unscaled: bigint, scale: number): string {
  const plain = new Decimal(unscaled, scale).toString();
  if (scale <= 0) return plain;
  const abs = unscaled < 0n ? -unscaled : unscaled;
  const digits = abs.toString();
  const adjusted = digits.length - 1 - scale;
  if (adjusted >= -6) return plain;
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return `${unscaled < 0n ? '-' : ''}${mant}E${adjusted}`;
}
