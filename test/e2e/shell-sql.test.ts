/**
 * `spark` in the shell, typed line by line in a real terminal: the banner announces it, a
 * DataFrame prints as pyspark's repr, `show()` prints Spark's table, a wrong column gives
 * Spark's error and the shell stays alive, and `F`, `Row` and the types are bound.
 */
import * as fs from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { keyGap, Pty } from '../support/pty.js';

const SHELL = 'node dist/bin/tspark.js --no-ui --batch 1';
const ENV = { NO_COLOR: '1', TSPARK_HISTORY: '' };

let pty: Pty | undefined;

beforeAll(() => {
  if (!fs.existsSync('dist/bin/tspark.js')) throw new Error('run `npm run build` first: this test starts the built shell');
});
afterEach(() => {
  pty?.kill();
});

describe('spark in the shell', () => {
  it('creates a DataFrame, shows it, groups it, and survives a wrong column', async () => {
    pty = new Pty(SHELL, { env: ENV, cols: 120, rows: 50 });
    await pty.waitForText('tspark>');
    expect(pty.all()).toContain("SparkSession available as 'spark'");

    pty.line('const df = spark.createDataFrame([["spark", 1], ["apache", 2], ["spark", 3]], ["word", "n"])');
    pty.line('df');
    await pty.waitForText('DataFrame[word: string, n: bigint]');

    pty.line('df.show()');
    await pty.waitForText('| spark|  3|');
    expect(pty.all()).toContain('+------+---+\n|  word|  n|\n+------+---+\n| spark|  1|\n|apache|  2|\n| spark|  3|\n+------+---+');

    pty.line('df.groupBy("word").agg(F.sum("n").alias("total")).orderBy(F.desc("total")).show()');
    await pty.waitForText('| spark|    4|');

    pty.line('df.select("nme")');
    await pty.waitForText('UNRESOLVED_COLUMN.WITH_SUGGESTION');
    expect(pty.all()).toContain('Did you mean one of the following? [`n`, `word`]');

    pty.line('String(Row({ word: "x", count: 3 }))');
    await pty.waitForText("Row(word='x', count=3)");
    pty.line('new StructType([new StructField("a", IntegerType())]).simpleString()');
    await pty.waitForText('struct<a:int>');
  });

  it('completes column names after df. (Tab), beside the DataFrame methods', async () => {
    pty = new Pty(SHELL, { env: ENV, cols: 160, rows: 50 });
    await pty.waitForText('tspark>');
    pty.line('const df = spark.createDataFrame([["spark", 1]], ["word", "wordCount"])');
    pty.line('df.columns');
    await pty.waitForText("[ 'word', 'wordCount' ]");
    pty.write('df.wor');
    await keyGap();
    pty.write('\t');
    await keyGap();
    pty.write('\t');
    await pty.waitForText('df.wordCount');
    expect(pty.all()).toMatch(/df\.word\b/);
    pty.write('\x15');
    pty.write('df.withC');
    await keyGap();
    pty.write('\t');
    await keyGap();
    pty.write('\t');
    await pty.waitForText('df.withColumnRenamed');
  });

  it('Ctrl-C interrupts a long DataFrame query; the prompt comes back and spark still answers', async () => {
    pty = new Pty(SHELL, { env: ENV, cols: 160, rows: 50 });
    await pty.waitForText('tspark>');
    // The marker is printed once the entry runs, so Ctrl-C lands inside the query (1e10 rows).
    pty.line('console.log("query " + "started"); spark.range(100000).crossJoin(spark.range(100000)).count()');
    await pty.waitForText('query started', 1, 20_000);
    await new Promise((r) => setTimeout(r, 1000));
    pty.write('\x03');
    await pty.waitForText('Interrupted (Ctrl-C)', 1, 15_000);
    await keyGap();
    pty.line('spark.range(10).count() * 7');
    await pty.waitForText('70');
  });
});
