/**
 * `format("kafka")` for DataFrames against the real broker: `spark.read` with Spark's options
 * and schema (so `selectExpr("CAST(value AS STRING)")` works as in every tutorial), and
 * `df.write` with a topic option or a `topic` column; the provider's streaming source read
 * micro-batch by micro-batch through the data-source contract, as the Structured Streaming
 * engine will call it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, SparkContext, SparkSession, kafkaDataSource } from '../../../src/index.js';
import { SourceOptions } from '../../../src/sql/sources/options.js';
import { readOptions } from '../../../src/sources/kafka/sql/options.js';
import { KafkaStreamSource } from '../../../src/sources/kafka/sql/stream-source.js';
import { createTopic, deleteRecordsBefore, kafkaBootstrap, produce, readTopic, uniqueTopic } from '../../support/kafka.js';

let bootstrap = '';
let spark: SparkSession;

beforeAll(async () => {
  bootstrap = await kafkaBootstrap();
  spark = new SparkSession(new SparkContext('local[2]', 'kafka-sql'), { out: () => undefined });
}, 600_000);

const text = (rows: Array<Record<string, unknown>>): string[] => rows.map((r) => JSON.stringify(r));

describe('spark.read.format("kafka")', () => {
  it('reads a topic with Spark\'s schema, from startingOffsets to endingOffsets', async () => {
    const topic = uniqueTopic('sql-read');
    await createTopic(bootstrap, topic, 2);
    await produce(bootstrap, topic, [
      { key: 'a', value: 'one', partition: 0 },
      { key: 'b', value: 'two', partition: 1 },
      { key: null, value: 'three', partition: 0 },
    ]);
    const df = spark.read.format('kafka').option('kafka.bootstrap.servers', bootstrap).option('subscribe', topic).load();
    expect(df.schema.simpleString()).toBe('struct<key:binary,value:binary,topic:string,partition:int,offset:bigint,timestamp:timestamp,timestampType:int>');
    const rows = df.selectExpr('CAST(key AS STRING) AS k', 'CAST(value AS STRING) AS v', 'partition', 'offset').orderBy('partition', 'offset').collect();
    expect(text(rows.map((r) => r.asDict()))).toEqual([
      '{"k":"a","v":"one","partition":0,"offset":0}',
      '{"k":null,"v":"three","partition":0,"offset":1}',
      '{"k":"b","v":"two","partition":1,"offset":0}',
    ]);
    const some = spark.read
      .format('kafka')
      .option('kafka.bootstrap.servers', bootstrap)
      .option('subscribe', topic)
      .option('startingOffsets', JSON.stringify({ [topic]: { 0: 1, 1: -2 } }))
      .option('endingOffsets', JSON.stringify({ [topic]: { 0: -1, 1: 0 } }))
      .load();
    expect(some.selectExpr('CAST(value AS STRING) AS v').collect().map((r) => r.asDict().v)).toEqual(['three']);
  });

  it('writes a DataFrame\'s key and value columns, to the topic option or each row\'s topic column', async () => {
    const a = uniqueTopic('sql-write-a');
    const b = uniqueTopic('sql-write-b');
    await createTopic(bootstrap, a, 1);
    await createTopic(bootstrap, b, 1);
    spark
      .createDataFrame([['k1', 'v1'], ['k2', 'v2']], ['key', 'value'])
      .write.format('kafka')
      .option('kafka.bootstrap.servers', bootstrap)
      .option('topic', a)
      .save();
    expect((await readTopic(bootstrap, a)).map((r) => [r.key, r.value])).toEqual([
      ['k1', 'v1'],
      ['k2', 'v2'],
    ]);
    spark.createDataFrame([[b, 'x']], ['topic', 'value']).write.format('kafka').option('kafka.bootstrap.servers', bootstrap).save();
    expect((await readTopic(bootstrap, b)).map((r) => r.value)).toEqual(['x']);
  });

  it.each([
    [{ 'kafka.bootstrap.servers': 'localhost:9092' }, 'One of the following options must be specified for Kafka source: subscribe, subscribePattern, assign'],
    [{ subscribe: 't' }, 'option "kafka.bootstrap.servers" must be specified'],
    [{ 'kafka.bootstrap.servers': 'localhost:9092', subscribe: 't', startingOffsets: 'latest' }, "starting offset can't be latest for batch queries on Kafka"],
    [{ 'kafka.bootstrap.servers': 'localhost:9092', subscribe: 't', startingOffsets: '{bad' }, 'option "startingOffsets" must be "earliest", "latest" or JSON'],
    [{ 'kafka.bootstrap.servers': 'localhost:9092', subscribe: 't', 'kafka.auto.offset.reset': 'earliest' }, "Kafka option 'auto.offset.reset' is not supported"],
    [{ 'kafka.bootstrap.servers': 'localhost:9092', subscribe: 't', subscribePatern: 'x' }, 'unknown option "subscribePatern"'],
  ])('refuses %j at load()', (options, message) => {
    expect(() => kafkaDataSource.checkOptions?.(new SourceOptions(options), 'read')).toThrow(message);
  });
});

describe('the kafka streaming source (the contract the Structured Streaming engine calls)', () => {
  it('serves micro-batches by offsets, honours maxOffsetsPerTrigger, and fails on data loss unless told not to', async () => {
    const topic = uniqueTopic('sql-stream');
    await createTopic(bootstrap, topic, 1);
    await produce(bootstrap, topic, ['a', 'b', 'c', 'd', 'e'].map((value) => ({ value })));
    const request = (extra: Record<string, string>) => ({
      format: 'kafka',
      paths: [],
      options: new SourceOptions({ 'kafka.bootstrap.servers': bootstrap, subscribe: topic, startingOffsets: 'earliest', ...extra }),
      session: spark.sourceSession(),
      metadataPath: '/tmp/unused',
      clock: new ManualClock(0),
      warn: () => undefined,
    });
    const source = kafkaDataSource.createStreamSource!(request({ maxOffsetsPerTrigger: '3' }));
    const values = (p: { numPartitions: number; readPartition(i: number, emit: (r: unknown[]) => void): void }): string[] => {
      const out: string[] = [];
      for (let i = 0; i < p.numPartitions; i++) p.readPartition(i, (r) => out.push(Buffer.from(r[1] as Uint8Array).toString()));
      return out;
    };
    await source.start(() => undefined);
    const end1 = await source.latestOffset(null, { kind: 'maxRows', rows: 3 });
    expect(end1).toEqual({ [topic]: { 0: 3 } });
    expect(values(await source.getBatch(null, end1!))).toEqual(['a', 'b', 'c']);
    const end2 = await source.latestOffset(end1, { kind: 'all' });
    expect(values(await source.getBatch(end1, end2!))).toEqual(['d', 'e']);
    expect(source.describe()).toBe(`KafkaV2[Subscribe[${topic}]]`);
    // Retention takes f and g before they are read.
    await produce(bootstrap, topic, ['f', 'g', 'h'].map((value) => ({ value })));
    await deleteRecordsBefore(bootstrap, topic, 0, 7);
    const end3 = await source.latestOffset(end2, { kind: 'all' });
    await expect(source.getBatch(end2, end3!)).rejects.toThrow(/Some data may have been lost.*set the source option "failOnDataLoss" to "false"/);
    await source.stop();
    const warned: string[] = [];
    const lenient = new KafkaStreamSource(readOptions(request({ failOnDataLoss: 'false' }).options, 'readStream'), (m) => warned.push(m));
    await lenient.start(() => undefined);
    expect(values(await lenient.getBatch(end2, end3!))).toEqual(['h']);
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain(`${topic}-0 offsets 5 to 7 are gone`);
    await lenient.stop();
  });
});
