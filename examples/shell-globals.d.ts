/**
 * What the shell and `tspark run` bind before a demo runs, so the demos typecheck as files.
 */
import type { MQTTUtils as MQTTUtilsType, SparkContext, StreamingContext, saveToJdbc as saveToJdbcType, saveToRedis as saveToRedisType } from '../src/index.js';

declare global {
  /** The shell's SparkContext. */
  const sc: SparkContext;
  /** The shell's StreamingContext (a fresh one after each stop). */
  const ssc: StreamingContext;
  /** Bahir's MQTTUtils: `MQTTUtils.createStream(ssc, brokerUrl, topic)`. */
  const MQTTUtils: typeof MQTTUtilsType;
  /** A foreachRDD writer into a database table (docs/SINKS.md). */
  const saveToJdbc: typeof saveToJdbcType;
  /** A foreachRDD writer into Redis hashes (docs/SINKS.md). */
  const saveToRedis: typeof saveToRedisType;
}

export {};
