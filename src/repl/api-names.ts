/**
 * The engine's classes the shell binds besides `sc` and `ssc`, so tutorial code such as
 * `StreamingContext.getOrCreate(...)` or `StateSpec.function(...)` runs without an import
 * (the package is not importable from the user's directory unless installed there).
 */
export const SHELL_API_NAMES = ['SparkContext', 'StreamingContext', 'StateSpec', 'ManualClock', 'SystemClock', 'SparkConf', 'KafkaUtils', 'OffsetRange', 'TopicAndPartition'] as const;

export type ShellApiName = (typeof SHELL_API_NAMES)[number];
