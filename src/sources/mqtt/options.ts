/**
 * The mqtt source's options, Bahir's `sql-streaming-mqtt` where they apply: `brokerUrl` (or the
 * load path; `tcp://` and `ssl://` as Paho writes them, or `mqtt://`, `mqtts://`, `ws://`),
 * `topic`, `clientId`, `QoS` (default 1), `username`, `password`, `cleanSession` (default false),
 * `persistence` (`file`, the default, or `memory`), `localStorage`, `connectionTimeout`,
 * `keepAlive`, `mqttVersion`, `autoReconnect`, `maxInflight`, `maxBatchMessageNum`.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { SparkArgumentError } from '../../sql/errors.js';
import type { SourceOptions } from '../../sql/sources/options.js';

/** The option names, as Bahir spells them. */
export const MQTT_OPTIONS = [
  'brokerUrl',
  'topic',
  'clientId',
  'QoS',
  'username',
  'password',
  'cleanSession',
  'persistence',
  'localStorage',
  'connectionTimeout',
  'keepAlive',
  'mqttVersion',
  'autoReconnect',
  'maxInflight',
  'maxBatchMessageNum',
  'maxBatchMessageSize',
  'maxRetryNum',
  'autopruning.backlog',
] as const;

/** The checked options. */
export interface MqttOptions {
  /** The URL mqtt.js connects to (`tcp://` became `mqtt://`). */
  readonly brokerUrl: string;
  /** The URL as the user wrote it, for messages. */
  readonly shownUrl: string;
  readonly topic: string;
  readonly clientId: string;
  readonly qos: 0 | 1 | 2;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly cleanSession: boolean;
  /** Where received messages are kept until their batch is committed; undefined with persistence "memory". */
  readonly storeDir: string | undefined;
  readonly connectTimeoutMs: number;
  readonly keepAliveSec: number;
  readonly protocolVersion: 3 | 4 | 5;
  readonly autoReconnect: boolean;
  readonly maxBatchMessageNum: number;
}

function bad(message: string): SparkArgumentError {
  return new SparkArgumentError('INVALID_ARGUMENT', { message });
}

/** Checks the options; `metadataPath` (the query's `<checkpoint>/sources/<n>`) gives the defaults that make recovery work. */
export function parseMqttOptions(options: SourceOptions, path: string | undefined, metadataPath: string): MqttOptions {
  options.checkKnown('mqtt', MQTT_OPTIONS);
  const shownUrl = options.get('brokerUrl') ?? (path !== undefined && path !== '' ? path : undefined);
  if (shownUrl === undefined) throw bad('Please provide a `brokerUrl` by specifying path or .options("brokerUrl",...)');
  const topic = options.get('topic');
  if (topic === undefined) throw bad('Please specify a topic, by .options("topic",...)');
  const qos = options.getInt('QoS', 1);
  if (qos !== 0 && qos !== 1 && qos !== 2) throw bad(`option "QoS" must be 0, 1 or 2; got ${qos}`);
  const version = options.getInt('mqttVersion', 4);
  if (version !== 3 && version !== 4 && version !== 5) throw bad(`option "mqttVersion" must be 3 (MQTT 3.1), 4 (3.1.1) or 5; got ${version}`);
  const persistence = options.getEnum('persistence', ['file', 'memory'], 'file');
  // Bahir picks a random clientId (and warns that recovery then cannot work); tspark derives one
  // from the checkpoint, so a restarted query resumes the broker's session by default.
  const clientId = options.get('clientId') ?? `tspark-${createHash('sha256').update(metadataPath).digest('hex').slice(0, 16)}`;
  return {
    brokerUrl: normalizeUrl(shownUrl),
    shownUrl,
    topic,
    clientId,
    qos,
    username: options.get('username'),
    password: options.get('password'),
    cleanSession: options.getBoolean('cleanSession', false),
    storeDir: persistence === 'memory' ? undefined : (options.get('localStorage') ?? join(metadataPath, 'mqtt-messages')),
    connectTimeoutMs: options.getInt('connectionTimeout', 30, 0) * 1000,
    keepAliveSec: options.getInt('keepAlive', 60, 0),
    protocolVersion: version,
    autoReconnect: options.getBoolean('autoReconnect', true),
    maxBatchMessageNum: options.getInt('maxBatchMessageNum', Number.MAX_SAFE_INTEGER, 1),
  };
}

/** Paho's `tcp://` / `ssl://` as mqtt.js's `mqtt://` / `mqtts://`; others unchanged. */
export function normalizeUrl(url: string): string {
  const m = /^([a-z]+):\/\//i.exec(url.trim());
  if (!m) throw bad(`brokerUrl must look like tcp://host:1883 or mqtt://host:1883; got ${JSON.stringify(url)}`);
  const scheme = (m[1] ?? '').toLowerCase();
  const mapped = scheme === 'tcp' ? 'mqtt' : scheme === 'ssl' ? 'mqtts' : scheme;
  if (!['mqtt', 'mqtts', 'ws', 'wss'].includes(mapped)) throw bad(`brokerUrl scheme ${scheme}:// is not supported; use tcp://, ssl://, mqtt://, mqtts://, ws:// or wss://`);
  return mapped + url.trim().slice(m[0].length - 3);
}
