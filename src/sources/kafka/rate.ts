/**
 * How many records each partition may give one batch, as Spark's direct Kafka stream decides it
 * (`DirectKafkaInputDStream.maxMessagesPerPartition`): `spark.streaming.kafka.maxRatePerPartition`
 * caps each partition's rate, and with `spark.streaming.backpressure.enabled` a PID controller
 * (`PIDRateEstimator`) sets a rate for the whole stream from how fast batches were processed,
 * shared among partitions in proportion to their lag. Pure: the input feeds it batch timings.
 */
import type { SparkConf } from '../../engine/spark-conf.js';
import { confBoolean, confNumber } from '../../engine/spark-conf.js';

/** The rate settings read from the SparkContext's conf. */
export interface RateSettings {
  /** Records per second per partition; 0 = no limit (`spark.streaming.kafka.maxRatePerPartition`). */
  readonly maxRatePerPartition: number;
  /** Lowest records per second per partition under backpressure (`spark.streaming.kafka.minRatePerPartition`, default 1). */
  readonly minRatePerPartition: number;
  readonly backpressure: boolean;
  /** Rate of the first batch under backpressure, records/s for the stream; 0 = none (`spark.streaming.backpressure.initialRate`). */
  readonly initialRate: number;
  readonly pid: PidSettings;
}

/** `spark.streaming.backpressure.pid.*`, with Spark's defaults. */
export interface PidSettings {
  readonly proportional: number;
  readonly integral: number;
  readonly derived: number;
  readonly minRate: number;
}

/** Reads the rate settings from `conf`, with Spark's names and defaults. */
export function readRateSettings(conf: SparkConf): RateSettings {
  return {
    maxRatePerPartition: confNumber(conf, 'spark.streaming.kafka.maxRatePerPartition', 0),
    minRatePerPartition: confNumber(conf, 'spark.streaming.kafka.minRatePerPartition', 1, 1),
    backpressure: confBoolean(conf, 'spark.streaming.backpressure.enabled', false),
    initialRate: confNumber(conf, 'spark.streaming.backpressure.initialRate', 0),
    pid: {
      proportional: confNumber(conf, 'spark.streaming.backpressure.pid.proportional', 1),
      integral: confNumber(conf, 'spark.streaming.backpressure.pid.integral', 0.2),
      derived: confNumber(conf, 'spark.streaming.backpressure.pid.derived', 0),
      minRate: confNumber(conf, 'spark.streaming.backpressure.pid.minRate', 100, Number.MIN_VALUE),
    },
  };
}

/** Spark's `PIDRateEstimator`: a new rate (records/s) after each completed batch, or undefined while it learns. */
export class PidRateEstimator {
  private firstRun = true;
  private latestTime = -1;
  private latestRate = -1;
  private latestError = -1;

  constructor(
    private readonly batchMs: number,
    private readonly s: PidSettings,
  ) {}

  /** Feeds one completed batch; returns the new rate when there is one. */
  compute(time: number, numElements: number, processingMs: number, schedulingDelayMs: number): number | undefined {
    if (!(time > this.latestTime && numElements > 0 && processingMs > 0)) return undefined;
    const delaySinceUpdate = (time - this.latestTime) / 1000;
    const processingRate = (numElements / processingMs) * 1000;
    const error = this.latestRate - processingRate;
    const historicalError = (schedulingDelayMs * processingRate) / this.batchMs;
    const dError = (error - this.latestError) / delaySinceUpdate;
    const newRate = Math.max(this.latestRate - this.s.proportional * error - this.s.integral * historicalError - this.s.derived * dError, this.s.minRate);
    this.latestTime = time;
    if (this.firstRun) {
      this.latestRate = processingRate;
      this.latestError = 0;
      this.firstRun = false;
      return undefined;
    }
    this.latestRate = newRate;
    this.latestError = error;
    return newRate;
  }
}

/**
 * The most records each partition may give the next batch (undefined: no limit), from each
 * partition's lag, the stream's estimated rate (undefined before backpressure has one) and the
 * settings; Spark's `maxMessagesPerPartition`.
 */
export function maxMessagesPerPartition(
  lags: ReadonlyMap<string, number>,
  estimatedRate: number | undefined,
  s: RateSettings,
  batchMs: number,
): Map<string, number> | undefined {
  const cap = s.maxRatePerPartition;
  let rates: Map<string, number>;
  if (estimatedRate !== undefined && estimatedRate > 0) {
    const totalLag = [...lags.values()].reduce((a, b) => a + b, 0);
    rates = new Map();
    for (const [tp, lag] of lags) {
      const share = totalLag > 0 ? (lag / totalLag) * estimatedRate : estimatedRate / Math.max(1, lags.size);
      rates.set(tp, cap > 0 ? Math.min(share, cap) : share);
    }
  } else {
    if (cap <= 0) return undefined;
    rates = new Map([...lags.keys()].map((tp) => [tp, cap]));
  }
  const secs = batchMs / 1000;
  const out = new Map<string, number>();
  // As Spark: at least minRatePerPartition records per partition, so a slow estimate never stalls a partition.
  for (const [tp, rate] of rates) out.set(tp, Math.max(Math.floor(rate * secs), s.minRatePerPartition));
  return out;
}
