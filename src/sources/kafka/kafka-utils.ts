/**
 * `KafkaUtils`, as pyspark 2.x's `pyspark.streaming.kafka`: `createDirectStream` reads topics
 * with the direct approach (each batch an exact offset range per partition, the offsets saved
 * with the checkpoint), and with a `group.id` shares their partitions among processes through
 * Kafka's consumer groups (docs/SCALING.md). `createStream`, the ZooKeeper receiver, is gone
 * from Kafka 4 and is refused with the way on. `writeToKafka` is tspark's output operation to a
 * topic (pyspark has none for DStreams; its users write from `foreachRDD`).
 */
import { check, describeValue, isFunction, nonEmptyString, rule } from '../../engine/checks.js';
import { type DStream, nodeOf, wrap } from '../../engine/dstream/dstream.js';
import { IllegalArgumentError } from '../../engine/errors.js';
import type { RDD } from '../../engine/rdd/rdd.js';
import { contextRuntime, type StreamingContext } from '../../engine/streaming-context.js';
import { type Decoder, type MessageAndMetadata, RecordDecoder } from './decode.js';
import { DirectKafkaInput } from './direct-input.js';
import { writeToKafka } from './kafka-sink.js';
import { type KafkaRDD, TopicAndPartition } from './offset-range.js';
import { type KafkaParamValue, readKafkaParams } from './params.js';
import { readRateSettings } from './rate.js';
import { type TpKey, tpKey } from './reader.js';

/** A direct stream: a DStream whose batch RDDs are `KafkaRDD`s, with `offsetRanges()`. */
export interface KafkaDStream<T> extends DStream<T> {
  /** `func(rdd)` or `func(time, rdd)` on each batch's KafkaRDD (call `rdd.offsetRanges()` here, as in pyspark). */
  foreachRDD(func: (rdd: KafkaRDD<T>) => unknown): void;
  foreachRDD(func: (time: Date, rdd: KafkaRDD<T>) => unknown): void;
  /** `func(rdd)` or `func(time, rdd)` on each batch's KafkaRDD; it returns an RDD. */
  transform<U>(func: (rdd: KafkaRDD<T>) => RDD<U>): DStream<U>;
  transform<U>(func: (time: Date, rdd: KafkaRDD<T>) => RDD<U>): DStream<U>;
}

/** `kafkaParams`: Kafka consumer settings, values as strings (pyspark) or numbers and booleans. */
export type KafkaParamsInput = Readonly<Record<string, KafkaParamValue>> | ReadonlyMap<string, KafkaParamValue>;

/** `fromOffsets`: pyspark's `{TopicAndPartition: offset}` as a Map, or `{topic: {partition: offset}}`. */
export type FromOffsets = ReadonlyMap<TopicAndPartition, number> | Readonly<Record<string, Readonly<Record<string | number, number>>>>;

/** Options of `createDirectStream` after `fromOffsets` (pyspark's keyword arguments). */
export interface DirectStreamOptions<K, V, R> {
  /** Turns a record's key bytes (null when absent) into the key; default UTF-8 text. */
  keyDecoder?: Decoder<K>;
  /** Turns a record's value bytes (null for a tombstone) into the value; default UTF-8 text. */
  valueDecoder?: Decoder<V>;
  /** Turns each decoded message with its topic, partition and offset into the stream's element; default `[key, value]`. */
  messageHandler?: (m: MessageAndMetadata<K, V>) => R;
}

const TOPICS = rule('a non-empty array of topic names', (v): v is readonly string[] => Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'string' && t.trim() !== ''));
const OFFSET = rule('a whole number >= 0', (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0);
const TOPIC = nonEmptyString('a topic name');

function readFromOffsets(value: unknown): Map<TpKey, number> | undefined {
  if (value === undefined || value === null) return undefined;
  const out = new Map<TpKey, number>();
  if (value instanceof Map) {
    for (const [tp, o] of value as Map<unknown, unknown>) {
      if (!(tp instanceof TopicAndPartition)) {
        throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `createDirectStream: "fromOffsets" keys must be TopicAndPartition(topic, partition); got ${describeValue(tp)}`);
      }
      out.set(tpKey(tp.topic, tp.partition), check('createDirectStream', `fromOffsets[${tp.toString()}]`, o, OFFSET));
    }
  } else if (typeof value === 'object') {
    for (const [topic, parts] of Object.entries(value as Record<string, unknown>)) {
      if (typeof parts !== 'object' || parts === null) {
        throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `createDirectStream: "fromOffsets" must map topics to {partition: offset}; got ${describeValue(value)}`);
      }
      for (const [p, o] of Object.entries(parts as Record<string, unknown>)) {
        const partition = Number(p);
        if (!Number.isInteger(partition) || partition < 0) throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `createDirectStream: "fromOffsets" partition of "${topic}" must be a whole number; got ${describeValue(p)}`);
        out.set(tpKey(topic, partition), check('createDirectStream', `fromOffsets.${topic}.${p}`, o, OFFSET));
      }
    }
  } else {
    throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `createDirectStream: "fromOffsets" must be a Map of TopicAndPartition to offset, or {topic: {partition: offset}}; got ${describeValue(value)}`);
  }
  return out.size > 0 ? out : undefined;
}

