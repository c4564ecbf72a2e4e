/** `tspark feed trips`: ride pick-ups as CSV in the seeds' Uber layout `date/time,lat,lon,base`. */
import { formatDateTime, type Feeder } from './feeder.js';

/** Busy pick-up areas of New York, where the seeds' Uber data comes from: centre and spread in degrees. */
const HOTSPOTS = [
  { lat: 40.758, lon: -73.9855, sd: 0.012, weight: 5 }, // Midtown
  { lat: 40.7128, lon: -74.006, sd: 0.01, weight: 3 }, // Lower Manhattan
  { lat: 40.7282, lon: -73.9942, sd: 0.008, weight: 3 }, // Greenwich Village
  { lat: 40.6413, lon: -73.7781, sd: 0.006, weight: 1 }, // JFK
  { lat: 40.7769, lon: -73.874, sd: 0.004, weight: 1 }, // LaGuardia
  { lat: 40.6782, lon: -73.9442, sd: 0.02, weight: 2 }, // Brooklyn
] as const;
const BASES = ['B02512', 'B02598', 'B02617', 'B02682', 'B02764'];

/** Lines such as `2014-08-01 00:00:00,40.729,-73.9422,B02598`. */
export const trips: Feeder = {
  name: 'trips',
  aliases: ['uber', 'taxi', 'rides'],
  summary: 'ride pick-ups as CSV date/time,lat,lon,base, as in the Uber example (counts per base or area)',
  example: 'ssc.socketTextStream("localhost", 9999).map(l => [l.split(",")[3], 1]).reduceByKey((a, b) => a + b).pprint()',
  create(rng) {
    return (timeMs) => {
      const h = rng.weighted(HOTSPOTS.map((s) => [s, s.weight] as const));
      const lat = (h.lat + rng.normal(0, h.sd)).toFixed(4);
      const lon = (h.lon + rng.normal(0, h.sd)).toFixed(4);
      return `${formatDateTime(timeMs)},${Number(lat)},${Number(lon)},${rng.weighted(BASES.map((b, i) => [b, 5 - i] as const))}`;
    };
  },
};
