/**
 * The classes the shell binds besides `sc`, `ssc` and `spark`, so tutorial code such as
 * `StreamingContext.getOrCreate(...)`, `StateSpec.function(...)`, `class L extends StreamingListener`
 * or `F.explode(...)` runs
 * without an import (the package is not importable from the user's directory unless installed
 * there).
 */
export const SHELL_API_NAMES = [
  'SparkContext',
  'StreamingContext',
  'StateSpec',
  'ManualClock',
  'SystemClock',
  // Tutorial code makes these with `new` (SparkConf) or extends them (StreamingListener).
  'SparkConf',
  'StreamingListener',
  // Kafka (pyspark.streaming.kafka).
  'KafkaUtils',
  'OffsetRange',
  'TopicAndPartition',
  // DataFrames and SQL, as the pyspark shell has them at hand (`F` is pyspark.sql.functions).
  'SparkSession',
  'F',
  'Window',
  'Row',
  'Column',
  'StructType',
  'StructField',
  'StringType',
  'IntegerType',
  'LongType',
  'DoubleType',
  'FloatType',
  'ShortType',
  'ByteType',
  'BooleanType',
  'BinaryType',
  'DecimalType',
  'DateType',
  'TimestampType',
  'TimestampNTZType',
  'ArrayType',
  'MapType',
  'NullType',
  // Connectors for DStreams: Bahir's MQTTUtils, and the foreachRDD writers (docs/SINKS.md).
  'MQTTUtils',
  'saveToJdbc',
  'saveToRedis',
] as const;

export type ShellApiName = (typeof SHELL_API_NAMES)[number];
