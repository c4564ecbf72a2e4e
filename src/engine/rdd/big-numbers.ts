/**
 * Integers above 2^53 are outside what JavaScript numbers hold exactly (pyspark's integers are
 * unbounded). Actions whose result may have been rounded there (`sum`, `max`) say so.
 */

/** The warning for a result of `operator` that JavaScript numbers may have rounded. */
export function beyondSafeIntegers(operator: string, result: number): string {
  return (
    `${operator}: the result ${result} is beyond 2^53 (${Number.MAX_SAFE_INTEGER}), where JavaScript numbers are not exact, so it may be rounded ` +
    `(pyspark's integers are exact). For exact big integers use BigInt, e.g. rdd.map(BigInt).reduce((a, b) => a + b)`
  );
}
