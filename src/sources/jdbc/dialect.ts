/**
 * What differs between databases, as Spark's `JdbcDialect`: identifier quoting, the column type
 * CREATE TABLE uses for each Spark type (`JdbcUtils.getCommonJDBCType` and the dialect's
 * `getJDBCType`), the Spark type a read gives each database type, and how values cross (each
 * converter is made once per column, then applied to every row).
 */
import { SparkArgumentError } from '../../sql/errors.js';
import type { DataType, DecimalType } from '../../sql/types/data-types.js';
import { Decimal } from '../../sql/types/values.js';
import type { DbColumn, InsertPlan } from './connection.js';

/** Converts one value (never null: nulls are handled around it). */
export type Converter = (value: unknown) => unknown;

/** One database's rules. */
export interface JdbcDialect {
  readonly name: 'sqlite' | 'postgresql';
  /** `"name"` with inner quotes doubled (Spark's default `quoteIdentifier`). */
  quoteIdentifier(name: string): string;
  /** The column type CREATE TABLE uses for `t`; throws Spark's "Can't get JDBC type" for the others. */
  createType(t: DataType): string;
  /** The Spark type a read gives column `c`. */
  readType(c: DbColumn, preferTimestampNTZ: boolean): DataType;
  /** TRUNCATE (or its equivalent) keeping the table's definition. */
  truncateStatement(table: string, cascade: boolean): string;
  /** `INSERT INTO t (cols) VALUES (…), …` for `rows` rows, with `ON CONFLICT … DO UPDATE` when the plan has upsert keys. */
  insertStatement(plan: InsertPlan, rows: number, param: (index: number) => string): string;
  /** Spark's internal value of type `t` to what the client sends. */
  toDb(t: DataType): Converter;
  /** What the client returns to Spark's internal value of type `t`; throws a {@link ValueError} when it does not convert. */
  fromDb(t: DataType): Converter;
}

/** A database value that does not convert to the column's Spark type. */
export class ValueError extends Error {
  constructor(
    readonly value: unknown,
    readonly typeName: string,
  ) {
    super(`${describe(value)} is not a valid ${typeName}`);
  }
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (v instanceof Uint8Array) return `${v.length} bytes`;
  return String(v);
}

/** Spark's `Can't get JDBC type for <type>.` */
export function noJdbcType(t: DataType): SparkArgumentError {
  return new SparkArgumentError('_LEGACY_ERROR_TEMP_2082', { catalogString: t.simpleString() });
}

/** `INSERT INTO` text shared by both dialects (both speak `ON CONFLICT (…) DO UPDATE SET c = excluded.c`). */
export function standardInsert(plan: InsertPlan, rows: number, param: (index: number) => string): string {
  const n = plan.columns.length;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const ps: string[] = [];
    for (let c = 0; c < n; c++) ps.push(param(r * n + c));
    tuples.push(`(${ps.join(', ')})`);
  }
  let sql = `INSERT INTO ${plan.table} (${plan.columns.join(', ')}) VALUES ${tuples.join(', ')}`;
  if (plan.upsertKeys.length > 0) {
    const others = plan.columns.filter((c) => !plan.upsertKeys.includes(c));
    sql +=
      ` ON CONFLICT (${plan.upsertKeys.join(', ')}) ` +
      (others.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${others.map((c) => `${c} = excluded.${c}`).join(', ')}`);
  }
  return sql;
}

/** `"name"`, quotes doubled. */
export function quoteDouble(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The unscaled value of a decimal text or number at `t`'s scale (HALF_UP), or null when it does not fit `t`'s precision. */
export function toDecimal(value: string | number | bigint, t: DecimalType): bigint | null {
  let unscaled: bigint;
  if (typeof value === 'bigint') unscaled = value * 10n ** BigInt(t.scale);
  else {
    const d = typeof value === 'number' ? Decimal.fromNumber(value) : Decimal.parse(value);
    if (d === null) return null;
    unscaled = rescale(d.unscaled, d.scale, t.scale);
  }
  const limit = 10n ** BigInt(t.precision);
  return unscaled >= limit || unscaled <= -limit ? null : unscaled;
}

function rescale(unscaled: bigint, from: number, to: number): bigint {
  if (to >= from) return unscaled * 10n ** BigInt(to - from);
  const div = 10n ** BigInt(from - to);
  const q = unscaled / div;
  const r = unscaled % div;
  // HALF_UP, as Java's BigDecimal.setScale in Spark's Decimal.
  if ((r < 0n ? -r : r) * 2n >= div) return q + (unscaled < 0n ? -1n : 1n);
  return q;
}

/** The canonical long of an integer text, number or bigint; null when it is not one. */
export function toLongValue(v: unknown): number | bigint | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : null;
  let b: bigint;
  try {
    b = typeof v === 'bigint' ? v : BigInt(String(v).trim());
  } catch {
    return null;
  }
  if (b > 9223372036854775807n || b < -9223372036854775808n) return null;
  return b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/** An integer in [min, max] from a number, bigint or integer text; null otherwise. */
export function toIntIn(v: unknown, min: number, max: number): number | null {
  const l = toLongValue(v);
  return typeof l === 'number' && l >= min && l <= max ? l : null;
}