function readOptions(options: unknown): RecordDecoder {
  if (options === undefined || options === null) return new RecordDecoder(undefined, undefined, undefined);
  if (typeof options !== 'object') throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `createDirectStream: "options" must be an object; got ${describeValue(options)}`);
  const known = ['keyDecoder', 'valueDecoder', 'messageHandler'];
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) throw new IllegalArgumentError('ERR_UNKNOWN_OPTION', `createDirectStream: unknown option "${k}"; known options are ${known.map((x) => `"${x}"`).join(', ')}`);
  }
  const o = options as Record<string, unknown>;
  const fn = <F>(key: string): F | undefined => (o[key] === undefined || o[key] === null ? undefined : (check('createDirectStream', key, o[key], isFunction) as F));
  return new RecordDecoder(fn('keyDecoder'), fn('valueDecoder'), fn('messageHandler'));
}

/** pyspark's `KafkaUtils`: Kafka streams for a StreamingContext. */
export class KafkaUtils {
  private constructor() {}

  /**
   * A stream of the records of `topics`, read with the direct approach: each batch is an exact
   * offset range of every partition (`rdd.offsetRanges()`), and the offsets are saved in the
   * checkpoint after each batch, so `StreamingContext.getOrCreate` resumes exactly. Elements
   * are `[key, value]` pairs of UTF-8 text unless decoders or a messageHandler say otherwise.
   *
   * @example
   * const kvs = KafkaUtils.createDirectStream(ssc, ["words"], { "bootstrap.servers": "localhost:9092", "auto.offset.reset": "smallest" })
   * kvs.map(([, v]) => v).flatMap((l) => l.split(" ")).countByValue().pprint()
   */
  static createDirectStream(ssc: StreamingContext, topics: readonly string[], kafkaParams: KafkaParamsInput, fromOffsets?: FromOffsets | null): KafkaDStream<[string | null, string | null]>;
  static createDirectStream<K = string | null, V = string | null>(
    ssc: StreamingContext,
    topics: readonly string[],
    kafkaParams: KafkaParamsInput,
    fromOffsets: FromOffsets | null | undefined,
    options: DirectStreamOptions<K, V, never> & { messageHandler?: undefined },
  ): KafkaDStream<[K, V]>;
  static createDirectStream<K, V, R>(
    ssc: StreamingContext,
    topics: readonly string[],
    kafkaParams: KafkaParamsInput,
    fromOffsets: FromOffsets | null | undefined,
    options: DirectStreamOptions<K, V, R> & { messageHandler: (m: MessageAndMetadata<K, V>) => R },
  ): KafkaDStream<R>;
  static createDirectStream(
    ssc: StreamingContext,
    topics: readonly string[],
    kafkaParams: KafkaParamsInput,
    fromOffsets?: FromOffsets | null,
    options?: DirectStreamOptions<unknown, unknown, unknown>,
  ): KafkaDStream<unknown> {
    const runtime = contextRuntime('createDirectStream', ssc);
    check('createDirectStream', 'topics', topics, TOPICS);
    const params = readKafkaParams('createDirectStream', kafkaParams);
    const offsets = readFromOffsets(fromOffsets);
    const decoder = readOptions(options);
    runtime.checkCanAddStream();
    const input = new DirectKafkaInput(runtime, {
      topics: [...new Set(topics.map((t) => t.trim()))],
      params,
      fromOffsets: offsets,
      decoder,
      rate: readRateSettings(runtime.sc.getConf()),
    });
    return wrap(input.node, ssc) as KafkaDStream<unknown>;
  }

  /** Refused: the receiver-based stream read through ZooKeeper, which Kafka 4 no longer has. */
  static createStream(...args: unknown[]): never {
    void args;
    throw new IllegalArgumentError(
      'ERR_KAFKA_NO_RECEIVER',
      'KafkaUtils.createStream (the ZooKeeper-based receiver) is gone from Kafka 4 and from tspark: use KafkaUtils.createDirectStream(ssc, ["topic"], {"bootstrap.servers": "localhost:9092"})',
    );
  }

  /**
   * Writes every element of each batch of `stream` to `topic` (tspark's; pyspark has no DStream
   * sink): `[key, value]` pairs keyed by their key, other elements as values without a key.
   */
  static writeToKafka(stream: DStream<unknown>, topic: string, kafkaParams: KafkaParamsInput): void {
    const node = nodeOf(stream, 'writeToKafka', 'stream');
    check('writeToKafka', 'topic', topic, TOPIC);
    const params = readKafkaParams('writeToKafka', kafkaParams);
    writeToKafka(node as Parameters<typeof writeToKafka>[0], topic.trim(), params);
  }
}
