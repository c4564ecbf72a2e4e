import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SparkContext, VERSION } from '../../src/index.js';

describe('SparkContext', () => {
  it('takes its parallelism from local[N] and keeps pyspark\'s defaults', () => {
    const sc = new SparkContext('local[3]', 'app');
    expect([sc.master, sc.appName, sc.defaultParallelism, sc.defaultMinPartitions]).toEqual(['local[3]', 'app', 3, 2]);
    expect(new SparkContext().master).toBe('local[*]');
    expect(new SparkContext('local').defaultParallelism).toBe(1);
  });

  it('refuses a cluster master with a message that says what tspark runs', () => {
    expect(() => new SparkContext('spark://host:7077')).toThrow('"master" must be "local", "local[N]" or "local[*]"');
  });

  it('has broadcast variables and accumulators', () => {
    const sc = new SparkContext('local[2]');
    const b = sc.broadcast({ stop: new Set(['a']) });
    const acc = sc.accumulator(0);
    sc.parallelize(['a', 'b', 'c']).foreach((w) => {
      if (!b.value.stop.has(w)) acc.add(1);
    });
    expect(acc.value).toBe(2);
    b.destroy();
    expect(() => b.value).toThrow('after it was destroyed');
    expect(() => sc.accumulator('x')).toThrow('pass an AccumulatorParam');
  });

  it('refuses every method once stopped, and a second stop is harmless', () => {
    const sc = new SparkContext('local[2]');
    sc.stop();
    sc.stop();
    expect(() => sc.parallelize([1])).toThrow('Cannot call methods on a stopped SparkContext');
  });

  it('reports the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(new SparkContext('local[1]').version).toBe(pkg.version);
  });
});
