/**
 * `tspark feed --mqtt URL <demo>`: publishes the demo's lines to an MQTT broker instead of
 * serving them on a port. Each line goes to the topic `--topic` names, whose `{field}` parts
 * are filled from the line when it is JSON (the sensors demo: `sensors/{sensor}/{type}`).
 */
import type { MqttClient } from 'mqtt';

/** The default topic of a demo: sensors per sensor and kind, the others one topic each. */
export function defaultTopic(demo: string | undefined): string {
  return demo === 'sensors' || demo === 'iot' ? 'sensors/{sensor}/{type}' : `tspark/${demo ?? 'lines'}`;
}

/** The topic of `line` under `template` (`{field}` taken from the line's JSON; `unknown` when missing). */
export function topicFor(template: string, line: string): string {
  if (!template.includes('{')) return template;
  let fields: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed !== null && typeof parsed === 'object') fields = parsed as Record<string, unknown>;
  } catch {
    // Not JSON: placeholders become "unknown".
  }
  return template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
    const v = fields[name];
    return v === undefined || v === null ? 'unknown' : String(v).replace(/[+#/]/g, '_');
  });
}

/** A connected publisher; `publish` resolves when the broker has the chunk's lines (QoS ≥ 1). */
export interface LinePublisher {
  readonly url: string;
  publish(chunk: string): Promise<void>;
  close(): Promise<void>;
}

/** Connects to `url` (`tcp://` and `mqtt://` alike); rejects with a message that says what to do. */
export async function connectPublisher(url: string, template: string, qos: 0 | 1 | 2): Promise<LinePublisher> {
  const mqtt = await import('mqtt');
  const address = url.replace(/^tcp:\/\//i, 'mqtt://').replace(/^ssl:\/\//i, 'mqtts://');
  let client: MqttClient;
  try {
    client = await mqtt.connectAsync(address, { clientId: `tspark-feed-${process.pid}`, reconnectPeriod: 0, connectTimeout: 10_000 });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    const why = code === 'ECONNREFUSED' ? 'nothing accepts connections there; start a broker (node scripts/services.mjs start mosquitto prints its URL)' : (err as Error).message;
    throw new Error(`cannot connect to ${url}: ${why}`);
  }
  // From here on a broker that goes away is waited for, so no line is dropped.
  client.options.reconnectPeriod = 1000;
  return {
    url,
    async publish(chunk) {
      const lines = chunk.split('\n').filter((l) => l !== '');
      await Promise.all(lines.map((l) => client.publishAsync(topicFor(template, l), l, { qos })));
    },
    close: () => client.endAsync(),
  };
}
