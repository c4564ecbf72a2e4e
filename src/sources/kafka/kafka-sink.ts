/**
 * `KafkaUtils.writeToKafka(stream, topic, kafkaParams)`: an output operation that writes every
 * element of each batch to a topic, through an idempotent producer. A `[key, value]` pair is
 * written keyed by its key (so a compacted topic keeps the last value of each key: an upsert);
 * any other element is the value of a record without a key. Strings are UTF-8, bytes as they
 * are, other values JSON.
 *
 * Downstream of a consumer-group stream, a batch read under an assignment that changed writes
 * nothing (its partitions are read again by their owners), and a batch whose write failed is
 * not committed: the stream goes back to the last commit and writes it again (at-least-once
 * output; with a key per result, the topic's last value of each key is exact).
 */
import { addOutput } from '../../engine/dstream/output.js';
import type { StreamNode } from '../../engine/dstream/stream-node.js';
import { SourceError } from '../../engine/errors.js';
import { describeKafkaError } from './client.js';
import { upstreamKafkaInputs } from './upstream-inputs.js';
import type { KafkaParams } from './params.js';
import { KafkaWriter, type OutRecord, toBytes } from './writer.js';

/** Registers the output operation writing `stream`'s elements to `topic`. */
export function writeToKafka(stream: StreamNode<unknown>, topic: string, params: KafkaParams): void {
  const writer = new KafkaWriter(params);
  const runtime = stream.runtime;
  const groups = (): ReturnType<typeof upstreamKafkaInputs> => upstreamKafkaInputs(stream).filter((i) => i.group !== undefined);
  addOutput(stream, 'writeToKafka', async (time, rdd) => {
    const inputs = groups();
    if (inputs.some((i) => i.group?.isBatchCurrent(time) === false)) return;
    const records: OutRecord[] = [];
    rdd.foreach((x) => {
      if (Array.isArray(x) && x.length === 2) records.push({ topic, key: toBytes(x[0]), value: toBytes(x[1]) });
      else records.push({ topic, key: undefined, value: toBytes(x) });
    });
    try {
      await writer.send(records);
    } catch (e) {
      for (const i of inputs) i.group?.abortBatch(time);
      throw new SourceError('ERR_KAFKA_WRITE', `writeToKafka: could not write ${records.length} record${records.length === 1 ? '' : 's'} to "${topic}": ${describeKafkaError(e)}`, { cause: e });
    }
  });
  runtime.events.on((e) => {
    if (e.type === 'contextStopped') void writer.close();
  });
}
