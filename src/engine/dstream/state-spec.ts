/**
 * `StateSpec` and `State` for `mapWithState`, as Spark has them for Scala and Java (pyspark
 * never got mapWithState): `StateSpec.function((key, value, state) => mapped)` with optional
 * `.timeout(seconds)`, `.initialState(rddOrPairs)` and `.numPartitions(n)`.
 */
import { check, durationMs, positiveInteger, rule } from '../checks.js';
import { copyRecord } from '../copy.js';
import { IllegalStateError } from '../errors.js';
import { RDD } from '../rdd/rdd.js';

const MAPPING_FUNCTION = rule('a function (key, value, state) => mapped', (v): v is MappingFunction<unknown, unknown, unknown, unknown> => typeof v === 'function');
const INITIAL_STATE = rule('an RDD or an array of [key, state] pairs', (v): v is RDD<unknown> | readonly unknown[] => v instanceof RDD || Array.isArray(v));

/** The state of one key, handed to the mapping function of `mapWithState`. */
export interface State<S> {
  /** True when the key has a state. */
  exists(): boolean;
  /** The state; throws when there is none (check `exists()` first). */
  get(): S;
  /** The state, or undefined when there is none. */
  getOption(): S | undefined;
  /** Sets the key's state. Not allowed while the key is timing out. */
  update(newState: S): void;
  /** Removes the key's state. Not allowed while the key is timing out. */
  remove(): void;
  /** True in the last call for a key that was idle longer than the timeout (the value is then undefined). */
  isTimingOut(): boolean;
}

/** The mapping function: key, the batch's value (undefined when timing out), the key's state → a mapped record. */
export type MappingFunction<K, V, S, M> = (key: K, value: V | undefined, state: State<S>) => M;

/** What `mapWithState` needs: the mapping function and its options. Build it with `StateSpec.function(fn)`. */
export class StateSpec<K, V, S, M> {
  /** @internal */
  timeoutMs: number | undefined;
  /** @internal */
  initial: RDD<readonly [K, S]> | ReadonlyArray<readonly [K, S]> | undefined;
  /** @internal */
  partitions: number | undefined;

  private constructor(
    /** @internal */
    readonly mappingFunction: MappingFunction<K, V, S, M>,
  ) {}

  /** A spec with `mappingFunction(key, value, state)`. */
  static function<K, V, S, M>(mappingFunction: MappingFunction<K, V, S, M>): StateSpec<K, V, S, M> {
    check('StateSpec.function', 'mappingFunction', mappingFunction, MAPPING_FUNCTION);
    return new StateSpec(mappingFunction);
  }

  /** Keys with no data for longer than `seconds` get one last call with `state.isTimingOut()` true, then are removed. */
  timeout(seconds: number): this {
    this.timeoutMs = durationMs('StateSpec.timeout', 'seconds', seconds);
    return this;
  }

  /** The state to start from: an RDD or an array of `[key, state]` pairs. */
  initialState(rdd: RDD<readonly [K, S]> | ReadonlyArray<readonly [K, S]>): this {
    check('StateSpec.initialState', 'rdd', rdd, INITIAL_STATE);
    this.initial = rdd;
    return this;
  }

  /** Number of partitions of the state (default: the SparkContext's default parallelism). */
  numPartitions(n: number): this {
    this.partitions = check('StateSpec.numPartitions', 'numPartitions', n, positiveInteger);
    return this;
  }
}

/** The State handed to one call of the mapping function. */
export class KeyState<S> implements State<S> {
  private value: S | undefined;
  private present: boolean;
  private copied = false;
  /** @internal */
  updated = false;
  /** @internal */
  removed = false;

  constructor(
    stored: { value: S } | undefined,
    private readonly timingOut: boolean,
  ) {
    this.present = stored !== undefined;
    this.value = stored?.value;
  }

  exists(): boolean {
    return this.present;
  }

  get(): S {
    if (!this.present) throw new IllegalStateError('ERR_STATE_NOT_SET', 'State is not set: this key has no state yet; check state.exists() before state.get()');
    // The stored value is handed out as a copy, once per call: mutating it never changes an
    // earlier batch's stateSnapshots(); call state.update(value) to keep a change.
    if (!this.copied) {
      this.value = copyRecord(this.value);
      this.copied = true;
    }
    return this.value as S;
  }

  getOption(): S | undefined {
    return this.present ? this.get() : undefined;
  }

  update(newState: S): void {
    if (this.timingOut) throw new IllegalStateError('ERR_STATE_TIMING_OUT', 'Cannot update the state that is timing out: the key is being removed after its timeout');
    if (this.removed) throw new IllegalStateError('ERR_STATE_REMOVED', 'Cannot update the state after it has been removed in the same call');
    this.value = newState;
    this.copied = true;
    this.present = true;
    this.updated = true;
  }

  remove(): void {
    if (this.timingOut) throw new IllegalStateError('ERR_STATE_TIMING_OUT', 'Cannot remove the state that is timing out: it is removed after this call anyway');
    if (this.removed) throw new IllegalStateError('ERR_STATE_REMOVED', 'Cannot remove the state that has already been removed');
    this.present = false;
    this.value = undefined;
    this.removed = true;
    this.updated = false;
  }

  isTimingOut(): boolean {
    return this.timingOut;
  }

  /** @internal The value to store after the call. */
  current(): S {
    return this.value as S;
  }
}
