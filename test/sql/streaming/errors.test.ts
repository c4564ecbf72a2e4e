/**
 * What Spark refuses on streams, with Spark 3.5's messages (first line, as recorded from real
 * PySpark by record.py, case `errors`): batch actions on a stream, output modes, sorting,
 * limits, joins, unions, windows, builder options, sources' and sinks' required options, duplicate
 * query names, and a restart on a changed query. Each tspark error also carries its code.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DataFrame, Window, functions as F, type StreamingQuery, SparkError } from '../../../src/sql/index.js';
import { notesStarting, recorded } from './support/recorded.js';
import { type TestSession, placeFile, tempDir, testSession } from './support/streaming.js';

let t: TestSession;
let dir: string;
let rate: DataFrame;
const started: StreamingQuery[] = [];

beforeEach(() => {
  t = testSession({ shufflePartitions: 2 });
  dir = tempDir();
  rate = t.spark.readStream.format('rate').load();
});
afterEach(async () => {
  for (const q of started.splice(0)) await q.stop();
  t.stop();
});

/** The recorded outcome of a case: `ok` or the error's first line. */
function expectedOf(label: string): string {
  const line = notesStarting(recorded('errors'), `${label}: `)[0];
  if (line === undefined) throw new Error(`no recording for ${label}`);
  const rest = line.slice(label.length + 2);
  if (rest.startsWith('ok')) return 'ok';
  return rest.replace(/^# ERROR \S+ \S+: /, '');
}

/** Runs an action; returns `ok` or the error's first line (without a final `;`). */
async function outcome(f: () => unknown): Promise<{ text: string; error?: unknown }> {
  try {
    const r = await f();
    if (r !== null && typeof r === 'object' && 'stop' in r && typeof (r as StreamingQuery).stop === 'function') started.push(r as StreamingQuery);
    return { text: 'ok' };
  } catch (e) {
    const first = (e as Error).message.split('\n')[0]!.replace(/;$/, '');
    return { text: first, error: e };
  }
}

const start = (df: DataFrame, mode = 'append', format = 'console'): (() => StreamingQuery) => () => df.writeStream.outputMode(mode).format(format).start();

const CASES: Record<string, (() => unknown) | undefined> = {
  count: () => rate.count(),
  show: () => rate.show(),
  collect: () => rate.collect(),
  'text count': () => t.spark.readStream.text(dir).count(),
  'socket count': () => t.spark.readStream.format('socket').option('host', 'localhost').option('port', 1).load().count(),
  'write on stream': () => rate.write,
  'memory source': () => t.spark.readStream.format('memory').load(),
  'console source': () => t.spark.readStream.format('console').load(),
  'sort append': () => start(rate.sort('value'))(),
  'sort complete no agg': () => start(rate.sort('value'), 'complete')(),
  'agg append': () => start(rate.groupBy('value').count())(),
  'complete no agg': () => start(rate, 'complete')(),
  'agg of agg': () => start(rate.groupBy('value').count().groupBy('count').count(), 'complete')(),
  'limit update': () => start(rate.limit(3), 'update')(),
  'limit append': () => start(rate.limit(3))(),
  'distinct append': () => start(rate.distinct())(),
  row_number: () => start(rate.withColumn('r', F.row_number().over(Window.partitionBy('value').orderBy('timestamp'))))(),
  'union batch': () => start(rate.union(t.spark.range(3).selectExpr('current_timestamp() AS timestamp', 'id AS value')))(),
  'session update': () => start(rate.withWatermark('timestamp', '1 minute').groupBy(F.session_window('timestamp', '10 seconds')).count(), 'update')(),
  'dedup within no watermark': () => start(rate.dropDuplicatesWithinWatermark(['value']))(),
  'writeStream on batch': () => t.spark.range(3).writeStream,
  'watermark on long': () => rate.withWatermark('value', '10 seconds'),
  'watermark bad delay': () => rate.withWatermark('timestamp', 'ten seconds'),
  'output mode bogus': () => rate.writeStream.outputMode('bogus'),
  'two triggers': () => rate.writeStream.trigger({ once: true, processingTime: '1 second' }),
  'no trigger': () => rate.writeStream.trigger(),
  'empty processingTime': () => rate.writeStream.trigger({ processingTime: '' }),
  'continuous agg': () => rate.groupBy('value').count().writeStream.outputMode('complete').trigger({ continuous: '1 second' }).format('console').start(),
  'memory no name': () => rate.writeStream.format('memory').start(),
  'file no path': () => rate.writeStream.format('json').option('checkpointLocation', join(dir, 'c0')).start(),
  'file no checkpoint': () => rate.writeStream.format('json').start(join(dir, 'o1')),
  'file complete': () => rate.groupBy('value').count().writeStream.format('json').outputMode('complete').option('checkpointLocation', join(dir, 'c2')).start(join(dir, 'o2')),
  'memory update': () => rate.writeStream.format('memory').queryName('mu').outputMode('update').start(),
  'socket no host': () => t.spark.readStream.format('socket').load(),
  'socket no port': () => t.spark.readStream.format('socket').option('host', 'localhost').load(),
  'csv no schema': () => t.spark.readStream.csv(dir),
  'json no schema': () => t.spark.readStream.format('json').load(dir),
  'rate bad rows': () => t.spark.readStream.format('rate').option('rowsPerSecond', '-1').load(),
  'unknown format': () => t.spark.readStream.format('nosuch').load(),
  'rmb no rows': () => t.spark.readStream.format('rate-micro-batch').load(),
  'foreach bad': () => rate.writeStream.foreach(3 as never),
  'stream-static right outer': () => start(rate.join(t.spark.range(3).withColumnRenamed('id', 'value'), 'value', 'right_outer'))(),
  'stream-static full outer': () => start(rate.join(t.spark.range(3).withColumnRenamed('id', 'value'), 'value', 'full_outer'))(),
  'stream-stream left outer no wm': () => start(rate.join(t.spark.readStream.format('rate').load().withColumnRenamed('timestamp', 't2'), 'value', 'left_outer'))(),
  'stream-stream inner update': () => start(rate.join(t.spark.readStream.format('rate').load().withColumnRenamed('timestamp', 't2'), 'value'), 'update')(),
  'stream-stream inner complete': () => start(rate.join(t.spark.readStream.format('rate').load().withColumnRenamed('timestamp', 't2'), 'value'), 'complete')(),
  'count distinct': () => start(rate.groupBy('value').agg(F.countDistinct('timestamp')), 'update')(),
};

describe("Spark's refusals on streams", () => {
  for (const [label, action] of Object.entries(CASES)) {
    it(`${label}: as PySpark`, async () => {
      const r = await outcome(action!);
      expect(r.text).toBe(expectedOf(label));
      if (r.error !== undefined) expect(r.error).toBeInstanceOf(SparkError);
    });
  }

  it('dup name: a second active query with the same name is refused', async () => {
    started.push(rate.writeStream.format('noop').queryName('dup').start());
    const r = await outcome(() => rate.writeStream.format('noop').queryName('dup').start());
    expect(r.text).toBe(expectedOf('dup name'));
    expect((r.error as SparkError).code).toBe('ERR_SQL_ARGUMENT');
  });

  it('schemas of sources are Spark’s', () => {
    const dt = (df: DataFrame): string => `[${df.dtypes.map(([a, b]) => `('${a}', '${b}')`).join(', ')}]`;
    expect(`ok ${dt(rate)}`).toBe(`ok ${expectedOf('rate columns') === 'ok' ? notesStarting(recorded('errors'), 'rate columns: ')[0]!.slice('rate columns: ok '.length) : ''}`);
    expect(`${dt(t.spark.readStream.format('socket').option('host', 'localhost').option('port', 1).option('includeTimestamp', true).load())}`).toBe(
      notesStarting(recorded('errors'), 'socket ts columns: ')[0]!.slice('socket ts columns: ok '.length),
    );
    expect(t.spark.readStream.text(dir).columns).toEqual(['value']);
  });
});

describe('a restart on a changed query', () => {
  async function first(): Promise<{ src: string; chk: string; words: () => DataFrame }> {
    const src = join(dir, 'in');
    mkdirSync(src);
    placeFile(src, 'a.csv', '2024-01-01 12:00:00,x\n');
    const chk = join(dir, 'chk');
    const words = (): DataFrame => t.spark.readStream.schema('timestamp TIMESTAMP, word STRING').csv(src);
    const q = words().groupBy('word').count().writeStream.outputMode('update').format('console').option('checkpointLocation', chk).start();
    await q.processAllAvailable();
    await q.stop();
    return { src, chk, words };
  }

  async function restart(df: DataFrame, chk: string, mode = 'update'): Promise<string> {
    const q = df.writeStream.outputMode(mode).format('console').option('checkpointLocation', chk).start();
    const r = await outcome(() => q.processAllAvailable());
    await q.stop();
    return r.text;
  }

  it('refuses another grouping key (state schema)', async () => {
    const { src, chk, words } = await first();
    placeFile(src, 'b.csv', '2024-01-01 12:00:01,y\n');
    const text = await restart(words().groupBy('timestamp').count(), chk);
    expect(text).toMatch(/^\[STREAM_FAILED\] Query \[id = [0-9a-f-]+, runId = [0-9a-f-]+\] terminated with exception: /);
    expect(text).toContain("Provided schema doesn't match to the schema for existing state!");
    expect(expectedOf('recover changed key')).toContain("Provided schema doesn't match to the schema for existing state!");
  });

  it('refuses another number of sources', async () => {
    const { chk, words } = await first();
    const text = await restart(words().union(words()).groupBy('word').count(), chk);
    expect(text.replace(/\[id = [^\]]+\]/, '')).toBe(expectedOf('recover two sources').replace(/\[id = [^\]]+\]/, ''));
  });

  it('accepts a stateless query on a stateful checkpoint', async () => {
    const { chk, words } = await first();
    expect(await restart(words(), chk, 'append')).toBe(expectedOf('recover stateless'));
  });
});
