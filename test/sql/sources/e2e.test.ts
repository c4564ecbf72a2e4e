/**
 * End to end through the session: `spark.read…` and `df.write…` with the outputs PySpark 3.5
 * printed for the same programs (test/sql/sources/pyspark/expected/e2e.json).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/sql/engine.js';
import { SparkError } from '../../../src/sql/errors.js';
import { SparkSession } from '../../../src/sql/index.js';
import type { DataFrame } from '../../../src/sql/api/dataframe.js';
import { cleanup, recorded, tempDir } from './helpers.js';

interface E2E {
  people: string;
  events: string;
  steps: Record<string, string | { errorClass: string | null; message: string; causes?: { errorClass: string | null; message: string }[] }>;
}
const rec = recorded<E2E>('e2e');
const step = (k: string): string => rec.steps[k] as string;

let base = '';
let spark: SparkSession;
let out: string[] = [];

function shown(df: DataFrame, n = 20, truncate: boolean | number = true): string {
  out = [];
  df.show(n, truncate);
  return out.join('');
}

function schemaText(df: DataFrame): string {
  out = [];
  df.printSchema();
  return out.join('');
}

function errorOf(f: () => unknown): SparkError {
  try {
    f();
  } catch (e) {
    if (e instanceof SparkError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

beforeAll(() => {
  base = tempDir();
  writeFileSync(join(base, 'people.csv'), rec.people);
  writeFileSync(join(base, 'events.json'), rec.events);
  spark = new SparkSession(new SparkContext('local[2]', 'sources-e2e'), { out: (t) => out.push(t) });
  spark.conf.set('spark.sql.session.timeZone', 'UTC');
});
afterAll(() => {
  spark.stop();
  cleanup(base);
});

describe('spark.read / df.write end to end, as PySpark 3.5', () => {
  it('reads a CSV with header and inferSchema', () => {
    const people = spark.read.csv(join(base, 'people.csv'), { header: true, inferSchema: true });
    expect(schemaText(people)).toBe(step('csv schema') + '\n');
    expect(shown(people)).toBe(step('csv show') + '\n');
    expect(shown(people.groupBy('city').count().orderBy('city'))).toBe(step('csv groupBy') + '\n');
  });

  it('reads JSON Lines with a malformed line into _corrupt_record', () => {
    const events = spark.read.json(join(base, 'events.json'));
    expect(schemaText(events)).toBe(step('json schema') + '\n');
    expect(shown(events, 20, false)).toBe(step('json show') + '\n');
  });

  it('writes Parquet partitioned by a column and reads it back with the partition column last', () => {
    const people = spark.read.csv(join(base, 'people.csv'), { header: true, inferSchema: true });
    const pq = join(base, 'pq');
    people.write.partitionBy('city').mode('overwrite').parquet(pq);
    expect(readdirSync(pq).filter((d) => !d.startsWith('.')).sort()).toEqual(rec.steps['parquet dirs']);
    const back = spark.read.parquet(pq);
    expect(schemaText(back)).toBe(step('parquet partitioned schema') + '\n');
    expect(shown(back.orderBy('name'))).toBe(step('parquet partitioned show') + '\n');
  });

  it('round-trips CSV with a header and JSON', () => {
    const people = spark.read.csv(join(base, 'people.csv'), { header: true, inferSchema: true });
    people.write.csv(join(base, 'csvout'), undefined, { header: true });
    expect(shown(spark.read.csv(join(base, 'csvout'), { header: true, inferSchema: true }).orderBy('name'))).toBe(step('csv round trip') + '\n');
    people.select('name', 'age').write.json(join(base, 'jsonout'));
    expect(shown(spark.read.json(join(base, 'jsonout')).orderBy('name'))).toBe(step('json round trip') + '\n');
  });

  it("refuses an existing path and a missing one with Spark's messages", () => {
    const people = spark.read.csv(join(base, 'people.csv'), { header: true });
    const exists = errorOf(() => people.write.csv(join(base, 'people.csv')));
    const expExists = rec.steps['write existing'] as { errorClass: string; message: string };
    expect(exists.errorClass).toBe(expExists.errorClass);
    expect(exists.message.replace(base, '<base>').replace('people.csv', 'csvout')).toBe(expExists.message);
    const missing = errorOf(() => spark.read.csv(join(base, 'nope.csv')));
    const expMissing = rec.steps['read missing'] as { errorClass: string; message: string };
    expect(missing.errorClass).toBe(expMissing.errorClass);
    expect(missing.message.replace(base, '<base>')).toBe(expMissing.message);
  });

  it('FAILFAST fails the action with the malformed record; PERMISSIVE keeps it in _corrupt_record', () => {
    const df = spark.read.schema('name STRING, age INT, city STRING, joined DATE').csv(join(base, 'people.csv'), { mode: 'FAILFAST' });
    const err = errorOf(() => df.collect());
    const exp = rec.steps['failfast'] as { causes: { errorClass: string | null; message: string }[] };
    const malformed = exp.causes.find((c) => c.errorClass === 'MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION')!;
    expect(err.errorClass).toBe('MALFORMED_RECORD_IN_PARSING.WITHOUT_SUGGESTION');
    expect(err.message.split('\nCaused by:')[0]).toBe(malformed.message.replace(/^[\w.]+: /, ''));
    const permissive = spark.read.schema('a INT, b INT, _corrupt_record STRING').csv(join(base, 'people.csv'));
    expect(shown(permissive, 20, false)).toBe(step('permissive corrupt') + '\n');
  });
});
