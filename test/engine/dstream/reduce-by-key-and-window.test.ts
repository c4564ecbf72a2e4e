/**
 * reduceByKeyAndWindow and the operators built on it (countByWindow, reduceByWindow,
 * countByValueAndWindow, groupByKeyAndWindow): pyspark's WindowFunctionTests with their
 * expected outputs, pyspark's incremental rule (>= 5 slides) and its visible consequences, and
 * a seeded property test comparing incremental and recomputed windows on random inputs.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, SparkContext, StreamingContext } from '../../../src/index.js';
import { range } from '../../support/run-batches.js';
import { runLikePyspark, runPerBatch, tempDir } from '../../support/window-run.js';

const add = (a: number, b: number): number => a + b;
const sub = (a: number, b: number): number => a - b;

describe('pyspark WindowFunctionTests', () => {
  it('test_count_by_window', async () => {
    const input = [range(1), range(2), range(3), range(4), range(5)];
    expect(await runLikePyspark(input, (s) => s.countByWindow(1.5, 0.5), 7)).toEqual([[1], [3], [6], [9], [12], [9], [5]]);
  });

  it('test_count_by_window_large', async () => {
    const input = [range(1), range(2), range(3), range(4), range(5), range(6)];
    expect(await runLikePyspark(input, (s) => s.countByWindow(2.5, 0.5), 10)).toEqual([
      [1], [3], [6], [10], [15], [20], [18], [15], [11], [6],
    ]);
  });

  it('test_count_by_value_and_window', async () => {
    const input = [range(1), range(2), range(3), range(4), range(5), range(6)];
    expect(await runLikePyspark(input, (s) => s.countByValueAndWindow(2.5, 0.5), 10, { sort: true })).toEqual([
      [[0, 1]],
      [[0, 2], [1, 1]],
      [[0, 3], [1, 2], [2, 1]],
      [[0, 4], [1, 3], [2, 2], [3, 1]],
      [[0, 5], [1, 4], [2, 3], [3, 2], [4, 1]],
      [[0, 5], [1, 5], [2, 4], [3, 3], [4, 2], [5, 1]],
      [[0, 4], [1, 4], [2, 4], [3, 3], [4, 2], [5, 1]],
      [[0, 3], [1, 3], [2, 3], [3, 3], [4, 2], [5, 1]],
      [[0, 2], [1, 2], [2, 2], [3, 2], [4, 2], [5, 1]],
      [[0, 1], [1, 1], [2, 1], [3, 1], [4, 1], [5, 1]],
    ]);
  });

  it('test_group_by_key_and_window', async () => {
    const input = range(5).map((i) => [['a', i] as [string, number]]);
    expect(await runLikePyspark(input, (s) => s.groupByKeyAndWindow(1.5, 0.5), 7)).toEqual([
      [['a', [0]]],
      [['a', [0, 1]]],
      [['a', [0, 1, 2]]],
      [['a', [1, 2, 3]]],
      [['a', [2, 3, 4]]],
      [['a', [3, 4]]],
      [['a', [4]]],
    ]);
  });

  it('test_reduce_by_invalid_window: durations are checked at the call, before the functions', () => {
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 0.5, { clock: new ManualClock(0) });
    const d1 = ssc.queueStream([range(3), range(5), range(1), range(6)]).map((x): [number, number] => [x, 1]);
    const noFunc = null as unknown as (a: number, b: number) => number;
    expect(() => d1.reduceByKeyAndWindow(noFunc, null, 0.1, 0.1)).toThrow(/windowDuration must be multiple .*\(500 ms\)/);
    expect(() => d1.reduceByKeyAndWindow(noFunc, null, 1, 0.1)).toThrow(/slideDuration must be multiple .*\(500 ms\)/);
    expect(() => d1.reduceByKeyAndWindow(noFunc, null, 1, 0.5)).toThrow(/"func" must be a function/);
    sc.stop();
  });

  it('test_reduce_by_key_and_window_with_none_invFunc', async () => {
    const input = [range(1), range(2), range(3), range(4), range(5), range(6)];
    const got = await runLikePyspark(
      input,
      (s) => s.map((x): [number, number] => [x, 1]).reduceByKeyAndWindow(add, null, 5, 1).filter((kv) => kv[1] > 0).count(),
      6,
    );
    expect(got).toEqual([[2], [4], [6], [6], [6], [6]]);
  });
});

describe('reduceByKeyAndWindow', () => {
  it('a function that throws fails its batch once, reported with the batch time; later windows go on without it', async () => {
    const sc = new SparkContext('local[2]');
    sc.setCheckpointDir(tempDir());
    const clock = new ManualClock(0);
    const errs: string[] = [];
    const ssc = new StreamingContext(sc, 1, { clock, err: (t) => errs.push(t) });
    const out: Array<Array<[string, number]>> = [];
    ssc
      .queueStream([[1], [2], [3]])
      .map((x): [string, number] => {
        if (x === 2) throw new Error('bad record 2');
        return ['n', x];
      })
      .reduceByKeyAndWindow(add, sub, 5, 1)
      .foreachRDD((rdd) => void out.push(rdd.collect()));
    ssc.start();
    await clock.advance(3000);
    ssc.stop();
    expect(out).toEqual([[['n', 1]], [['n', 4]]]);
    expect(errs.filter((e) => e.includes('bad record 2'))).toHaveLength(1);
    await expect(ssc.awaitTerminationOrTimeout(0)).rejects.toThrow(/bad record 2/);
  });

  it('keeps keys whose value fell to zero on the incremental path (window >= 5 slides), as pyspark', async () => {
    const input = [[['a', 1]], [['b', 1]]] as Array<Array<[string, number]>>;
    const got = await runPerBatch(input, (s) => s.reduceByKeyAndWindow(add, sub, 2.5, 0.5), 8, { sort: true });
    expect(got.slice(5)).toEqual([[['a', 0], ['b', 1]], [['a', 0], ['b', 0]], [['a', 0], ['b', 0]]]);
  });

  it('drops them with filterFunc', async () => {
    const input = [[['a', 1]], [['b', 1]]] as Array<Array<[string, number]>>;
    const got = await runPerBatch(input, (s) => s.reduceByKeyAndWindow(add, sub, 2.5, 0.5, null, (kv) => kv[1] > 0), 8, { sort: true });
    expect(got.slice(4)).toEqual([[['a', 1], ['b', 1]], [['b', 1]], [], []]);
  });

  it('recomputes a window shorter than 5 slides, so emptied keys vanish', async () => {
    const input = [[['a', 1]], [['b', 1]]] as Array<Array<[string, number]>>;
    const got = await runPerBatch(input, (s) => s.reduceByKeyAndWindow(add, sub, 1, 0.5), 4, { sort: true });
    expect(got).toEqual([[['a', 1]], [['a', 1], ['b', 1]], [['b', 1]], []]);
  });

  it('reduceByWindow with and without the inverse function agree', async () => {
    const input = [[1, 2], [3], [], [4, 5, 6], [7]];
    const inc = await runPerBatch(input, (s) => s.reduceByWindow(add, sub, 3, 0.5), 12);
    const full = await runPerBatch(input, (s) => s.reduceByWindow(add, null, 3, 0.5), 12);
    expect(inc.slice(0, 10)).toEqual([[3], [6], [6], [21], [28], [28], [25], [22], [22], [7]]);
    // After the data has left, the incremental form keeps a 0; the recomputed one has nothing.
    expect(inc.slice(10)).toEqual([[0], [0]]);
    expect(full.slice(0, 10)).toEqual(inc.slice(0, 10));
    expect(full.slice(10)).toEqual([[], []]);
  });

  it('needs a checkpoint directory with an inverse function, and start() says so', () => {
    const sc = new SparkContext('local[2]');
    const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
    ssc.queueStream([[1]]).countByWindow(2, 1).foreachRDD(() => undefined);
    expect(() => ssc.start()).toThrow(/The checkpoint directory has not been set\. Please set it by StreamingContext\.checkpoint\(\)/);
    ssc.stop();
  });

  const needingCheckpoint: Array<[string, (s: import('../../../src/index.js').DStream<number>) => import('../../../src/index.js').DStream<unknown>]> = [
    ['countByWindow', (s) => s.countByWindow(2, 1)],
    ['countByValueAndWindow', (s) => s.countByValueAndWindow(2, 1)],
    ['groupByKeyAndWindow', (s) => s.map((x): [number, number] => [x, x]).groupByKeyAndWindow(2, 1)],
    ['reduceByWindow with invReduceFunc', (s) => s.reduceByWindow(add, sub, 2, 1)],
    ['reduceByKeyAndWindow with invFunc', (s) => s.map((x): [number, number] => [x, x]).reduceByKeyAndWindow(add, sub, 2, 1)],
  ];
  for (const [name, build] of needingCheckpoint) {
    it(`${name} needs a checkpoint directory; ssc.checkpoint(dir) then start() again works`, () => {
      const sc = new SparkContext('local[2]');
      const ssc = new StreamingContext(sc, 1, { clock: new ManualClock(0) });
      build(ssc.queueStream([[1]])).foreachRDD(() => undefined);
      expect(() => ssc.start()).toThrow(expect.objectContaining({ code: 'ERR_CHECKPOINT_DIR_NOT_SET' }));
      ssc.checkpoint(tempDir());
      ssc.start();
      expect(ssc.state).toBe('ACTIVE');
      ssc.stop();
    });
  }

  it('does not need one without an inverse function', async () => {
    const sc = new SparkContext('local[2]');
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock });
    const out: number[][] = [];
    ssc.queueStream([[1], [2]]).reduceByWindow(add, null, 2, 1).foreachRDD((rdd) => void out.push(rdd.collect()));
    ssc.start();
    await clock.advance(2000);
    ssc.stop();
    expect(out).toEqual([[1], [3]]);
  });

  it('a mutating func never changes an earlier window\'s output', async () => {
    const input = range(4).map((i) => [['k', [i]] as [string, number[]]]);
    const seen: Array<Array<[string, number[]]>> = [];
    const sc = new SparkContext('local[2]');
    sc.setCheckpointDir((await import('../../support/window-run.js')).tempDir());
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 0.5, { clock });
    const rdds: Array<import('../../../src/index.js').RDD<[string, number[]]>> = [];
    ssc
      .queueStream(input)
      .reduceByKeyAndWindow(
        (a, b) => {
          a.push(...b);
          return a;
        },
        (a, b) => a.slice(b.length),
        2.5,
        0.5,
      )
      .foreachRDD((rdd) => {
        rdds.push(rdd);
        seen.push(rdd.collect());
      });
    ssc.start();
    await clock.advance(2000);
    ssc.stop();
    expect(rdds.map((r) => r.collect())).toEqual(seen);
    expect(seen.map((b) => b[0]![1])).toEqual([[0], [0, 1], [0, 1, 2], [0, 1, 2, 3]]);
  });
});

/** A small seeded PRNG (mulberry32): the same inputs on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('incremental and recomputed windows agree (property, seeded)', () => {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f'];
  for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
    it(`seed ${seed}: same per-key sums once zero values are filtered`, async () => {
      const rnd = prng(seed);
      const batches = 10 + Math.floor(rnd() * 10);
      const slides = 1 + Math.floor(rnd() * 3); // slide = 1..3 batches
      const windowSlides = 1 + Math.floor(rnd() * 8); // both sides of the 5-slide rule
      const input = range(batches).map(() =>
        range(Math.floor(rnd() * 6)).map((): [string, number] => [keys[Math.floor(rnd() * keys.length)]!, 1 + Math.floor(rnd() * 9)]),
      );
      const slide = 0.5 * slides;
      const window = slide * windowSlides;
      const count = batches + windowSlides * slides + 2;
      const positive = (kv: [string, number]): boolean => kv[1] !== 0;
      const inc = await runPerBatch(input, (s) => s.reduceByKeyAndWindow(add, sub, window, slide, 2, positive), count, { sort: true });
      const full = await runPerBatch(input, (s) => s.reduceByKeyAndWindow(add, null, window, slide, 2), count, { sort: true });
      // The recomputed form has no RDD when the window holds no batch at all; compare contents.
      expect(inc.map((b) => b ?? [])).toEqual(full.map((b) => b ?? []));
    });
  }
});
