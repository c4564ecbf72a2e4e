/**
 * from_json's `mode` option, as PySpark 3.5 behaves (recorded 2026-11-30 with
 * `F.from_json(F.col("b").cast("string"), "sensor STRING, value DOUBLE", {"mode": …})` over the
 * payloads below): PERMISSIVE gives a row of NULLs for text that is not JSON (also bytes that are
 * not UTF-8), FAILFAST fails with MALFORMED_RECORD_IN_PARSING showing the NULL row, and
 * DROPMALFORMED is refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SparkContext } from '../../src/index.js';
import { SparkError } from '../../src/sql/errors.js';
import { SparkSession, functions as F } from '../../src/sql/index.js';

let out = '';
const sc = new SparkContext('local[1]', 'from-json-mode');
const spark = new SparkSession(sc, { out: (t) => (out += t) });
afterAll(() => sc.stop());

const payloads = () => spark.createDataFrame([[Buffer.from('{"sensor":"a","value":1.5}')], [Buffer.from('not json')], [Buffer.from([0xff, 0xfe, 0x7b])]], 'b binary');
const parsed = (options?: Record<string, string>) => payloads().select(F.from_json(F.col('b').cast('string'), 'sensor STRING, value DOUBLE', options).alias('r'));

function thrown(f: () => unknown): SparkError {
  try {
    f();
  } catch (e) {
    if (e instanceof SparkError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('from_json modes', () => {
  it('PERMISSIVE (the default, and any unknown mode): NULLs for text that is not JSON', () => {
    parsed().show();
    expect(out).toBe(['+------------+', '|           r|', '+------------+', '|    {a, 1.5}|', '|{NULL, NULL}|', '|{NULL, NULL}|', '+------------+', '', ''].join('\n'));
    expect(parsed({ mode: 'permissive' }).collect().map((r) => r.r === null)).toEqual([false, false, false]);
  });

  it("FAILFAST: Spark's MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION with the NULL row", () => {
    const e = thrown(() => parsed({ mode: 'FAILFAST' }).collect());
    expect(e.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
    expect(e.message).toContain("[MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION] Malformed records are detected in record parsing: [null,null].\nParse Mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'.");
    // Valid JSON alone passes.
    expect(payloads().limit(1).select(F.from_json(F.col('b').cast('string'), 'sensor STRING, value DOUBLE', { mode: 'FAILFAST' }).alias('r')).collect().map((r) => String(r.r))).toEqual(["Row(sensor='a', value=1.5)"]);
  });

  it('DROPMALFORMED is refused, with Spark\'s message', () => {
    const e = thrown(() => parsed({ mode: 'DROPMALFORMED' }).collect());
    expect(e.message).toContain("from_json() doesn't support the DROPMALFORMED mode. Acceptable modes are PERMISSIVE and FAILFAST.");
  });
});
