/**
 * `MQTTUtils`, as Bahir's pyspark module spells it: `MQTTUtils.createStream(ssc, brokerUrl,
 * topic)` is a DStream of message payloads (text), `createPairedStream(ssc, brokerUrl, topics)`
 * one of `[topic, payload]` pairs.
 *
 * @example
 * const readings = MQTTUtils.createStream(ssc, "tcp://localhost:1883", "sensors/#").map((p) => JSON.parse(p));
 */
import { check, nonEmptyString, rule } from '../../engine/checks.js';
import type { DStream } from '../../engine/dstream/dstream.js';
import type { StorageLevel } from '../../engine/rdd/rdd-base.js';
import type { StreamingContext } from '../../engine/streaming-context.js';
import { MqttReceiver, type MqttReceiverOptions } from './mqtt-receiver.js';

const TOPICS = rule('a non-empty list of topic filters', (v): v is string[] => Array.isArray(v) && v.length > 0 && v.every((t) => typeof t === 'string' && t !== ''));

/** Bahir's `MQTTUtils` for DStreams. */
export const MQTTUtils = {
  /** A stream of the payloads (UTF-8 text) of the messages published on `topic` (wildcards allowed). */
  createStream(ssc: StreamingContext, brokerUrl: string, topic: string, _storageLevel?: StorageLevel, options?: MqttReceiverOptions): DStream<string> {
    check('MQTTUtils.createStream', 'brokerUrl', brokerUrl, nonEmptyString('a broker URL such as "tcp://localhost:1883"'));
    check('MQTTUtils.createStream', 'topic', topic, nonEmptyString('a topic filter such as "sensors/#"'));
    return ssc.receiverStream(new MqttReceiver(brokerUrl, [topic], false, options));
  },
  /** A stream of `[topic, payload]` pairs from the messages published on `topics`. */
  createPairedStream(ssc: StreamingContext, brokerUrl: string, topics: readonly string[], _storageLevel?: StorageLevel, options?: MqttReceiverOptions): DStream<[string, string]> {
    check('MQTTUtils.createPairedStream', 'brokerUrl', brokerUrl, nonEmptyString('a broker URL such as "tcp://localhost:1883"'));
    check('MQTTUtils.createPairedStream', 'topics', topics, TOPICS);
    return ssc.receiverStream(new MqttReceiver(brokerUrl, topics, true, options));
  },
};
