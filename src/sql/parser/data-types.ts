/**
 * Data types inside SQL text (`CAST(x AS DECIMAL(10,2))`, `ARRAY<STRUCT<a: INT>>`, view column
 * types), read from the token stream with Spark's names and errors. Spark's ANSI interval types
 * (`INTERVAL DAY TO SECOND`) map to tspark's one interval type.
 */
import { SparkRuntimeException } from '../errors.js';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
  type DataType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  NullType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
} from '../types/data-types.js';
import type { Cursor } from './cursor.js';
import { errorCapturingIdentifier, isIdentifierToken } from './identifiers.js';
import { parseError } from './parse-errors.js';

const PRIMITIVE: Readonly<Record<string, () => DataType>> = {
  BOOLEAN: () => new BooleanType(),
  TINYINT: () => new ByteType(),
  BYTE: () => new ByteType(),
  SMALLINT: () => new ShortType(),
  SHORT: () => new ShortType(),
  INT: () => new IntegerType(),
  INTEGER: () => new IntegerType(),
  BIGINT: () => new LongType(),
  LONG: () => new LongType(),
  FLOAT: () => new FloatType(),
  REAL: () => new FloatType(),
  DOUBLE: () => new DoubleType(),
  DATE: () => new DateType(),
  TIMESTAMP: () => new TimestampType(),
  TIMESTAMP_LTZ: () => new TimestampType(),
  TIMESTAMP_NTZ: () => new TimestampNTZType(),
  STRING: () => new StringType(),
  BINARY: () => new BinaryType(),
  VOID: () => new NullType(),
};

const MAX_PRECISION = 38;

/** One data type at the cursor. */
export function dataType(c: Cursor): DataType {
  const t = c.peek();
  if (!isIdentifierToken(t)) c.fail();
  const name = t.type === 'word' ? t.value : t.value.toUpperCase();
  if (t.type === 'word') {
    switch (name) {
      case 'ARRAY':
        if (!c.isOp('<', 1)) break;
        c.next();
        c.next();
        {
          const element = dataType(c);
          c.expectOp('>');
          return new ArrayType(element, true);
        }
      case 'MAP':
        if (!c.isOp('<', 1)) break;
        c.next();
        c.next();
        {
          const key = dataType(c);
          c.expectOp(',');
          const value = dataType(c);
          c.expectOp('>');
          return new MapType(key, value, true);
        }
      case 'STRUCT':
        if (c.isOp('<>', 1)) {
          c.next();
          c.next();
          return new StructType([]);
        }
        if (!c.isOp('<', 1)) break;
        c.next();
        c.next();
        {
          const fields: StructField[] = [];
          if (!c.isOp('>')) {
            do fields.push(structField(c, true));
            while (c.acceptOp(','));
          }
          c.expectOp('>');
          return new StructType(fields);
        }
      case 'INTERVAL':
        c.next();
        intervalQualifier(c);
        return new CalendarIntervalType();
      default:
        break;
    }
  }
  c.next();
  const params: number[] = [];
  if (c.isOp('(')) {
    c.next();
    do {
      const p = c.peek();
      if (p.type !== 'number' || !/^\d+$/.test(p.value)) c.fail();
      c.next();
      params.push(Number(p.value));
    } while (c.acceptOp(','));
    c.expectOp(')');
  }
  switch (name) {
    case 'DECIMAL':
    case 'DEC':
    case 'NUMERIC': {
      if (params.length > 2) break;
      const precision = params[0] ?? 10;
      const scale = params[1] ?? 0;
      if (precision > MAX_PRECISION) {
        throw new SparkRuntimeException('DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION', { precision: String(precision), maxPrecision: String(MAX_PRECISION) });
      }
      if (scale > precision) {
        // Spark reports this one without a position, only the statement.
        throw parseError(c.sql, undefined, '_LEGACY_ERROR_TEMP_1228', { scale: String(scale), precision: String(precision) });
      }
      return new DecimalType(precision, scale);
    }
    case 'CHAR':
    case 'CHARACTER':
    case 'VARCHAR':
      // Spark 3.5 reads CHAR(n)/VARCHAR(n) as STRING outside table schemas.
      if (params.length === 1) return new StringType();
      break;
    default: {
      const make = PRIMITIVE[name];
      if (make && params.length === 0) return make();
    }
  }
  const text = name.toLowerCase() + (params.length > 0 ? `(${params.join(',')})` : '');
  return c.failWith('UNSUPPORTED_DATATYPE', { typeName: `"${text.toUpperCase()}"` }, t);
}

/** `name [:] type [NOT NULL] [COMMENT '…']` inside `STRUCT<…>`. */
export function structField(c: Cursor, inStruct: boolean): StructField {
  const name = errorCapturingIdentifier(c);
  if (inStruct) c.acceptOp(':');
  const type = dataType(c);
  let nullable = true;
  if (c.isWord('NOT') && c.isWord('NULL', 1)) {
    c.next();
    c.next();
    nullable = false;
  }
  let metadata: Record<string, unknown> = {};
  if (c.acceptWord('COMMENT')) {
    const s = c.peek();
    if (s.type !== 'string') c.fail();
    c.next();
    metadata = { comment: s.value };
  }
  return new StructField(name, type, nullable, metadata);
}

const YEAR_MONTH = new Set(['YEAR', 'MONTH']);
const DAY_TIME = new Set(['DAY', 'HOUR', 'MINUTE', 'SECOND']);

/** The optional `YEAR [TO MONTH]` / `DAY [TO SECOND]` after `INTERVAL` in a type. */
function intervalQualifier(c: Cursor): void {
  const from = c.peek().value;
  if (c.peek().type !== 'word' || !(YEAR_MONTH.has(from) || DAY_TIME.has(from))) return;
  c.next();
  if (c.acceptWord('TO')) {
    const to = c.peek().value;
    if (c.peek().type !== 'word' || !(YEAR_MONTH.has(from) ? to === 'MONTH' : DAY_TIME.has(to) && to !== 'DAY')) c.fail();
    c.next();
  }
}
