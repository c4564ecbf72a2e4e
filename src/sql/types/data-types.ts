/**
 * Spark's data types, as pyspark has them: `StringType()`, `ArrayType(IntegerType())`,
 * `StructType([StructField("word", StringType()), …])`. Each class carries a literal `kind`, so
 * `DataType` is a discriminated union the analyser and executor switch on. Types are immutable
 * values compared with {@link sameType}. How values of each type are held in JavaScript is in
 * `values.ts`.
 */
import { inspect } from 'node:util';

const custom = Symbol.for('nodejs.util.inspect.custom');

/** What every data type answers, as pyspark's `DataType`. */
abstract class DataTypeBase {
  abstract readonly kind: string;
  /** pyspark's `typeName()`: `string`, `integer`, `long`, `array`, `struct` … */
  abstract typeName(): string;
  /** Spark's `simpleString`: `int`, `bigint`, `array<int>`, `struct<a:int,b:string>`. */
  simpleString(): string {
    return this.typeName();
  }
  /** Spark's SQL/DDL name: `INT`, `BIGINT`, `ARRAY<INT>`, `STRUCT<a: INT>` (used in error messages). */
  sql(): string {
    return this.simpleString().toUpperCase();
  }
  /** The JSON value of the type as Spark writes it in schemas (`"integer"`, `{"type":"array",…}`). */
  jsonValue(): unknown {
    return this.typeName();
  }
  /** Spark's JSON schema text. */
  json(): string {
    return JSON.stringify(this.jsonValue());
  }
  /** pyspark's repr: `IntegerType()`. */
  toString(): string {
    return `${this.constructor.name}()`;
  }
  [custom](): string {
    return this.toString();
  }
}

