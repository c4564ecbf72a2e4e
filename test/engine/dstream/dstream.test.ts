import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RDD } from '../../../src/index.js';
import { newContext, runBatches } from '../../support/run-batches.js';

describe('DStream transform', () => {
  it('passes the batch time as a Date when the function takes two arguments', async () => {
    const seen: number[] = [];
    const out = await runBatches(
      [[1], [2]],
      (s) =>
        s.transform((time: Date, rdd: RDD<number>) => {
          seen.push(time.getTime());
          return rdd.map((x) => x * 10);
        }),
      2,
    );
    expect(out).toEqual([[10], [20]]);
    expect(seen).toEqual([1000, 2000]);
  });

  it('refuses a function with another number of arguments, as pyspark', () => {
    const { ssc, sc } = newContext();
    const s = ssc.queueStream([[1]]);
    expect(() => s.transform((() => sc.emptyRDD()) as () => RDD<number>)).toThrow('should take one or two arguments');
    sc.stop();
  });

  it('gives transformWith an empty RDD for a side with no data', async () => {
    const { ssc, clock, sc } = newContext();
    const a = ssc.queueStream([[1, 2]]);
    const b = ssc.queueStream([[3]]);
    const got: number[][] = [];
    a.transformWith((x: RDD<number>, y: RDD<number>) => x.union(y), b).foreachRDD((rdd) => void got.push(rdd.collect()));
    ssc.start();
    await clock.advance(2000);
    expect(got).toEqual([[1, 2, 3], []]);
    ssc.stop();
    expect(sc.isStopped).toBe(true);
  });

  it('unions any number of streams through the context, and refuses different slides', async () => {
    const { ssc, clock, sc } = newContext();
    const got: number[][] = [];
    ssc.union(ssc.queueStream([[1]]), ssc.queueStream([[2]]), ssc.queueStream([[3]])).foreachRDD((r) => void got.push(r.collect()));
    expect(() => ssc.union()).toThrow('should have at least one DStream');
    ssc.start();
    await clock.advance(1000);
    expect(got).toEqual([[1, 2, 3]]);
    ssc.stop(true);
    expect(sc.isStopped).toBe(true);
  });

  it('transforms several streams at once with ssc.transform', async () => {
    const { ssc, clock } = newContext();
    const got: unknown[][] = [];
    ssc
      .transform([ssc.queueStream([[1]]), ssc.queueStream([['a']])], (rdds) => rdds[0]!.union(rdds[1]!))
      .foreachRDD((r) => void got.push(r.collect()));
    ssc.start();
    await clock.advance(1000);
    expect(got).toEqual([[1, 'a']]);
    ssc.stop(true);
  });
});

describe('DStream slice and remember', () => {
  it('returns the remembered RDDs between two times, both ends included (test_slice)', async () => {
    const { ssc, clock, sc } = newContext();
    ssc.remember(4);
    const stream = ssc.queueStream([[1], [2], [3], [4]].map((d) => sc.parallelize(d, 1)));
    stream.foreachRDD(() => undefined);
    expect(() => stream.slice(0, 1)).toThrow(expect.objectContaining({ code: 'ERR_CONTEXT_NOT_STARTED' }));
    ssc.start();
    await clock.advance(4000);
    const get = (a: number, b: number): number[] =>
      stream
        .slice(new Date(1000 + a * 1000), new Date(1000 + b * 1000))
        .flatMap((r) => r.collect())
        .sort();
    expect(get(0, 0)).toEqual([1]);
    expect(get(1, 2)).toEqual([2, 3]);
    expect(get(1, 4)).toEqual([2, 3, 4]);
    expect(get(0, 4)).toEqual([1, 2, 3, 4]);
    expect(stream.slice(1, 2).flatMap((r) => r.collect())).toEqual([1, 2]);
    ssc.stop(true);
  });
});

describe('DStream outputs', () => {
  it('saves each batch under prefix-<ms>.suffix, empty batches too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tspark-save-'));
    const { ssc, clock } = newContext();
    ssc.queueStream([['a', 'b']]).saveAsTextFiles(join(dir, 'out'), 'txt');
    ssc.start();
    await clock.advance(2000);
    expect(readdirSync(dir).sort()).toEqual(['out-1000.txt', 'out-2000.txt']);
    const partFiles = readdirSync(join(dir, 'out-1000.txt')).filter((f) => f.startsWith('part-'));
    expect(partFiles.map((f) => readFileSync(join(dir, 'out-1000.txt', f), 'utf8')).join('')).toBe('a\nb\n');
    ssc.stop(true);
  });

  it('waits for a promise returned by foreachRDD before the batch is done', async () => {
    const { ssc, clock } = newContext();
    const log: string[] = [];
    ssc.queueStream([[1]]).foreachRDD(async (rdd) => {
      await new Promise((r) => setImmediate(r));
      log.push(`done ${rdd.count()}`);
    });
    ssc.events.on((e) => {
      if (e.type === 'batchCompleted') log.push('completed');
    });
    ssc.start();
    await clock.advance(1000);
    expect(log).toEqual(['done 1', 'completed']);
    ssc.stop(true);
  });

  it('never lets a user function change an earlier batch\'s data', async () => {
    const { ssc, clock } = newContext();
    const firstBatch = [{ n: 1 }];
    const s = ssc.queueStream([firstBatch]).cache();
    const seen: unknown[][] = [];
    s.map((o) => {
      o.n += 100;
      return o;
    }).foreachRDD((r) => void r.collect());
    s.foreachRDD((r) => void seen.push(r.collect()));
    firstBatch[0]!.n = 7;
    ssc.start();
    await clock.advance(1000);
    expect(seen).toEqual([[{ n: 1 }]]);
    ssc.stop(true);
  });

  it('describes the pipeline as a graph for pictures', () => {
    const { ssc, sc } = newContext();
    const src = ssc.queueStream([['a b']]);
    src.flatMap((l) => l.split(' ')).map((w) => [w, 1]).reduceByKey((a, b) => a + b).pprint();
    const nodes = ssc.graph();
    expect(nodes.map((n) => n.name)).toEqual(['queueStream', 'flatMap', 'map', 'reduceByKey', 'pprint']);
    expect(nodes.map((n) => n.kind)).toEqual(['input', 'transform', 'transform', 'transform', 'output']);
    expect(nodes[1]!.parents).toEqual([nodes[0]!.id]);
    sc.stop();
  });
});
