/**
 * Window and slide arguments, checked at the call with pyspark's rule and wording: both must be
 * multiples of the parent stream's slide (the batch interval for a stream read straight from an
 * input).
 */
import { durationMs } from '../checks.js';
import { IllegalArgumentError } from '../errors.js';
import { formatDurationMs } from '../format.js';
import type { StreamNode } from './stream-node.js';

/** A window length and slide, in ms. */
export interface WindowSpec {
  readonly windowMs: number;
  readonly slideMs: number;
}

/** Seconds → checked ms; `slideDuration` defaults to the parent's slide, as in pyspark. */
export function windowArgs(parent: StreamNode<unknown>, method: string, windowDuration: unknown, slideDuration?: unknown): WindowSpec {
  const parentMs = parent.slideMs;
  const windowMs = durationMs(method, 'windowDuration', windowDuration);
  if (windowMs % parentMs !== 0) throw notMultiple(method, 'windowDuration', windowMs, parentMs);
  // pyspark checks the slide only when it is given (truthy).
  if (slideDuration === undefined || slideDuration === null) return { windowMs, slideMs: parentMs };
  const slideMs = durationMs(method, 'slideDuration', slideDuration);
  if (slideMs % parentMs !== 0) throw notMultiple(method, 'slideDuration', slideMs, parentMs);
  return { windowMs, slideMs };
}

function notMultiple(method: string, param: string, ms: number, parentMs: number): IllegalArgumentError {
  return new IllegalArgumentError(
    'ERR_INVALID_DURATION',
    `${method}: ${param} must be multiple of the parent dstream's slide (batch) duration (${parentMs} ms); ` +
      `got ${formatDurationMs(ms)}. Use a multiple of ${parentMs / 1000} seconds, e.g. ${(Math.ceil(ms / parentMs) * parentMs) / 1000}`,
  );
}
