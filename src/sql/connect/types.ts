/**
 * Spark's data types as plain TypeScript data, and their translation to and from Spark Connect's
 * `DataType` message. This is the one place the connect client maps types: when `src/sql/types/`
 * lands, switch these functions to its classes and nothing else in `connect/` changes.
 */
import type { DataType, DataType__Output } from './proto.js';

/** A field of a struct type. `metadata` is Spark's field metadata as a JSON string, when set. */
export interface SparkStructField {
  readonly name: string;
  readonly dataType: SparkType;
  readonly nullable: boolean;
  readonly metadata?: string;
}

/** A struct type: the type of a row, and of `struct` columns. */
export interface SparkStructType {
  readonly kind: 'struct';
  readonly fields: readonly SparkStructField[];
}

/** The types without parameters, named as Spark Connect's `DataType` oneof names them. */
export type SparkAtomicKind =
  | 'null'
  | 'binary'
  | 'boolean'
  | 'byte'
  | 'short'
  | 'integer'
  | 'long'
  | 'float'
  | 'double'
  | 'date'
  | 'timestamp'
  | 'timestamp_ntz'
  | 'calendar_interval'
  | 'variant';

/** A Spark SQL data type as data; `kind` names the case as Spark Connect's `DataType` does. */
export type SparkType =
  | { readonly kind: SparkAtomicKind }
  | { readonly kind: 'string'; readonly collation?: string }
  | { readonly kind: 'char' | 'var_char'; readonly length: number }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'year_month_interval' | 'day_time_interval'; readonly startField: number; readonly endField: number }
  | { readonly kind: 'array'; readonly elementType: SparkType; readonly containsNull: boolean }
  | { readonly kind: 'map'; readonly keyType: SparkType; readonly valueType: SparkType; readonly valueContainsNull: boolean }
  | SparkStructType
  | { readonly kind: 'udt'; readonly type: string; readonly jvmClass?: string; readonly sqlType?: SparkType }
  | { readonly kind: 'unparsed'; readonly dataTypeString: string };

const ATOMIC: readonly SparkAtomicKind[] = [
  'null', 'binary', 'boolean', 'byte', 'short', 'integer', 'long', 'float', 'double',
  'date', 'timestamp', 'timestamp_ntz', 'calendar_interval', 'variant',
];

/** Spark's interval field numbers (DayTimeIntervalType.DAY … SECOND, YearMonthIntervalType.YEAR, MONTH). */
const DAY_TIME_FIELDS = ['day', 'hour', 'minute', 'second'];
const YEAR_MONTH_FIELDS = ['year', 'month'];

/** Reads a `DataType` message as the server sent it. */
export function fromProtoType(t: DataType__Output): SparkType {
  const kind = t.kind;
  if (kind === undefined) throw new Error('DataType with no kind set');
  if ((ATOMIC as readonly string[]).includes(kind)) return { kind: kind as SparkAtomicKind };
  switch (kind) {
    case 'string': {
      // Spark 4 names the default collation on every string; only a non-default one matters.
      const collation = t.string?.collation;
      return collation && collation !== 'UTF8_BINARY' ? { kind, collation } : { kind };
    }
    case 'char':
      return { kind, length: t.char?.length ?? 0 };
    case 'var_char':
      return { kind, length: t.var_char?.length ?? 0 };
    case 'decimal':
      // Spark's DecimalType() default is decimal(10,0).
      return { kind, precision: t.decimal?.precision ?? 10, scale: t.decimal?.scale ?? 0 };
    case 'year_month_interval':
      return { kind, startField: t.year_month_interval?.start_field ?? 0, endField: t.year_month_interval?.end_field ?? 1 };
    case 'day_time_interval':
      return { kind, startField: t.day_time_interval?.start_field ?? 0, endField: t.day_time_interval?.end_field ?? 3 };
    case 'array':
      return { kind, elementType: fromProtoType(required(t.array?.element_type, 'array element')), containsNull: t.array?.contains_null ?? true };
    case 'map':
      return {
        kind,
        keyType: fromProtoType(required(t.map?.key_type, 'map key')),
        valueType: fromProtoType(required(t.map?.value_type, 'map value')),
        valueContainsNull: t.map?.value_contains_null ?? true,
      };
    case 'struct':
      return {
        kind,
        fields: (t.struct?.fields ?? []).map((f) => {
          const field: SparkStructField = { name: f.name, dataType: fromProtoType(required(f.data_type, `field ${f.name}`)), nullable: f.nullable };
          return f.metadata !== undefined && f.metadata !== '' ? { ...field, metadata: f.metadata } : field;
        }),
      };
    case 'udt': {
      const u = t.udt!;
      return {
        kind,
        type: u.type,
        ...(u.jvm_class !== undefined ? { jvmClass: u.jvm_class } : {}),
        ...(u.sql_type ? { sqlType: fromProtoType(u.sql_type) } : {}),
      };
    }
    case 'unparsed':
      return { kind, dataTypeString: t.unparsed?.data_type_string ?? '' };
    default:
      throw new Error(`DataType kind ${kind} is not known to this client`);
  }
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`DataType: ${what} type missing`);
  return value;
}

