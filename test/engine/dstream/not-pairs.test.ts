/**
 * Pair operations of DStreams given records that are not pairs: the batch fails once with
 * ERR_NOT_A_PAIR (naming the operator and one record), is reported with its batch time, and
 * re-raised by awaitTermination*, as pyspark fails the batch's job. Both paths are covered: the
 * aggregation at the batch tick, and the map-side combine that runs as a receiver's records
 * arrive (eager-combine.ts).
 */
import { describe, expect, it } from 'vitest';
import { type DStream, ManualClock, SparkContext, StateSpec, StreamingContext } from '../../../src/index.js';
import { PushReceiver } from '../../support/push-receiver.js';
import { tempDir } from '../../support/window-run.js';

type Pairs = DStream<readonly [string, number]>;
const add = (a: number, b: number): number => a + b;

function context(): { ssc: StreamingContext; clock: ManualClock; errors: string[] } {
  const sc = new SparkContext('local[2]', 'not-pairs');
  sc.setCheckpointDir(tempDir());
  const clock = new ManualClock(0);
  const errors: string[] = [];
  const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: (t) => errors.push(t) });
  return { ssc, clock, errors };
}

/** The words of each batch mapped with the comma operator: each record is 1, not ['word', 1]. */
function commaPairs(ssc: StreamingContext): Pairs {
  // @ts-expect-error -- (w, 1) is the comma operator, as a Python tuple typed literally
  return ssc.queueStream([['a b a'], ['b']]).flatMap((l) => l.split(' ')).map((w) => (w, 1)) as unknown as Pairs;
}

describe('DStream pair operations given records that are not pairs', () => {
  it.each([
    ['reduceByKey', (s: Pairs) => s.reduceByKey(add)],
    ['groupByKey', (s: Pairs) => s.groupByKey()],
    ['combineByKey', (s: Pairs) => s.combineByKey((v) => v, add, add)],
    ['join', (s: Pairs) => s.join(s)],
    ['cogroup', (s: Pairs) => s.cogroup(s)],
    ['partitionBy', (s: Pairs) => s.partitionBy(2)],
    ['mapValues', (s: Pairs) => s.mapValues((v) => v)],
    ['updateStateByKey', (s: Pairs) => s.updateStateByKey((vs: number[], prev: number | undefined) => vs.reduce(add, prev ?? 0))],
    ['mapWithState', (s: Pairs) => s.mapWithState(StateSpec.function((k: string, v: number | undefined) => [k, v]))],
    ['reduceByKeyAndWindow', (s: Pairs) => s.reduceByKeyAndWindow(add, add, 2, 1)],
    ['reduceByKeyAndWindow', (s: Pairs) => s.reduceByKeyAndWindow(add, null, 2, 1)],
    ['groupByKeyAndWindow', (s: Pairs) => s.groupByKeyAndWindow(2, 1)],
  ])('%s fails the batch once with ERR_NOT_A_PAIR; awaitTermination re-raises it', async (op, apply) => {
    const { ssc, clock, errors } = context();
    const seen: unknown[] = [];
    (apply(commaPairs(ssc)) as DStream<unknown>).foreachRDD((rdd) => void seen.push(rdd.collect()));
    ssc.start();
    await clock.advance(1000);
    const failure = await ssc.awaitTerminationOrTimeout(0.01).catch((e: unknown) => e);
    ssc.stop();
    expect(failure).toMatchObject({ code: 'ERR_BATCH_FAILED', cause: { code: 'ERR_NOT_A_PAIR' } });
    expect(((failure as Error).cause as Error).message).toMatch(new RegExp(`^${op}: every record must be a \\[key, value\\] pair .*got 1\\.`));
    expect(seen).toEqual([]); // no silently wrong [ undefined, NaN ]
    expect(errors.filter((e) => e.includes('ERR_NOT_A_PAIR') || e.includes('every record must be'))).toHaveLength(1);
  });

  it('fails the batch when the combine runs as records arrive (a receiver), and the next batch runs', async () => {
    const { ssc, clock, errors } = context();
    const receiver = new PushReceiver();
    const got: unknown[] = [];
    const words = ssc.receiverStream(receiver).flatMap((l) => l.split(' '));
    let comma = true;
    // The first batch's records are the comma operator's 1s; the second batch's are pairs.
    (words.map((w) => (comma ? 1 : [w, 1])) as unknown as Pairs).reduceByKey(add).foreachRDD((rdd) => void got.push(rdd.collect()));
    ssc.start();
    await receiver.started;
    receiver.push(['a b a']);
    await clock.advance(1000);
    comma = false;
    receiver.push(['b']);
    await clock.advance(1000);
    ssc.stop();
    expect(got).toEqual([[['b', 1]]]);
    expect(errors.join('')).toMatch(/reduceByKey: every record must be a \[key, value\] pair \(an array of two\); got 1\./);
  });
});
