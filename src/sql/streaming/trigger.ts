/**
 * Triggers, as pyspark's `writeStream.trigger(processingTime=…, once=…, availableNow=…,
 * continuous=…)` with the keywords as one options object: exactly one is allowed
 * (`ONLY_ALLOW_SINGLE_TRIGGER`), intervals are Spark's interval strings (`"2 seconds"`).
 */
import { SparkArgumentError } from '../errors.js';
import { intervalMicros, parseInterval } from '../types/interval.js';

/** When micro-batches run. */
export type Trigger =
  /** Batches start on multiples of the interval (0: as soon as the previous one ends, the default). */
  | { readonly kind: 'processingTime'; readonly intervalMs: number }
  /** One batch of everything available, then stop (deprecated in Spark). */
  | { readonly kind: 'once' }
  /** Everything available now, in batches that honour the read limits, then stop. */
  | { readonly kind: 'availableNow' }
  /** Spark's experimental continuous processing: refused by tspark. */
  | { readonly kind: 'continuous'; readonly intervalMs: number };

/** The keywords of `trigger(…)`. */
export interface TriggerOptions {
  readonly processingTime?: string;
  readonly once?: boolean;
  readonly availableNow?: boolean;
  readonly continuous?: string;
}

/** The default trigger: as fast as possible. */
export const DEFAULT_TRIGGER: Trigger = { kind: 'processingTime', intervalMs: 0 };

function intervalMs(name: string, value: unknown): number {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new SparkArgumentError('VALUE_NOT_NON_EMPTY_STR', { arg_name: name, arg_value: String(value ?? '') });
  }
  const i = parseInterval(value);
  if (i === null) throw new SparkArgumentError('CANNOT_PARSE_INTERVAL', { intervalString: `'${value}'` });
  if (i.months !== 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Doesn't support month or year interval: ${value}` });
  const ms = intervalMicros(i) / 1000;
  if (ms < 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Trigger interval must be non-negative; got ${value}` });
  return ms;
}

/** Reads `trigger(…)`'s options into a Trigger, with pyspark's checks and messages. */
export function parseTrigger(options: TriggerOptions | undefined): Trigger {
  const o = (options ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!['processingTime', 'once', 'availableNow', 'continuous'].includes(k)) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `trigger: unknown option "${k}"; use one of processingTime, once, availableNow, continuous` });
    }
  }
  const given = ['processingTime', 'once', 'availableNow', 'continuous'].filter((k) => o[k] !== undefined && o[k] !== null);
  if (given.length !== 1) throw new SparkArgumentError('ONLY_ALLOW_SINGLE_TRIGGER');
  const k = given[0]!;
  if (k === 'processingTime') return { kind: 'processingTime', intervalMs: intervalMs('processingTime', o[k]) };
  if (k === 'continuous') return { kind: 'continuous', intervalMs: intervalMs('continuous', o[k]) };
  if (o[k] !== true) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Value for \`${k}\` must be True, got '${String(o[k])}'.` });
  return k === 'once' ? { kind: 'once' } : { kind: 'availableNow' };
}
