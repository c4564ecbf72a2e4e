import { describe, expect, it } from 'vitest';
import { diagnose, formatDiagnosis } from '../../src/repl/doctor.js';
import type { StreamFacts } from '../../src/repl/facts.js';
import { baseFacts, batch } from './facts-fixture.js';

const ids = (f: StreamFacts): string[] => diagnose(f).map((x) => x.id);

describe('.doctor', () => {
  it('finds nothing wrong with a connected, running, timely stream', () => {
    const t = baseFacts.now - 1000;
    expect(ids({ ...baseFacts, recentBatches: [batch(t, t, t + 10)] })).toEqual([]);
    expect(formatDiagnosis([])).toContain('Nothing looks wrong');
  });

  it.each<[string, Partial<StreamFacts>, string]>([
    ['no output operation', { graph: [{ id: 0, name: 'socketTextStream', parents: [], kind: 'input' }] }, 'no-output'],
    ['no input stream', { graph: [], sources: [] }, 'no-sources'],
    ['a context not started', { state: 'INITIALIZED' }, 'not-started'],
    ['a stopped context', { state: 'STOPPED' }, 'stopped'],
    ['a socket not connected', { sources: [{ id: 0, name: 'socketTextStream localhost:9999', state: 'retrying', recordsReceived: 0, lastError: 'ECONNREFUSED' }] }, 'source-not-connected'],
    [
      'state without a checkpoint directory',
      { graph: [...baseFacts.graph, { id: 3, name: 'updateStateByKey', parents: [1], kind: 'transform' }] },
      'checkpoint-missing',
    ],
    ['batches slower than the interval', { recentBatches: [batch(0, 0, 2500)] }, 'slow-batches'],
    ['a window that has not filled', { graph: [...baseFacts.graph, { id: 4, name: 'reduceByKeyAndWindow', parents: [1], kind: 'transform', windowMs: 30_000, slideMs: 10_000 }] }, 'window-filling'],
    ['a paused clock', { paused: true }, 'paused'],
    ['a failed batch', { lastError: { batchTime: 0, message: 'Error: bad' } }, 'batch-errors'],
    ['a remote shell with no query (not the unused local ssc)', { state: 'INITIALIZED', graph: [], sources: [], recentBatches: [], remote: 'spark.example:15002' }, 'remote-no-query'],
  ])('explains %s', (_what, change, id) => {
    expect(ids({ ...baseFacts, ...change })).toContain(id);
  });

  it('tells the user what to run when the socket is not connected', () => {
    const f = diagnose({ ...baseFacts, sources: [{ id: 0, name: 'socketTextStream localhost:9999', state: 'retrying', recordsReceived: 0 }] });
    expect(formatDiagnosis(f)).toContain('npx tspark nc -lk');
  });

  it('explains a Kafka stream that reads nothing because its offsets start at latest', () => {
    const kafka = { id: 0, name: 'kafka words @ localhost:9092', state: 'connected' as const, recordsReceived: 0, startingOffsets: 'latest' as const, partitions: [{ topic: 'words', partition: 0, offset: 42, latest: 42 }] };
    const t = baseFacts.now - 1000;
    const f = diagnose({ ...baseFacts, sources: [kafka], recentBatches: [batch(t, t, t + 10)] });
    expect(f.map((x) => x.id)).toEqual(['kafka-latest']);
    expect(formatDiagnosis(f)).toContain('{"auto.offset.reset": "smallest"}');
    // From the earliest offsets, or once records arrive, there is nothing to explain.
    expect(ids({ ...baseFacts, sources: [{ ...kafka, startingOffsets: 'earliest' }], recentBatches: [batch(t, t, t + 10)] })).toEqual([]);
    expect(ids({ ...baseFacts, sources: [{ ...kafka, recordsReceived: 3 }], recentBatches: [batch(t, t, t + 10)] })).toEqual([]);
  });

  it('does not ask for a checkpoint directory once one is set', () => {
    const graph = [...baseFacts.graph, { id: 3, name: 'updateStateByKey', parents: [1], kind: 'transform' as const }];
    expect(ids({ ...baseFacts, graph, checkpointDir: '/tmp/cp' })).not.toContain('checkpoint-missing');
  });
});
