// Drives data-source providers through the contract (src/sql/sources/contract.ts) without the
// DataFrame layer: rows in partitions in, rows out of a scan's partitions.
import type { BatchReadRequest, BatchScan, BatchWriteRequest, RowPartitions, SaveMode, SourceSession } from '../../src/sql/sources/contract.js';
import { type OptionValue, SourceOptions } from '../../src/sql/sources/options.js';
import type { StructType } from '../../src/sql/types/data-types.js';
import type { InternalRow } from '../../src/sql/types/values.js';

/** `rows` split round-robin into `numPartitions` partitions, as a DataFrame hands them to a writer. */
export function partitionsOf(schema: StructType, rows: readonly InternalRow[], numPartitions = 2): RowPartitions & { reads: number } {
  const parts: InternalRow[][] = Array.from({ length: numPartitions }, () => []);
  rows.forEach((r, i) => parts[i % numPartitions]?.push(r));
  const data = {
    schema,
    numPartitions,
    reads: 0,
    readPartition(index: number, emit: (row: InternalRow) => void) {
      data.reads++;
      for (const r of parts[index] ?? []) emit(r);
    },
  };
  return data;
}

/** Every row of every partition of `scan`, in partition order. */
export function readAll(scan: RowPartitions): InternalRow[] {
  const out: InternalRow[] = [];
  for (let p = 0; p < scan.numPartitions; p++) scan.readPartition(p, (row) => out.push([...row]));
  return out;
}

/**
 * The session a request carries. The connectors read neither the SparkContext nor SQL confs, so
 * touching the context fails loudly instead of standing in for one.
 */
export const noSession: SourceSession = {
  get sparkContext(): never {
    throw new Error('the connectors under test do not use the SparkContext');
  },
  conf: () => undefined,
};

/** A `df.write.format(format).mode(mode).options(options).save(path)` request. */
export function writeRequest(format: string, mode: SaveMode, options: Record<string, OptionValue>, path?: string): BatchWriteRequest {
  return { format, mode, options: new SourceOptions(options), partitionBy: [], session: noSession, ...(path === undefined ? {} : { path }) };
}

/** A `spark.read.format(format).options(options).load(paths)` request. */
export function readRequest(format: string, options: Record<string, OptionValue>, paths: string[] = [], userSchema?: StructType): BatchReadRequest {
  return { format, paths, options: new SourceOptions(options), session: noSession, ...(userSchema === undefined ? {} : { userSchema }) };
}

/** The scan `provider` plans for a read request. */
export type ScanOf = (request: BatchReadRequest) => BatchScan;
