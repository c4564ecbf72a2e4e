/** The demo feeders of `tspark feed`, by name. */
import type { Feeder } from './feeder.js';
import { logs } from './logs.js';
import { sensors } from './sensors.js';
import { trips } from './trips.js';
import { tweets } from './tweets.js';
import { words } from './words.js';

/** Every demo feeder, in the order `--help` lists them. */
export const FEEDERS: readonly Feeder[] = [words, tweets, logs, sensors, trips];

/** The feeder called `name` (or one of its aliases), if any. */
export function findFeeder(name: string): Feeder | undefined {
  const n = name.toLowerCase();
  return FEEDERS.find((f) => f.name === n || f.aliases.includes(n));
}

export type { Feeder, LineMaker } from './feeder.js';
export { Random } from './random.js';
