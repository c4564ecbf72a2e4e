/**
 * The one door from `src/sql/**` into the engine. Every engine symbol the SQL layer uses is
 * re-exported here, so when engine files move only this file changes.
 */
export { SparkContext, parseMaster } from '../engine/spark-context.js';
// `RDD`'s constructor with an `RDDSpec` is the engine's one primitive; the executor builds its
// physical operators as RDDs through it (a DataFrame's `rdd` is a real engine RDD).
export { RDD } from '../engine/rdd.js';
export type { RDDSpec, Sink, StorageLevel } from '../engine/rdd.js';
export {
  TsparkError,
  IllegalArgumentError,
  IllegalStateError,
  describeValue,
  checkOptionKeys,
} from '../engine/errors.js';
export type { ErrorCode } from '../engine/errors.js';
export { ManualClock, SystemClock } from '../engine/clock.js';
export type { Clock } from '../engine/clock.js';
