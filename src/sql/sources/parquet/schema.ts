/**
 * Spark types and Parquet schemas, both ways, as Spark's `ParquetToSparkSchemaConverter` and
 * `SparkToParquetSchemaConverter` (standard, non-legacy layout): byte/short as INT32 with
 * INT_8/INT_16, decimals as INT32 (precision ≤ 9), INT64 (≤ 18) or FIXED_LEN_BYTE_ARRAY, dates
 * as INT32 DATE, timestamps as INT64 TIMESTAMP(MICROS, adjusted to UTC), timestamp_ntz as
 * INT64 TIMESTAMP(MICROS, not adjusted), arrays as 3-level LIST, maps as MAP of key_value.
 * Reading prefers the Spark schema Spark stores in the footer
 * (`org.apache.spark.sql.parquet.row.metadata`), as Spark does.
 */
import type { FileMetaData, SchemaElement, SchemaTree } from 'hyparquet';
import { isListLike, isMapLike } from 'hyparquet/src/schema.js';
import {
  ArrayType,
  BinaryType,
  BooleanType,
  ByteType,
  DateType,
  DecimalType,
  DoubleType,
  FloatType,
  IntegerType,
  LongType,
  MapType,
  ShortType,
  StringType,
  StructField,
  StructType,
  TimestampNTZType,
  TimestampType,
  type DataType,
} from '../../types/data-types.js';
import { fromJson } from '../../types/ddl.js';
import { unsupportedType } from '../csv/convert.js';

/** The footer key under which Spark stores its schema. */
export const SPARK_SCHEMA_KEY = 'org.apache.spark.sql.parquet.row.metadata';

/** A type with every field, element and value nullable (Spark reads file schemas as nullable). */
export function asNullable(t: DataType): DataType {
  switch (t.kind) {
    case 'struct':
      return new StructType(t.fields.map((f) => new StructField(f.name, asNullable(f.dataType), true, f.metadata)));
    case 'array':
      return new ArrayType(asNullable(t.elementType), true);
    case 'map':
      return new MapType(asNullable(t.keyType), asNullable(t.valueType), true);
    default:
      return t;
  }
}

/** The Spark schema of a Parquet file: Spark's own from the footer when present, else converted. */
export function sparkSchemaOf(md: FileMetaData, tree: SchemaTree): StructType {
  const kv = md.key_value_metadata?.find((k) => k.key === SPARK_SCHEMA_KEY);
  if (kv?.value) {
    try {
      const t = fromJson(JSON.parse(kv.value));
      if (t.kind === 'struct') return asNullable(t) as StructType;
    } catch {
      // A foreign or damaged value: fall back to the Parquet schema.
    }
  }
  return new StructType(tree.children.map((c) => new StructField(c.element.name, asNullable(typeOfNode(c)), true)));
}

/** The Spark type of a Parquet schema node. */
export function typeOfNode(node: SchemaTree): DataType {
  const e = node.element;
  if (node.children.length > 0) {
    if (isListLike(node)) {
      const rep = node.children[0]!;
      const el = rep.children.length === 1 ? rep.children[0]! : rep;
      return new ArrayType(typeOfNode(el), true);
    }
    if (isMapLike(node)) {
      const kv = node.children[0]!;
      return new MapType(typeOfNode(kv.children[0]!), typeOfNode(kv.children[1]!), true);
    }
    return new StructType(node.children.map((c) => new StructField(c.element.name, typeOfNode(c), true)));
  }
  const lt = e.logical_type;
  const ct = e.converted_type;
  if (ct === 'DECIMAL' || lt?.type === 'DECIMAL') return new DecimalType(e.precision ?? 10, e.scale ?? 0);
  switch (e.type) {
    case 'BOOLEAN':
      return new BooleanType();
    case 'INT32':
      if (ct === 'INT_8') return new ByteType();
      if (ct === 'INT_16') return new ShortType();
      if (ct === 'DATE' || lt?.type === 'DATE') return new DateType();
      return new IntegerType();
    case 'INT64':
      if (lt?.type === 'TIMESTAMP') return lt.isAdjustedToUTC ? new TimestampType() : new TimestampNTZType();
      if (ct === 'TIMESTAMP_MICROS' || ct === 'TIMESTAMP_MILLIS') return new TimestampType();
      return new LongType();
    case 'INT96':
      return new TimestampType();
    case 'FLOAT':
      return new FloatType();
    case 'DOUBLE':
      return new DoubleType();
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
      return ct === 'UTF8' || ct === 'ENUM' || ct === 'JSON' || lt?.type === 'STRING' || lt?.type === 'ENUM' || lt?.type === 'JSON' ? new StringType() : new BinaryType();
    default:
      return new BinaryType();
  }
}

