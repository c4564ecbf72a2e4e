/**
 * The UI's model of a SparkSession against a real session on a ManualClock: queries followed
 * through `spark.streams` listeners, a `query` message per batch with the progress' point, the
 * plan with rows and the last result, status changes on poll, bounds on what is kept, SQL actions,
 * and detaching.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SparkContext } from '../../src/index.js';
import { MemoryStream } from '../../src/sql/streaming/memory-stream-api.js';
import { SparkSession, functions as F } from '../../src/sql/index.js';
import { ManualClock } from '../../src/engine/clock.js';
import type { QueryMessage, ServerMessage } from '../../src/ui/protocol.js';
import { MAX_POINTS, SessionModel } from '../../src/ui/session-model.js';

let sc: SparkContext | undefined;
afterEach(() => {
  sc?.stop();
  sc = undefined;
});

function setup(): { spark: SparkSession; messages: ServerMessage[]; model: SessionModel } {
  sc = new SparkContext('local[2]', 'session-model');
  const spark = new SparkSession(sc, { clock: new ManualClock(1_704_110_400_000), out: () => undefined, err: () => undefined });
  spark.conf.set('spark.sql.shuffle.partitions', 2);
  const messages: ServerMessage[] = [];
  const model = new SessionModel(spark, (m) => messages.push(m));
  return { spark, messages, model };
}

const queryMessages = (ms: ServerMessage[]): QueryMessage[] => ms.filter((m): m is QueryMessage => m.type === 'query');

describe('SessionModel', () => {
  it('follows a query batch by batch with its progress point, plan rows and latest result', async () => {
    const { spark, messages, model } = setup();
    expect(spark.watchedByUi).toBe(true);
    const input = new MemoryStream<[string]>(spark, 'word STRING');
    const q = input.toDF().groupBy('word').count().writeStream.outputMode('complete').format('memory').queryName('counts').start();
    input.addData(['a'], ['b'], ['a']);
    await q.processAllAvailable();
    input.addData(['b']);
    await q.processAllAvailable();
    const batches = queryMessages(messages).filter((m) => m.point !== null);
    expect(batches.map((m) => m.point!.batchId)).toEqual([0, 1]);
    expect(batches.map((m) => m.point!.numInputRows)).toEqual([3, 1]);
    expect(batches[1]!.point!.stateRows).toBe(2);
    const last = batches[1]!.query;
    expect(last.name).toBe('counts');
    expect(last.planBatchId).toBe(1);
    expect(last.plan![0]!.rows).toBe(2);
    expect(last.result!.rows.map((r) => [r[0], r[1]]).sort()).toEqual([
      ['a', 2],
      ['b', 2],
    ]);
    expect(JSON.parse(last.lastProgress!)).toEqual(JSON.parse(JSON.stringify(q.lastProgress)));
    const snap = model.snapshot();
    expect(snap.queries.map((s) => s.points.length)).toEqual([2]);
    await q.stop();
    const ended = queryMessages(messages).at(-1)!;
    expect(ended.query.status).toBe('finished');
    expect(model.snapshot().queries[0]!.query.status).toBe('finished');
  });

  it('keeps at most MAX_POINTS points per query', async () => {
    const { spark, model } = setup();
    const input = new MemoryStream<[number]>(spark, 'n INT');
    const q = input.toDF().select(F.col('n')).writeStream.format('memory').queryName('all').start();
    for (let i = 0; i < MAX_POINTS + 5; i++) {
      input.addData([i]);
      await q.processAllAvailable();
    }
    const points = model.snapshot().queries[0]!.points;
    expect(points.length).toBe(MAX_POINTS);
    expect(points[0]!.batchId).toBe(5);
    await q.stop();
  });

  it('posts SQL actions with their plans and stops listening when detached', () => {
    const { spark, messages, model } = setup();
    spark.range(4).filter(F.col('id').gt(1)).collect();
    const sql = messages.filter((m) => m.type === 'sqlExecution');
    expect(sql.length).toBe(1);
    model.detach();
    expect(spark.watchedByUi).toBe(false);
    spark.range(2).collect();
    expect(messages.filter((m) => m.type === 'sqlExecution').length).toBe(1);
  });
});
