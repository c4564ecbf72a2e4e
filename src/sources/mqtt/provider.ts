/**
 * The `mqtt` streaming source (also Bahir's `org.apache.bahir.sql.streaming.mqtt.MQTTStreamSourceProvider`):
 * `spark.readStream.format("mqtt").option("topic", "sensors/#").load("tcp://localhost:1883")`.
 * See docs/SINKS.md.
 */
import { SparkArgumentError } from '../../sql/errors.js';
import type { DataSourceProvider } from '../../sql/sources/contract.js';
import { parseMqttOptions } from './options.js';
import { MQTT_SCHEMA, mqttSource } from './source.js';

/** Bahir's refusal of a user schema. */
function refuseUserSchema(request: { readonly userSchema?: unknown }): void {
  if (request.userSchema !== undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'The mqtt source does not support a user-specified schema.' });
}

/** The provider registered as `mqtt`. */
export const mqttSourceProvider: DataSourceProvider = {
  name: 'mqtt',
  aliases: ['org.apache.bahir.sql.streaming.mqtt.MQTTStreamSourceProvider', 'org.apache.bahir.sql.streaming.mqtt'],
  checkOptions(options, use) {
    if (use !== 'readStream') {
      throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: 'mqtt', operation: use === 'read' ? 'batch reading (use spark.readStream)' : 'writing' });
    }
  },
  // At load(): the options are checked and the schema given without opening anything (a source
  // made here would open its message store in the working directory, with no checkpoint yet).
  streamSchema(request) {
    refuseUserSchema(request);
    parseMqttOptions(request.options, request.paths[0], '');
    return MQTT_SCHEMA;
  },
  createStreamSource(request) {
    refuseUserSchema(request);
    // Arrival times come from the query's clock, as every time a source reads (a ManualClock in tests).
    return mqttSource(parseMqttOptions(request.options, request.paths[0], request.metadataPath), undefined, () => request.clock.now() * 1000);
  },
};
