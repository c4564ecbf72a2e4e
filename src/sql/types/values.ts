/**
 * How values of each Spark type are held in JavaScript. Two forms, as Spark has `InternalRow`
 * and `Row`:
 *
 * **Internal** (plans, executor, data sources): a row is a plain array of values in schema order
 * ({@link InternalRow}); NULL is `null` in every type (never `undefined`).
 *
 * | type | internal value | why |
 * |---|---|---|
 * | boolean | `boolean` | |
 * | byte, short, integer | `number` (an integer in range) | int arithmetic wraps with `\| 0` as the JVM's does |
 * | long | `number` when a safe integer (\|v\| ≤ 2^53−1), else `bigint` — never a bigint in the safe range | speed of `number` for the usual values, and Spark's exact 64-bit wrap-around: arithmetic runs on numbers and switches to BigInt (`BigInt.asIntN(64)`) only when a result leaves the safe range; the canonical form keeps `===` and Map keys exact |
 * | float | `number` rounded with `Math.fround` | |
 * | double | `number` | |
 * | decimal(p, s) | `bigint`: the unscaled value (12.30 in decimal(5,2) is `1230n`) | exact; the scale lives in the type |
 * | string | `string` | |
 * | binary | `Uint8Array` | |
 * | date | `number`: days since 1970-01-01 | Spark's own encoding; cheap to compare and group |
 * | timestamp | `number`: microseconds since the epoch (UTC) | Spark's precision; safe as a double for ±285 years |
 * | timestamp_ntz | `number`: microseconds of the wall-clock time read as UTC | |
 * | interval | {@link Interval} `{ months, days, microseconds }` | |
 * | array | `unknown[]` of internal element values | |
 * | map | `Map` of internal keys to internal values | |
 * | struct | `unknown[]`: field values in order (an internal row) | |
 *
 * **External** (what users see: `collect()`, `df.rdd`, UDF arguments, `createDataFrame` input):
 * the same, except long values are `number` or `bigint` as above, decimal is a {@link Decimal},
 * date and timestamp are `Date` (a date at UTC midnight; a timestamp loses microseconds below
 * the millisecond), and a struct is a `Row`. Conversions are in `convert.ts`.
 */

/** One row inside the engine: field values in schema order, in their internal form. */
export type InternalRow = unknown[];

/** A CalendarInterval: months, days and microseconds, kept apart as Spark keeps them. */
export interface Interval {
  readonly months: number;
  readonly days: number;
  readonly microseconds: number;
}

/** An exact decimal value as users see it: `unscaled × 10^-scale`; prints as `12.30`. */
export class Decimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}

  /** Parses `"12.30"`, `"-1e3"` (the scale follows the text, as Java's BigDecimal). */
  static parse(text: string): Decimal | null {
    const m = /^\s*([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?\s*$/.exec(text);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
    const frac = m[3] ?? '';
    let scale = frac.length - Number(m[4] ?? 0);
    let digits = BigInt((m[2] || '0') + frac);
    if (scale < 0) {
      digits *= 10n ** BigInt(-scale);
      scale = 0;
    }
    return new Decimal(m[1] === '-' ? -digits : digits, scale);
  }

  /** The decimal of a JavaScript number, with as many digits as its shortest text. */
  static fromNumber(n: number): Decimal | null {
    if (!Number.isFinite(n)) return null;
    return Decimal.parse(String(n));
  }

  /** The nearest double. */
  toNumber(): number {
    return Number(this.toString());
  }

  /** The plain text with exactly `scale` digits after the point (`12.30`). */
  toString(): string {
    return formatUnscaled(this.unscaled, this.scale);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `Decimal('${this.toString()}')`;
  }
}

/** Text of an unscaled decimal value at a scale: `formatUnscaled(1230n, 2)` is `"12.30"`. */
export function formatUnscaled(unscaled: bigint, scale: number): string {
  if (scale <= 0) return (unscaled * 10n ** BigInt(-scale)).toString();
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString().padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
}

/** A long value: a safe-integer number, or a bigint outside that range (the canonical form). */
export type LongValue = number | bigint;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Wraps a bigint to 64 bits, as the JVM's long arithmetic does, and returns the canonical form. */
export function longFromBigInt(v: bigint): LongValue {
  const w = BigInt.asIntN(64, v);
  return w <= MAX_SAFE && w >= -MAX_SAFE ? Number(w) : w;
}

/** The canonical long of an integral number or bigint (wrapping to 64 bits). */
export function toLong(v: number | bigint): LongValue {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : longFromBigInt(BigInt(Math.trunc(v)));
  return longFromBigInt(v);
}

/** Days since 1970-01-01 of a `Date` (its UTC date). */
export function dateToDays(d: Date): number {
  return Math.floor(d.getTime() / 86_400_000);
}

/** The `Date` at UTC midnight of a day number. */
export function daysToDate(days: number): Date {
  return new Date(days * 86_400_000);
}

/** Microseconds since the epoch of a `Date`. */
export function dateToMicros(d: Date): number {
  return d.getTime() * 1000;
}

/** The `Date` of a microsecond timestamp (microseconds below the millisecond are dropped). */
export function microsToDate(us: number): Date {
  return new Date(Math.floor(us / 1000));
}
