/**
 * mapWithState and StateSpec, as Spark has them for Scala/Java: the mapped records per batch,
 * stateSnapshots(), timeouts with one last isTimingOut() call, initial state, State's rules.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, type MappingFunction, SparkContext, type State, StateSpec, StreamingContext } from '../../../src/index.js';
import { runPerBatch, tempDir } from '../../support/window-run.js';

/** A running word count that returns `[word, total]` for every record. */
const runningCount: MappingFunction<string, number, number, [string, number]> = (word, one, state) => {
  const total = (state.getOption() ?? 0) + (one ?? 0);
  state.update(total);
  return [word, total];
};

describe('mapWithState', () => {
  it('emits one mapped record per input record, with the state so far', async () => {
    const input = [[['a', 1], ['b', 1], ['a', 1]], [['a', 1]], []] as Array<Array<[string, number]>>;
    const got = await runPerBatch(input, (s) => s.mapWithState(StateSpec.function(runningCount)), 3);
    expect(got).toEqual([[['a', 1], ['b', 1], ['a', 2]], [['a', 3]], []]);
  });

  it('stateSnapshots() gives every [key, state] after each batch', async () => {
    const input = [[['a', 1], ['b', 1]], [['a', 1]], []] as Array<Array<[string, number]>>;
    const got = await runPerBatch(input, (s) => s.mapWithState(StateSpec.function(runningCount)).stateSnapshots(), 3, { sort: true });
    expect(got).toEqual([[['a', 1], ['b', 1]], [['a', 2], ['b', 1]], [['a', 2], ['b', 1]]]);
  });

  it('starts from initialState', async () => {
    const input = [[['a', 1]]] as Array<Array<[string, number]>>;
    const spec = StateSpec.function(runningCount).initialState([['a', 10], ['z', 5]]);
    const got = await runPerBatch(input, (s) => s.mapWithState(spec).stateSnapshots(), 1, { sort: true });
    expect(got).toEqual([[['a', 11], ['z', 5]]]);
  });

  it('a key idle longer than the timeout gets one last call with isTimingOut() true, then is removed', async () => {
    const events: string[] = [];
    const fn = (key: string, value: number | undefined, state: State<number>): string => {
      if (state.isTimingOut()) {
        events.push(`timeout ${key} ${state.get()}`);
        return `${key} timed out`;
      }
      state.update((state.getOption() ?? 0) + value!);
      return `${key} ${state.get()}`;
    };
    // Batch 1 s, timeout 2 s: 'a' gets data at t=1 and t=2, then none; at t=5 it has been idle 3 s > 2 s.
    const input = [[['a', 1]], [['a', 1], ['b', 1]], [['b', 1]], [['b', 1]], [], []] as Array<Array<[string, number]>>;
    const spec = StateSpec.function(fn).timeout(2);
    const got = await runPerBatch(input, (s) => s.mapWithState(spec), 7, { batchSeconds: 1 });
    expect(got).toEqual([['a 1'], ['a 2', 'b 1'], ['b 2'], ['b 3'], ['a timed out'], [], ['b timed out']]);
    expect(events).toEqual(['timeout a 2', 'timeout b 3']);
  });

  it('state.remove() drops the key', async () => {
    const input = [[['a', 1]], [['a', -1]], []] as Array<Array<[string, number]>>;
    const fn = (key: string, v: number | undefined, state: State<number>): undefined => {
      if (v! < 0) state.remove();
      else state.update(v!);
      return undefined;
    };
    const got = await runPerBatch(input, (s) => s.mapWithState(StateSpec.function(fn)).stateSnapshots(), 3);
    expect(got).toEqual([[['a', 1]], [], []]);
  });

  it('mutating state.get() without update() never changes an earlier snapshot', async () => {
    const input = [[['a', 1]], [['a', 1]]] as Array<Array<[string, number]>>;
    const fn = (key: string, v: number | undefined, state: State<{ n: number }>): number => {
      if (!state.exists()) {
        state.update({ n: 1 });
        return 1;
      }
      const s = state.get();
      s.n += 100; // a mutation of the copy only
      return s.n;
    };
    const got = await runPerBatch(input, (s) => s.mapWithState(StateSpec.function(fn)).stateSnapshots(), 2);
    expect(got).toEqual([[['a', { n: 1 }]], [['a', { n: 1 }]]]);
  });

  it('State refuses get() without a state and update() while timing out, saying why', async () => {
    const errors: string[] = [];
    const fn = (key: string, v: number | undefined, state: State<number>): void => {
      if (state.isTimingOut()) {
        try {
          state.update(1);
        } catch (e) {
          errors.push((e as Error).message);
        }
        return;
      }
      try {
        state.get();
      } catch (e) {
        errors.push((e as Error).message);
      }
      state.update(v!);
    };
    await runPerBatch([[['a', 1]], [], [], []] as Array<Array<[string, number]>>, (s) => s.mapWithState(StateSpec.function(fn).timeout(1)), 4, { batchSeconds: 1 });
    expect(errors).toEqual([expect.stringMatching(/State is not set/), expect.stringMatching(/Cannot update the state that is timing out/)]);
  });

  it('needs a checkpoint directory', () => {
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
    ssc.queueStream([[['a', 1] as [string, number]]]).mapWithState(StateSpec.function(runningCount)).pprint();
    expect(() => ssc.start()).toThrow(/The checkpoint directory has not been set/);
    ssc.stop();
  });

  it('StateSpec checks its arguments', () => {
    expect(() => StateSpec.function(3 as unknown as MappingFunction<string, number, number, number>)).toThrow(/"mappingFunction" must be a function/);
    expect(() => StateSpec.function(runningCount).timeout(-1)).toThrow(/"seconds" must be a positive number/);
    expect(() => StateSpec.function(runningCount).numPartitions(0)).toThrow(/positive integer/);
    const sc = new SparkContext('local[2]');
    sc.setCheckpointDir(tempDir());
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
    const s = ssc.queueStream([[['a', 1] as [string, number]]]);
    expect(() => s.mapWithState({} as unknown as StateSpec<string, number, number, number>)).toThrow(/"spec" must be a StateSpec/);
    sc.stop();
  });

  it('recovers its state (and the keys\' last-update times) from a checkpoint with getOrCreate', async () => {
    const dir = tempDir();
    const run = async (clock: ManualClock, input: Array<Array<[string, number]>>, ms: number): Promise<unknown[]> => {
      const out: unknown[] = [];
      const ssc = StreamingContext.getOrCreate(dir, () => {
        const s = new StreamingContext(new SparkContext('local[2]'), 1, { clock, out: () => undefined });
        s.queueStream(input).mapWithState(StateSpec.function(runningCount)).checkpoint(1).foreachRDD((rdd) => void out.push(rdd.collect()));
        return s;
      });
      ssc.start();
      await clock.advance(ms);
      ssc.stop();
      return out;
    };
    expect(await run(new ManualClock(0), [[['a', 1]], [['a', 1], ['b', 1]]], 2000)).toEqual([[['a', 1]], [['a', 2], ['b', 1]]]);
    expect(await run(new ManualClock(2000), [[['a', 1], ['b', 1]]], 1000)).toEqual([[['a', 3], ['b', 2]]]);
  });
});
