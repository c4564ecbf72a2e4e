/**
 * `spark.createDataFrame(data, schema)` as pyspark: rows as arrays (tuples), `Row`s, plain
 * objects (dicts) or single values with an atomic schema; the schema inferred (pyspark's
 * rules, types.infer.ts), given as column names, as DDL text, as a StructType or as an atomic
 * type (one column `value`); values checked against a given schema (verifySchema).
 */
import { RDD } from '../engine.js';
import { SparkArgumentError } from '../errors.js';
import type { LogicalPlan } from '../plan/relations.js';
import { Row } from '../row.js';
import { type DataType, StructField, StructType } from '../types/data-types.js';
import { parseSchema } from '../types/ddl.js';
import { internalizer, structInternalizer } from '../types/convert.js';
import { inferRowSchema, inferSchemaFromRows, mergeTypes, hasNullType } from '../types/infer.js';
import type { InternalRow } from '../types/values.js';

/** What `createDataFrame` accepts as a schema. */
export type SchemaLike = StructType | DataType | string | readonly string[];

function slices<T>(data: readonly T[], n: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < n; i++) out.push(data.slice(Math.floor((i * data.length) / n), Math.floor(((i + 1) * data.length) / n)));
  return out;
}

/** Converts inferred rows leniently: a column merged to string takes other values' text, as pyspark does. */
function inferredConverter(schema: StructType): (v: unknown) => InternalRow {
  const strict = structInternalizer(schema);
  const stringCols = schema.fields.map((f) => f.dataType.kind === 'string');
  if (!stringCols.some(Boolean)) return (v) => strict(v) as InternalRow;
  const names = schema.fields.map((f) => f.name);
  return (v) => {
    let values: unknown[];
    if (v instanceof Row) values = v.__fields__.length > 0 ? names.map((n) => v[n]) : [...v];
    else if (Array.isArray(v)) values = v;
    else values = names.map((n) => (v as Record<string, unknown>)[n]);
    return strict(values.map((x, i) => (stringCols[i] && x !== null && x !== undefined && typeof x !== 'string' ? String(x) : x))) as InternalRow;
  };
}

function withNames(schema: StructType, names: readonly string[]): StructType {
  return new StructType(schema.fields.map((f, i) => new StructField(names[i] ?? f.name, f.dataType, f.nullable, f.metadata)));
}

function resolveSchema(schema: SchemaLike): { struct: StructType; atomic: boolean } {
  if (typeof schema === 'string') {
    const s = parseSchema(schema);
    const atomic = s.fields.length === 1 && s.fields[0]!.name === 'value' && !/^\s*value[\s:]/i.test(schema) && !/^\s*struct\s*</i.test(schema);
    return { struct: s, atomic };
  }
  if (schema instanceof StructType) return { struct: schema, atomic: false };
  return { struct: new StructType([new StructField('value', schema as DataType, true)]), atomic: true };
}

/** The plan of `createDataFrame(data, schema)`; `parallelism` is the number of partitions for local data. */
export function createDataFramePlan(data: unknown, schema: SchemaLike | undefined, parallelism: number, samplingRatio?: number, verifySchema = true): LogicalPlan {
  void verifySchema;
  if (data instanceof RDD) return fromRDD(data as RDD<unknown>, schema, samplingRatio);
  if (data === null || data === undefined || typeof (data as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof data === 'string') {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: `createDataFrame: "data" must be an array of rows or an RDD; got ${typeof data}` });
  }
  const rows = Array.from(data as Iterable<unknown>);
  let struct: StructType;
  let convert: (v: unknown) => InternalRow;
  if (schema === undefined || Array.isArray(schema)) {
    struct = inferSchemaFromRows(rows);
    if (Array.isArray(schema)) struct = withNames(struct, schema as readonly string[]);
    convert = inferredConverter(struct);
  } else {
    const r = resolveSchema(schema as SchemaLike);
    struct = r.struct;
    if (r.atomic) {
      const one = internalizer(struct.fields[0]!.dataType);
      convert = (v) => [v === null || v === undefined ? null : one(v)];
    } else convert = structInternalizer(struct) as (v: unknown) => InternalRow;
  }
  const internal = rows.map(convert);
  return { kind: 'localRelation', schema: struct, partitions: slices(internal, Math.max(1, parallelism)) };
}

function fromRDD(rdd: RDD<unknown>, schema: SchemaLike | undefined, samplingRatio?: number): LogicalPlan {
  let struct: StructType;
  let convert: (v: unknown) => InternalRow;
  if (schema === undefined || Array.isArray(schema)) {
    // pyspark infers from the first row (or a sample when samplingRatio is given).
    // The engine's RDD has no sample(): take a prefix proportional to the ratio instead.
    const sample = samplingRatio === undefined ? rdd.take(1) : rdd.take(Math.max(1, Math.ceil(rdd.count() * samplingRatio)));
    if (sample.length === 0) throw new SparkArgumentError('CANNOT_INFER_EMPTY_SCHEMA');
    struct = sample.map(inferRowSchema).reduce((a: StructType, b: StructType) => mergeTypes(a, b) as StructType);
    if (hasNullType(struct)) throw new SparkArgumentError('CANNOT_DETERMINE_TYPE');
    if (Array.isArray(schema)) struct = withNames(struct, schema as readonly string[]);
    convert = inferredConverter(struct);
  } else {
    const r = resolveSchema(schema as SchemaLike);
    struct = r.struct;
    if (r.atomic) {
      const one = internalizer(struct.fields[0]!.dataType);
      convert = (v) => [v === null || v === undefined ? null : one(v)];
    } else convert = structInternalizer(struct) as (v: unknown) => InternalRow;
  }
  return { kind: 'rddRelation', schema: struct, rdd: rdd.map(convert) };
}
