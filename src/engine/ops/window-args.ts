/**
 * Window and slide arguments, checked at the call with pyspark's rule and wording: both must be
 * multiples of the parent stream's slide (the batch interval for a stream read straight from an
 * input).
 */
import type { DStream } from '../dstream.js';
import { IllegalArgumentError, describeValue, formatDurationMs } from '../errors.js';

/** A window length and slide, in ms. */
export interface WindowSpec {
  readonly windowMs: number;
  readonly slideMs: number;
}

/** Seconds → checked ms; `slideDuration` defaults to the parent's slide, as in pyspark. */
export function windowArgs(parent: DStream<unknown>, method: string, windowDuration: unknown, slideDuration?: unknown): WindowSpec {
  const parentMs = parent.slideDurationMs;
  const windowMs = parent.ssc.durationMs(method, 'windowDuration', windowDuration);
  if (windowMs % parentMs !== 0) throw notMultiple(method, 'windowDuration', windowMs, parentMs);
  // pyspark checks the slide only when it is given (truthy).
  if (slideDuration === undefined || slideDuration === null) return { windowMs, slideMs: parentMs };
  const slideMs = parent.ssc.durationMs(method, 'slideDuration', slideDuration);
  if (slideMs % parentMs !== 0) throw notMultiple(method, 'slideDuration', slideMs, parentMs);
  return { windowMs, slideMs };
}

function notMultiple(method: string, param: string, ms: number, parentMs: number): IllegalArgumentError {
  return new IllegalArgumentError(
    `${method}: ${param} must be multiple of the parent dstream's slide (batch) duration (${parentMs} ms); ` +
      `got ${formatDurationMs(ms)}. Use a multiple of ${parentMs / 1000} seconds, e.g. ${(Math.ceil(ms / parentMs) * parentMs) / 1000}`,
    'ERR_INVALID_DURATION',
  );
}

/** `numPartitions`, checked at the call (the per-batch RDDs would only find out at batch time). */
export function checkNumPartitions(method: string, n: unknown): number | undefined {
  if (n === undefined || n === null) return undefined;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new IllegalArgumentError(`${method}: "numPartitions" must be a positive integer; got ${describeValue(n)}`);
  }
  return n;
}
