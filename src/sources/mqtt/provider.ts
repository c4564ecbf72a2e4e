/**
 * The `mqtt` streaming source (also Bahir's `org.apache.bahir.sql.streaming.mqtt.MQTTStreamSourceProvider`):
 * `spark.readStream.format("mqtt").option("topic", "sensors/#").load("tcp://localhost:1883")`.
 * See docs/SINKS.md.
 */
import { SparkArgumentError } from '../../sql/errors.js';
import type { DataSourceProvider } from '../../sql/sources/contract.js';
import { parseMqttOptions } from './options.js';
import { mqttSource } from './source.js';

/** The provider registered as `mqtt`. */
export const mqttSourceProvider: DataSourceProvider = {
  name: 'mqtt',
  aliases: ['org.apache.bahir.sql.streaming.mqtt.MQTTStreamSourceProvider', 'org.apache.bahir.sql.streaming.mqtt'],
  checkOptions(options, use) {
    if (use !== 'readStream') {
      throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: 'mqtt', operation: use === 'read' ? 'batch reading (use spark.readStream)' : 'writing' });
    }
  },
  createStreamSource(request) {
    // Bahir: "The mqtt source does not support a user-specified schema."
    if (request.userSchema !== undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'The mqtt source does not support a user-specified schema.' });
    return mqttSource(parseMqttOptions(request.options, request.paths[0], request.metadataPath));
  },
};
