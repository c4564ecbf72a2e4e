/**
 * The public face of Spark's types: each class callable as pyspark writes it (`StringType()`,
 * `StructField("word", StringType(), true)`) or with `new`. Inside `src/sql` import the classes
 * from `data-types.ts` directly.
 */
import { type Callable, callable } from './callable.js';
import * as T from './data-types.js';

export type { DataType, DataTypeKind } from './data-types.js';
export { isNumeric, isIntegral, isComplex, sameType } from './data-types.js';
export { parseDataType, parseSchema, toDDL, fromJson } from './ddl.js';
export { Decimal } from './values.js';
export type { InternalRow, Interval, LongValue } from './values.js';

/** NULL's type (`void`). */
export const NullType: Callable<typeof T.NullType> = callable(T.NullType);
export type NullType = T.NullType;
/** `string`. */
export const StringType: Callable<typeof T.StringType> = callable(T.StringType);
export type StringType = T.StringType;
/** `binary`. */
export const BinaryType: Callable<typeof T.BinaryType> = callable(T.BinaryType);
export type BinaryType = T.BinaryType;
/** `boolean`. */
export const BooleanType: Callable<typeof T.BooleanType> = callable(T.BooleanType);
export type BooleanType = T.BooleanType;
/** `tinyint`. */
export const ByteType: Callable<typeof T.ByteType> = callable(T.ByteType);
export type ByteType = T.ByteType;
/** `smallint`. */
export const ShortType: Callable<typeof T.ShortType> = callable(T.ShortType);
export type ShortType = T.ShortType;
/** `int`. */
export const IntegerType: Callable<typeof T.IntegerType> = callable(T.IntegerType);
export type IntegerType = T.IntegerType;
/** `bigint`. */
export const LongType: Callable<typeof T.LongType> = callable(T.LongType);
export type LongType = T.LongType;
/** `float`. */
export const FloatType: Callable<typeof T.FloatType> = callable(T.FloatType);
export type FloatType = T.FloatType;
/** `double`. */
export const DoubleType: Callable<typeof T.DoubleType> = callable(T.DoubleType);
export type DoubleType = T.DoubleType;
/** `decimal(p,s)`. */
export const DecimalType: Callable<typeof T.DecimalType> = callable(T.DecimalType);
export type DecimalType = T.DecimalType;
/** `date`. */
export const DateType: Callable<typeof T.DateType> = callable(T.DateType);
export type DateType = T.DateType;
/** `timestamp`. */
export const TimestampType: Callable<typeof T.TimestampType> = callable(T.TimestampType);
export type TimestampType = T.TimestampType;
/** `timestamp_ntz`. */
export const TimestampNTZType: Callable<typeof T.TimestampNTZType> = callable(T.TimestampNTZType);
export type TimestampNTZType = T.TimestampNTZType;
/** `interval`. */
export const CalendarIntervalType: Callable<typeof T.CalendarIntervalType> = callable(T.CalendarIntervalType);
export type CalendarIntervalType = T.CalendarIntervalType;
/** `array<…>`. */
export const ArrayType: Callable<typeof T.ArrayType> = callable(T.ArrayType);
export type ArrayType = T.ArrayType;
/** `map<…,…>`. */
export const MapType: Callable<typeof T.MapType> = callable(T.MapType);
export type MapType = T.MapType;
/** One field of a struct. */
export const StructField: Callable<typeof T.StructField> = callable(T.StructField);
export type StructField = T.StructField;
/** `struct<…>`: a schema. */
export const StructType: Callable<typeof T.StructType> = callable(T.StructType);
export type StructType = T.StructType;
