/**
 * The Spark Streaming guide's "design patterns for using foreachRDD", ready-made: a connection
 * pool per process (kept between batches), one connection per partition, and rows sent in
 * batched statements (COPY, multi-row INSERT, pipelines) — never a connection per record.
 *
 * @example
 * const counts = lines.flatMap((l) => l.split(" ")).map((w) => [w, 1]).updateStateByKey(…);
 * counts.foreachRDD(saveToJdbc({ url: "jdbc:sqlite:counts.db", dbtable: "counts", upsertKeys: "word" }, ["word", "count"]));
 * counts.foreachRDD(saveToRedis({ url: "redis://localhost:6379", table: "counts", "key.column": "word" }, ["word", "count"]));
 *
 * Records become rows by position: a pair `[word, count]` is the row (word, count), a pair whose
 * value is an array `[sensor, [sum, n]]` is (sensor, sum, n), an object gives the named
 * properties, anything else is a one-column row. Column types are those of the values (the
 * first non-null one of each column in the batch): string, integer → bigint, other number →
 * double, boolean, bigint, Date → timestamp, Uint8Array → binary.
 */
import { SparkArgumentError } from '../sql/errors.js';
import type { RowPartitions } from '../sql/sources/contract.js';
import { type OptionValue, SourceOptions } from '../sql/sources/options.js';
import { BinaryType, BooleanType, type DataType, DoubleType, LongType, StringType, StructField, StructType, TimestampType } from '../sql/types/data-types.js';
import { toLong } from '../sql/types/values.js';
import { parseJdbcOptions } from './jdbc/options.js';
import { saveTable } from './jdbc/write.js';
import { parseRedisOptions } from './redis/options.js';
import { saveRedis } from './redis/write.js';

/** What `foreachRDD` hands a function: the part of an RDD these writers use. */
export interface PartitionedRecords<T> {
  foreachPartition(f: (it: IterableIterator<T>) => void): void;
}

/** A `foreachRDD` function that writes each partition of each batch into a table through `jdbc` (see the file comment). */
export function saveToJdbc<T>(options: Readonly<Record<string, OptionValue>>, columns: readonly string[]): (rdd: PartitionedRecords<T>) => void {
  const o = parseJdbcOptions(new SourceOptions(options), 'write');
  checkColumns('saveToJdbc', columns);
  return (rdd) => writePartitions(rdd, columns, (data) => void saveTable(o, 'append', data));
}

/** A `foreachRDD` function that writes each partition of each batch as Redis hashes (spark-redis's layout; see the file comment). */
export function saveToRedis<T>(options: Readonly<Record<string, OptionValue>>, columns: readonly string[]): (rdd: PartitionedRecords<T>) => void {
  const o = parseRedisOptions(new SourceOptions(options), 'write', undefined, undefined);
  checkColumns('saveToRedis', columns);
  return (rdd) => writePartitions(rdd, columns, (data) => void saveRedis(o, 'append', data));
}

function checkColumns(where: string, columns: readonly string[]): void {
  if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string' && c !== '')) {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${where}: "columns" must name the record's columns, e.g. ["word", "count"]; got ${JSON.stringify(columns)}` });
  }
}

function writePartitions<T>(rdd: PartitionedRecords<T>, columns: readonly string[], write: (data: RowPartitions) => void): void {
  // The partitions of one batch share one schema: read them first, then type the columns.
  const parts: unknown[][][] = [];
  rdd.foreachPartition((it) => {
    const rows: unknown[][] = [];
    for (const record of it) rows.push(toRow(record, columns));
    parts.push(rows);
  });
  if (parts.every((p) => p.length === 0)) return;
  const types = columns.map((_, i) => typeOf(parts, i));
  const schema = new StructType(columns.map((c, i) => new StructField(c, types[i] ?? new StringType())));
  for (const rows of parts) {
    if (rows.length === 0) continue;
    const internal = rows.map((r) => r.map((v, i) => toInternal(v, types[i])));
    write({ schema, numPartitions: 1, readPartition: (_i, emit) => internal.forEach((r) => emit(r)) });
  }
}

function toRow(record: unknown, columns: readonly string[]): unknown[] {
  let row: unknown[];
  if (Array.isArray(record)) {
    row = record.length === 2 && Array.isArray(record[1]) && columns.length > 2 ? [record[0], ...(record[1] as unknown[])] : [...record];
  } else if (record !== null && typeof record === 'object' && !(record instanceof Date) && !(record instanceof Uint8Array)) {
    row = columns.map((c) => (record as Record<string, unknown>)[c]);
  } else row = [record];
  if (row.length !== columns.length) {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: `a record has ${row.length} values for ${columns.length} columns (${columns.join(', ')}): ${JSON.stringify(record, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`,
    });
  }
  return row.map((v) => (v === undefined ? null : v));
}

function typeOf(parts: readonly (readonly unknown[][])[], column: number): DataType {
  let numbers: 'long' | 'double' | undefined;
  for (const rows of parts) {
    for (const r of rows) {
      const v = r[column];
      if (v === null || v === undefined) continue;
      if (typeof v === 'number') {
        // A column of numbers is bigint unless one of them has a fraction.
        if (!Number.isInteger(v)) numbers = 'double';
        else numbers ??= 'long';
        continue;
      }
      if (numbers !== undefined) break;
      if (typeof v === 'string') return new StringType();
      if (typeof v === 'boolean') return new BooleanType();
      if (typeof v === 'bigint') return new LongType();
      if (v instanceof Date) return new TimestampType();
      if (v instanceof Uint8Array) return new BinaryType();
      return new StringType();
    }
  }
  if (numbers === 'double') return new DoubleType();
  if (numbers === 'long') return new LongType();
  return new StringType();
}

function toInternal(v: unknown, t: DataType | undefined): unknown {
  if (v === null || t === undefined) return null;
  switch (t.kind) {
    case 'long':
      return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v)) ? toLong(v) : v;
    case 'timestamp':
      return v instanceof Date ? v.getTime() * 1000 : v;
    case 'string':
      return typeof v === 'string' ? v : JSON.stringify(v);
    default:
      return v;
  }
}
