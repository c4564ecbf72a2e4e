// Title: IoT sensors over MQTT with DStreams: averages per sensor into SQLite (start: npx tspark feed --mqtt mqtt://localhost:1883 sensors)
// Averages each sensor's readings over the last 10 seconds, every 5 seconds, prints them and
// keeps the latest average of each sensor in the SQLite table sensor_averages (sensors.db).
// A broker for the class: node scripts/services.mjs start mosquitto (prints its URL).

interface Reading {
  sensor: string;
  room: string;
  type: string;
  value: number;
  unit: string;
  time: string;
}

const broker = 'mqtt://localhost:1883';
const readings = MQTTUtils.createStream(ssc, broker, 'sensors/+/+').map((payload) => JSON.parse(payload) as Reading);
const averages = readings
  .map((r): [string, [number, number]] => [`${r.sensor} ${r.type} (${r.unit})`, [r.value, 1]])
  .reduceByKeyAndWindow((a, b): [number, number] => [a[0] + b[0], a[1] + b[1]], null, 10, 5)
  .mapValues(([sum, n]) => Math.round((sum / n) * 10) / 10);
averages.pprint(8);
averages.foreachRDD(saveToJdbc({ url: 'jdbc:sqlite:sensors.db', dbtable: 'sensor_averages', upsertKeys: 'sensor' }, ['sensor', 'average']));
ssc.start();

export {};
