/**
 * Constants with Spark's typing: `1` INT, `10000000000` BIGINT, `1.5` DECIMAL(2,1), `1.5D` and
 * `1e10` DOUBLE, `1L`/`1S`/`1Y`, `1.5F`, `1.5BD`; adjacent strings joined (`'a' 'b'`); and the
 * typed literals `DATE '…'`, `TIMESTAMP '…'`, `TIMESTAMP_NTZ '…'`, `X'…'`, `INTERVAL …`.
 * Values are in the internal form of `types/values.ts`.
 */
import { SparkRuntimeException } from '../errors.js';
import { literal, type Literal } from '../plan/index.js';
import {
  BinaryType,
  ByteType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  ShortType,
  StringType,
  TimestampNTZType,
  TimestampType,
} from '../types/data-types.js';
import { longFromBigInt } from '../types/values.js';
import type { Cursor } from './cursor.js';
import { parseDateLiteral, parseTimestampLiteral } from './datetime-literals.js';
import { intervalLiteral } from './interval-literals.js';
import type { Token } from './lexer.js';

const MAX_PRECISION = 38;

interface IntegralRange {
  readonly type: string;
  readonly min: bigint;
  readonly max: bigint;
}
const BYTE: IntegralRange = { type: 'tinyint', min: -128n, max: 127n };
const SHORT: IntegralRange = { type: 'smallint', min: -32768n, max: 32767n };
const LONG: IntegralRange = { type: 'bigint', min: -(2n ** 63n), max: 2n ** 63n - 1n };

