/**
 * What the shell and `tspark run` bind before a demo runs, so the demos typecheck as files.
 */
import type { MQTTUtils as MQTTUtilsType, SparkContext, SparkSession, StreamingContext, functions, saveToJdbc as saveToJdbcType, saveToRedis as saveToRedisType } from '../src/index.js';

declare global {
  /** The shell's SparkContext. */
  const sc: SparkContext;
  /** The shell's StreamingContext (a fresh one after each stop). */
  const ssc: StreamingContext;
  /** The shell's SparkSession (DataFrames, SQL, Structured Streaming). */
  const spark: SparkSession;
  /** pyspark.sql.functions. */
  const F: typeof functions;
  /** Bahir's MQTTUtils: `MQTTUtils.createStream(ssc, brokerUrl, topic)`. */
  const MQTTUtils: typeof MQTTUtilsType;
  /** A foreachRDD writer into a database table (docs/SINKS.md). */
  const saveToJdbc: typeof saveToJdbcType;
  /** A foreachRDD writer into Redis hashes (docs/SINKS.md). */
  const saveToRedis: typeof saveToRedisType;
}

export {};
