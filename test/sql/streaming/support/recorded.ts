/**
 * The outputs recorded from real PySpark 3.5 by test/sql/streaming/pyspark/record.py: each case's
 * stdout (the console sink's text as the JVM printed it) and the lines the case printed itself
 * (starting with `#`: progress summaries, errors, listings).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '..', 'pyspark', 'expected');

/** A recorded case: the console sink's text and the case's own `#` lines (without the `# `). */
export interface Recorded {
  readonly console: string;
  readonly notes: string[];
}

/** Reads a recorded case. */
export function recorded(name: string): Recorded {
  const text = readFileSync(join(DIR, `${name}.txt`), 'utf8');
  const lines = text.split('\n');
  const notes = lines.filter((l) => l.startsWith('# ')).map((l) => l.slice(2));
  const console = lines.filter((l) => !l.startsWith('# ')).join('\n');
  return { console, notes };
}

/** The notes that start with `prefix`. */
export function notesStarting(r: Recorded, prefix: string): string[] {
  return r.notes.filter((n) => n.startsWith(prefix));
}
