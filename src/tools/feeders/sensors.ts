/** `tspark feed sensors`: IoT sensor readings as JSON lines; each sensor's value wanders like a real one. */
import type { Feeder } from './feeder.js';

interface Kind {
  readonly type: string;
  readonly unit: string;
  readonly start: number;
  readonly step: number;
  readonly min: number;
  readonly max: number;
  readonly digits: number;
}

const TEMPERATURE: Kind = { type: 'temperature', unit: 'C', start: 21, step: 0.3, min: -10, max: 45, digits: 1 };
const KINDS: readonly Kind[] = [
  TEMPERATURE,
  { type: 'humidity', unit: '%', start: 45, step: 1, min: 5, max: 100, digits: 1 },
  { type: 'pressure', unit: 'hPa', start: 1013, step: 0.5, min: 950, max: 1060, digits: 1 },
  { type: 'co2', unit: 'ppm', start: 600, step: 15, min: 350, max: 5000, digits: 0 },
];
const ROOMS = ['lab', 'hall', 'office', 'roof', 'garage'];

/** Lines such as `{"sensor":"sensor-03","room":"lab","type":"temperature","value":21.4,"unit":"C","time":"2026-11-21T09:53:35.000Z"}`. */
export const sensors: Feeder = {
  name: 'sensors',
  aliases: ['iot'],
  summary: 'IoT sensor readings as JSON lines: temperature, humidity, pressure, CO2 (averages per sensor)',
  example:
    'ssc.socketTextStream("localhost", 9999).map(l => JSON.parse(l)).map(r => [r.sensor, [r.value, 1]]).reduceByKey((a, b) => [a[0] + b[0], a[1] + b[1]]).mapValues(([s, n]) => s / n).pprint()',
  create(rng) {
    const fleet = Array.from({ length: 8 }, (_, i) => {
      const kind = KINDS[i % KINDS.length] ?? TEMPERATURE;
      return { id: `sensor-${String(i + 1).padStart(2, '0')}`, room: ROOMS[i % ROOMS.length] ?? 'lab', kind, value: kind.start + rng.normal(0, kind.step * 3) };
    });
    return (timeMs) => {
      const s = rng.pick(fleet);
      const k = s.kind;
      s.value = Math.min(k.max, Math.max(k.min, s.value + rng.normal(0, k.step)));
      const value = Number(s.value.toFixed(k.digits));
      return JSON.stringify({ sensor: s.id, room: s.room, type: k.type, value, unit: k.unit, time: new Date(timeMs).toISOString() });
    };
  },
};
