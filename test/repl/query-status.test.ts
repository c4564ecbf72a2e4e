/** `.status` and `.doctor` for Structured Streaming queries, as tables of facts. */
import { describe, expect, it } from 'vitest';
import { diagnose, formatDiagnosis } from '../../src/repl/doctor.js';
import type { QueryFacts, StreamFacts } from '../../src/repl/facts.js';
import { formatStatus } from '../../src/repl/status.js';
import type { StreamingQueryProgress } from '../../src/sql/streaming/progress.js';
import { at, baseFacts } from './facts-fixture.js';

const ID = '0f6e7c1a-0000-4000-8000-000000000001';

function progress(over: Partial<StreamingQueryProgress> = {}): StreamingQueryProgress {
  return {
    id: ID,
    runId: 'r1',
    name: null,
    timestamp: '2024-01-01T12:00:00.000Z',
    batchId: 2,
    numInputRows: 4,
    inputRowsPerSecond: 2,
    processedRowsPerSecond: 40.04,
    durationMs: { triggerExecution: 100 },
    eventTime: { watermark: '2024-01-01T11:58:00.000Z', max: '2024-01-01T12:08:00.000Z' },
    stateOperators: [{ numRowsTotal: 4 } as StreamingQueryProgress['stateOperators'][number]],
    sources: [{ description: 'FileStreamSource[file:/tmp/events]', startOffset: 0, endOffset: 1, latestOffset: null, numInputRows: 4 }],
    sink: { description: 'ConsoleTable', numOutputRows: 0 },
    ...over,
  };
}

function query(over: Partial<QueryFacts> = {}): QueryFacts {
  return {
    id: ID,
    runId: 'r1',
    name: null,
    active: true,
    status: { message: 'Waiting for data to arrive', isDataAvailable: false, isTriggerActive: false },
    lastProgress: progress(),
    batches: 3,
    inputRows: 6,
    outputRows: 0,
    lastBatchAt: at(10, 0, 4),
    startedAt: at(10, 0, 0),
    exception: undefined,
    settings: { outputMode: 'append', trigger: { kind: 'processingTime', intervalMs: 0 }, sink: 'console', watermarks: [{ eventTime: 'timestamp', delayMs: 600_000 }], aggregates: true },
    ...over,
  };
}

/** Queries only: the shell's ssc untouched. */
const facts = (queries: QueryFacts[], over: Partial<StreamFacts> = {}): StreamFacts => ({
  ...baseFacts,
  state: 'INITIALIZED',
  graph: [],
  sources: [],
  queries,
  queryNow: at(10, 0, 5),
  queriesPaused: false,
  ...over,
});

const ids = (f: StreamFacts): string[] => diagnose(f).map((x) => x.id);

describe('.status for queries', () => {
  it('lists each query: status, settings, last batch with rates, watermark and state, totals', () => {
    expect(formatStatus(facts([query()]))).toBe(
      [
        'queries:  1 active',
        `  [id = ${ID}]: Waiting for data to arrive`,
        '    append mode, console sink, default trigger, watermark on timestamp (delay 600 s)',
        '    last batch 2: 4 input row(s), 0 output row(s), 2 rows/s in, 40 rows/s processed, 100 ms, watermark 2024-01-01T11:58:00.000Z, 4 state row(s)',
        '    3 micro-batch(es), 6 input row(s) in all',
        '',
      ].join('\n'),
    );
  });

  it('names a query, says it failed, and shows the stream too when ssc is in use', () => {
    const text = formatStatus({ ...baseFacts, queries: [query({ name: 'wc', active: false, exception: 'boom\nat …', lastProgress: undefined, batches: 0 })] });
    expect(text).toContain('context:  ACTIVE');
    expect(text).toContain(`queries:  0 active, 1 ended\n  wc [id = ${ID}]: failed: boom\n`);
    expect(text).toContain('    no micro-batch yet');
  });
});

describe('.doctor for queries', () => {
  it('explains append mode waiting for the watermark to pass a window', () => {
    const f = facts([query()]);
    expect(ids(f)).toEqual(['query-waiting-for-watermark']);
    expect(formatDiagnosis(diagnose(f))).toContain('The watermark is 2024-01-01T11:58:00.000Z (the latest event time seen: timestamp minus 600 s); 4 window(s) wait in state.');
  });

  it('says when a query has read nothing yet, naming netcat for a socket', () => {
    const sources = [{ description: 'TextSocketV2[host: localhost, port: 9999]', startOffset: -1, endOffset: -1, latestOffset: -1, numInputRows: 0 }];
    const f = facts([query({ inputRows: 0, lastProgress: progress({ numInputRows: 0, sources }) })]);
    expect(ids(f)).toEqual(['query-no-data']);
    expect(diagnose(f)[0]!.advice).toContain('Type some lines into the netcat terminal');
  });

  it('counts down a long processingTime trigger', () => {
    const f = facts([query({ outputRows: 5, settings: { ...query().settings!, outputMode: 'update', trigger: { kind: 'processingTime', intervalMs: 30_000 } } })]);
    expect(ids(f)).toEqual(['query-long-trigger']);
    expect(diagnose(f)[0]!.advice).toContain('runs a micro-batch every 30 s (trigger processingTime); the next in about 25 s');
  });

  it('reports a paused clock, a failure, and a stopped query; nothing when all is well', () => {
    expect(ids(facts([query({ outputRows: 3 })], { queriesPaused: true }))).toEqual(['query-paused']);
    expect(ids(facts([query({ active: false, exception: '[STREAM_FAILED] Query … terminated with exception: x' })]))).toEqual(['query-failed']);
    expect(ids(facts([query({ active: false })]))).toEqual(['query-stopped']);
    expect(formatDiagnosis(diagnose(facts([query({ outputRows: 3 })])))).toContain('Nothing looks wrong');
    // A failure no longer matters once a query started after it runs.
    expect(ids(facts([query({ runId: 'r2', outputRows: 3, startedAt: at(10, 0, 3) }), query({ active: false, exception: 'x' })]))).toEqual([]);
  });
});
