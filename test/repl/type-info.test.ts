import { describe, expect, it } from 'vitest';
import { createTypeInfo } from '../../src/repl/type-info.js';

describe('.type', () => {
  it('shows DStream and RDD types of expressions over the bound sc and ssc', async () => {
    const info = createTypeInfo();
    info.record('const q = ssc.queueStream([["a b"]])\n', ['q']);
    info.record('const pairs = q.flatMap((l) => l.split(" ")).map((w): [string, number] => [w, 1])\n', ['pairs']);
    expect(await info.typeOf('pairs')).toBe('DStream<[string, number]>');
    expect(await info.typeOf('pairs.reduceByKey((a, b) => a + b)')).toBe('DStream<[string, number]>');
    expect(await info.typeOf('sc.parallelize([1, 2])')).toBe('RDD<number>');
  }, 60_000);

  it('takes import … from "tspark" in an entry as the running tspark', async () => {
    const info = createTypeInfo();
    info.record('import { SparkContext, StreamingContext } from "tspark"\n', []);
    info.record('const s2 = new StreamingContext(sc, 2)\n', ['s2']);
    expect(await info.typeOf('s2')).toBe('StreamingContext');
    expect(await info.typeOf('ssc.queueStream([[1]])')).toBe('DStream<number>');
  }, 60_000);

  it('uses the latest declaration of a redeclared name', async () => {
    const info = createTypeInfo('');
    info.record('const x = 1\n', ['x']);
    info.record('const x = "s"\n', ['x']);
    expect(await info.typeOf('x')).toBe('"s"');
  }, 60_000);

  it('says what TypeScript objects to', async () => {
    const info = createTypeInfo('');
    expect(await info.typeOf('nope.x')).toContain("Cannot find name 'nope'");
  }, 60_000);
});

describe('.type on DataFrames', () => {
  it('knows spark, F and the DataFrame a line built', async () => {
    const info = createTypeInfo();
    info.record('const df = spark.createDataFrame([["a", 1]], ["word", "n"]).groupBy("word").count()', ['df']);
    expect(await info.typeOf('df')).toBe('DataFrame');
    expect(await info.typeOf('F.col("word").plus(1)')).toBe('Column');
  }, 30_000);
});
