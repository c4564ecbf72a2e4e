/**
 * `foreachBatch((df, batchId) => …)` and `foreach(…)` sinks. foreachBatch hands each micro-batch
 * (no-data batches too) to the function as a batch DataFrame and awaits a returned promise;
 * foreach calls a function per row, or an object's `open(partitionId, epochId)` (a false result
 * skips the partition: only `true` processes it), `process(row)` and `close(error)` per
 * partition, as pyspark's.
 */
import { SparkArgumentError } from '../../errors.js';
import type { DataFrame } from '../../api/dataframe.js';
import type { Row } from '../../row.js';
import type { RowPartitions, StreamSink } from '../../sources/contract.js';
import { rowExternalizer } from '../../types/convert.js';
import type { StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';

/** The function of `foreachBatch`. */
export type ForeachBatchFunction = (df: DataFrame, batchId: number) => unknown;

/** A writer object for `foreach`, as pyspark's ForeachWriter (open and close are optional). */
export interface ForeachWriter {
  open?(partitionId: number, epochId: number): boolean | void;
  process(row: Row): void;
  close?(error: unknown): void;
}

/** Checks the argument of `foreach`: a function or an object with a `process` method (pyspark's messages). */
export function checkForeachWriter(f: unknown): ForeachWriter {
  if (typeof f === 'function') return { process: f as (row: Row) => void };
  if (f !== null && typeof f === 'object') {
    const o = f as Record<string, unknown>;
    if (typeof o['process'] !== 'function') throw new SparkArgumentError('INVALID_ARGUMENT', { message: "Provided object does not have a 'process' method" });
    for (const m of ['open', 'close']) {
      if (o[m] !== undefined && typeof o[m] !== 'function') throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Attribute '${m}' in provided object is not callable` });
    }
    return f as ForeachWriter;
  }
  throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'Provided object is not callable' });
}

/** The foreachBatch sink: `toDataFrame` makes a batch DataFrame of a micro-batch's partitions. */
export class ForeachBatchSink implements StreamSink {
  constructor(
    private readonly fn: ForeachBatchFunction,
    private readonly toDataFrame: (schema: StructType, partitions: InternalRow[][]) => DataFrame,
  ) {}

  async addBatch(batchId: number, data: RowPartitions): Promise<void> {
    const parts: InternalRow[][] = [];
    for (let i = 0; i < data.numPartitions; i++) {
      const p: InternalRow[] = [];
      data.readPartition(i, (r) => p.push(r));
      parts.push(p);
    }
    await this.fn(this.toDataFrame(data.schema, parts), batchId);
  }

  describe(): string {
    return 'ForeachBatchSink';
  }
}

/** The foreach sink. */
export class ForeachSink implements StreamSink {
  constructor(private readonly writer: ForeachWriter) {}

  addBatch(batchId: number, data: RowPartitions): void {
    const toRow = rowExternalizer(data.schema);
    const w = this.writer;
    for (let p = 0; p < data.numPartitions; p++) {
      // As pyspark: only a true result of open() processes the partition (returning nothing skips it).
      const open = w.open === undefined ? true : Boolean(w.open(p, batchId));
      let error: unknown = null;
      try {
        if (open) data.readPartition(p, (r) => w.process(toRow(r)));
      } catch (e) {
        error = e;
      }
      w.close?.(error);
      if (error !== null) throw error;
    }
  }

  describe(): string {
    return 'ForeachWriterTable';
  }
}
