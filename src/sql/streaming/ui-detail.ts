/**
 * What a streaming query keeps for the web UI besides its progress: the last micro-batch's plan
 * with rows per operator, what recent batches did to each event-time window (the watermark
 * timeline), and the last rows handed to the sink. Kept only while a UI watches the session
 * (`SparkSession.watchedByUi`), and bounded: a query's history never grows past
 * {@link UI_RETAINED_BATCHES} batches or its result past {@link UI_RESULT_ROWS} rows.
 */
import type { PlanNodeMetrics } from '../exec/plan-metrics.js';
import { cellText } from '../format/show.js';
import type { RowPartitions } from '../sources/contract.js';
import { isNumeric } from '../types/data-types.js';
import type { WindowTrace } from './operators/operator.js';

/** Batches of window history a query keeps for the UI. */
export const UI_RETAINED_BATCHES = 60;

/** Rows of the latest result a query keeps for the UI. */
export const UI_RESULT_ROWS = 100;

/** One batch's window records (one per windowed aggregation). */
export interface WindowBatch {
  readonly batchId: number;
  readonly traces: readonly WindowTrace[];
}

/** The rows the sink got from the last batch, as text cells (Spark's show() formatting), with numbers kept as numbers for charts. */
export interface ResultView {
  readonly batchId: number;
  readonly outputMode: string;
  readonly columns: readonly string[];
  /** Column types (`string`, `bigint`, `struct<start:timestamp,end:timestamp>` …). */
  readonly types: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
  /** All rows of the batch's result (more than `rows` when cut). */
  readonly totalRows: number;
}

/** A query's UI detail at one moment. */
export interface QueryUiDetail {
  readonly plan: readonly PlanNodeMetrics[] | null;
  readonly planBatchId: number | null;
  readonly windows: readonly WindowBatch[];
  readonly result: ResultView | null;
}

/** Collects a query's UI detail batch by batch. */
export class UiDetailRecorder {
  private plan: PlanNodeMetrics[] | null = null;
  private planBatchId: number | null = null;
  private readonly windows: WindowBatch[] = [];
  private result: ResultView | null = null;

  /** Records a finished batch. */
  record(batchId: number, plan: PlanNodeMetrics[] | null, traces: WindowTrace[], output: RowPartitions, outputMode: string, timeZone: string): void {
    if (plan !== null) {
      this.plan = plan;
      this.planBatchId = batchId;
    }
    if (traces.length > 0) {
      this.windows.push({ batchId, traces });
      while (this.windows.length > UI_RETAINED_BATCHES) this.windows.shift();
    }
    const fields = output.schema.fields;
    const rows: Array<Array<string | number | null>> = [];
    let total = 0;
    for (let i = 0; i < output.numPartitions; i++) {
      output.readPartition(i, (r) => {
        total++;
        if (rows.length >= UI_RESULT_ROWS) return;
        rows.push(
          fields.map((f, j) => {
            const v = r[j];
            if (v === null || v === undefined) return null;
            // Numbers stay numbers for the chart; timestamps (µs numbers inside) and the rest read as show() prints them.
            if (isNumeric(f.dataType) && typeof v === 'number' && Number.isFinite(v)) return v;
            if (isNumeric(f.dataType) && typeof v === 'bigint') return Number(v);
            return cellText(v, f.dataType, timeZone);
          }),
        );
      });
    }
    this.result = { batchId, outputMode, columns: fields.map((f) => f.name), types: fields.map((f) => f.dataType.simpleString()), rows, totalRows: total };
  }

  /** The detail as it stands (copies, so later batches do not change what was handed out). */
  snapshot(): QueryUiDetail {
    return {
      plan: this.plan === null ? null : this.plan.map((n) => ({ ...n, children: [...n.children] })),
      planBatchId: this.planBatchId,
      windows: [...this.windows],
      result: this.result,
    };
  }
}
