/**
 * GroupState: the state of one key inside `flatMapGroupsWithState` / `mapGroupsWithState`, as
 * Scala's `GroupState[S]` and pyspark's `GroupState`: `exists`, `get`, `getOption`, `update`,
 * `remove`, `hasTimedOut`, `setTimeoutDuration`, `setTimeoutTimestamp`,
 * `getCurrentWatermarkMs`, `getCurrentProcessingTimeMs`. Misuse is refused with Spark's words.
 */
import { SparkArgumentError, SparkRuntimeException } from '../errors.js';
import type { GroupStateTimeout } from '../plan/relations.js';
import { intervalMicros, parseInterval } from '../types/interval.js';

/** No timeout set (Spark's `NO_TIMESTAMP`). */
export const NO_TIMESTAMP = -1;

/** What a GroupState is made from, per call. */
export interface GroupStateInit<S> {
  readonly value: S | undefined;
  readonly exists: boolean;
  readonly timeoutTimestamp: number;
  readonly hasTimedOut: boolean;
  readonly timeout: GroupStateTimeout;
  readonly batchTimestampMs: number;
  /** The watermark (ms), or undefined when the query has none. */
  readonly watermarkMs: number | undefined;
  /** `flatMapGroupsWithState` or `mapGroupsWithState`, for messages. */
  readonly api: string;
}

/** The state of one key during one call of the user's function. */
export class GroupState<S = unknown> {
  #value: S | undefined;
  #exists: boolean;
  #removed = false;
  #updated = false;
  #timeoutTimestamp: number;
  readonly #init: GroupStateInit<S>;

  /** @internal Made by the engine for each call. */
  constructor(init: GroupStateInit<S>) {
    this.#init = init;
    this.#value = init.value;
    this.#exists = init.exists;
    this.#timeoutTimestamp = init.timeoutTimestamp;
  }

  /** Whether the key has a state. */
  get exists(): boolean {
    return this.#exists;
  }
  /** The state; throws when there is none (use `getOption()` or check `exists`). */
  get(): S {
    if (!this.#exists) throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', { message: 'State is either not defined or has already been removed' });
    return this.#value as S;
  }
  /** The state, or undefined. */
  getOption(): S | undefined {
    return this.#exists ? this.#value : undefined;
  }
  /** Sets the state (null and undefined are not states: use `remove()`). */
  update(newState: S): void {
    if (newState === null || newState === undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: "'null' is not a valid state value" });
    this.#value = newState;
    this.#exists = true;
    this.#updated = true;
    this.#removed = false;
  }
  /** Removes the state (and its timeout). */
  remove(): void {
    this.#value = undefined;
    this.#exists = false;
    this.#removed = true;
    this.#updated = false;
  }
  /** True when this call is the key's timeout (no new rows). */
  get hasTimedOut(): boolean {
    return this.#init.hasTimedOut;
  }
  /** Times the key out after `duration` of processing time without data (ms, or `"10 seconds"`): ProcessingTimeTimeout only. */
  setTimeoutDuration(duration: number | string): void {
    if (this.#init.timeout !== 'ProcessingTimeTimeout') {
      throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', { message: `Cannot set timeout duration without enabling processing time timeout in ${this.#init.api}` });
    }
    const ms = typeof duration === 'number' ? duration : durationMs(duration);
    if (!(ms > 0)) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'Timeout duration must be positive' });
    this.#timeoutTimestamp = this.#init.batchTimestampMs + ms;
  }
  /** Times the key out when the watermark passes `timestamp` (ms or a Date, plus an optional duration): EventTimeTimeout only. */
  setTimeoutTimestamp(timestamp: number | Date, additionalDuration?: number | string): void {
    if (this.#init.timeout !== 'EventTimeTimeout') {
      throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', { message: `Cannot set timeout timestamp without enabling event time timeout in ${this.#init.api}` });
    }
    let ms = timestamp instanceof Date ? timestamp.getTime() : timestamp;
    if (additionalDuration !== undefined) ms += typeof additionalDuration === 'number' ? additionalDuration : durationMs(additionalDuration);
    if (!(ms >= 0)) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'Timeout timestamp must be positive' });
    const wm = this.#init.watermarkMs;
    if (wm !== undefined && ms < wm) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Timeout timestamp (${ms}) cannot be earlier than the current watermark (${wm})` });
    }
    this.#timeoutTimestamp = ms;
  }
  /** The current event-time watermark (ms); needs `withWatermark` before the grouping. */
  getCurrentWatermarkMs(): number {
    if (this.#init.watermarkMs === undefined) {
      throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', { message: `Cannot get event time watermark timestamp without setting watermark before ${this.#init.api}` });
    }
    return this.#init.watermarkMs;
  }
  /** The batch's processing time (ms). */
  getCurrentProcessingTimeMs(): number {
    return this.#init.batchTimestampMs;
  }

  /** @internal What the call left: the new value, whether it was removed or updated, the timeout. */
  outcome(): { value: S | undefined; exists: boolean; removed: boolean; updated: boolean; timeoutTimestamp: number } {
    return { value: this.#value, exists: this.#exists, removed: this.#removed, updated: this.#updated, timeoutTimestamp: this.#timeoutTimestamp };
  }

  toString(): string {
    return `GroupState(${this.#exists ? String(this.#value) : '<undefined>'})`;
  }
}

function durationMs(text: string): number {
  const i = parseInterval(text);
  if (i === null) {
    throw new SparkArgumentError('CANNOT_PARSE_INTERVAL', { intervalString: `'${text}'` });
  }
  if (i.months !== 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Provided duration (${text}) is not positive or contains months` });
  return intervalMicros(i) / 1000;
}
