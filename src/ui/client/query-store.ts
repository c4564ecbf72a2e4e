/**
 * The Structured Streaming and SQL tabs' state, rebuilt from server messages. Pure (no DOM), so
 * it is tested in Node: `queries` replaces everything, `query` replaces one query's view and
 * appends its batch point and window batch (bounded as the server bounds them), `sqlExecution`
 * appends one action.
 */
import type { ServerMessage } from '../protocol.js';
import type { QueryPointView, QueryView, SqlExecutionView, WindowBatchView } from '../protocol-queries.js';

/** Batch points the page keeps per query (the server's bound). */
export const PAGE_MAX_POINTS = 100;
/** Window batches the page keeps per query (the server's bound). */
export const PAGE_MAX_WINDOW_BATCHES = 60;
/** SQL actions the page keeps (the server's bound). */
export const PAGE_MAX_EXECUTIONS = 200;
/** Queries the page keeps (the server's bound). */
export const PAGE_MAX_QUERIES = 20;

/** One query as the page holds it. */
export interface PageQuery {
  query: QueryView;
  points: QueryPointView[];
  windows: WindowBatchView[];
}

/** The tabs' state. */
export interface QueriesState {
  now: number;
  /** By run id, in the order they started. */
  queries: Map<string, PageQuery>;
  executions: SqlExecutionView[];
  /** Whether any `queries` message has arrived (a session is attached). */
  attached: boolean;
}

/** What a message touched. */
export interface QueryChanges {
  readonly queries: boolean;
  readonly executions: boolean;
}

/** The state before the first message. */
export function emptyQueriesState(): QueriesState {
  return { now: 0, queries: new Map(), executions: [], attached: false };
}

function bound<T>(xs: T[], max: number): void {
  if (xs.length > max) xs.splice(0, xs.length - max);
}

/** Applies one message in place. */
export function applyQueryMessage(state: QueriesState, m: ServerMessage): QueryChanges {
  switch (m.type) {
    case 'queries':
      state.now = m.now;
      state.attached = true;
      state.queries = new Map(m.queries.map((q) => [q.query.runId, { query: q.query, points: [...q.points], windows: [...q.windows] }]));
      state.executions = [...m.executions];
      return { queries: true, executions: true };
    case 'query': {
      state.now = m.now;
      let q = state.queries.get(m.query.runId);
      if (q === undefined) {
        q = { query: m.query, points: [], windows: [] };
        state.queries.set(m.query.runId, q);
        if (state.queries.size > PAGE_MAX_QUERIES) {
          const old = [...state.queries.values()].find((x) => x.query.status !== 'active') ?? [...state.queries.values()][0]!;
          state.queries.delete(old.query.runId);
        }
      }
      q.query = m.query;
      if (m.point !== null && q.points.at(-1)?.batchId !== m.point.batchId) q.points.push(m.point);
      if (m.windows !== null && q.windows.at(-1)?.batchId !== m.windows.batchId) q.windows.push(m.windows);
      bound(q.points, PAGE_MAX_POINTS);
      bound(q.windows, PAGE_MAX_WINDOW_BATCHES);
      return { queries: true, executions: false };
    }
    case 'sqlExecution':
      state.now = m.now;
      state.executions.push(m.execution);
      bound(state.executions, PAGE_MAX_EXECUTIONS);
      return { queries: false, executions: true };
    case 'clock':
      state.now = m.now;
      return { queries: true, executions: false };
    default:
      return { queries: false, executions: false };
  }
}
