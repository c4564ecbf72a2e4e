/** SparkConf: string settings, as pyspark's. */
import { describe, expect, it } from 'vitest';
import { SparkConf } from '../../src/index.js';

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

  it('refuses an empty key', () => {
    expect(() => new SparkConf().set('', 1)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARGUMENT' }));
  });
});
