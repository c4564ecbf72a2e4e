// Title: IoT sensors over MQTT: windowed averages with a watermark into SQLite (start: npx tspark feed --mqtt mqtt://localhost:1883 sensors)
// Structured Streaming: readings arrive as JSON on sensors/<sensor>/<type>; each sensor's average
// over 10-second windows sliding every 5 seconds, by the readings' own time, waiting 10 seconds
// for late readings (the watermark). Every micro-batch upserts the windows it changed into the
// SQLite table sensor_windows (sensors.db), keyed by window and sensor, so a batch run again
// after a restart rewrites the same rows. The DStream version: iot-sensors-dstream.ts.
// A broker for the class: node scripts/services.mjs start mosquitto (prints its URL).

const broker = 'mqtt://localhost:1883';
const messages = spark.readStream.format('mqtt').option('topic', 'sensors/+/+').load(broker);

// Payloads are bytes: as text, then JSON. A payload that is not JSON parses to nulls and is skipped.
const schema = 'sensor STRING, room STRING, type STRING, value DOUBLE, unit STRING, time TIMESTAMP';
const readings = messages
  .select(F.from_json(F.col('payload').cast('string'), schema).alias('r'))
  .select('r.*')
  .where('sensor IS NOT NULL AND time IS NOT NULL');

const averages = readings
  .withWatermark('time', '10 seconds')
  .groupBy(F.window('time', '10 seconds', '5 seconds'), 'sensor', 'type', 'unit')
  .agg(F.round(F.avg('value'), 1).alias('average'), F.count('value').alias('readings'))
  .select(F.col('window.start').alias('window_start'), F.col('window.end').alias('window_end'), 'sensor', 'type', 'unit', 'average', 'readings');

const query = averages.writeStream
  .outputMode('update')
  .option('checkpointLocation', 'checkpoints/iot-sensors')
  .foreachBatch((batch, batchId) => {
    const rows = batch.orderBy('window_start', 'sensor');
    console.log(`batch ${batchId}: ${rows.count()} windows updated`);
    rows.show(8);
    rows.write
      .format('jdbc')
      .option('url', 'jdbc:sqlite:sensors.db')
      .option('dbtable', 'sensor_windows')
      .option('upsertKeys', 'window_start, sensor, type')
      .mode('append')
      .save();
  })
  .start();
console.log(`query ${query.id} started: averages go to sensors.db, table sensor_windows`);

export {};
