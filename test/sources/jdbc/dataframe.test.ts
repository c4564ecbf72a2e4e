// The jdbc source through the DataFrame API as a user types it: df.write.format("jdbc")…save()
// and spark.read.format("jdbc")…load() on a real SQLite file, including an aggregation's result
// rewritten idempotently with upsertKeys.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SparkContext } from '../../../src/sql/engine.js';
import { SparkError } from '../../../src/sql/errors.js';
import { SparkSession } from '../../../src/sql/index.js';
import '../../../src/sources/connectors.js';
import { closeConnectorConnections } from '../../../src/sources/connectors.js';

const dir = mkdtempSync(join(tmpdir(), 'tspark-jdbc-df-'));
let spark: SparkSession;
const out: string[] = [];

beforeAll(() => {
  spark = new SparkSession(new SparkContext('local[2]', 'jdbc-df'), { out: (t) => out.push(t) });
});

afterAll(() => {
  spark.stop();
  closeConnectorConnections();
  rmSync(dir, { recursive: true, force: true });
});

describe('df.write.format("jdbc") and spark.read.format("jdbc") on SQLite', () => {
  it('writes a DataFrame, reads it back, and rewrites an aggregation by key', () => {
    const url = `jdbc:sqlite:${join(dir, 'counts.db')}`;
    const words = spark.createDataFrame([['spark'], ['kafka'], ['spark']], ['word']);
    words.groupBy('word').count().write.format('jdbc').option('url', url).option('dbtable', 'counts').option('upsertKeys', 'word').mode('append').save();
    spark.createDataFrame([['spark'], ['mqtt']], ['word']).groupBy('word').count().write.format('jdbc').option('url', url).option('dbtable', 'counts').option('upsertKeys', 'word').mode('append').save();
    const back = spark.read.format('jdbc').option('url', url).option('dbtable', 'counts').load();
    expect(back.schema.simpleString()).toBe('struct<word:string,count:bigint>');
    expect(back.orderBy('word').collect().map((r) => [r.word, r.count])).toEqual([['kafka', 1], ['mqtt', 1], ['spark', 1]]);
    out.length = 0;
    back.orderBy('word').show();
    expect(out.join('')).toContain('|spark|    1|');
  });

  it('format("sqlite") saves to a path, and mode "error" refuses an existing table with Spark\'s message', () => {
    const file = join(dir, 'people.db');
    const people = spark.createDataFrame([['Ann', 31], ['Bob', 25]], ['name', 'age']);
    people.write.format('sqlite').option('dbtable', 'people').save(file);
    let err: unknown;
    try {
      people.write.format('sqlite').option('dbtable', 'people').save(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SparkError);
    expect((err as SparkError).message).toMatch(/^Table or view 'people' already exists\. SaveMode: ErrorIfExists\./);
    const back = spark.read.format('sqlite').option('dbtable', 'people').load(file);
    expect(back.filter('age > 30').collect().map((r) => r.name)).toEqual(['Ann']);
  });
});
