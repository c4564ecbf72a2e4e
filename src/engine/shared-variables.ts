/**
 * pyspark's shared variables. In one process they are simple, but they keep pyspark's shape so
 * tutorial code runs as written.
 */
import { IllegalArgumentError, IllegalStateError } from './errors.js';

/** A read-only value shared with every task: `sc.broadcast(value)`, then `b.value`. */
export class Broadcast<T> {
  private destroyed = false;
  constructor(private readonly v: T) {}

  get value(): T {
    if (this.destroyed) throw new IllegalStateError('ERR_BROADCAST_DESTROYED', 'Attempted to use a broadcast variable after it was destroyed');
    return this.v;
  }

  /** Kept for pyspark compatibility; the value stays available. */
  unpersist(): void {}

  /** Makes the value unusable from now on. */
  destroy(): void {
    this.destroyed = true;
  }
}

/** How an accumulator adds values; the default adds numbers. */
export interface AccumulatorParam<T> {
  zero(initial: T): T;
  addInPlace(a: T, b: T): T;
}

const numberParam: AccumulatorParam<number> = { zero: () => 0, addInPlace: (a, b) => a + b };

/** A value tasks can only add to: `const acc = sc.accumulator(0)`, `acc.add(1)`, `acc.value`. */
export class Accumulator<T> {
  private v: T;
  constructor(
    initial: T,
    private readonly param: AccumulatorParam<T>,
  ) {
    this.v = initial;
  }

  get value(): T {
    return this.v;
  }

  set value(v: T) {
    this.v = v;
  }

  /** Adds `term` to the accumulated value. */
  add(term: T): void {
    this.v = this.param.addInPlace(this.v, term);
  }

  toString(): string {
    return String(this.v);
  }
}

/** @internal */
export function defaultAccumulatorParam<T>(initial: T): AccumulatorParam<T> {
  if (typeof initial === 'number') return numberParam as unknown as AccumulatorParam<T>;
  throw new IllegalArgumentError(
    'ERR_NO_ACCUMULATOR_PARAM',
    `accumulator: no default way to add values of type ${typeof initial}; pass an AccumulatorParam ({ zero, addInPlace })`,
  );
}
