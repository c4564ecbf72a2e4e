/**
 * The receiver behind `MQTTUtils.createStream(ssc, brokerUrl, topic)` (Bahir's Spark Streaming
 * MQTT receiver): subscribes with QoS 1 and hands each message's payload (text) to the stream.
 * Friendlier than Bahir's (a clean session, lost on every reconnect): an MQTT 5 session that
 * outlives the connection by {@link SESSION_EXPIRY_S}, so QoS 1 messages published while the
 * connection is down (a broker restart) arrive after the reconnect. Each start is a new session
 * (a fresh client id), so a program started again does not get yesterday's messages, and a
 * stop ends the session at the broker;
 * a broker that is away is retried every 2 s and said once in plain words; a payload that is not
 * UTF-8 is counted and reported (its bad bytes become U+FFFD) instead of failing the stream; and
 * while the engine is behind, acknowledgements wait, so the broker holds the messages (QoS 1).
 * Records held in memory when the process dies are lost, as with Spark's receivers without a
 * write-ahead log; the structured `mqtt` source keeps them on disk.
 */
import { randomBytes } from 'node:crypto';
import type { IPublishPacket, MqttClient } from 'mqtt';
import type { Receiver, ReceiverSink } from '../../engine/source.js';
import { WarningThrottle } from '../warning-throttle.js';
import { normalizeUrl } from './options.js';

/** What a receiver emits per message: the payload, or [topic, payload] for a paired stream. */
export type MqttRecord<Paired extends boolean> = Paired extends true ? [string, string] : string;

/** Options beyond Bahir's (brokerUrl, topic). */
export interface MqttReceiverOptions {
  readonly qos?: 0 | 1 | 2;
  readonly clientId?: string;
  readonly username?: string;
  readonly password?: string;
  readonly cleanSession?: boolean;
}

const RETRY_MS = 2000;

/** How long the broker keeps the session (and queues QoS 1 messages) while the connection is down. */
export const SESSION_EXPIRY_S = 600;

/** Receives `topics` from `brokerUrl`; `paired` makes records `[topic, payload]`. */
export class MqttReceiver<Paired extends boolean> implements Receiver<MqttRecord<Paired>> {
  readonly name: string;
  private client: MqttClient | undefined;
  private received = 0;
  private stopped = false;

  constructor(
    private readonly brokerUrl: string,
    private readonly topics: readonly string[],
    private readonly paired: Paired,
    private readonly options: MqttReceiverOptions = {},
  ) {
    normalizeUrl(brokerUrl); // a malformed URL fails at createStream, not later in the background
    this.name = `mqttStream ${brokerUrl} ${topics.join(',')}`;
  }

  start(sink: ReceiverSink<MqttRecord<Paired>>): void {
    this.stopped = false;
    const warnings = new WarningThrottle(sink.clock, 10_000, (m) => sink.warn(m));
    const strict = new TextDecoder('utf-8', { fatal: true });
    const lenient = new TextDecoder('utf-8');
    sink.status('connecting', `connecting to ${this.brokerUrl}`);
    void import('mqtt').then((mqtt) => {
      if (this.stopped) return;
      const clientId = this.options.clientId ?? `tspark-dstream-${randomBytes(6).toString('hex')}`;
      const c = mqtt.connect(normalizeUrl(this.brokerUrl), {
        clientId,
        protocolVersion: 5,
        clean: this.options.cleanSession ?? false,
        properties: { sessionExpiryInterval: SESSION_EXPIRY_S },
        reconnectPeriod: RETRY_MS,
        connectTimeout: 10_000,
        ...(this.options.username === undefined ? {} : { username: this.options.username }),
        ...(this.options.password === undefined ? {} : { password: this.options.password }),
      });
      this.client = c;
      let everConnected = false;
      let down = false;
      c.handleMessage = (packet: IPublishPacket, done: (err?: Error) => void) => {
        const bytes = typeof packet.payload === 'string' ? new TextEncoder().encode(packet.payload) : packet.payload;
        let text: string;
        try {
          text = strict.decode(bytes);
        } catch {
          text = lenient.decode(bytes);
          warnings.report('utf8', 1, (n) => `${n} MQTT payload${n === 1 ? '' : 's'} on ${packet.topic} ${n === 1 ? 'was' : 'were'} not valid UTF-8; the bad bytes became U+FFFD (use the structured mqtt source for binary payloads)`);
        }
        this.received++;
        sink.store([(this.paired ? [packet.topic, text] : text) as MqttRecord<Paired>]);
        // Backpressure: hold the acknowledgement, so the broker keeps the next messages.
        if (sink.backpressured) sink.onResume(() => done());
        else done();
      };
      c.on('connect', () => {
        down = false;
        sink.status('connected', `${everConnected ? 'reconnected' : 'connected'} to ${this.brokerUrl}, subscribed to ${this.topics.join(', ')}`);
        everConnected = true;
        c.subscribe([...this.topics], { qos: this.options.qos ?? 1 }, (err, granted) => {
          if (err) sink.warn(`cannot subscribe to ${this.topics.join(', ')}: ${err.message}`);
          else if (granted?.some((g) => g.qos === 128)) sink.warn(`the broker refused the subscription to ${this.topics.join(', ')} (check its ACL)`);
        });
      });
      c.on('error', (err: Error & { code?: unknown }) => {
        if (down) return;
        down = true;
        const why = err.code === 'ECONNREFUSED' ? `nothing accepts connections at ${this.brokerUrl} (is the broker running? a test one: node scripts/services.mjs start mosquitto)` : err.message;
        sink.status('retrying', `cannot reach ${this.brokerUrl}: ${why}; retrying every ${RETRY_MS / 1000} s`);
      });
      c.on('offline', () => {
        if (down || this.stopped) return;
        down = true;
        sink.status('retrying', `lost the connection to ${this.brokerUrl}; retrying every ${RETRY_MS / 1000} s (QoS ${this.options.qos ?? 1} messages wait at the broker)`);
      });
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const c = this.client;
    this.client = undefined;
    // Session expiry 0 on DISCONNECT: the broker forgets this session now, not in 10 minutes.
    if (c !== undefined) await new Promise<void>((resolve) => c.end(false, { properties: { sessionExpiryInterval: 0 } }, () => resolve()));
  }
}