/** Unscaled digits and scale of decimal text (`"1.50"` → 150n, 2; `"1e3"` → 1000n, 0). */
function decimalParts(text: string): { unscaled: bigint; scale: number } {
  const m = /^(-?)(\d*)(?:\.(\d*))?(?:E([+-]?\d+))?$/.exec(text)!;
  const frac = m[3] ?? '';
  let scale = frac.length - Number(m[4] ?? 0);
  let unscaled = BigInt((m[2] || '0') + frac);
  if (scale < 0) {
    unscaled *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { unscaled: m[1] === '-' ? -unscaled : unscaled, scale };
}

/** A decimal literal typed as Spark types a BigDecimal: DECIMAL(max(precision, scale), scale). */
function decimalLiteral(c: Cursor, text: string, token: Token): Literal {
  const { unscaled, scale } = decimalParts(text);
  const digits = (unscaled < 0n ? -unscaled : unscaled).toString().replace(/^0+/, '').length || 1;
  const precision = Math.max(digits, scale);
  if (precision > MAX_PRECISION) {
    throw new SparkRuntimeException('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION', { precision: String(precision), maxPrecision: String(MAX_PRECISION) });
  }
  return literal(unscaled, new DecimalType(precision, scale));
}

function outOfRange(c: Cursor, raw: string, range: { type: string; min: string; max: string }, token: Token): never {
  return c.failWith('INVALID_NUMERIC_LITERAL_RANGE', { rawStrippedQualifier: raw, typeName: range.type, minValue: range.min, maxValue: range.max }, token);
}

function doubleLiteral(c: Cursor, text: string, token: Token, raw = text): Literal {
  const v = Number(text);
  if (!Number.isFinite(v)) outOfRange(c, raw, { type: 'double', min: '-1.7976931348623157E+308', max: '1.7976931348623157E+308' }, token);
  return literal(v, new DoubleType());
}

function integral(c: Cursor, raw: string, range: IntegralRange, token: Token): bigint {
  const v = BigInt(raw);
  if (v < range.min || v > range.max) outOfRange(c, raw, { type: range.type, min: range.min.toString(), max: range.max.toString() }, token);
  return v;
}

/**
 * The literal of a number token (`negative` when a minus sign stood right before it, which
 * Spark folds into the literal: `-128Y` is in range). `token` is where errors point.
 */
export function numberLiteral(c: Cursor, t: Token, negative: boolean, token: Token): Literal {
  const text = t.value;
  const sign = negative ? '-' : '';
  // Range errors quote the number as written, without its suffix (`3.5e38` of `3.5e38F`).
  const raw = (suffixLength: number): string => sign + t.text.slice(0, t.text.length - suffixLength);
  if (text.endsWith('BD')) return decimalLiteral(c, sign + text.slice(0, -2), token);
  const last = text[text.length - 1]!;
  switch (last) {
    case 'D':
      return doubleLiteral(c, sign + text.slice(0, -1), token, raw(1));
    case 'F': {
      const v = Math.fround(Number(sign + text.slice(0, -1)));
      if (!Number.isFinite(v)) outOfRange(c, raw(1), { type: 'float', min: '-3.4028234663852886E+38', max: '3.4028234663852886E+38' }, token);
      return literal(v, new FloatType());
    }
    case 'L':
      return literal(longFromBigInt(integral(c, sign + text.slice(0, -1), LONG, token)), new LongType());
    case 'S':
      return literal(Number(integral(c, sign + text.slice(0, -1), SHORT, token)), new ShortType());
    case 'Y':
      return literal(Number(integral(c, sign + text.slice(0, -1), BYTE, token)), new ByteType());
    default:
      break;
  }
  if (text.includes('E')) return doubleLiteral(c, sign + text, token, raw(0));
  if (text.includes('.')) return decimalLiteral(c, sign + text, token);
  const v = BigInt(sign + text);
  if (v >= -2147483648n && v <= 2147483647n) return literal(Number(v), new IntegerType());
  if (v >= LONG.min && v <= LONG.max) return literal(longFromBigInt(v), new LongType());
  return decimalLiteral(c, sign + text, token);
}

/** One or more adjacent string tokens, joined (`'a' 'b'` is `'ab'`, as in Spark). */
export function stringLiteral(c: Cursor): Literal {
  let value = '';
  while (c.peek().type === 'string') value += c.next().value;
  return literal(value, new StringType());
}

/** True when the cursor is at `word 'string'`, the shape of a typed literal. */
export function atTypedLiteral(c: Cursor): boolean {
  const t = c.peek();
  return (t.type === 'word' || t.type === 'ident') && c.peek(1).type === 'string';
}

/** Session settings a literal's value depends on. */
export interface LiteralContext {
  readonly sessionTimeZone: string;
}

function hexBytes(hex: string): Uint8Array | null {
  if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
  const padded = hex.length % 2 === 1 ? '0' + hex : hex;
  const out = new Uint8Array(padded.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(padded.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A typed literal (`DATE '2024-01-02'`, `INTERVAL 10 MINUTES`, `X'0A'`) at the cursor. */
export function typedLiteral(c: Cursor, ctx: LiteralContext): Literal {
  const typeToken = c.next();
  const type = typeToken.type === 'word' ? typeToken.value : typeToken.value.toUpperCase();
  if (type === 'INTERVAL') return intervalLiteral(c, typeToken);
  const value = stringLiteral(c).value as string;
  const invalid = (): never => c.failWith('INVALID_TYPED_LITERAL', { valueType: `"${type}"`, value: `'${value}'` }, typeToken);
  switch (type) {
    case 'DATE': {
      const days = parseDateLiteral(value);
      return days === null ? invalid() : literal(days, new DateType());
    }
    case 'TIMESTAMP':
    case 'TIMESTAMP_LTZ': {
      const us = parseTimestampLiteral(value, ctx.sessionTimeZone);
      return us === null ? invalid() : literal(us, new TimestampType());
    }
    case 'TIMESTAMP_NTZ': {
      const us = parseTimestampLiteral(value, 'UTC', true);
      return us === null ? invalid() : literal(us, new TimestampNTZType());
    }
    case 'X': {
      const bytes = hexBytes(value);
      return bytes === null ? invalid() : literal(bytes, new BinaryType());
    }
    default:
      return c.failWith(
        'UNSUPPORTED_TYPED_LITERAL',
        { unsupportedType: `"${type}"`, supportedTypes: '"DATE", "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP", "INTERVAL", "X"' },
        typeToken,
      );
  }
}
