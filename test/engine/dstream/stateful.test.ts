/**
 * The stateful-operator primitive: what every window and state operator gets from it — the
 * checkpoint registry told of each attempt (so a failed batch is reported once), state advanced
 * after batches no output read, and saved state of the wrong shape refused naming the file.
 */
import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../../../src/index.js';
import { nodeOf, wrap } from '../../../src/engine/dstream/dstream.js';
import { statefulStream, unexpectedShape } from '../../../src/engine/dstream/stateful.js';
import { newContext } from '../../support/run-batches.js';
import { tempDir } from '../../support/window-run.js';

describe('statefulStream', () => {
  it('reports a batch that failed while computing once, not again after the batch', async () => {
    const { ssc, clock, err } = newContext();
    ssc.checkpoint(tempDir());
    const input = nodeOf(ssc.queueStream([[1], [2], [3]]));
    const stream = statefulStream<number>(input.runtime, {
      name: 'failsOnTwo',
      parents: [input],
      compute: (time) => {
        const rdd = input.getOrCompute(time);
        if (rdd?.collect().includes(2)) throw new Error('two is bad');
        return rdd;
      },
      snapshot: () => null,
      restore: () => undefined,
    });
    wrap(stream, ssc).foreachRDD(() => undefined);
    ssc.start();
    await clock.advance(3000);
    ssc.stop(false);
    expect(err.filter((l) => l.includes('two is bad'))).toHaveLength(1);
  });

  it('advances the state after every batch, also when no output read the stream', async () => {
    const { ssc, clock } = newContext();
    const input = nodeOf(ssc.queueStream([[1], [2], [3]]));
    const seen: number[] = [];
    statefulStream<number>(input.runtime, {
      name: 'running',
      parents: [input],
      compute: (time) => {
        seen.push(time);
        return input.getOrCompute(time);
      },
      snapshot: () => seen.length,
      restore: () => undefined,
    });
    // The only output reads the input, not the stateful stream.
    wrap(input, ssc).foreachRDD(() => undefined);
    ssc.start();
    await clock.advance(3000);
    ssc.stop(false);
    expect(seen).toEqual([1000, 2000, 3000]);
  });

  it('names the file when saved state does not fit', () => {
    const e = unexpectedShape('/cp/tspark-checkpoint', 'updateStateByKey state');
    expect(e).toBeInstanceOf(CheckpointError);
    expect(e).toMatchObject({ code: 'ERR_CHECKPOINT_INVALID', file: '/cp/tspark-checkpoint' });
    expect(e.message).toBe('Checkpoint /cp/tspark-checkpoint: the saved updateStateByKey state has an unexpected shape');
  });
});
