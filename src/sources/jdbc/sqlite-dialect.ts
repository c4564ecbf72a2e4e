/**
 * SQLite. Spark has no SQLite dialect, so a Spark job writes SQLite tables with the common JDBC
 * types (`BIT(1)`, `BYTE`, `INTEGER`, `BIGINT`, `REAL`, `DOUBLE PRECISION`, `DECIMAL(p,s)`,
 * `TEXT`, `BLOB`, `DATE`, `TIMESTAMP`; measured, fixtures/spark35-jdbc.json): tspark creates
 * the same. Reading, tspark maps those names back to the types they came from (Spark through
 * sqlite-jdbc reads `BIT(1)` as decimal(1,0) and `BIGINT` as decimal(20,0)); other declared
 * types follow SQLite's affinity rules. Timestamps are stored as UTC text with milliseconds
 * (`2024-02-29 12:34:56.123`: people, SQLite's date functions and sqlite-jdbc read it; Spark too
 * keeps milliseconds in SQLite), dates as `2024-02-29`; integers (sqlite-jdbc's epoch
 * milliseconds, what a Spark job stores) are read too.
 */
import { BinaryType, BooleanType, ByteType, type DataType, DecimalType, DoubleType, FloatType, IntegerType, LongType, ShortType, StringType, TimestampNTZType, TimestampType, DateType } from '../../sql/types/data-types.js';
import { formatUnscaled } from '../../sql/types/values.js';
import type { DbColumn } from './connection.js';
import { formatDate, formatTimestampMillis, parseDate, parseTimestamp } from './datetime-text.js';
import { type Converter, type JdbcDialect, ValueError, noJdbcType, quoteDouble, standardInsert, toDecimal, toIntIn, toLongValue } from './dialect.js';

const DAY_MS = 86_400_000;

/** Spark's common JDBC type names, which a Spark job uses for SQLite. */
function createType(t: DataType): string {
  switch (t.kind) {
    case 'integer':
      return 'INTEGER';
    case 'long':
      return 'BIGINT';
    case 'double':
      return 'DOUBLE PRECISION';
    case 'float':
      return 'REAL';
    case 'short':
      return 'INTEGER';
    case 'byte':
      return 'BYTE';
    case 'boolean':
      return 'BIT(1)';
    case 'string':
      return 'TEXT';
    case 'binary':
      return 'BLOB';
    case 'timestamp':
    case 'timestamp_ntz':
      return 'TIMESTAMP';
    case 'date':
      return 'DATE';
    case 'decimal':
      return `DECIMAL(${t.precision},${t.scale})`;
    default:
      throw noJdbcType(t);
  }
}

function readType(c: DbColumn, preferNTZ: boolean): DataType {
  const n = c.typeName;
  const ts = preferNTZ ? new TimestampNTZType() : new TimestampType();
  if (n === 'bit' && (c.precision ?? 1) === 1) return new BooleanType();
  if (n === 'boolean' || n === 'bool') return new BooleanType();
  if (n === 'byte' || n === 'tinyint') return new ByteType();
  if (n === 'smallint' || n === 'int2') return new ShortType();
  if (n === 'bigint' || n === 'int8' || n === 'unsigned big int') return new LongType();
  if (n === 'date') return new DateType();
  if (n === 'timestamp' || n === 'datetime') return ts;
  if (n === 'decimal' || n === 'numeric') {
    return c.precision !== undefined ? new DecimalType(Math.min(c.precision, 38), Math.min(c.scale ?? 0, 38)) : new DecimalType(38, 18);
  }
  if (n === 'float' && c.precision !== undefined && c.precision <= 24) return new FloatType();
  // SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), in their order.
  if (n.includes('int')) return new IntegerType();
  if (n.includes('char') || n.includes('clob') || n.includes('text')) return new StringType();
  if (n.includes('blob')) return new BinaryType();
  if (n.includes('real') || n.includes('floa') || n.includes('doub')) return new DoubleType();
  // No declared type (an expression) or NUMERIC affinity: text shows whatever the value is.
  return new StringType();
}

function toDb(t: DataType): Converter {
  switch (t.kind) {
    case 'boolean':
      return (v) => (v ? 1 : 0);
    case 'decimal':
      return (v) => formatUnscaled(v as bigint, t.scale);
    case 'binary':
      return (v) => {
        const u = v as Uint8Array;
        return Buffer.from(u.buffer, u.byteOffset, u.byteLength);
      };
    case 'date':
      return (v) => formatDate(v as number);
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => formatTimestampMillis(v as number);
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
    case 'string':
      return (v) => v;
    default:
      throw noJdbcType(t);
  }
}

function fromDb(t: DataType): Converter {
  const fail = (v: unknown): never => {
    throw new ValueError(v, t.simpleString());
  };
  switch (t.kind) {
    case 'boolean':
      return (v) => {
        if (typeof v === 'bigint' || typeof v === 'number') return v !== 0 && v !== 0n;
        const s = String(v).trim().toLowerCase();
        return s === 'true' || s === '1' ? true : s === 'false' || s === '0' ? false : fail(v);
      };
    case 'byte':
      return (v) => toIntIn(v, -128, 127) ?? fail(v);
    case 'short':
      return (v) => toIntIn(v, -32768, 32767) ?? fail(v);
    case 'integer':
      return (v) => toIntIn(v, -2147483648, 2147483647) ?? fail(v);
    case 'long':
      return (v) => toLongValue(v) ?? fail(v);
    case 'float':
    case 'double': {
      const round = t.kind === 'float' ? Math.fround : (x: number) => x;
      return (v) => {
        const n = typeof v === 'string' ? Number(v.trim() === '' ? NaN : v) : Number(v);
        return Number.isNaN(n) && !(typeof v === 'string' && /^\s*nan\s*$/i.test(v)) ? fail(v) : round(n);
      };
    }
    case 'decimal':
      return (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? toDecimal(v, t) : null) ?? fail(v);
    case 'string':
      return (v) => (v instanceof Uint8Array ? Buffer.from(v).toString('utf8') : String(v));
    case 'binary':
      return (v) => (v instanceof Uint8Array ? new Uint8Array(v) : new Uint8Array(Buffer.from(String(v), 'utf8')));
    case 'date':
      return (v) => (typeof v === 'string' ? parseDate(v) : typeof v === 'number' || typeof v === 'bigint' ? Math.floor(Number(v) / DAY_MS) : null) ?? fail(v);
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => (typeof v === 'string' ? parseTimestamp(v) : typeof v === 'number' || typeof v === 'bigint' ? Number(v) * 1000 : null) ?? fail(v);
    default:
      throw noJdbcType(t);
  }
}

/** The SQLite dialect. */
export const sqliteDialect: JdbcDialect = {
  name: 'sqlite',
  quoteIdentifier: quoteDouble,
  createType,
  readType,
  // SQLite has no TRUNCATE; DELETE without WHERE empties the table and keeps its definition.
  truncateStatement: (table) => `DELETE FROM ${table}`,
  insertStatement: standardInsert,
  toDb,
  fromDb,
};
