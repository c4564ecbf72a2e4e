/**
 * The wire shapes of the Structured Streaming and SQL tabs (protocol version 3): a streaming
 * query's row and its per-batch points (taken from the same progress objects `lastProgress`
 * returns), its plan with rows per operator, its window record for the watermark timeline, its
 * latest result, and executed DataFrame/SQL actions. protocol.ts puts them in messages.
 */
import type { ResultView } from '../sql/streaming/ui-detail.js';
import { type Check, Refusal, arrayOf, bool, count, literal, nullable, num, object, plainObject, str } from './protocol-check.js';

/** The rows the sink got from the last batch (cut to 100), as the query keeps them for the UI. */
export type { ResultView };

/** One operator of a plan graph with the rows it emitted (null: not counted). */
export interface PlanNodeView {
  readonly id: number;
  readonly name: string;
  readonly detail: string;
  readonly children: readonly number[];
  readonly rows: number | null;
}

/** One micro-batch of a query, as its progress reported it; times in ms since the epoch. */
export interface QueryPointView {
  readonly batchId: number;
  readonly timestamp: number;
  readonly numInputRows: number;
  readonly inputRowsPerSecond: number | null;
  readonly processedRowsPerSecond: number | null;
  /** `durationMs` of the progress: addBatch, getBatch, latestOffset, queryPlanning, walCommit, triggerExecution … */
  readonly durationMs: Readonly<Record<string, number>>;
  /** `eventTime.watermark`, `.min`, `.max` (ms), null where the progress has none. */
  readonly watermark: number | null;
  readonly eventTimeMin: number | null;
  readonly eventTimeMax: number | null;
  /** Sum of `stateOperators[].numRowsTotal`, `numRowsDroppedByWatermark`; null without state. */
  readonly stateRows: number | null;
  readonly droppedByWatermark: number | null;
  readonly sinkRows: number;
}

/** What one batch did to one event-time window (ms; counts are keys). */
export interface WindowEntryView {
  readonly start: number;
  readonly end: number;
  readonly open: number;
  readonly updated: number;
  readonly evicted: number;
  readonly dropped: number;
}

/** One batch's window record of a windowed aggregation with a watermark. */
export interface WindowBatchView {
  readonly batchId: number;
  readonly lateWatermarkMs: number;
  readonly evictionWatermarkMs: number;
  readonly emitsEvicted: boolean;
  readonly windows: readonly WindowEntryView[];
}

/** Where a query is in its life. */
export type QueryStatus = 'active' | 'finished' | 'failed';

/** A query's row in the list and its detail header (what changes as a whole). */
export interface QueryView {
  readonly id: string;
  readonly runId: string;
  readonly name: string | null;
  readonly status: QueryStatus;
  /** The query's status message (`Waiting for data to arrive` …). */
  readonly message: string;
  readonly startTime: number;
  readonly endTime: number | null;
  readonly error: string | null;
  /** True for a query on a Spark Connect server (no plan, windows or result: only progress). */
  readonly remote: boolean;
  /** The last progress as Spark's JSON text, or null before the first batch. */
  readonly lastProgress: string | null;
  readonly plan: readonly PlanNodeView[] | null;
  readonly planBatchId: number | null;
  readonly result: ResultView | null;
}

/** A query with its retained points and window batches (oldest first). */
export interface QueryState {
  readonly query: QueryView;
  readonly points: readonly QueryPointView[];
  readonly windows: readonly WindowBatchView[];
}

/** One executed DataFrame / SQL action. */
export interface SqlExecutionView {
  readonly executionId: number;
  readonly description: string;
  readonly submissionTime: number;
  readonly durationMs: number;
  readonly status: 'succeeded' | 'failed';
  readonly error: string | null;
  readonly plan: readonly PlanNodeView[];
}

const cell: Check<string | number | null> = (v, path) => {
  if (v === null || typeof v === 'string') return v;
  return num(v, path);
};

/** A record of named durations (ms). */
const durations: Check<Record<string, number>> = (v, path) => {
  const o = plainObject(v, path);
  const out: Record<string, number> = {};
  for (const [k, value] of Object.entries(o)) {
    if (!/^[A-Za-z][A-Za-z0-9_]{0,40}$/.test(k)) throw new Refusal(`${path} keys must be operation names; got ${JSON.stringify(k)}`);
    out[k] = num(value, `${path}.${k}`);
  }
  return out;
};

/** Checks a plan node. */
export const planNodeView = object<PlanNodeView>({ id: count, name: str, detail: str, children: arrayOf(count), rows: nullable(count) });

/** Checks a batch point. */
export const queryPointView = object<QueryPointView>({
  batchId: count,
  timestamp: num,
  numInputRows: count,
  inputRowsPerSecond: nullable(num),
  processedRowsPerSecond: nullable(num),
  durationMs: durations,
  watermark: nullable(num),
  eventTimeMin: nullable(num),
  eventTimeMax: nullable(num),
  stateRows: nullable(num),
  droppedByWatermark: nullable(num),
  sinkRows: num,
});

/** Checks a window batch. */
export const windowBatchView = object<WindowBatchView>({
  batchId: count,
  lateWatermarkMs: num,
  evictionWatermarkMs: num,
  emitsEvicted: bool,
  windows: arrayOf(object<WindowEntryView>({ start: num, end: num, open: count, updated: count, evicted: count, dropped: count })),
});

const resultView = object<ResultView>({
  batchId: count,
  outputMode: str,
  columns: arrayOf(str),
  types: arrayOf(str),
  rows: arrayOf(arrayOf(cell)),
  totalRows: count,
});

/** Checks a query view. */
export const queryView = object<QueryView>({
  id: str,
  runId: str,
  name: nullable(str),
  status: literal('active', 'finished', 'failed'),
  message: str,
  startTime: num,
  endTime: nullable(num),
  error: nullable(str),
  remote: bool,
  lastProgress: nullable(str),
  plan: nullable(arrayOf(planNodeView)),
  planBatchId: nullable(count),
  result: nullable(resultView),
});

/** Checks a query with its history. */
export const queryState = object<QueryState>({ query: queryView, points: arrayOf(queryPointView), windows: arrayOf(windowBatchView) });

/** Checks an SQL execution. */
export const sqlExecutionView = object<SqlExecutionView>({
  executionId: count,
  description: str,
  submissionTime: num,
  durationMs: num,
  status: literal('succeeded', 'failed'),
  error: nullable(str),
  plan: arrayOf(planNodeView),
});
