/**
 * The Spark Streaming guide's sql_network_wordcount (examples/src/main/python/streaming/
 * sql_network_wordcount.py), its logic as typed in TypeScript: DataFrames inside foreachRDD,
 * over a queueStream stepped by a ManualClock, compared with real PySpark's output
 * (test/sql/pyspark/record_streaming.py). Until the SQL parser is merged, the guide's
 * `spark.sql("select word, count(*) as total from words group by word")` is its DataFrame
 * equivalent.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock, SparkContext, StreamingContext } from '../../src/index.js';
import { Row, SparkSession, functions as F } from '../../src/sql/index.js';
import type { RDD } from '../../src/sql/engine.js';
import { hasSqlParser } from '../../src/sql/parser/hook.js';
import { expectedOutput } from './support/pyspark-cases.js';

const BATCHES = [['hello world', 'hello spark'], ['apache spark is fast', 'spark streaming with sql', 'hello again'], [], ['to be or not to be']];

describe('sql_network_wordcount', () => {
  it('counts each batch with DataFrames as PySpark does', async () => {
    let out = '';
    const sc = new SparkContext('local[2]', 'PythonSqlNetworkWordCount');
    const clock = new ManualClock(0);
    const ssc = new StreamingContext(sc, 1, { clock, out: () => undefined, err: () => undefined });
    let instance: SparkSession | undefined;
    // The guide's lazily created singleton session.
    const getSparkSessionInstance = (): SparkSession => (instance ??= SparkSession.builder.getOrCreate());
    const lines = ssc.queueStream(BATCHES.map((b) => sc.parallelize(b, 2)));
    const words = lines.flatMap((line) => line.split(' '));
    let batch = 0;
    words.foreachRDD((_time: Date, rdd: RDD<string>) => {
      batch += 1;
      out += `========= batch ${batch} =========\n`;
      try {
        const spark = getSparkSessionInstance();
        spark.out = (t) => (out += t);
        const rowRdd = rdd.map((w) => Row({ word: w }));
        const wordsDataFrame = spark.createDataFrame(rowRdd);
        wordsDataFrame.createOrReplaceTempView('words');
        const wordCountsDataFrame = hasSqlParser()
          ? spark.sql('select word, count(*) as total from words group by word')
          : spark.table('words').groupBy('word').agg(F.count('*').alias('total'));
        wordCountsDataFrame.show();
      } catch {
        // As the guide's bare except: an empty batch has no schema to infer.
      }
    });
    ssc.start();
    await clock.advance(BATCHES.length * 1000);
    ssc.stop(false);
    sc.stop();
    expect(out).toBe(expectedOutput('sql_network_wordcount'));
  });
});
