/**
 * Spark's Kafka source and sink options (Structured Streaming + Kafka Integration Guide, 3.5),
 * read and checked at the boundary: exactly one of `subscribe`, `subscribePattern`, `assign`;
 * `startingOffsets`/`endingOffsets` as `earliest`/`latest` or Spark's JSON
 * (`{"topic":{"0":23,"1":-2}}`, -2 earliest and -1 latest); `maxOffsetsPerTrigger`,
 * `failOnDataLoss`, `includeHeaders`; `kafka.*` passed to the client (`kafka.bootstrap.servers`
 * is required). A wrong value names the option, the rule and the value.
 */
import { SparkArgumentError } from '../../../sql/errors.js';
import type { SourceUse } from '../../../sql/sources/contract.js';
import type { SourceOptions } from '../../../sql/sources/options.js';
import { type KafkaParams, readKafkaParams } from '../params.js';

/** Where a partition starts (or, for a batch read, ends). */
export type OffsetSpec = { readonly kind: 'earliest' } | { readonly kind: 'latest' } | { readonly kind: 'json'; readonly offsets: ReadonlyMap<string, ReadonlyMap<number, number>> };

/** Which topics or partitions to read. */
export type Subscription =
  | { readonly kind: 'subscribe'; readonly topics: readonly string[] }
  | { readonly kind: 'subscribePattern'; readonly pattern: RegExp }
  | { readonly kind: 'assign'; readonly partitions: ReadonlyMap<string, readonly number[]> };

/** A Kafka read, as the options describe it. */
export interface KafkaReadOptions {
  readonly params: KafkaParams;
  readonly subscription: Subscription;
  readonly starting: OffsetSpec;
  readonly ending: OffsetSpec;
  readonly maxOffsetsPerTrigger: number | undefined;
  readonly failOnDataLoss: boolean;
  readonly includeHeaders: boolean;
}

/** A Kafka write: the client settings, and the topic when it is an option. */
export interface KafkaWriteOptions {
  readonly params: KafkaParams;
  readonly topic: string | undefined;
}

const READ_KEYS = [
  'subscribe',
  'subscribePattern',
  'assign',
  'startingOffsets',
  'endingOffsets',
  'startingOffsetsByTimestamp',
  'endingOffsetsByTimestamp',
  'maxOffsetsPerTrigger',
  'minOffsetsPerTrigger',
  'failOnDataLoss',
  'includeHeaders',
  'kafkaConsumer.pollTimeoutMs',
  'fetchOffset.numRetries',
  'fetchOffset.retryIntervalMs',
  'groupIdPrefix',
];
const WRITE_KEYS = ['topic', 'includeHeaders'];

/** The client settings tspark passes on from `kafka.*` (the others are refused, naming them). */
const CLIENT_KEYS: Readonly<Record<string, string>> = {
  'kafka.bootstrap.servers': 'bootstrap.servers',
  'kafka.client.id': 'client.id',
  'kafka.group.id': 'group.id',
  'kafka.session.timeout.ms': 'session.timeout.ms',
  'kafka.request.timeout.ms': 'request.timeout.ms',
  'kafka.max.partition.fetch.bytes': 'max.partition.fetch.bytes',
  'kafka.fetch.max.bytes': 'fetch.max.bytes',
  'kafka.fetch.max.wait.ms': 'fetch.max.wait.ms',
};

function invalid(message: string): SparkArgumentError {
  return new SparkArgumentError('INVALID_ARGUMENT', { message });
}