/** The type of NULL literals (`void`). */
export class NullType extends DataTypeBase {
  readonly kind = 'null';
  typeName(): string {
    return 'void';
  }
}
/** UTF-8 strings. */
export class StringType extends DataTypeBase {
  readonly kind = 'string';
  typeName(): string {
    return 'string';
  }
}
/** Byte arrays. */
export class BinaryType extends DataTypeBase {
  readonly kind = 'binary';
  typeName(): string {
    return 'binary';
  }
}
/** true / false. */
export class BooleanType extends DataTypeBase {
  readonly kind = 'boolean';
  typeName(): string {
    return 'boolean';
  }
}
/** 8-bit signed integers (`tinyint`). */
export class ByteType extends DataTypeBase {
  readonly kind = 'byte';
  typeName(): string {
    return 'byte';
  }
  override simpleString(): string {
    return 'tinyint';
  }
}
/** 16-bit signed integers (`smallint`). */
export class ShortType extends DataTypeBase {
  readonly kind = 'short';
  typeName(): string {
    return 'short';
  }
  override simpleString(): string {
    return 'smallint';
  }
}
/** 32-bit signed integers (`int`). */
export class IntegerType extends DataTypeBase {
  readonly kind = 'integer';
  typeName(): string {
    return 'integer';
  }
  override simpleString(): string {
    return 'int';
  }
}
/** 64-bit signed integers (`bigint`). */
export class LongType extends DataTypeBase {
  readonly kind = 'long';
  typeName(): string {
    return 'long';
  }
  override simpleString(): string {
    return 'bigint';
  }
}
/** 32-bit floating point. */
export class FloatType extends DataTypeBase {
  readonly kind = 'float';
  typeName(): string {
    return 'float';
  }
}
/** 64-bit floating point. */
export class DoubleType extends DataTypeBase {
  readonly kind = 'double';
  typeName(): string {
    return 'double';
  }
}
/** Fixed-point decimals: `precision` digits in all, `scale` after the point (default 10, 0). */
export class DecimalType extends DataTypeBase {
  readonly kind = 'decimal';
  constructor(
    readonly precision = 10,
    readonly scale = 0,
  ) {
    super();
  }
  typeName(): string {
    return 'decimal';
  }
  override simpleString(): string {
    return `decimal(${this.precision},${this.scale})`;
  }
  override jsonValue(): unknown {
    return this.simpleString();
  }
  override toString(): string {
    return `DecimalType(${this.precision}, ${this.scale})`;
  }
}
/** Calendar dates without a time. */
export class DateType extends DataTypeBase {
  readonly kind = 'date';
  typeName(): string {
    return 'date';
  }
}
/** Instants with microsecond precision, shown in the session time zone. */
export class TimestampType extends DataTypeBase {
  readonly kind = 'timestamp';
  typeName(): string {
    return 'timestamp';
  }
}
/** Wall-clock date-times without a time zone. */
export class TimestampNTZType extends DataTypeBase {
  readonly kind = 'timestamp_ntz';
  typeName(): string {
    return 'timestamp_ntz';
  }
}
/** Intervals of months, days and microseconds (`interval 10 minutes`). */
export class CalendarIntervalType extends DataTypeBase {
  readonly kind = 'interval';
  typeName(): string {
    return 'interval';
  }
}
/** Arrays of `elementType`; `containsNull` says whether elements may be null. */
export class ArrayType extends DataTypeBase {
  readonly kind = 'array';
  constructor(
    readonly elementType: DataType,
    readonly containsNull = true,
  ) {
    super();
  }
  typeName(): string {
    return 'array';
  }
  override simpleString(): string {
    return `array<${this.elementType.simpleString()}>`;
  }
  override sql(): string {
    return `ARRAY<${this.elementType.sql()}>`;
  }
  override jsonValue(): unknown {
    return { type: 'array', elementType: this.elementType.jsonValue(), containsNull: this.containsNull };
  }
  override toString(): string {
    return `ArrayType(${String(this.elementType)}, ${pyBool(this.containsNull)})`;
  }
}
/** Maps from `keyType` to `valueType`; keys are never null. */
export class MapType extends DataTypeBase {
  readonly kind = 'map';
  constructor(
    readonly keyType: DataType,
    readonly valueType: DataType,
    readonly valueContainsNull = true,
  ) {
    super();
  }
  typeName(): string {
    return 'map';
  }
  override simpleString(): string {
    return `map<${this.keyType.simpleString()},${this.valueType.simpleString()}>`;
  }
  override sql(): string {
    return `MAP<${this.keyType.sql()}, ${this.valueType.sql()}>`;
  }
  override jsonValue(): unknown {
    return {
      type: 'map',
      keyType: this.keyType.jsonValue(),
      valueType: this.valueType.jsonValue(),
      valueContainsNull: this.valueContainsNull,
    };
  }
  override toString(): string {
    return `MapType(${String(this.keyType)}, ${String(this.valueType)}, ${pyBool(this.valueContainsNull)})`;
  }
}

/** One field of a struct: name, type, nullability and free-form metadata. */
export class StructField {
  constructor(
    readonly name: string,
    readonly dataType: DataType,
    readonly nullable = true,
    readonly metadata: Readonly<Record<string, unknown>> = {},
  ) {}
  /** Spark's `name: type` inside `struct<…>`. */
  simpleString(): string {
    return `${this.name}:${this.dataType.simpleString()}`;
  }
  /** The field as Spark's JSON schema writes it. */
  jsonValue(): unknown {
    return { name: this.name, type: this.dataType.jsonValue(), nullable: this.nullable, metadata: this.metadata };
  }
  /** pyspark's repr: `StructField('name', StringType(), True)`. */
  toString(): string {
    return `StructField('${this.name}', ${String(this.dataType)}, ${pyBool(this.nullable)})`;
  }
  [custom](): string {
    return this.toString();
  }
}

