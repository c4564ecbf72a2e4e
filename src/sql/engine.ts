/**
 * The one door from `src/sql/**` into the engine. Every engine symbol the SQL layer uses is
 * re-exported here, so when engine files move only this file changes.
 */
export { SparkContext, parseMaster } from '../engine/spark-context.js';
// `RDD`'s constructor with an `RDDSpec` is the engine's one primitive; the executor builds its
// physical operators as RDDs through it (a DataFrame's `rdd` is a real engine RDD).
export { RDD } from '../engine/rdd/rdd.js';
export type { RDDSpec, StorageLevel } from '../engine/rdd/rdd-base.js';
export type { Sink } from '../engine/rdd/sink.js';
export { TsparkError, IllegalArgumentError, IllegalStateError } from '../engine/errors.js';
export type { ErrorCode } from '../engine/errors.js';
export { describeValue } from '../engine/checks.js';
export { ManualClock, SystemClock } from '../engine/clock.js';
export type { Clock, Cancel } from '../engine/clock.js';

// pyspark adds `toDF` to RDDs when a SparkSession is created (`_monkey_patch_RDD`); tspark does
// the same (api/session.ts), and declares it here, beside the engine's RDD it extends.
declare module '../engine/rdd/rdd.js' {
  interface RDD<T> {
    /** This RDD as a DataFrame (`sc.parallelize([[1, "a"]]).toDF(["id", "v"])`); needs a SparkSession. */
    toDF(schema?: import('./api/create-dataframe.js').SchemaLike, samplingRatio?: number): import('./api/dataframe.js').DataFrame;
  }
}
