/**
 * The `memory` sink (Spark's MemorySink): the rows are kept in memory and queried as a temporary
 * view named after the query (`spark.sql("SELECT * FROM counts")`, `spark.table("counts")`):
 * append mode adds each batch's rows, complete mode replaces them with the latest result. A
 * batch already added (a re-run after a restart) is not added again.
 */
import type { LocalRelation } from '../../plan/relations.js';
import type { RowPartitions, StreamSink } from '../../sources/contract.js';
import type { StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import { allRows } from './console.js';

/** A memory sink and the live relation its view reads. */
export class MemorySink implements StreamSink {
  private readonly rows: InternalRow[] = [];
  private latestBatchId = -1;
  /** The view's plan: its one partition is this sink's row array, so the view always reads the latest rows. */
  readonly relation: LocalRelation;

  constructor(
    schema: StructType,
    private readonly complete: boolean,
  ) {
    this.relation = { kind: 'localRelation', schema, partitions: [this.rows] };
  }

  addBatch(batchId: number, data: RowPartitions): void {
    if (batchId <= this.latestBatchId) return;
    const rows = allRows(data);
    if (this.complete) this.rows.length = 0;
    for (const r of rows) this.rows.push(r);
    this.latestBatchId = batchId;
  }

  describe(): string {
    return 'MemorySink';
  }
}
