/**
 * Spark's casts between types, as functions on internal values. Non-ANSI (Spark 3.5's
 * default, `legacy`) gives NULL for input that does not convert; `ansi` raises
 * CAST_INVALID_INPUT / CAST_OVERFLOW; `try` always gives NULL. Numbers narrow as the JVM does
 * (`1e20` to int saturates; a long to int keeps the low bits).
 */
import { SparkRuntimeException } from '../errors.js';
import { type DataType, isIntegral } from '../types/data-types.js';
import { daysToTimestamp, parseDate, parseTimestamp, timestampToDays } from '../types/datetime.js';
import { valueToString } from '../types/to-string.js';
import { Decimal, type LongValue, formatUnscaled, longFromBigInt } from '../types/values.js';
import { dtoi, dtol, ltod, ltoi } from './long.js';

/** How a cast treats bad input. */
export type CastBehaviour = 'legacy' | 'ansi' | 'try';

/** A cast of one non-null internal value (may return null). */
export type Caster = (v: unknown) => unknown;

const INT_RANGE: Record<string, readonly [number, number]> = {
  byte: [-128, 127],
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
};

function invalid(v: unknown, from: DataType, to: DataType, mode: CastBehaviour): null {
  if (mode !== 'ansi') return null;
  throw new SparkRuntimeException('CAST_INVALID_INPUT', {
    expression: typeof v === 'string' ? `'${v}'` : String(v),
    sourceType: `"${from.sql()}"`,
    targetType: `"${to.sql()}"`,
    ansiConfig: '"spark.sql.ansi.enabled"',
  });
}

function overflow(v: unknown, from: DataType, to: DataType, mode: CastBehaviour): null {
  if (mode !== 'ansi') return null;
  throw new SparkRuntimeException('CAST_OVERFLOW', {
    value: String(v),
    sourceType: `"${from.sql()}"`,
    targetType: `"${to.sql()}"`,
    ansiConfig: '"spark.sql.ansi.enabled"',
  });
}

/** Spark's `UTF8String.toLong` (non-ANSI): trimmed, optional sign, digits, an ignored `.digits` tail. */
export function parseIntegral(s: string, strict: boolean): bigint | null {
  const m = (strict ? /^\s*([+-]?\d+)\s*$/ : /^\s*([+-]?\d+)(?:\.\d*)?\s*$/).exec(s);
  if (!m) {
    if (!strict && /^\s*[+-]?\.\d+\s*$/.test(s)) return 0n;
    return null;
  }
  return BigInt(m[1]!);
}

const DOUBLE_RE = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[dDfF]?\s*$/;

/** Java's `Double.parseDouble` as Spark casts strings: trimmed, `NaN`, `Infinity`, exponents; NULL otherwise. */
export function parseDouble(s: string): number | null {
  if (DOUBLE_RE.test(s)) return Number(s.trim().replace(/[dDfF]$/, ''));
  const t = s.trim();
  if (/^[+-]?(Infinity|inf)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^NaN$/i.test(t)) return NaN;
  return null;
}

const TRUE_STRINGS = new Set(['t', 'true', 'y', 'yes', '1']);
const FALSE_STRINGS = new Set(['f', 'false', 'n', 'no', '0']);

/** Rounds an exact decimal (unscaled at `fromScale`) to `toScale` with HALF_UP. */
export function rescale(unscaled: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return unscaled * 10n ** BigInt(toScale - fromScale);
  const div = 10n ** BigInt(fromScale - toScale);
  const q = unscaled / div;
  const r = unscaled % div;
  const twice = (r < 0n ? -r : r) * 2n;
  return twice >= div ? q + (unscaled < 0n ? -1n : 1n) : q;
}

/** True when an unscaled decimal has more than `precision` digits. */
export function decimalOverflows(unscaled: bigint, precision: number): boolean {
  const a = unscaled < 0n ? -unscaled : unscaled;
  return a >= 10n ** BigInt(precision);
}

