import { describe, expect, it } from 'vitest';
import { MAX_BATCHES, applyMessage, emptyState, finishedBatches } from '../../../src/ui/client/store.js';
import { PROTOCOL_VERSION, type BatchView, type ContextView, type SnapshotMessage } from '../../../src/ui/protocol.js';

const ctx = (id: number, state: ContextView['state'] = 'ACTIVE'): ContextView => ({
  id,
  state,
  master: 'local[*]',
  appName: 'tspark',
  batchMs: 1000,
  startTime: 0,
  stopTime: null,
  firstBatchTime: 1000,
  paused: false,
});

const batch = (t: number, status: BatchView['status'] = 'completed'): BatchView => ({
  batchTime: t,
  submissionTime: t,
  processingStartTime: status === 'queued' ? null : t,
  processingEndTime: status === 'completed' || status === 'failed' ? t + 3 : null,
  numRecords: 1,
  status,
  outputOpsSucceeded: status === 'completed' ? 1 : 0,
  outputOpsTotal: 1,
  outputOps: [],
  error: status === 'failed' ? 'pprint: boom' : null,
  streamRecords: {},
  streamCounts: {},
  partialCounts: [],
});

const snapshot = (id: number, batches: BatchView[]): SnapshotMessage => ({
  v: PROTOCOL_VERSION,
  type: 'snapshot',
  now: 10,
  context: ctx(id),
  graph: [],
  batches,
  sources: [],
  totals: { completedBatches: batches.length, totalRecords: batches.length },
  previous: null,
});

const totals = { completedBatches: 0, totalRecords: 0 };

describe('page state', () => {
  it('replaces everything on a snapshot and says all parts changed', () => {
    const s = emptyState();
    const changes = applyMessage(s, snapshot(1, [batch(2000), batch(1000)]));
    expect(changes.all).toBe(true);
    expect(s.batches.map((b) => b.batchTime)).toEqual([1000, 2000]);
    expect(s.context?.id).toBe(1);
  });

  it('updates a batch in place as it goes from queued to processing to completed', () => {
    const s = emptyState();
    applyMessage(s, snapshot(1, []));
    for (const status of ['queued', 'processing', 'completed'] as const) {
      applyMessage(s, { v: PROTOCOL_VERSION, type: 'batch', now: 1, batch: batch(1000, status), totals });
    }
    expect(s.batches.map((b) => [b.batchTime, b.status])).toEqual([[1000, 'completed']]);
  });

  it('keeps batches in time order even when one arrives late', () => {
    const s = emptyState();
    applyMessage(s, snapshot(1, [batch(1000), batch(3000)]));
    applyMessage(s, { v: PROTOCOL_VERSION, type: 'batch', now: 1, batch: batch(2000), totals });
    applyMessage(s, { v: PROTOCOL_VERSION, type: 'batch', now: 1, batch: batch(500), totals });
    expect(s.batches.map((b) => b.batchTime)).toEqual([500, 1000, 2000, 3000]);
  });

  it(`keeps at most ${MAX_BATCHES} batches, dropping the oldest`, () => {
    const s = emptyState();
    applyMessage(s, snapshot(1, []));
    for (let i = 1; i <= MAX_BATCHES + 5; i++) applyMessage(s, { v: PROTOCOL_VERSION, type: 'batch', now: i, batch: batch(i * 1000), totals });
    expect(s.batches).toHaveLength(MAX_BATCHES);
    expect(s.batches[0]?.batchTime).toBe(6000);
  });

  it('ignores a context message about a context that is no longer on screen', () => {
    const s = emptyState();
    applyMessage(s, snapshot(2, []));
    const changes = applyMessage(s, { v: PROTOCOL_VERSION, type: 'context', now: 5, context: ctx(1, 'STOPPED'), graph: [] });
    expect(changes.context).toBe(false);
    expect(s.context?.state).toBe('ACTIVE');
  });

  it('counts only completed and failed batches as finished', () => {
    const s = emptyState();
    applyMessage(s, snapshot(1, [batch(1000), batch(2000, 'failed'), batch(3000, 'processing'), batch(4000, 'queued')]));
    expect(finishedBatches(s).map((b) => b.batchTime)).toEqual([1000, 2000]);
  });
});
