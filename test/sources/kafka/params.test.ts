/** kafkaParams and the other arguments of createDirectStream, checked at the call (no broker needed). */
import { describe, expect, it } from 'vitest';
import { KafkaUtils, ManualClock, SparkContext, StreamingContext, TopicAndPartition } from '../../../src/index.js';
import { readKafkaParams } from '../../../src/sources/kafka/params.js';

const read = (p: unknown) => readKafkaParams('createDirectStream', p);

describe('kafkaParams', () => {
  it.each([
    [{ 'metadata.broker.list': 'localhost:9092' }, { bootstrap: ['localhost:9092'], reset: 'latest', groupId: undefined, autoCommit: true }],
    [{ 'bootstrap.servers': 'a:1, b:2', 'auto.offset.reset': 'smallest' }, { bootstrap: ['a:1', 'b:2'], reset: 'earliest' }],
    [{ 'bootstrap.servers': 'a:1', 'auto.offset.reset': 'largest', 'group.id': 'g' }, { reset: 'latest', groupId: 'g' }],
    [{ 'bootstrap.servers': 'a:1', 'auto.offset.reset': 'EARLIEST', 'enable.auto.commit': false }, { reset: 'earliest', autoCommit: false }],
    [{ 'bootstrap.servers': 'a:1', 'session.timeout.ms': 6000 }, { sessionTimeoutMs: 6000, heartbeatIntervalMs: 2000 }],
  ])('reads %j', (params, expected) => {
    expect(read(params)).toMatchObject(expected);
  });

  it.each([
    [{}, 'ERR_INVALID_ARGUMENT', 'must give "bootstrap.servers" (or pyspark\'s "metadata.broker.list")'],
    [{ 'bootstrap.servers': 'localhost' }, 'ERR_INVALID_ARGUMENT', '"bootstrap.servers" must be host:port[,host:port…] (e.g. "localhost:9092"); got "localhost"'],
    [{ 'bootstrap.servers': 'a:1', 'auto.offset.reset': 'first' }, 'ERR_INVALID_ARGUMENT', '"auto.offset.reset" must be "smallest", "largest", "earliest", "latest" or "none"; got "first"'],
    [{ 'bootstrap.servers': 'a:1', 'fetch.min.byte': '1' }, 'ERR_UNKNOWN_OPTION', 'unknown kafkaParams key "fetch.min.byte"; known keys are "bootstrap.servers"'],
    [{ 'bootstrap.servers': 'a:1', 'value.deserializer': 'x' }, 'ERR_INVALID_ARGUMENT', 'pass a valueDecoder option instead'],
    [{ 'bootstrap.servers': 'a:1', 'zookeeper.connect': 'z:2181' }, 'ERR_INVALID_ARGUMENT', 'ZooKeeper is gone from Kafka 4'],
    [{ 'bootstrap.servers': 'a:1', 'session.timeout.ms': 'soon' }, 'ERR_INVALID_ARGUMENT', '"session.timeout.ms" must be a whole number >= 1000; got "soon"'],
    ['localhost:9092', 'ERR_INVALID_ARGUMENT', '"kafkaParams" must be an object'],
  ])('refuses %j with %s', (params, code, message) => {
    expect(() => read(params)).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) as unknown }));
  });
});

describe('KafkaUtils at the call', () => {
  const ssc = new StreamingContext(new SparkContext('local[2]'), 1, { clock: new ManualClock(), out: () => undefined, err: () => undefined });
  const params = { 'bootstrap.servers': 'localhost:9092' };

  it('refuses createStream (the ZooKeeper receiver) with the way to createDirectStream', () => {
    expect(() => KafkaUtils.createStream(ssc, 'localhost:2181', 'g', { words: 1 })).toThrow(
      expect.objectContaining({ code: 'ERR_KAFKA_NO_RECEIVER', message: expect.stringContaining('use KafkaUtils.createDirectStream(ssc, ["topic"], {"bootstrap.servers": "localhost:9092"})') as unknown }),
    );
  });

  it.each([
    [() => KafkaUtils.createDirectStream({} as StreamingContext, ['t'], params), 'ERR_INVALID_ARGUMENT', 'createDirectStream: "ssc" must be a StreamingContext'],
    [() => KafkaUtils.createDirectStream(ssc, [], params), 'ERR_INVALID_ARGUMENT', '"topics" must be a non-empty array of topic names; got []'],
    [() => KafkaUtils.createDirectStream(ssc, 'words' as unknown as string[], params), 'ERR_INVALID_ARGUMENT', '"topics" must be a non-empty array'],
    [() => KafkaUtils.createDirectStream(ssc, ['t'], params, new Map([['t:0' as unknown as TopicAndPartition, 1]])), 'ERR_INVALID_ARGUMENT', '"fromOffsets" keys must be TopicAndPartition'],
    [() => KafkaUtils.createDirectStream(ssc, ['t'], params, new Map([[new TopicAndPartition('t', 0), -1]])), 'ERR_INVALID_ARGUMENT', '"fromOffsets[t-0]" must be a whole number >= 0; got -1'],
    [() => KafkaUtils.createDirectStream(ssc, ['t'], params, null, { valueDecode: () => 1 } as never), 'ERR_UNKNOWN_OPTION', 'unknown option "valueDecode"'],
    [() => KafkaUtils.createDirectStream(ssc, ['t'], params, null, { valueDecoder: 'utf8' } as never), 'ERR_INVALID_ARGUMENT', '"valueDecoder" must be a function'],
    [() => KafkaUtils.writeToKafka(ssc.queueStream([[1]]), '', params), 'ERR_INVALID_ARGUMENT', '"topic" must be a topic name'],
  ])('refuses a bad argument (%#)', (call, code, message) => {
    expect(call).toThrow(expect.objectContaining({ code, message: expect.stringContaining(message) as unknown }));
  });
});