/** Writes a type as a `DataType` message, for schemas and casts sent to the server. */
export function toProtoType(t: SparkType): DataType {
  switch (t.kind) {
    case 'string':
      return { string: t.collation ? { collation: t.collation } : {} };
    case 'char':
      return { char: { length: t.length } };
    case 'var_char':
      return { var_char: { length: t.length } };
    case 'decimal':
      return { decimal: { precision: t.precision, scale: t.scale } };
    case 'year_month_interval':
      return { year_month_interval: { start_field: t.startField, end_field: t.endField } };
    case 'day_time_interval':
      return { day_time_interval: { start_field: t.startField, end_field: t.endField } };
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
            ...(f.metadata !== undefined ? { metadata: f.metadata } : {}),
          })),
        },
      };
    case 'udt':
      return { udt: { type: t.type, ...(t.jvmClass ? { jvm_class: t.jvmClass } : {}), ...(t.sqlType ? { sql_type: toProtoType(t.sqlType) } : {}) } };
    case 'unparsed':
      return { unparsed: { data_type_string: t.dataTypeString } };
    default:
      return { [t.kind]: {} };
  }
}

/** Spark's `simpleString` of a type: `int`, `bigint`, `decimal(10,2)`, `array<int>`, `struct<a:int,b:string>`. */
export function simpleString(t: SparkType): string {
  switch (t.kind) {
    case 'null':
      return 'void';
    case 'byte':
      return 'tinyint';
    case 'short':
      return 'smallint';
    case 'integer':
      return 'int';
    case 'long':
      return 'bigint';
    case 'calendar_interval':
      return 'interval';
    case 'string':
      return t.collation && t.collation !== 'UTF8_BINARY' ? `string collate ${t.collation}` : 'string';
    case 'char':
      return `char(${t.length})`;
    case 'var_char':
      return `varchar(${t.length})`;
    case 'decimal':
      return `decimal(${t.precision},${t.scale})`;
    case 'year_month_interval':
      return intervalString(YEAR_MONTH_FIELDS, t.startField, t.endField);
    case 'day_time_interval':
      return intervalString(DAY_TIME_FIELDS, t.startField, t.endField);
    case 'array':
      return `array<${simpleString(t.elementType)}>`;
    case 'map':
      return `map<${simpleString(t.keyType)},${simpleString(t.valueType)}>`;
    case 'struct':
      return `struct<${t.fields.map((f) => `${f.name}:${simpleString(f.dataType)}`).join(',')}>`;
    case 'udt':
      return t.sqlType ? simpleString(t.sqlType) : t.type;
    case 'unparsed':
      return t.dataTypeString;
    default:
      return t.kind;
  }
}

function intervalString(names: readonly string[], start: number, end: number): string {
  const s = names[start] ?? String(start);
  const e = names[end] ?? String(end);
  return start === end ? `interval ${s}` : `interval ${s} to ${e}`;
}
