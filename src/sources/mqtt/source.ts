/**
 * The mqtt streaming source (Bahir's `MQTTStreamSource`): subscribes to `topic` with a
 * clean-session-false session by default, keeps each message in the {@link MessageStore} under
 * the next offset before acknowledging it, and serves micro-batches by offset range. The broker
 * queues QoS 1/2 messages while the client is away (a broker restart, a network cut, a stopped
 * query) and delivers them on reconnect, so none is lost. A message stored just before the
 * query stopped or died, whose PUBACK was lost, comes again marked DUP: while its copy is still
 * uncommitted in the store it is acknowledged and not kept twice; once that copy was committed,
 * it would be read again (at-least-once).
 */
import type { IClientOptions, IPublishPacket, MqttClient } from 'mqtt';
import { SparkRuntimeException } from '../../sql/errors.js';
import type { Offset, ReadLimit, RowPartitions, StreamSource } from '../../sql/sources/contract.js';
import { IntegerType, StringType, BinaryType, TimestampType, StructField, StructType } from '../../sql/types/data-types.js';
import { MessageStore } from './message-store.js';
import type { MqttOptions } from './options.js';

/** Bahir's schema (`id`, `topic`, `payload`, `timestamp`) and the message's `qos`. */
export const MQTT_SCHEMA = new StructType([
  new StructField('id', new IntegerType()),
  new StructField('topic', new StringType()),
  new StructField('payload', new BinaryType()),
  new StructField('timestamp', new TimestampType()),
  new StructField('qos', new IntegerType()),
]);

/** Things the source reports while it runs (a reconnect, a lost connection). */
export type MqttStatus = (event: 'connected' | 'reconnecting' | 'offline' | 'error', detail: string) => void;

/** Creates the source; nothing connects until `start`. `now` gives arrival times (µs). */
export function mqttSource(o: MqttOptions, status: MqttStatus = () => undefined, now: () => number = () => Date.now() * 1000): StreamSource & { readonly store: MessageStore } {
  let client: MqttClient | undefined;
  const store = MessageStore.open(o.storeDir, o.cleanSession);
  let wake: () => void = () => undefined;

  return {
    schema: MQTT_SCHEMA,
    store,
    async start(onData) {
      wake = onData;
      const mqtt = await import('mqtt');
      const options: IClientOptions = {
        clientId: o.clientId,
        clean: o.cleanSession,
        protocolVersion: o.protocolVersion,
        keepalive: o.keepAliveSec,
        connectTimeout: o.connectTimeoutMs === 0 ? 2 ** 31 - 1 : o.connectTimeoutMs,
        reconnectPeriod: o.autoReconnect ? 1000 : 0,
        resubscribe: true,
        ...(o.username === undefined ? {} : { username: o.username }),
        ...(o.password === undefined ? {} : { password: o.password }),
        // MQTT 5 keeps a session only for its expiry interval (0 = until the connection ends).
        ...(o.protocolVersion === 5 && !o.cleanSession ? { properties: { sessionExpiryInterval: 0xffffffff } } : {}),
      };
      const c = mqtt.connect(o.brokerUrl, { ...options, manualConnect: true });
      // Called before the PUBACK is sent: store first, acknowledge after (see the file comment).
      c.handleMessage = (packet: IPublishPacket, done: (err?: Error) => void) => {
        try {
          const payload = typeof packet.payload === 'string' ? new TextEncoder().encode(packet.payload) : new Uint8Array(packet.payload);
          const id = packet.messageId ?? 0;
          // Sent again because our PUBACK was lost (a query stopped or died just after storing
          // it): acknowledge it, but do not keep it twice.
          if (packet.dup && packet.qos > 0 && store.holds({ id, topic: packet.topic, payload })) {
            done();
            return;
          }
          store.append({ id, topic: packet.topic, payload, timestamp: now(), qos: packet.qos });
          done();
          wake();
        } catch (err) {
          done(err instanceof Error ? err : new Error(String(err)));
        }
      };
      await new Promise<void>((resolve, reject) => {
        const fail = (err: Error) => {
          c.removeListener('connect', ok);
          c.end(true);
          reject(mqttError(err, o, 'connect'));
        };
        const ok = () => {
          c.removeListener('error', fail);
          resolve();
        };
        c.once('connect', ok);
        c.once('error', fail);
        c.connect();
      });
      client = c;
      const granted = await c.subscribeAsync(o.topic, { qos: o.qos }).catch((err: Error) => {
        c.end(true);
        throw mqttError(err, o, `subscribe to ${o.topic}`);
      });
      if (granted.some((g) => g.qos === 128)) {
        c.end(true);
        throw mqttError(new Error(`the broker refused the subscription to ${o.topic}`), o, 'subscribe');
      }
      c.on('connect', () => status('connected', o.shownUrl));
      c.on('reconnect', () => status('reconnecting', o.shownUrl));
      c.on('offline', () => status('offline', o.shownUrl));
      c.on('error', (err) => status('error', err.message));
      if (store.lastOffset > store.committed) wake();
    },
    latestOffset(start: Offset | null, limit: ReadLimit): Offset | null {
      const last = store.lastOffset;
      if (last < 0) return null;
      const from = typeof start === 'number' ? start : store.committed;
      const max = limit.kind === 'maxRows' ? limit.rows : Number.MAX_SAFE_INTEGER;
      return Math.min(last, from + Math.min(max, o.maxBatchMessageNum));
    },
    getBatch(start: Offset | null, end: Offset): RowPartitions {
      const from = typeof start === 'number' ? start : store.committed;
      const messages = store.range(from, Number(end));
      return {
        schema: MQTT_SCHEMA,
        numPartitions: 1,
        readPartition(_index, emit) {
          for (const m of messages) emit([m.id, m.topic, m.payload, m.timestamp, m.qos]);
        },
      };
    },
    commit(end: Offset) {
      store.commit(Number(end));
    },
    async stop() {
      const c = client;
      client = undefined;
      if (c !== undefined) await c.endAsync();
      store.close();
    },
    describe: () => `MQTTStreamSource[brokerUrl: ${o.shownUrl}, topic: ${o.topic} clientId: ${o.clientId}]`,
  };
}

/** A broker failure as FAILED_MQTT with what to do. */
export function mqttError(err: Error, o: MqttOptions, what: string): SparkRuntimeException {
  const code = (err as { code?: unknown }).code;
  let hint = '';
  if (code === 'ECONNREFUSED') hint = ` Nothing accepts connections at ${o.shownUrl}: start the broker (a test one: node scripts/services.mjs start mosquitto) or fix "brokerUrl".`;
  else if (code === 4 || code === 134 || /bad user name or password/i.test(err.message)) hint = ' Check the "username" and "password" options.';
  else if (code === 5 || code === 135 || /not authorized/i.test(err.message)) hint = ` The broker does not let this client ${what === 'connect' ? 'connect' : `subscribe to ${o.topic}`}: check its ACL, "username" and "password".`;
  else if (/timeout/i.test(err.message)) hint = ` No answer within ${o.connectTimeoutMs / 1000} s: check the broker, or raise "connectionTimeout" (seconds).`;
  const message = `${what === 'connect' ? '' : `${what}: `}${err.message}.${hint}`.replace(/\.\./g, '.');
  return new SparkRuntimeException(what === 'connect' ? 'FAILED_MQTT.CONNECT' : 'FAILED_MQTT.UNCLASSIFIED', { url: o.shownUrl, message, dbCode: String(code ?? '') }, { cause: err });
}
