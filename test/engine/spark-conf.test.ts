/** SparkConf as pyspark's, and SparkContext(conf). */
import { describe, expect, it } from 'vitest';
import { SparkConf, SparkContext } from '../../src/index.js';

describe('SparkConf', () => {
  it('sets, reads and lists settings as strings, sorted by key', () => {
    const conf = new SparkConf().setMaster('local[2]').setAppName('app').set('spark.executor.memory', 512);
    expect(conf.get('spark.executor.memory')).toBe('512');
    expect(conf.contains('spark.master')).toBe(true);
    expect(conf.getAll()).toEqual([
      ['spark.app.name', 'app'],
      ['spark.executor.memory', '512'],
      ['spark.master', 'local[2]'],
    ]);
    expect(conf.toDebugString()).toBe('spark.app.name=app\nspark.executor.memory=512\nspark.master=local[2]');
  });

  it('keeps settings as strings and chains', () => {
    const conf = new SparkConf().setMaster('local[3]').setAppName('app').set('spark.streaming.kafka.maxRatePerPartition', 100).setIfMissing('spark.app.name', 'other');
    expect(conf.getAll()).toEqual([
      ['spark.app.name', 'app'],
      ['spark.master', 'local[3]'],
      ['spark.streaming.kafka.maxRatePerPartition', '100'],
    ]);
    expect([conf.get('missing'), conf.get('missing', 'd'), conf.contains('spark.master')]).toEqual([undefined, 'd', true]);
    expect(conf.toDebugString()).toBe('spark.app.name=app\nspark.master=local[3]\nspark.streaming.kafka.maxRatePerPartition=100');
  });

  it('configures a SparkContext, which keeps its own copy', () => {
    const conf = new SparkConf().setMaster('local[3]').setAppName('app').set('k', 'v');
    const sc = new SparkContext(conf);
    conf.set('k', 'changed');
    expect([sc.master, sc.appName, sc.defaultParallelism, sc.getConf().get('k')]).toEqual(['local[3]', 'app', 3, 'v']);
    sc.getConf().set('k', 'x');
    expect(sc.getConf().get('k')).toBe('v');
    // Arguments win over the conf, as in pyspark.
    expect(new SparkContext('local[1]', 'named', conf).appName).toBe('named');
    expect(new SparkContext().getConf().get('spark.master')).toBe('local[*]');
  });

  it('refuses what is not a setting', () => {
    expect(() => new SparkConf().set('', 'v')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
    expect(() => new SparkConf().set('k', {} as unknown as string)).toThrow('"value" must be a string, number or boolean');
  });
});