function clientParams(options: SourceOptions, where: string): KafkaParams {
  const given: Record<string, string> = {};
  for (const key of options.keys()) {
    const l = key.toLowerCase();
    if (!l.startsWith('kafka.')) continue;
    const mapped = Object.entries(CLIENT_KEYS).find(([k]) => k.toLowerCase() === l)?.[1];
    if (mapped === undefined) {
      // Spark's own rule: these are set by the source itself.
      if (['kafka.auto.offset.reset', 'kafka.enable.auto.commit', 'kafka.key.deserializer', 'kafka.value.deserializer', 'kafka.key.serializer', 'kafka.value.serializer'].includes(l)) {
        throw invalid(`Kafka option '${key.slice(6)}' is not supported as the source or sink sets it itself`);
      }
      throw invalid(`${where}: Kafka option "${key}" is not passed to the client by tspark; known kafka.* options are ${Object.keys(CLIENT_KEYS).map((k) => `"${k}"`).join(', ')}`);
    }
    given[mapped] = options.get(key) ?? '';
  }
  if (given['bootstrap.servers'] === undefined) throw invalid(`${where}: option "kafka.bootstrap.servers" must be specified for configuring Kafka consumer and producer`);
  try {
    return readKafkaParams(where, given);
  } catch (e) {
    throw invalid(e instanceof Error ? e.message.replace(/kafkaParams "/g, 'option "kafka.') : String(e));
  }
}

/** Spark's offset JSON: `{"topic":{"0":23,"1":-2}}` (-2 earliest, -1 latest). */
export function parseOffsetJson(option: string, text: string): ReadonlyMap<string, ReadonlyMap<number, number>> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw invalid(`option "${option}" must be "earliest", "latest" or JSON such as {"topic":{"0":23,"1":-2}}; got ${JSON.stringify(text)}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw invalid(`option "${option}" must map topics to {partition: offset}; got ${JSON.stringify(text)}`);
  const out = new Map<string, Map<number, number>>();
  for (const [topic, parts] of Object.entries(v as Record<string, unknown>)) {
    if (typeof parts !== 'object' || parts === null) throw invalid(`option "${option}": topic "${topic}" must map partitions to offsets; got ${JSON.stringify(text)}`);
    const m = new Map<number, number>();
    for (const [p, o] of Object.entries(parts as Record<string, unknown>)) {
      const partition = Number(p);
      if (!Number.isInteger(partition) || partition < 0 || !Number.isSafeInteger(o) || (o as number) < -2) {
        throw invalid(`option "${option}": ${topic} partition ${p} must have an offset >= 0, or -2 (earliest) or -1 (latest); got ${JSON.stringify(o)}`);
      }
      m.set(partition, o as number);
    }
    out.set(topic, m);
  }
  return out;
}

function offsetSpec(options: SourceOptions, option: string, dflt: 'earliest' | 'latest'): OffsetSpec {
  const raw = options.get(option)?.trim();
  if (raw === undefined) return { kind: dflt };
  if (raw.toLowerCase() === 'earliest') return { kind: 'earliest' };
  if (raw.toLowerCase() === 'latest') return { kind: 'latest' };
  return { kind: 'json', offsets: parseOffsetJson(option, raw) };
}

function subscription(options: SourceOptions): Subscription {
  const given = ['subscribe', 'subscribePattern', 'assign'].filter((k) => options.has(k));
  if (given.length !== 1) {
    throw invalid(`One of the following options must be specified for Kafka source: subscribe, subscribePattern, assign. See the docs for more details.${given.length > 1 ? ` Got ${given.join(' and ')}` : ''}`);
  }
  const value = options.get(given[0] ?? '')?.trim() ?? '';
  if (given[0] === 'subscribe') {
    const topics = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
    if (topics.length === 0) throw invalid(`No topics to subscribe to as specified value for option 'subscribe' is '${value}'`);
    return { kind: 'subscribe', topics };
  }
  if (given[0] === 'subscribePattern') {
    if (value === '') throw invalid(`Pattern to subscribe is empty as specified value for option 'subscribePattern' is '${value}'`);
    try {
      return { kind: 'subscribePattern', pattern: new RegExp(`^(?:${value})$`) };
    } catch {
      throw invalid(`option "subscribePattern" must be a regular expression; got ${JSON.stringify(value)}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw invalid(`option "assign" must be JSON such as {"topicA":[0,1],"topicB":[2,4]}; got ${JSON.stringify(value)}`);
  }
  const partitions = new Map<string, number[]>();
  for (const [t, ps] of Object.entries((parsed ?? {}) as Record<string, unknown>)) {
    if (!Array.isArray(ps) || !ps.every((p) => Number.isInteger(p) && (p as number) >= 0)) throw invalid(`option "assign": topic "${t}" must list partitions such as [0,1]; got ${JSON.stringify(value)}`);
    partitions.set(t, ps as number[]);
  }
  if (partitions.size === 0) throw invalid(`No topic partitions to assign as specified value for option 'assign' is '${value}'`);
  return { kind: 'assign', partitions };
}

/** The options of `spark.read`/`spark.readStream` `.format("kafka")`, checked. */
export function readOptions(options: SourceOptions, use: SourceUse): KafkaReadOptions {
  options.checkKnown(`kafka ${use}`, READ_KEYS, ['kafka.']);
  const batch = use === 'read';
  if (!batch && options.has('endingOffsets')) throw invalid("Option 'endingOffsets' is not supported for streaming queries: it is for batch queries");
  const starting = offsetSpec(options, 'startingOffsets', batch ? 'earliest' : 'latest');
  const ending = offsetSpec(options, 'endingOffsets', 'latest');
  if (batch && starting.kind === 'latest') throw invalid("starting offset can't be latest for batch queries on Kafka");
  if (batch && ending.kind === 'earliest') throw invalid("ending offset can't be earliest for batch queries on Kafka");
  if (options.has('startingOffsetsByTimestamp') || options.has('endingOffsetsByTimestamp')) throw invalid('options "startingOffsetsByTimestamp" and "endingOffsetsByTimestamp" are not supported by tspark yet: give offsets');
  const max = options.has('maxOffsetsPerTrigger') ? options.getInt('maxOffsetsPerTrigger', 0, 1) : undefined;
  return {
    params: clientParams(options, `kafka ${use}`),
    subscription: subscription(options),
    starting,
    ending,
    maxOffsetsPerTrigger: max,
    failOnDataLoss: options.getBoolean('failOnDataLoss', true),
    includeHeaders: options.getBoolean('includeHeaders', false),
  };
}

/** The options of `df.write`/`df.writeStream` `.format("kafka")`, checked. */
export function writeOptions(options: SourceOptions, use: SourceUse): KafkaWriteOptions {
  // The streaming writer's own options reach the sink too (as the console sink takes them).
  options.checkKnown(`kafka ${use}`, use === 'writeStream' ? [...WRITE_KEYS, 'checkpointLocation', 'queryName'] : WRITE_KEYS, ['kafka.']);
  const topic = options.get('topic')?.trim();
  return { params: clientParams(options, `kafka ${use}`), topic: topic === '' ? undefined : topic };
}
