/** Test fixture: a healthy running stream as `.status` and `.doctor` see it, and batch records. */
import type { BatchInfo } from '../../src/engine/events.js';
import type { StreamFacts } from '../../src/repl/facts.js';

/** A local time on 2026-01-01. */
export const at = (h: number, m: number, s: number): number => new Date(2026, 0, 1, h, m, s).getTime();

/** A running stream with a connected socket and a pprint. */
export const baseFacts: StreamFacts = {
  state: 'ACTIVE',
  batchMs: 1000,
  master: 'local[2]',
  graph: [
    { id: 0, name: 'socketTextStream', parents: [], kind: 'input' },
    { id: 1, name: 'flatMap', parents: [0], kind: 'transform' },
    { id: 2, name: 'pprint', parents: [1], kind: 'output' },
  ],
  sources: [{ id: 0, name: 'socketTextStream localhost:9999', state: 'connected', recordsReceived: 12 }],
  recentBatches: [],
  startedAt: at(10, 0, 0),
  now: at(10, 0, 5),
  checkpointDir: undefined,
  paused: false,
  lastError: undefined,
};

/** A completed batch with the given times. */
export function batch(time: number, start: number, end: number, records = 3): BatchInfo {
  return { batchTime: time, submissionTime: time, processingStartTime: start, processingEndTime: end, numRecords: records, streamRecords: {}, outputOps: [], streamCounts: {} };
}

