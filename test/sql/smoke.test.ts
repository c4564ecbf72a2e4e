import { describe, expect, it } from 'vitest';
import { SparkContext } from '../../src/sql/engine.js';
import { SparkSession, functions as F } from '../../src/sql/index.js';

describe('smoke', () => {
  it('runs a groupBy count', () => {
    const out: string[] = [];
    const spark = new SparkSession(new SparkContext('local[2]', 't'), { out: (t) => out.push(t) });
    const df = spark.createDataFrame([['spark', 1], ['apache', 2], ['spark', 3]], ['word', 'n']);
    expect(String(df)).toBe('DataFrame[word: string, n: bigint]');
    const counts = df.groupBy('word').count();
    counts.show();
    df.select(df.word, df.n.plus(1)).show();
    df.filter(df.n.gt(1)).select(F.upper('word').alias('w')).show();
    console.log(out.join(''));
    spark.stop();
  });
});
