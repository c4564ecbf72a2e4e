import { describe, expect, it } from 'vitest';
import { SparkError } from '../../../src/sql/errors.js';
import { cleanup, readAll, recorded, scan, tempDir, writeInputs } from './helpers.js';
import { checkRecordedRead } from './recorded.js';
import { join } from 'node:path';

/** Cases where tspark differs from Spark on purpose (asserted separately below). */
const DIFFERENCES = new Set(['unknown mode falls back']);

describe('csv: reads recorded from PySpark 3.5', () => {
  for (const c of recorded('csv')) {
    if (DIFFERENCES.has(c.name)) continue;
    it(c.name, () => checkRecordedRead(c));
  }
});

describe('csv: intentional differences', () => {
  it('refuses an unknown mode instead of falling back to PERMISSIVE', () => {
    const dir = tempDir();
    try {
      writeInputs(dir, { 'a.csv': '1\n' });
      let err: unknown;
      try {
        readAll(scan('csv', [join(dir, 'a.csv')], { mode: 'WHATEVER' }, 'a INT'));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SparkError);
      expect((err as SparkError).message).toContain('"mode" must be one of PERMISSIVE, DROPMALFORMED, FAILFAST');
    } finally {
      cleanup(dir);
    }
  });
});
