/**
 * Runs one case recorded from PySpark (test/sql/sources/pyspark/expected/*.json) through tspark's
 * provider and compares: the schema (Spark's JSON), the rows, or the error (Spark's error class,
 * or for Spark's class-less errors the message with temp paths normalised).
 */
import { join } from 'node:path';
import { expect } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import { cleanup, encodeRows, readAll, scan, sortRows, tempDir, writeInputs, type RecordedRead } from './helpers.js';

/** Reads the case's inputs with tspark and checks the outcome against PySpark's. */
export function checkRecordedRead(c: RecordedRead): void {
  const base = tempDir();
  try {
    writeInputs(base, c.files);
    const paths = (c.paths ?? ['.']).map((p) => join(base, p));
    let outcome: { schema: unknown; rows: unknown[] } | { error: unknown };
    try {
      const s = scan(c.format, paths, c.options, c.schema, c.conf ?? {});
      const rows = encodeRows(readAll(s), s.schema);
      outcome = { schema: s.schema.jsonValue(), rows: c.unordered ? sortRows(rows) : rows };
    } catch (e) {
      outcome = { error: e };
    }
    const exp = c.expected;
    if ('error' in exp) {
      expect('error' in outcome, `${c.name}: Spark failed with ${exp.error.message.slice(0, 200)}`).toBe(true);
      const err = (outcome as { error: unknown }).error;
      expect(err, `${c.name}: ${String(err)}`).toBeInstanceOf(SparkError);
      const se = err as SparkError;
      if (exp.error.errorClass !== null) {
        const classes = [exp.error.errorClass, ...(exp.error.causes ?? []).map((x) => x.errorClass)].filter((x) => x !== null);
        expect(classes, `${c.name}: ${se.message}`).toContain(se.errorClass);
        expect(normalise(se.message.split('\nCaused by:')[0]!, base)).toBe(normalise(specific(exp.error, se.errorClass), base));
      } else {
        expect(normalise(se.message, base)).toBe(normalise(exp.error.message.replace(/^[\w.$]+(Exception|Error): /, ''), '/tmp/rec-x'));
      }
    } else {
      if ('error' in outcome) throw (outcome as { error: unknown }).error;
      const got = outcome as { schema: unknown; rows: unknown[] };
      expect(got.schema, c.name).toEqual(exp.schema);
      expect(got.rows, c.name).toEqual(exp.rows);
    }
  } finally {
    cleanup(base);
  }
}

/** Spark's message for the class tspark raised (the top error or the cause with that class). */
function specific(e: { errorClass: string | null; message: string; causes?: { errorClass: string | null; message: string }[] }, cls: string): string {
  const hit = [e, ...(e.causes ?? [])].find((x) => x.errorClass === cls) ?? e;
  return hit.message.replace(/^[\w.$]+(Exception|Error): /, '');
}

function normalise(msg: string, base: string): string {
  return msg.split(base).join('<base>').replace(/\/tmp\/rec-[a-z0-9_]+/g, '<base>');
}
