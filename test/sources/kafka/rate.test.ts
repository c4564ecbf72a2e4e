/** Rate limits and backpressure as Spark computes them for a direct stream. */
import { describe, expect, it } from 'vitest';
import { SparkConf } from '../../../src/index.js';
import { PidRateEstimator, maxMessagesPerPartition, readRateSettings } from '../../../src/sources/kafka/rate.js';

const settings = (conf: Record<string, string> = {}) => readRateSettings(new SparkConf().setAll(Object.entries(conf)));

describe('maxMessagesPerPartition', () => {
  const lags = new Map([
    ['t:0', 900],
    ['t:1', 100],
  ]);
  it('is unlimited without maxRatePerPartition or backpressure', () => {
    expect(maxMessagesPerPartition(lags, undefined, settings(), 1000)).toBeUndefined();
  });
  it('is maxRatePerPartition × batch seconds', () => {
    expect(maxMessagesPerPartition(lags, undefined, settings({ 'spark.streaming.kafka.maxRatePerPartition': '100' }), 2000)).toEqual(new Map([['t:0', 200], ['t:1', 200]]));
  });
  it('shares the estimated rate by lag, capped by maxRatePerPartition, at least minRatePerPartition', () => {
    expect(maxMessagesPerPartition(lags, 500, settings(), 1000)).toEqual(new Map([['t:0', 450], ['t:1', 50]]));
    expect(maxMessagesPerPartition(lags, 500, settings({ 'spark.streaming.kafka.maxRatePerPartition': '300' }), 1000)).toEqual(new Map([['t:0', 300], ['t:1', 50]]));
    expect(maxMessagesPerPartition(new Map([['t:0', 0]]), 0.5, settings({ 'spark.streaming.kafka.minRatePerPartition': '7' }), 1000)).toEqual(new Map([['t:0', 7]]));
  });
  it('refuses a setting that is not a number, naming it', () => {
    expect(() => settings({ 'spark.streaming.kafka.maxRatePerPartition': 'fast' })).toThrow('"spark.streaming.kafka.maxRatePerPartition" must be a number >= 0; got "fast"');
    expect(() => settings({ 'spark.streaming.backpressure.enabled': 'yes' })).toThrow('"spark.streaming.backpressure.enabled" must be "true" or "false"; got "yes"');
  });
});

describe('PidRateEstimator (Spark\'s)', () => {
  it('learns on the first batch, then moves the rate toward the processing rate', () => {
    const pid = new PidRateEstimator(1000, settings().pid);
    expect(pid.compute(1000, 10_000, 500, 0)).toBeUndefined(); // processing rate 20 000/s, learnt
    // Slower now: 10 000 records in 1 s, and a 500 ms scheduling delay.
    const r = pid.compute(2000, 10_000, 1000, 500);
    // error = 20000 - 10000; historical = 500 * 10000 / 1000 = 5000; 20000 - 10000 - 0.2 * 5000 = 9000
    expect(r).toBeCloseTo(9000);
    expect(pid.compute(2000, 10, 10, 0)).toBeUndefined(); // not a later batch
    expect(pid.compute(3000, 0, 10, 0)).toBeUndefined(); // no records
  });
  it('never goes below minRate', () => {
    const pid = new PidRateEstimator(1000, settings().pid);
    pid.compute(1000, 1000, 1000, 0);
    expect(pid.compute(2000, 1, 1000, 100_000)).toBe(100);
  });
});