/** Builds the cast from `from` to `to`; `tz` is the session zone. */
export function makeCaster(from: DataType, to: DataType, mode: CastBehaviour, tz: string): Caster {
  if (from.kind === to.kind && from.kind !== 'decimal' && !['array', 'map', 'struct'].includes(from.kind)) return (v) => v;
  if (from.kind === 'null') return () => null;
  switch (to.kind) {
    case 'string': {
      const o = { timeZone: tz, nullText: 'null', binaryAsHex: false };
      return (v) => valueToString(v, from, o);
    }
    case 'boolean':
      if (from.kind === 'string')
        return (v) => {
          const l = (v as string).trim().toLowerCase();
          return TRUE_STRINGS.has(l) ? true : FALSE_STRINGS.has(l) ? false : invalid(v, from, to, mode);
        };
      if (from.kind === 'decimal') return (v) => v !== 0n;
      if (from.kind === 'timestamp' || from.kind === 'date') return (v) => v !== 0;
      return (v) => v !== 0 && v !== 0n;
    case 'byte':
    case 'short':
    case 'integer': {
      const [lo, hi] = INT_RANGE[to.kind]!;
      const bits = to.kind === 'byte' ? 24 : to.kind === 'short' ? 16 : 0;
      const narrow = (n: number): number => (bits === 0 ? n | 0 : (n << bits) >> bits);
      const fromInt = (n: number | bigint, orig: unknown): unknown => {
        if (n >= lo && n <= hi) return Number(n);
        if (mode !== 'legacy') return overflow(orig, from, to, mode);
        return narrow(ltoi(n as LongValue));
      };
      switch (from.kind) {
        case 'string':
          return (v) => {
            const b = parseIntegral(v as string, mode === 'ansi');
            if (b === null || b < BigInt(lo) || b > BigInt(hi)) return b === null ? invalid(v, from, to, mode) : mode === 'ansi' ? overflow(v, from, to, mode) : null;
            return Number(b);
          };
        case 'boolean':
          return (v) => (v ? 1 : 0);
        case 'float':
        case 'double':
          return (v) => {
            const d = v as number;
            if (mode !== 'legacy' && (Number.isNaN(d) || d >= hi + 1 || d <= lo - 1)) return overflow(v, from, to, mode);
            return bits === 0 ? dtoi(d) : narrow(dtoi(d));
          };
        case 'decimal':
          return (v) => fromInt(rescale(v as bigint, from.scale, 0) / 1n, v);
        case 'timestamp':
          return (v) => fromInt(Math.floor((v as number) / 1_000_000), v);
        case 'date':
          return () => invalid('date', from, to, 'legacy');
        default:
          if (isIntegral(from)) return (v) => fromInt(v as number | bigint, v);
          return () => null;
      }
    }
    case 'long':
      switch (from.kind) {
        case 'string':
          return (v) => {
            const b = parseIntegral(v as string, mode === 'ansi');
            if (b === null) return invalid(v, from, to, mode);
            if (b > 9223372036854775807n || b < -9223372036854775808n) return mode === 'ansi' ? overflow(v, from, to, mode) : null;
            return longFromBigInt(b);
          };
        case 'boolean':
          return (v) => (v ? 1 : 0);
        case 'float':
        case 'double':
          return (v) => {
            const d = v as number;
            if (mode !== 'legacy' && (Number.isNaN(d) || d >= 9223372036854775807 || d < -9223372036854775808)) return overflow(v, from, to, mode);
            return dtol(d);
          };
        case 'decimal':
          return (v) => longFromBigInt(rescale(v as bigint, from.scale, 0));
        case 'timestamp':
          return (v) => Math.floor((v as number) / 1_000_000);
        default:
          if (isIntegral(from)) return (v) => v;
          return () => null;
      }
    case 'float':
    case 'double': {
      const round = to.kind === 'float' ? Math.fround : (x: number): number => x;
      switch (from.kind) {
        case 'string':
          return (v) => {
            const d = parseDouble(v as string);
            return d === null ? invalid(v, from, to, mode) : round(d);
          };
        case 'boolean':
          return (v) => (v ? 1 : 0);
        case 'decimal':
          return (v) => round(Number(formatUnscaled(v as bigint, from.scale)));
        case 'timestamp':
          return (v) => (v as number) / 1_000_000;
        default:
          return (v) => round(ltod(v as LongValue));
      }
    }
    case 'decimal': {
      const fit = (u: bigint, orig: unknown): unknown => (decimalOverflows(u, to.precision) ? (mode === 'ansi' ? overflow(orig, from, to, mode) : null) : u);
      switch (from.kind) {
        case 'string':
          return (v) => {
            const d = Decimal.parse(v as string);
            return d === null ? invalid(v, from, to, mode) : fit(rescale(d.unscaled, d.scale, to.scale), v);
          };
        case 'decimal':
          return (v) => fit(rescale(v as bigint, from.scale, to.scale), v);
        case 'float':
        case 'double':
          return (v) => {
            const d = Decimal.fromNumber(v as number);
            return d === null ? null : fit(rescale(d.unscaled, d.scale, to.scale), v);
          };
        case 'boolean':
          return (v) => fit(rescale(v ? 1n : 0n, 0, to.scale), v);
        default:
          if (isIntegral(from)) return (v) => fit(BigInt(v as number | bigint) * 10n ** BigInt(to.scale), v);
          return () => null;
      }
    }
    case 'date':
      switch (from.kind) {
        case 'string':
          return (v) => parseDate(v as string) ?? invalid(v, from, to, mode);
        case 'timestamp':
          return (v) => timestampToDays(v as number, tz);
        case 'timestamp_ntz':
          return (v) => timestampToDays(v as number, 'UTC');
        default:
          return () => null;
      }
    case 'timestamp':
      switch (from.kind) {
        case 'string':
          return (v) => parseTimestamp(v as string, tz) ?? invalid(v, from, to, mode);
        case 'date':
          return (v) => daysToTimestamp(v as number, tz);
        case 'timestamp_ntz':
          return (v) => parseTimestamp(valueToString(v, from, { timeZone: 'UTC', nullText: 'null', binaryAsHex: false }), tz);
        case 'float':
        case 'double':
          return (v) => (Number.isFinite(v) ? Math.trunc((v as number) * 1_000_000) : null);
        case 'decimal':
          return (v) => Number(rescale(v as bigint, from.scale, 6));
        default:
          if (isIntegral(from)) return (v) => ltod(v as LongValue) * 1_000_000;
          return () => null;
      }
    case 'timestamp_ntz':
      switch (from.kind) {
        case 'string':
          return (v) => parseTimestamp(v as string, 'UTC') ?? invalid(v, from, to, mode);
        case 'date':
          return (v) => (v as number) * 86_400_000_000;
        case 'timestamp':
          return (v) => parseTimestamp(valueToString(v, from, { timeZone: tz, nullText: 'null', binaryAsHex: false }), 'UTC');
        default:
          return () => null;
      }
    case 'binary':
      if (from.kind === 'string') return (v) => new TextEncoder().encode(v as string);
      return () => null;
    case 'array': {
      if (from.kind !== 'array') return () => null;
      const el = makeCaster(from.elementType, to.elementType, mode, tz);
      return (v) => (v as unknown[]).map((x) => (x === null ? null : el(x)));
    }
    case 'map': {
      if (from.kind !== 'map') return () => null;
      const k = makeCaster(from.keyType, to.keyType, mode, tz);
      const val = makeCaster(from.valueType, to.valueType, mode, tz);
      return (v) => new Map([...(v as Map<unknown, unknown>)].map(([a, b]) => [k(a), b === null ? null : val(b)]));
    }
    case 'struct': {
      if (from.kind !== 'struct' || from.fields.length !== to.fields.length) return () => null;
      const cs = from.fields.map((f, i) => makeCaster(f.dataType, to.fields[i]!.dataType, mode, tz));
      return (v) => (v as unknown[]).map((x, i) => (x === null ? null : cs[i]!(x)));
    }
    default:
      return () => null;
  }
}

