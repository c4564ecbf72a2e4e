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

/** A recorded case with several queries run one after the other (`# query <name>` before each): each query's part. */
export function recordedQueries(name: string): Map<string, Recorded> {
  const text = readFileSync(join(DIR, `${name}.txt`), 'utf8');
  const out = new Map<string, Recorded>();
  const parts = text.split(/^# query /m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf('\n');
    const qname = part.slice(0, nl).trim();
    const lines = part.slice(nl + 1).split('\n');
    const notes = lines.filter((l) => l.startsWith('# ')).map((l) => l.slice(2));
    // The console text ends where the query's own notes (its progress summary) begin.
    const firstNote = lines.findIndex((l) => l.startsWith('# '));
    const console = firstNote < 0 ? lines.join('\n') : lines.slice(0, firstNote).join('\n') + '\n';
    out.set(qname, { console, notes });
  }
  return out;
}
