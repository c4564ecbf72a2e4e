/**
 * PostgreSQL, as Spark 3.5's `PostgresDialect` (types measured with PySpark 3.5 and the
 * PostgreSQL JDBC driver, fixtures/spark35-jdbc.json): `BOOLEAN`, `SMALLINT` for byte and short,
 * `FLOAT4`, `FLOAT8`, `NUMERIC(p,s)`, `TEXT`, `BYTEA`, `TIMESTAMP` (both timestamp types), and
 * arrays as `elem[]`. Values travel as PostgreSQL's text form; the connection's time zone is
 * UTC, and `timestamp` (without time zone) columns hold UTC wall-clock time.
 */
import { ArrayType, BinaryType, BooleanType, type DataType, DateType, DecimalType, DoubleType, FloatType, IntegerType, LongType, ShortType, StringType, TimestampNTZType, TimestampType } from '../../sql/types/data-types.js';
import { formatUnscaled } from '../../sql/types/values.js';
import type { DbColumn } from './connection.js';
import { formatDate, formatTimestamp, parseDate, parseTimeOfDay, parseTimestamp } from './datetime-text.js';
import { type Converter, type JdbcDialect, ValueError, noJdbcType, quoteDouble, standardInsert, toDecimal, toIntIn, toLongValue } from './dialect.js';
import { formatPgArray, parsePgArray } from './postgres-array.js';

function createType(t: DataType): string {
  switch (t.kind) {
    case 'boolean':
      return 'BOOLEAN';
    case 'byte':
    case 'short':
      return 'SMALLINT';
    case 'integer':
      return 'INTEGER';
    case 'long':
      return 'BIGINT';
    case 'float':
      return 'FLOAT4';
    case 'double':
      return 'FLOAT8';
    case 'decimal':
      return `NUMERIC(${t.precision},${t.scale})`;
    case 'string':
      return 'TEXT';
    case 'binary':
      return 'BYTEA';
    case 'date':
      return 'DATE';
    case 'timestamp':
    case 'timestamp_ntz':
      return 'TIMESTAMP';
    case 'array':
      if (t.elementType.kind === 'map' || t.elementType.kind === 'struct') throw noJdbcType(t);
      return `${createType(t.elementType)}[]`;
    default:
      throw noJdbcType(t);
  }
}

function readType(c: DbColumn, preferNTZ: boolean): DataType {
  if (c.typeName.endsWith('[]')) return new ArrayType(readType({ ...c, typeName: c.typeName.slice(0, -2) }, preferNTZ));
  switch (c.typeName) {
    case 'boolean':
      return new BooleanType();
    case 'bit':
      return c.precision === undefined || c.precision === 1 ? new BooleanType() : new BinaryType();
    case 'bit varying':
    case 'bytea':
      return new BinaryType();
    case 'smallint':
      return new ShortType();
    case 'integer':
      return new IntegerType();
    case 'bigint':
    case 'oid':
      return new LongType();
    case 'real':
      return new FloatType();
    case 'double precision':
      return new DoubleType();
    case 'numeric':
      return c.precision !== undefined && c.precision > 0 ? new DecimalType(Math.min(c.precision, 38), Math.min(c.scale ?? 0, 38)) : new DecimalType(38, 18);
    case 'date':
      return new DateType();
    case 'timestamp':
      return preferNTZ ? new TimestampNTZType() : new TimestampType();
    case 'timestamptz':
    case 'time':
    case 'timetz':
      return new TimestampType();
    default:
      // text, varchar, char, json, jsonb, uuid, money, interval, inet … (Spark: StringType).
      return new StringType();
  }
}

function toDb(t: DataType): Converter {
  switch (t.kind) {
    case 'boolean':
      return (v) => (v ? 't' : 'f');
    case 'byte':
    case 'short':
    case 'integer':
    case 'long':
    case 'float':
    case 'double':
      return (v) => String(v);
    case 'decimal':
      return (v) => formatUnscaled(v as bigint, t.scale);
    case 'string':
      return (v) => v;
    case 'binary':
      return (v) => `\\x${Buffer.from(v as Uint8Array).toString('hex')}`;
    case 'date':
      return (v) => formatDate(v as number);
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => formatTimestamp(v as number);
    case 'array': {
      const element = toDb(t.elementType);
      return (v) => formatPgArray(v as unknown[], element);
    }
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
      return (v) => (v === 't' || v === '1' || v === 'true' ? true : v === 'f' || v === '0' || v === 'false' ? false : fail(v));
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
        const n = Number(v);
        return Number.isNaN(n) && v !== 'NaN' ? fail(v) : round(n);
      };
    }
    case 'decimal':
      return (v) => toDecimal(String(v), t) ?? fail(v);
    case 'string':
      return (v) => String(v);
    case 'binary':
      return (v) => bytesOf(String(v)) ?? fail(v);
    case 'date':
      return (v) => parseDate(String(v)) ?? fail(v);
    case 'timestamp':
    case 'timestamp_ntz':
      return (v) => parseTimestamp(String(v)) ?? parseTimeOfDay(String(v)) ?? fail(v);
    case 'array': {
      const element = fromDb(t.elementType);
      return (v) => parsePgArray(String(v)).map((e) => (e === null ? null : element(e)));
    }
    default:
      throw noJdbcType(t);
  }
}

/** bytea's hex form `\x00ff`, or a bit string `1010…` packed into bytes. */
function bytesOf(text: string): Uint8Array | null {
  if (text.startsWith('\\x')) return new Uint8Array(Buffer.from(text.slice(2), 'hex'));
  if (/^[01]*$/.test(text)) {
    const out = new Uint8Array(Math.ceil(text.length / 8));
    for (let i = 0; i < text.length; i++) if (text[i] === '1') out[i >> 3] = (out[i >> 3] ?? 0) | (0x80 >> (i & 7));
    return out;
  }
  return null;
}

/** The PostgreSQL dialect. */
export const postgresDialect: JdbcDialect = {
  name: 'postgresql',
  quoteIdentifier: quoteDouble,
  createType,
  readType,
  // Spark's PostgresDialect: ONLY, so rows of tables that inherit from this one are kept.
  truncateStatement: (table, cascade) => `TRUNCATE TABLE ONLY ${table}${cascade ? ' CASCADE' : ''}`,
  insertStatement: standardInsert,
  toDb,
  fromDb,
};
