/**
 * The engine's classes the shell binds besides `sc` and `ssc`, so tutorial code such as
 * `StreamingContext.getOrCreate(...)`, `StateSpec.function(...)` or `class L extends StreamingListener`
 * runs without an import
 * (the package is not importable from the user's directory unless installed there).
 */
export const SHELL_API_NAMES = ['SparkContext', 'StreamingContext', 'StateSpec', 'ManualClock', 'SystemClock', 'SparkConf', 'StreamingListener'] as const;

export type ShellApiName = (typeof SHELL_API_NAMES)[number];