/** Rows of named fields: a DataFrame's schema, or a struct column's type. */
export class StructType extends DataTypeBase {
  readonly kind = 'struct';
  readonly fields: readonly StructField[];
  constructor(fields: readonly StructField[] = []) {
    super();
    this.fields = Object.freeze([...fields]);
  }
  typeName(): string {
    return 'struct';
  }
  /** pyspark's `add(field)` / `add(name, type, nullable)`: a new StructType with one more field. */
  add(field: StructField | string, dataType?: DataType | string, nullable = true): StructType {
    if (field instanceof StructField) return new StructType([...this.fields, field]);
    if (dataType === undefined) throw new TypeError('StructType.add: "dataType" is required with a field name');
    const dt = typeof dataType === 'string' ? parseTypeHook(dataType) : dataType;
    return new StructType([...this.fields, new StructField(field, dt, nullable)]);
  }
  /** The field names in order. */
  fieldNames(): string[] {
    return this.fields.map((f) => f.name);
  }
  /** The field named `name` (exact match), or undefined. */
  field(name: string): StructField | undefined {
    return this.fields.find((f) => f.name === name);
  }
  get length(): number {
    return this.fields.length;
  }
  [Symbol.iterator](): Iterator<StructField> {
    return this.fields[Symbol.iterator]();
  }
  override simpleString(): string {
    return `struct<${this.fields.map((f) => f.simpleString()).join(',')}>`;
  }
  override sql(): string {
    return `STRUCT<${this.fields.map((f) => `${quoteIfNeeded(f.name)}: ${f.dataType.sql()}${f.nullable ? '' : ' NOT NULL'}`).join(', ')}>`;
  }
  override jsonValue(): unknown {
    return { type: 'struct', fields: this.fields.map((f) => f.jsonValue()) };
  }
  override toString(): string {
    return `StructType([${this.fields.map(String).join(', ')}])`;
  }
}

/** Every Spark data type tspark knows, discriminated by `kind`. */
export type DataType =
  | NullType
  | StringType
  | BinaryType
  | BooleanType
  | ByteType
  | ShortType
  | IntegerType
  | LongType
  | FloatType
  | DoubleType
  | DecimalType
  | DateType
  | TimestampType
  | TimestampNTZType
  | CalendarIntervalType
  | ArrayType
  | MapType
  | StructType;

/** The `kind` of a data type. */
export type DataTypeKind = DataType['kind'];

/** True for the integral and fractional types (including decimal). */
export function isNumeric(t: DataType): boolean {
  return isIntegral(t) || t.kind === 'float' || t.kind === 'double' || t.kind === 'decimal';
}

/** True for byte, short, integer and long. */
export function isIntegral(t: DataType): boolean {
  return t.kind === 'byte' || t.kind === 'short' || t.kind === 'integer' || t.kind === 'long';
}

/** True for types whose values are held as other values (array, map, struct). */
export function isComplex(t: DataType): t is ArrayType | MapType | StructType {
  return t.kind === 'array' || t.kind === 'map' || t.kind === 'struct';
}

/** Structural equality of types; `ignoreNullability` compares shapes only (as Spark's `sameType`). */
export function sameType(a: DataType, b: DataType, ignoreNullability = true): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'decimal':
      return a.precision === (b as DecimalType).precision && a.scale === (b as DecimalType).scale;
    case 'array': {
      const o = b as ArrayType;
      return sameType(a.elementType, o.elementType, ignoreNullability) && (ignoreNullability || a.containsNull === o.containsNull);
    }
    case 'map': {
      const o = b as MapType;
      return (
        sameType(a.keyType, o.keyType, ignoreNullability) &&
        sameType(a.valueType, o.valueType, ignoreNullability) &&
        (ignoreNullability || a.valueContainsNull === o.valueContainsNull)
      );
    }
    case 'struct': {
      const o = b as StructType;
      return (
        a.fields.length === o.fields.length &&
        a.fields.every((f, i) => {
          const g = o.fields[i]!;
          return f.name === g.name && sameType(f.dataType, g.dataType, ignoreNullability) && (ignoreNullability || f.nullable === g.nullable);
        })
      );
    }
    default:
      return true;
  }
}

/** Quotes a field name with backticks when it is not a plain identifier (Spark's `quoteIfNeeded`). */
export function quoteIfNeeded(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : '`' + name.replace(/`/g, '``') + '`';
}

function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

// StructType.add(name, "int") parses a type name; the parser lives in ddl.ts, which imports this
// file, so it registers itself here instead of being imported (no import cycle).
let parseTypeHook: (text: string) => DataType = (text) => {
  throw new TypeError(`cannot parse type ${inspect(text)} before ddl.ts is loaded`);
};
/** @internal Called once by ddl.ts. */
export function setTypeParser(parse: (text: string) => DataType): void {
  parseTypeHook = parse;
}
