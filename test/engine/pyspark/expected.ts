/**
 * What real PySpark 3.5 did, recorded by record.py beside this file into expected.json. Tests
 * compare tspark with these values. Floats JSON cannot hold are recorded as "nan", "inf", "-inf";
 * `num` reads them back.
 */
import { readFileSync } from 'node:fs';

/** One recorded call: its value, or the error pyspark raised ("TypeError: …"). */
export interface Outcome {
  readonly value?: unknown;
  readonly error?: string;
}

/** The recording, typed loosely: each test reads the section it checks. */
export const expected = JSON.parse(readFileSync(new URL('./expected.json', import.meta.url), 'utf8')) as Record<string, Record<string, unknown>>;

/** A recorded section as a map of outcomes. */
export function outcomes(section: string): Record<string, Outcome> {
  return expected[section] as Record<string, Outcome>;
}

/** A recorded number, with "nan" / "inf" / "-inf" read back. */
export function num(v: unknown): number {
  if (v === 'nan') return NaN;
  if (v === 'inf') return Infinity;
  if (v === '-inf') return -Infinity;
  return v as number;
}
