/**
 * Spark's data types (src/sql/types) to and from Spark Connect's `DataType` message. The one
 * place the connect client maps types. Protocol types tspark has no class for are read as the
 * nearest one whose values carry the same information: char/varchar as string (Spark returns
 * them as strings), ANSI year-month and day-time intervals as CalendarIntervalType (their values
 * fit its months/microseconds), user-defined types as their SQL type.
 */
import { TsparkError } from '../../engine/errors.js';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  CalendarIntervalType,
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
  type DataType,
} from '../types/data-types.js';
import type { DataType as ProtoDataType, DataType__Output } from './proto.js';

/** Reads a `DataType` message as the server sent it. */
export function fromProtoType(t: DataType__Output): DataType {
  switch (t.kind) {
    case 'null':
      return new NullType();
    case 'binary':
      return new BinaryType();
    case 'boolean':
      return new BooleanType();
    case 'byte':
      return new ByteType();
    case 'short':
      return new ShortType();
    case 'integer':
      return new IntegerType();
    case 'long':
      return new LongType();
    case 'float':
      return new FloatType();
    case 'double':
      return new DoubleType();
    case 'decimal':
      // Spark's DecimalType() default is decimal(10,0).
      return new DecimalType(t.decimal?.precision ?? 10, t.decimal?.scale ?? 0);
    case 'string':
    case 'char':
    case 'var_char':
      return new StringType();
    case 'date':
      return new DateType();
    case 'timestamp':
      return new TimestampType();
    case 'timestamp_ntz':
      return new TimestampNTZType();
    case 'calendar_interval':
    case 'year_month_interval':
    case 'day_time_interval':
      return new CalendarIntervalType();
    case 'array':
      return new ArrayType(fromProtoType(required(t.array?.element_type, 'array element')), t.array?.contains_null ?? true);
    case 'map':
      return new MapType(
        fromProtoType(required(t.map?.key_type, 'map key')),
        fromProtoType(required(t.map?.value_type, 'map value')),
        t.map?.value_contains_null ?? true,
      );
    case 'struct':
      return new StructType(
        (t.struct?.fields ?? []).map(
          (f) => new StructField(f.name, fromProtoType(required(f.data_type, `field ${f.name}`)), f.nullable, parseMetadata(f.metadata)),
        ),
      );
    case 'udt':
      if (t.udt?.sql_type) return fromProtoType(t.udt.sql_type);
      break;
    default:
      break;
  }
  throw new TsparkError(
    'ERR_CONNECT_UNSUPPORTED',
    `The server returned a column of type ${t.kind === 'unparsed' ? t.unparsed?.data_type_string : t.kind ?? '(none)'}, which tspark cannot read yet; cast it in the query (e.g. to string).`,
  );
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new TsparkError('ERR_CONNECT_PROTOCOL', `Spark Connect DataType: the ${what} type is missing`);
  return value;
}

function parseMetadata(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Writes a type as a `DataType` message, for schemas and casts sent to the server. */
export function toProtoType(t: DataType): ProtoDataType {
  switch (t.kind) {
    case 'null':
      return { null: {} };
    case 'decimal':
      return { decimal: { precision: t.precision, scale: t.scale } };
    case 'interval':
      return { calendar_interval: {} };
    case 'array':
      return { array: { element_type: toProtoType(t.elementType), contains_null: t.containsNull } };
    case 'map':
      return { map: { key_type: toProtoType(t.keyType), value_type: toProtoType(t.valueType), value_contains_null: t.valueContainsNull } };
    case 'struct':
      return {
        struct: {
          fields: t.fields.map((f) => ({
            name: f.name,
            data_type: toProtoType(f.dataType),
            nullable: f.nullable,
            ...(Object.keys(f.metadata).length ? { metadata: JSON.stringify(f.metadata) } : {}),
          })),
        },
      };
    default:
      // The remaining kinds are named as the protocol's oneof cases: string, binary, boolean,
      // byte, short, integer, long, float, double, date, timestamp, timestamp_ntz.
      return { [t.kind]: {} };
  }
}
