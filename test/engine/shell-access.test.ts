import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCheckpoint } from '../../src/engine/checkpoint/checkpoint-file.js';
import { failInterruptedBatch, markPipeline, savedCheckpoint, undoPipeline } from '../../src/engine/shell-access.js';
import type { BatchInfo } from '../../src/index.js';
import { newContext } from '../support/run-batches.js';

describe('shell access: undoing what an entry added to a pipeline', () => {
  it('removes the streams, inputs and outputs added since the mark, and names them', () => {
    const { ssc } = newContext();
    ssc.queueStream([[1]]).pprint();
    const mark = markPipeline(ssc);
    ssc.socketTextStream('127.0.0.1', 9).flatMap((l) => l.split(' ')).pprint();
    expect(ssc.sources()).toHaveLength(2);
    expect(undoPipeline(ssc, mark)).toEqual(['socketTextStream', 'flatMap', 'pprint']);
    expect(ssc.sources()).toHaveLength(1);
    expect(ssc.graph().map((n) => n.name)).toEqual(['queueStream', 'pprint']);
    ssc.stop(true);
  });

  it('refuses once a stateful stream registered, or once the context started', () => {
    const { ssc } = newContext();
    ssc.checkpoint(mkdtempSync(join(tmpdir(), 'tspark-undo-')));
    const pairs = ssc.queueStream([[['a', 1] as [string, number]]]);
    const mark = markPipeline(ssc);
    pairs.updateStateByKey((vs: number[], s: number | undefined) => vs.reduce((a, b) => a + b, s ?? 0)).pprint();
    expect(undoPipeline(ssc, mark)).toBeUndefined();
    const started = markPipeline(ssc);
    ssc.start();
    expect(undoPipeline(ssc, started)).toBeUndefined();
    ssc.stop(true);
  });
});

describe('shell access: an interrupted batch', () => {
  it('marks the running output operation failed and reports the batch error once', async () => {
    const { ssc, err } = newContext();
    ssc.queueStream([[1]]).pprint();
    ssc.start();
    const batch: BatchInfo = {
      batchTime: 5000,
      submissionTime: 5000,
      numRecords: 0,
      streamRecords: {},
      outputOps: [{ id: 1, name: 'pprint', status: 'running' }],
      streamCounts: {},
    };
    const error = new Error('Ctrl-C stopped code that never returned');
    error.name = 'Interrupted';
    expect(failInterruptedBatch(ssc, batch, error)).toBe(5000);
    expect(batch.outputOps[0]).toMatchObject({ status: 'failed', error: 'Interrupted: Ctrl-C stopped code that never returned' });
    expect(err.join('')).toContain('(pprint)');
    await expect(ssc.awaitTerminationOrTimeout(0)).rejects.toMatchObject({ code: 'ERR_BATCH_FAILED', cause: error });
    ssc.stop(true);
  });

  it('without a running batch, fails the next one, "as records arrived"', () => {
    const { ssc, err } = newContext();
    ssc.queueStream([[1]]).pprint();
    ssc.start();
    expect(failInterruptedBatch(ssc, undefined, new Error('stuck'))).toBe(ssc.nextBatchTime);
    expect(err.join('')).toContain('(as records arrived)');
    ssc.stop(true);
  });
});

describe('shell access: the saved checkpoint', () => {
  it('is the data written, or undefined when there is none or it is damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-peek-'));
    expect(savedCheckpoint(dir)).toBeUndefined();
    writeCheckpoint(dir, { batchMs: 1000, time: 3000, streams: [['0:updateStateByKey', [['a', 1]]]], inputs: [] });
    expect(savedCheckpoint(dir)).toMatchObject({ batchMs: 1000, time: 3000 });
    writeFileSync(join(dir, 'tspark-checkpoint'), 'not a checkpoint\n');
    expect(savedCheckpoint(dir)).toBeUndefined();
  });
});
