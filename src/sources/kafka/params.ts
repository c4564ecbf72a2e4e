/**
 * `kafkaParams`, checked at the call: the Kafka consumer settings a direct stream understands,
 * with pyspark 2.x's names (`metadata.broker.list`, `auto.offset.reset` = `smallest`/`largest`)
 * beside Kafka's (`bootstrap.servers`, `earliest`/`latest`). Values may be strings, as pyspark
 * passes them, or numbers and booleans. A key this connector does not know is refused with the
 * list of those it knows, so a typo never silently changes nothing.
 */
import { describeValue } from '../../engine/checks.js';
import { IllegalArgumentError } from '../../engine/errors.js';

/** Where a partition with no saved position starts. */
export type OffsetReset = 'earliest' | 'latest' | 'none';

/** The settings a direct stream runs with, read from `kafkaParams`. */
export interface KafkaParams {
  /** `host:port` of each bootstrap broker. */
  readonly bootstrap: readonly string[];
  /** The consumer group: with it, partitions are shared through Kafka's group protocol and offsets committed. */
  readonly groupId: string | undefined;
  readonly reset: OffsetReset;
  /** Commit each completed batch's offsets to the group (Kafka's `enable.auto.commit`, default true). */
  readonly autoCommit: boolean;
  readonly clientId: string;
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  readonly rebalanceTimeoutMs: number;
  readonly maxPartitionFetchBytes: number;
  readonly fetchMaxBytes: number;
  readonly fetchMaxWaitMs: number;
  readonly requestTimeoutMs: number;
}

/** A setting's value as pyspark passes it (strings), or a number or boolean. */
export type KafkaParamValue = string | number | boolean;

const KNOWN = [
  'bootstrap.servers',
  'metadata.broker.list',
  'group.id',
  'auto.offset.reset',
  'enable.auto.commit',
  'client.id',
  'session.timeout.ms',
  'heartbeat.interval.ms',
  'max.poll.interval.ms',
  'max.partition.fetch.bytes',
  'fetch.max.bytes',
  'fetch.max.wait.ms',
  'request.timeout.ms',
] as const;

/** Settings of the Java client that mean something else here, with what to use instead. */
const INSTEAD: Readonly<Record<string, string>> = {
  'key.deserializer': 'pass a keyDecoder option instead (records are UTF-8 strings by default)',
  'value.deserializer': 'pass a valueDecoder option instead (records are UTF-8 strings by default)',
  'zookeeper.connect': 'ZooKeeper is gone from Kafka 4: give "bootstrap.servers" (host:port of a broker)',
  'group.protocol': 'tspark uses the classic group protocol (see docs/SCALING.md)',
};

const RESETS: Readonly<Record<string, OffsetReset>> = {
  smallest: 'earliest',
  earliest: 'earliest',
  largest: 'latest',
  latest: 'latest',
  none: 'none',
};

function fail(method: string, message: string): never {
  throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `${method}: ${message}`);
}

function text(method: string, key: string, v: KafkaParamValue): string {
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return fail(method, `kafkaParams "${key}" must be a non-empty string; got ${describeValue(v)}`);
}

function millis(method: string, key: string, v: KafkaParamValue | undefined, fallback: number, min: number): number {
  if (v === undefined) return fallback;
  const n = Number(text(method, key, v));
  if (!Number.isInteger(n) || n < min) fail(method, `kafkaParams "${key}" must be a whole number >= ${min}; got ${describeValue(v)}`);
  return n;
}

