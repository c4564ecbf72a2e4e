/** The shape of a demo feeder of `tspark feed`. */
import type { Random } from './random.js';

/** Makes one line of demo data; `timeMs` is the time the line stands for. */
export type LineMaker = (timeMs: number) => string;

/** A named kind of demo data. */
export interface Feeder {
  /** The name typed after `tspark feed`, e.g. "words". */
  readonly name: string;
  /** Other names that work too, e.g. "sentences". */
  readonly aliases: readonly string[];
  /** One line for `--help`. */
  readonly summary: string;
  /** A pipeline to try in the shell with this data. */
  readonly example: string;
  /** A fresh generator drawing on `rng` (feeders may keep state, e.g. a sensor's last value). */
  create(rng: Random): LineMaker;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC, as the seeds' Uber data writes times. */
export function formatDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
