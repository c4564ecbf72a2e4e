/**
 * CSV tokens to typed values, as Spark's `UnivocityParser.makeConverter`: JVM number parsing,
 * `nanValue` / `positiveInf` / `negativeInf`, decimals rounded half-up to the scale, dates and
 * timestamps by the user's pattern, else strict ISO then Spark's lenient parsing, in the
 * session time zone. A token that does not convert throws (the record is then malformed).
 */
import { SparkArgumentError } from '../../errors.js';
import type { DataType } from '../../types/data-types.js';
import { DatePattern } from '../../types/date-pattern.js';
import { parseDate, parseTimestamp } from '../../types/datetime.js';
import { decimalOf, javaBoolean, javaDouble, javaFloat, javaInt, javaIntIn, javaLong } from '../files/java-parse.js';
import { ValueParseError } from '../files/parse-mode.js';
import { fastTimestamp } from '../files/fast-datetime.js';

/** Converts one non-null token. */
export type TokenConverter = (token: string) => unknown;

/** The settings a converter needs. */
export interface ConvertSettings {
  readonly nanValue: string;
  readonly positiveInf: string;
  readonly negativeInf: string;
  readonly dateFormat: DatePattern | null;
  readonly timestampFormat: DatePattern | null;
  readonly timestampNTZFormat: DatePattern | null;
  readonly timeZone: string;
}

const ISO_DATE = new DatePattern('yyyy-MM-dd');

function fail(token: string): never {
  throw new ValueParseError(`For input string: "${token}"`);
}

/** The converter of a column type; the format's name goes into the message of an unsupported type. */
export function tokenConverter(t: DataType, s: ConvertSettings, format: string, column: string): TokenConverter {
  switch (t.kind) {
    case 'string':
      return (v) => v;
    case 'byte':
      return (v) => javaIntIn(v, -128, 127) ?? fail(v);
    case 'short':
      return (v) => javaIntIn(v, -32768, 32767) ?? fail(v);
    case 'integer':
      return (v) => javaInt(v) ?? fail(v);
    case 'long':
      return (v) => javaLong(v) ?? fail(v);
    case 'float':
      return (v) => (v === s.nanValue ? NaN : v === s.positiveInf ? Infinity : v === s.negativeInf ? -Infinity : (javaFloat(v) ?? fail(v)));
    case 'double':
      return (v) => (v === s.nanValue ? NaN : v === s.positiveInf ? Infinity : v === s.negativeInf ? -Infinity : (javaDouble(v) ?? fail(v)));
    case 'boolean':
      return (v) => javaBoolean(v) ?? fail(v);
    case 'decimal': {
      const { precision, scale } = t;
      return (v) => decimalOf(v, precision, scale) ?? fail(v);
    }
    case 'date': {
      const user = s.dateFormat;
      if (user) return (v) => user.parseDate(v) ?? fail(v);
      return (v) => ISO_DATE.parseDate(v) ?? parseDate(v) ?? fail(v);
    }
    case 'timestamp': {
      const user = s.timestampFormat;
      const tz = s.timeZone;
      if (user) return (v) => user.parseTimestamp(v, tz) ?? fail(v);
      return (v) => {
        const f = fastTimestamp(v, tz);
        return (f === undefined ? parseTimestamp(v, tz) : f) ?? fail(v);
      };
    }
    case 'timestamp_ntz': {
      const user = s.timestampNTZFormat;
      if (user) return (v) => user.parseTimestamp(v, 'UTC') ?? fail(v);
      return (v) => (/(Z|[+-]\d\d(:?\d\d)?|[A-Za-z]+\/[A-Za-z_]+)\s*$/.test(v) ? fail(v) : (parseTimestamp(v, 'UTC') ?? fail(v)));
    }
    case 'null':
      return () => null;
    default:
      throw unsupportedType(format, column, t);
  }
}

/** Spark's `[UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE]`. */
export function unsupportedType(format: string, column: string, t: DataType): SparkArgumentError {
  return new SparkArgumentError('UNSUPPORTED_DATA_TYPE_FOR_DATASOURCE', {
    format,
    columnName: '`' + column + '`',
    columnType: `"${t.sql()}"`,
  });
}
