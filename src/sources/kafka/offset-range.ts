/**
 * The offset vocabulary of pyspark's `pyspark.streaming.kafka`: `TopicAndPartition`,
 * `OffsetRange` (a batch's share of one partition: `[fromOffset, untilOffset)`), and `KafkaRDD`,
 * the RDD of one batch of a direct stream, which knows its ranges (`rdd.offsetRanges()`).
 */
import { check, nonEmptyString, rule, wholeNumber } from '../../engine/checks.js';
import { RDD } from '../../engine/rdd/rdd.js';
import type { RDDSpec } from '../../engine/rdd/rdd-base.js';
import type { SparkContext } from '../../engine/spark-context.js';

const TOPIC = nonEmptyString('a topic name');

/** One partition of a topic, as pyspark's `TopicAndPartition(topic, partition)`. */
export class TopicAndPartition {
  readonly topic: string;
  readonly partition: number;

  constructor(topic: string, partition: number) {
    this.topic = check('TopicAndPartition', 'topic', topic, TOPIC);
    this.partition = check('TopicAndPartition', 'partition', partition, wholeNumber);
  }

  /** `words-0`, as Kafka's tools name a partition. */
  toString(): string {
    return `${this.topic}-${this.partition}`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `TopicAndPartition(topic: ${this.topic}, partition: ${this.partition})`;
  }
}

const OFFSET = rule('a whole number >= 0 (an offset)', (v): v is number => Number.isSafeInteger(v) && (v as number) >= 0);

/** A batch's share of one partition: the records at offsets `fromOffset` up to, not including, `untilOffset`. */
export class OffsetRange {
  readonly topic: string;
  readonly partition: number;
  readonly fromOffset: number;
  readonly untilOffset: number;

  constructor(topic: string, partition: number, fromOffset: number, untilOffset: number) {
    this.topic = check('OffsetRange', 'topic', topic, TOPIC);
    this.partition = check('OffsetRange', 'partition', partition, wholeNumber);
    this.fromOffset = check('OffsetRange', 'fromOffset', fromOffset, OFFSET);
    this.untilOffset = check('OffsetRange', 'untilOffset', untilOffset, OFFSET);
  }

  /** Number of offsets in the range (records, unless some were compacted away). */
  count(): number {
    return this.untilOffset - this.fromOffset;
  }

  /** The range's partition. */
  topicAndPartition(): TopicAndPartition {
    return new TopicAndPartition(this.topic, this.partition);
  }

  /** pyspark's form: `OffsetRange(topic: words, partition: 0, range: [0 -> 42])`. */
  toString(): string {
    return `OffsetRange(topic: ${this.topic}, partition: ${this.partition}, range: [${this.fromOffset} -> ${this.untilOffset}])`;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/** The RDD of one batch of a direct Kafka stream: one partition per offset range, in range order. */
export class KafkaRDD<T> extends RDD<T> {
  readonly #ranges: readonly OffsetRange[];

  /** @internal Made by the direct stream for each batch. */
  constructor(context: SparkContext, spec: RDDSpec<T>, ranges: readonly OffsetRange[]) {
    super(context, spec);
    this.#ranges = ranges;
  }

  /** The offset range of each partition of this batch, as pyspark's `rdd.offsetRanges()`. */
  offsetRanges(): OffsetRange[] {
    return [...this.#ranges];
  }
}
