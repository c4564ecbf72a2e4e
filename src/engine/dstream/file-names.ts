/** pyspark's `rddToFileName(prefix, suffix, time)`: `prefix-<ms>` or `prefix-<ms>.<suffix>`. */
export function rddToFileName(prefix: string, suffix: string | undefined | null, timeMs: number | Date): string {
  const ms = timeMs instanceof Date ? timeMs.getTime() : timeMs;
  return suffix === undefined || suffix === null ? `${prefix}-${ms}` : `${prefix}-${ms}.${suffix}`;
}