/** Bytes of a FIXED_LEN_BYTE_ARRAY that hold any unscaled value of `precision` digits (Spark's `minBytesForPrecision`). */
export function minBytesForPrecision(precision: number): number {
  let bytes = 1;
  while (2n ** BigInt(8 * bytes - 1) < 10n ** BigInt(precision)) bytes++;
  return bytes;
}

/** The Parquet schema elements (flattened, depth first) of a Spark schema. */
export function parquetSchemaOf(schema: StructType): SchemaElement[] {
  const out: SchemaElement[] = [{ name: 'spark_schema', num_children: schema.fields.length }];
  for (const f of schema.fields) pushField(out, f.name, f.dataType, f.nullable);
  return out;
}

function pushField(out: SchemaElement[], name: string, t: DataType, nullable: boolean): void {
  const repetition_type = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (t.kind) {
    case 'struct':
      out.push({ name, repetition_type, num_children: t.fields.length });
      for (const f of t.fields) pushField(out, f.name, f.dataType, f.nullable);
      return;
    case 'array':
      out.push({ name, repetition_type, num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } });
      out.push({ name: 'list', repetition_type: 'REPEATED', num_children: 1 });
      pushField(out, 'element', t.elementType, t.containsNull);
      return;
    case 'map':
      out.push({ name, repetition_type, num_children: 1, converted_type: 'MAP', logical_type: { type: 'MAP' } });
      out.push({ name: 'key_value', repetition_type: 'REPEATED', num_children: 2 });
      pushField(out, 'key', t.keyType, false);
      pushField(out, 'value', t.valueType, t.valueContainsNull);
      return;
    default:
      out.push({ name, repetition_type, ...primitive(name, t) });
  }
}

function primitive(name: string, t: DataType): Omit<SchemaElement, 'name' | 'repetition_type'> {
  switch (t.kind) {
    case 'boolean':
      return { type: 'BOOLEAN' };
    // Only the converted type: hyparquet-writer 0.17 writes IntType.bitWidth as i32 where the
    // Parquet thrift says i8, which parquet-mr (Spark) rejects; INT_8 / INT_16 say the same.
    case 'byte':
      return { type: 'INT32', converted_type: 'INT_8' };
    case 'short':
      return { type: 'INT32', converted_type: 'INT_16' };
    case 'integer':
      return { type: 'INT32' };
    case 'long':
      return { type: 'INT64' };
    case 'float':
      return { type: 'FLOAT' };
    case 'double':
      return { type: 'DOUBLE' };
    case 'string':
      return { type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } };
    case 'binary':
      return { type: 'BYTE_ARRAY' };
    case 'date':
      return { type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } };
    case 'timestamp':
      return { type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } };
    case 'timestamp_ntz':
      return { type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' } };
    case 'decimal': {
      const dec = { converted_type: 'DECIMAL' as const, scale: t.scale, precision: t.precision, logical_type: { type: 'DECIMAL' as const, scale: t.scale, precision: t.precision } };
      if (t.precision <= 9) return { type: 'INT32', ...dec };
      if (t.precision <= 18) return { type: 'INT64', ...dec };
      return { type: 'FIXED_LEN_BYTE_ARRAY', type_length: minBytesForPrecision(t.precision), ...dec };
    }
    default:
      throw unsupportedType('Parquet', name, t);
  }
}
