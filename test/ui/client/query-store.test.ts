import { describe, expect, it } from 'vitest';
import { PAGE_MAX_POINTS, applyQueryMessage, emptyQueriesState } from '../../../src/ui/client/query-store.js';
import { PROTOCOL_VERSION, type QueryMessage } from '../../../src/ui/protocol.js';
import type { QueryPointView, QueryView } from '../../../src/ui/protocol-queries.js';

const view = (runId: string, status: QueryView['status'] = 'active'): QueryView => ({
  id: `id-${runId}`,
  runId,
  name: null,
  status,
  message: '',
  startTime: 0,
  endTime: null,
  error: null,
  remote: false,
  lastProgress: null,
  plan: null,
  planBatchId: null,
  result: null,
});
const point = (batchId: number): QueryPointView => ({
  batchId,
  timestamp: batchId * 1000,
  numInputRows: 1,
  inputRowsPerSecond: null,
  processedRowsPerSecond: null,
  durationMs: {},
  watermark: null,
  eventTimeMin: null,
  eventTimeMax: null,
  stateRows: null,
  droppedByWatermark: null,
  sinkRows: 1,
});
const msg = (runId: string, p: QueryPointView | null, status: QueryView['status'] = 'active'): QueryMessage => ({ v: PROTOCOL_VERSION, type: 'query', now: 5, query: view(runId, status), point: p, windows: null });

describe('the queries store', () => {
  it('appends a point per batch once, even when a message repeats, and bounds them', () => {
    const s = emptyQueriesState();
    applyQueryMessage(s, msg('r1', null));
    applyQueryMessage(s, msg('r1', point(0)));
    applyQueryMessage(s, msg('r1', point(0)));
    expect(s.queries.get('r1')!.points.map((p) => p.batchId)).toEqual([0]);
    for (let i = 1; i <= PAGE_MAX_POINTS + 3; i++) applyQueryMessage(s, msg('r1', point(i)));
    const pts = s.queries.get('r1')!.points;
    expect(pts.length).toBe(PAGE_MAX_POINTS);
    expect(pts.at(-1)!.batchId).toBe(PAGE_MAX_POINTS + 3);
  });

  it('replaces everything on a queries message and keeps SQL actions in order', () => {
    const s = emptyQueriesState();
    applyQueryMessage(s, msg('old', point(0)));
    applyQueryMessage(s, { v: PROTOCOL_VERSION, type: 'queries', now: 9, queries: [{ query: view('r2', 'finished'), points: [point(3)], windows: [] }], executions: [] });
    expect([...s.queries.keys()]).toEqual(['r2']);
    expect(s.attached).toBe(true);
    const exec = { executionId: 0, description: 'show', submissionTime: 1, durationMs: 2, status: 'succeeded' as const, error: null, plan: [] };
    applyQueryMessage(s, { v: PROTOCOL_VERSION, type: 'sqlExecution', now: 10, execution: exec });
    applyQueryMessage(s, { v: PROTOCOL_VERSION, type: 'sqlExecution', now: 11, execution: { ...exec, executionId: 1 } });
    expect(s.executions.map((e) => e.executionId)).toEqual([0, 1]);
  });
});