/** `host:port,host:port` → the list, each checked. */
export function parseBootstrap(method: string, key: string, value: string): string[] {
  const list = value
    .split(',')
    .map((s) => s.trim().replace(/^[a-z]+:\/\//i, ''))
    .filter((s) => s !== '');
  for (const hp of list) {
    const m = /^(\[[^\]]+\]|[^:\s]+):(\d{1,5})$/.exec(hp);
    const port = m ? Number(m[2]) : 0;
    if (!m || port < 1 || port > 65535) fail(method, `kafkaParams "${key}" must be host:port[,host:port…] (e.g. "localhost:9092"); got ${describeValue(value)}`);
  }
  if (list.length === 0) fail(method, `kafkaParams "${key}" must name at least one broker as host:port; got ${describeValue(value)}`);
  return list;
}

/** Reads and checks `kafkaParams` for `method` (e.g. "createDirectStream"). */
export function readKafkaParams(method: string, params: unknown): KafkaParams {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    fail(method, `"kafkaParams" must be an object such as {"bootstrap.servers": "localhost:9092"}; got ${describeValue(params)}`);
  }
  const entries = params instanceof Map ? [...(params as Map<unknown, unknown>)] : Object.entries(params);
  const values = new Map<string, KafkaParamValue>();
  for (const [k, v] of entries) {
    const key = String(k);
    if (INSTEAD[key] !== undefined) fail(method, `kafkaParams "${key}" is not used by tspark: ${INSTEAD[key]}`);
    if (!(KNOWN as readonly string[]).includes(key)) {
      throw new IllegalArgumentError(
        'ERR_UNKNOWN_OPTION',
        `${method}: unknown kafkaParams key "${key}"; known keys are ${KNOWN.map((x) => `"${x}"`).join(', ')}`,
      );
    }
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      fail(method, `kafkaParams "${key}" must be a string; got ${describeValue(v)}`);
    }
    values.set(key, v);
  }
  const servers = values.get('bootstrap.servers') ?? values.get('metadata.broker.list');
  if (servers === undefined) {
    fail(method, '"kafkaParams" must give "bootstrap.servers" (or pyspark\'s "metadata.broker.list"), e.g. {"bootstrap.servers": "localhost:9092"}');
  }
  const bootstrapKey = values.has('bootstrap.servers') ? 'bootstrap.servers' : 'metadata.broker.list';
  const bootstrap = parseBootstrap(method, bootstrapKey, text(method, bootstrapKey, servers));
  const group = values.get('group.id');
  const resetRaw = values.get('auto.offset.reset');
  let reset: OffsetReset = 'latest';
  if (resetRaw !== undefined) {
    const r = RESETS[text(method, 'auto.offset.reset', resetRaw).toLowerCase()];
    if (r === undefined) fail(method, `kafkaParams "auto.offset.reset" must be "smallest", "largest", "earliest", "latest" or "none"; got ${describeValue(resetRaw)}`);
    reset = r;
  }
  const commitRaw = values.get('enable.auto.commit');
  let autoCommit = true;
  if (commitRaw !== undefined) {
    const c = text(method, 'enable.auto.commit', commitRaw).toLowerCase();
    if (c !== 'true' && c !== 'false') fail(method, `kafkaParams "enable.auto.commit" must be "true" or "false"; got ${describeValue(commitRaw)}`);
    autoCommit = c === 'true';
  }
  const sessionTimeoutMs = millis(method, 'session.timeout.ms', values.get('session.timeout.ms'), 45_000, 1000);
  return {
    bootstrap,
    groupId: group === undefined ? undefined : text(method, 'group.id', group),
    reset,
    autoCommit,
    clientId: values.has('client.id') ? text(method, 'client.id', values.get('client.id') ?? '') : 'tspark',
    sessionTimeoutMs,
    heartbeatIntervalMs: millis(method, 'heartbeat.interval.ms', values.get('heartbeat.interval.ms'), Math.min(3000, Math.floor(sessionTimeoutMs / 3)), 100),
    rebalanceTimeoutMs: millis(method, 'max.poll.interval.ms', values.get('max.poll.interval.ms'), 60_000, 1000),
    // Kafka's default (1 MiB): smaller responses keep the records of one fetch young and let the next
    // fetch overlap this one's decoding; 8 MiB made B14 slower (see docs/BENCHMARKS.md, B14).
    maxPartitionFetchBytes: millis(method, 'max.partition.fetch.bytes', values.get('max.partition.fetch.bytes'), 1024 * 1024, 1024),
    fetchMaxBytes: millis(method, 'fetch.max.bytes', values.get('fetch.max.bytes'), 50 * 1024 * 1024, 1024),
    fetchMaxWaitMs: millis(method, 'fetch.max.wait.ms', values.get('fetch.max.wait.ms'), 100, 0),
    requestTimeoutMs: millis(method, 'request.timeout.ms', values.get('request.timeout.ms'), 30_000, 1000),
  };
}
