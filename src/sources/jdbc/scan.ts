/**
 * `spark.read.format("jdbc")…load()`: the schema comes from the table's (or query's) column
 * types as Spark maps them, at `load()`; rows are read when an action runs, one query per
 * partition. With `partitionColumn`, `lowerBound`, `upperBound` and `numPartitions` the rows are
 * split by Spark's strides (`JDBCRelation.columnPartition`): the bounds only decide the stride,
 * every row is read.
 */
import { AnalysisException, SparkArgumentError } from '../../sql/errors.js';
import type { BatchReadRequest, BatchScan } from '../../sql/sources/contract.js';
import { type DataType, StructField, StructType } from '../../sql/types/data-types.js';
import { parseSchema } from '../../sql/types/ddl.js';
import type { DbColumn } from './connection.js';
import { ValueError } from './dialect.js';
import { jdbcError } from './errors.js';
import { type JdbcOptions, parseJdbcOptions } from './options.js';
import { acquire, release } from './pool.js';

/** The provider's `createBatchScan`. */
export function createJdbcScan(request: BatchReadRequest): BatchScan {
  if (request.userSchema !== undefined) {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: 'jdbc does not allow user-specified schemas. Use the "customSchema" option to change column types ("id DECIMAL(38, 0), name STRING").',
    });
  }
  return jdbcScan(parseJdbcOptions(request.options, 'read', request.paths[0]));
}

/** A scan of `o.table` or `o.query` (the options already checked). */
export function jdbcScan(o: JdbcOptions): BatchScan {
  const relation = o.table ?? `(${o.query ?? ''}) SPARK_GEN_SUBQ_0`;
  const shown = o.table ?? `(${o.query ?? ''})`;
  const conn = acquire(o);
  let columns: DbColumn[];
  try {
    columns = conn.describe(relation);
    release(conn, true);
  } catch (err) {
    release(conn, false);
    throw jdbcError(err, o.target, { kind: 'load', table: shown });
  }
  const dialect = conn.dialect;
  const schema = applyCustomSchema(new StructType(columns.map((c) => new StructField(c.name, dialect.readType(c, o.preferTimestampNTZ), c.nullable))), o.customSchema);
  const where = partitionClauses(o, schema, dialect.quoteIdentifier);
  const select = `SELECT ${schema.fields.map((f) => dialect.quoteIdentifier(f.name)).join(', ')} FROM ${relation}`;
  const converters = schema.fields.map((f) => dialect.fromDb(f.dataType));
  return {
    schema,
    numPartitions: where.length,
    describe: () => `JDBCRelation(${shown}) [numPartitions=${where.length}]`,
    readPartition(index, emit) {
      const clause = where[index];
      const c = acquire(o);
      let healthy = true;
      try {
        c.query(clause === '' || clause === undefined ? select : `${select} WHERE ${clause}`, (raw) => {
          const row = new Array<unknown>(raw.length);
          for (let i = 0; i < raw.length; i++) {
            const v = raw[i];
            try {
              row[i] = v === null || v === undefined ? null : (converters[i] as (v: unknown) => unknown)(v);
            } catch (err) {
              if (!(err instanceof ValueError)) throw err;
              const f = schema.fields[i];
              throw new SparkArgumentError('INVALID_ARGUMENT', {
                message:
                  `jdbc: column ${f?.name ?? i} of ${shown}: ${err.message}. ` +
                  `Read it with another type: .option("customSchema", "${f?.name ?? ''} STRING").`,
              });
            }
          }
          emit(row);
        });
      } catch (err) {
        healthy = err instanceof SparkArgumentError;
        throw jdbcError(err, o.target, { kind: 'load', table: shown });
      } finally {
        release(c, healthy);
      }
    },
  };
}

/** `customSchema` replaces the types of the columns it names (case-insensitive), as Spark's `JdbcUtils.getCustomSchema`. */
function applyCustomSchema(schema: StructType, custom: string | undefined): StructType {
  if (custom === undefined || custom.trim() === '') return schema;
  const user = parseSchema(custom);
  for (const f of user.fields) {
    if (!schema.fields.some((g) => g.name.toLowerCase() === f.name.toLowerCase())) {
      throw new AnalysisException('LEGACY_ANALYSIS', { message: `customSchema: column ${f.name} is not a column of the table (${schema.simpleString()})` });
    }
  }
  return new StructType(schema.fields.map((g) => {
    const f = user.fields.find((u) => u.name.toLowerCase() === g.name.toLowerCase());
    return f === undefined ? g : new StructField(g.name, f.dataType, g.nullable);
  }));
}

/** One WHERE clause per partition ('' for all rows), as Spark's `JDBCRelation.columnPartition`. */
function partitionClauses(o: JdbcOptions, schema: StructType, quote: (n: string) => string): string[] {
  const p = o.partitioning;
  if (p === undefined) return [''];
  const field = schema.fields.find((f) => f.name.toLowerCase() === p.column.toLowerCase());
  if (field === undefined) {
    throw new AnalysisException('LEGACY_ANALYSIS', {
      message: `User-defined partition column ${p.column} not found in the JDBC relation: ${schema.simpleString()}`,
    });
  }
  if (!isNumericKind(field.dataType)) throw new AnalysisException('_LEGACY_ERROR_TEMP_1287', { type: field.dataType.simpleString() });
  const { lower, upper } = p;
  const numPartitions = upper - lower >= p.numPartitions || upper - lower <= 0 ? p.numPartitions : upper - lower;
  if (numPartitions <= 1 || lower === upper) return [''];
  // Spark computes the stride this way (not (upper - lower) / n) to avoid overflow.
  const stride = Math.trunc(upper / numPartitions - lower / numPartitions);
  const col = quote(field.name);
  const clauses: string[] = [];
  let current = lower;
  for (let i = 0; i < numPartitions; i++) {
    const lo = i === 0 ? undefined : `${col} >= ${current}`;
    current += stride;
    const hi = i === numPartitions - 1 ? undefined : `${col} < ${current}`;
    if (lo === undefined) clauses.push(`${hi} or ${col} is null`);
    else if (hi === undefined) clauses.push(lo);
    else clauses.push(`${lo} AND ${hi}`);
  }
  return clauses;
}

function isNumericKind(t: DataType): boolean {
  return ['byte', 'short', 'integer', 'long', 'float', 'double', 'decimal'].includes(t.kind);
}
