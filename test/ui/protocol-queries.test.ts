import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, decodeServerMessage, encodeServerMessage, type ServerMessage } from '../../src/ui/protocol.js';
import type { QueryView, SqlExecutionView } from '../../src/ui/protocol-queries.js';

const query: QueryView = {
  id: 'a6c1b2f0-0000-4000-8000-000000000001',
  runId: 'b7d2c3e1-0000-4000-8000-000000000002',
  name: 'windowed',
  status: 'active',
  message: 'Waiting for data to arrive',
  startTime: 1_704_110_400_000,
  endTime: null,
  error: null,
  remote: false,
  lastProgress: '{\n  "batchId": 5\n}',
  plan: [
    { id: 0, name: 'StateStoreSave', detail: 'StateStoreSave [2 keys]', children: [1], rows: 3 },
    { id: 1, name: 'Scan csv', detail: 'FileStreamSource', children: [], rows: null },
  ],
  planBatchId: 5,
  result: { batchId: 5, outputMode: 'append', columns: ['window', 'word', 'count'], types: ['struct<start:timestamp,end:timestamp>', 'string', 'bigint'], rows: [['{2024-01-01 12:00:00, 2024-01-01 12:10:00}', 'dog', 2], [null, 'owl', 1]], totalRows: 2 },
};

const point = {
  batchId: 5,
  timestamp: 1_704_110_405_000,
  numInputRows: 0,
  inputRowsPerSecond: null,
  processedRowsPerSecond: 0,
  durationMs: { addBatch: 3, triggerExecution: 5 },
  watermark: 1_704_110_460_000,
  eventTimeMin: null,
  eventTimeMax: null,
  stateRows: 9,
  droppedByWatermark: 0,
  sinkRows: 3,
};

const windows = { batchId: 5, lateWatermarkMs: 1_704_110_040_000, evictionWatermarkMs: 1_704_110_460_000, emitsEvicted: true, windows: [{ start: 1_704_110_400_000, end: 1_704_111_000_000, open: 0, updated: 0, evicted: 3, dropped: 0 }] };

const execution: SqlExecutionView = { executionId: 0, description: 'show', submissionTime: 1_704_110_400_000, durationMs: 1.5, status: 'succeeded', error: null, plan: [{ id: 0, name: 'Range', detail: '(0, 3, step=1)', children: [], rows: 3 }] };

const messages: ServerMessage[] = [
  { v: PROTOCOL_VERSION, type: 'queries', now: 1, queries: [{ query, points: [point], windows: [windows] }], executions: [execution] },
  { v: PROTOCOL_VERSION, type: 'query', now: 2, query, point, windows },
  { v: PROTOCOL_VERSION, type: 'query', now: 3, query: { ...query, status: 'failed', error: 'boom', plan: null, result: null, remote: true }, point: null, windows: null },
  { v: PROTOCOL_VERSION, type: 'sqlExecution', now: 4, execution },
];

const refusal = (text: string): string => {
  const d = decodeServerMessage(text);
  return d.ok ? 'accepted' : d.error;
};

describe('the Structured Streaming and SQL messages (protocol 3)', () => {
  it.each(messages.map((m, i) => [`${m.type} #${i}`, m] as const))('round-trips %s', (_n, m) => {
    expect(decodeServerMessage(encodeServerMessage(m))).toEqual({ ok: true, message: m });
  });

  it('refuses a message of protocol 2 (a page from before the new tabs reloads)', () => {
    expect(refusal(JSON.stringify({ ...messages[3], v: 2 }))).toMatch(/protocol version 2.*reload/);
  });

  it('refuses a query status the protocol does not have', () => {
    expect(refusal(JSON.stringify({ ...messages[1], query: { ...query, status: 'paused' } }))).toMatch(/message\.query\.status must be one of/);
  });

  it('refuses a result cell that is neither text, number nor null', () => {
    const bad = { ...messages[1], query: { ...query, result: { ...query.result!, rows: [[{ html: '<script>' }]] } } };
    expect(refusal(JSON.stringify(bad))).toMatch(/message\.query\.result\.rows\[0\]\[0\] must be a finite number/);
  });

  it('refuses a duration key that is not an operation name', () => {
    const bad = { ...messages[1], point: { ...point, durationMs: { '<img src=x>': 1 } } };
    expect(refusal(JSON.stringify(bad))).toMatch(/durationMs keys must be operation names/);
  });

  it('refuses negative row counts on a plan node', () => {
    const bad = { ...messages[3], execution: { ...execution, plan: [{ ...execution.plan[0]!, rows: -1 }] } };
    expect(refusal(JSON.stringify(bad))).toMatch(/rows must be an integer >= 0/);
  });
});