/** True when Spark can cast `from` to `to` at all (else DATATYPE_MISMATCH.CAST_WITHOUT_SUGGESTION). */
export function canCast(from: DataType, to: DataType): boolean {
  if (from.kind === 'null' || to.kind === 'string') return true;
  if (from.kind === to.kind && !['array', 'map', 'struct'].includes(from.kind)) return true;
  switch (to.kind) {
    case 'array':
      return from.kind === 'array' && canCast(from.elementType, to.elementType);
    case 'map':
      return from.kind === 'map' && canCast(from.keyType, to.keyType) && canCast(from.valueType, to.valueType);
    case 'struct':
      return from.kind === 'struct' && from.fields.length === to.fields.length && from.fields.every((f, i) => canCast(f.dataType, to.fields[i]!.dataType));
    case 'binary':
      return from.kind === 'string' || isIntegral(from);
    case 'date':
      return ['string', 'timestamp', 'timestamp_ntz'].includes(from.kind);
    case 'timestamp':
    case 'timestamp_ntz':
      return ['string', 'date', 'timestamp', 'timestamp_ntz', 'byte', 'short', 'integer', 'long', 'float', 'double', 'decimal'].includes(from.kind);
    case 'boolean':
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
    case 'decimal':
      return ['string', 'boolean', 'byte', 'short', 'integer', 'long', 'float', 'double', 'decimal', 'timestamp', 'date'].includes(from.kind);
    default:
      return false;
  }
}
