/**
 * RDD actions: the operations that compute an RDD and return plain values (`collect`, `count`,
 * `take`, `reduce` …), synchronously, as in pyspark. Numeric actions are in
 * numeric-actions.ts, per-key ones (`countByKey`, `lookup`) in pair-functions.ts.
 */
import { check, checkFunction, nonEmptyString, optional, wholeNumber } from '../checks.js';
import { copyRecord } from '../copy.js';
import { TsparkError } from '../errors.js';
import { groupingKey } from '../keys.js';
import { orderFor } from '../order.js';
import { HyperLogLog, precisionFor } from './approx-distinct.js';
import { beyondSafeIntegers } from './big-numbers.js';
import { RDDBase } from './rdd-base.js';
import { saveAsTextFile } from './save-text.js';
import { SEED, SYS_MAXSIZE, fractionForSampleSize, sampleStage, seedOf, takeSampleRandom } from './sampling.js';
import { STOP, type Sink } from './sink.js';

const NUM = { ...wholeNumber, mustBe: 'a whole number >= 0 (Sample size cannot be negative.)' };

/** The actions every RDD has. Not used on its own: see `RDD`. */
export abstract class RDDActions<T> extends RDDBase<T> {
  /** All elements, in partition order. */
  collect(): T[] {
    const out: T[] = [];
    const push: Sink<T> = (x) => {
      out.push(x);
    };
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, push);
    return out;
  }

  /** Number of elements. */
  count(): number {
    // Stored data (parallelized, a window's snapshot) knows its size: no pass, no copies.
    const size = this.spec.size;
    if (size !== undefined && !this.is_cached) {
      this.meter?.setExact(size);
      return size;
    }
    let n = 0;
    const inc: Sink<T> = () => {
      n++;
    };
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, inc);
    return n;
  }

  /** The first `num` elements, computing partitions one by one and stopping early. */
  take(num: number): T[] {
    const out: T[] = [];
    if (num <= 0) return out;
    const push: Sink<T> = (x) => {
      out.push(x);
      if (out.length >= num) throw STOP;
    };
    for (let i = 0; i < this.getNumPartitions() && out.length < num; i++) {
      try {
        this.iterate(i, push);
      } catch (e) {
        if (e !== STOP) throw e;
      }
    }
    return out;
  }

  /** The first element; throws on an empty RDD. */
  first(): T {
    const r = this.take(1);
    if (r.length === 0) throw new TsparkError('ERR_EMPTY_RDD', 'RDD is empty');
    return r[0] as T;
  }

  /** True when the RDD has no element. */
  isEmpty(): boolean {
    return this.getNumPartitions() === 0 || this.take(1).length === 0;
  }

  /** The `num` smallest elements in pyspark's order (or by `key(x)`); values Python cannot compare fail. */
  takeOrdered(num: number, key?: (x: T) => unknown): T[] {
    return this.ordered('takeOrdered', num, key, false);
  }

  /** The `num` largest elements, largest first (or by `key(x)`); values Python cannot compare fail. */
  top(num: number, key?: (x: T) => unknown): T[] {
    return this.ordered('top', num, key, true);
  }

  private ordered(operator: string, num: number, key: ((x: T) => unknown) | undefined, descending: boolean): T[] {
    const k = key ?? ((x: T) => x);
    const order = orderFor(operator, descending);
    return this.collect()
      .map((x) => [k(x), x] as const)
      .sort((a, b) => order(a[0], b[0]))
      .slice(0, Math.max(0, num))
      .map((kv) => kv[1]);
  }

  /** Reduces the elements with an associative, commutative `f`; throws on an empty RDD. */
  reduce(f: (a: T, b: T) => T): T {
    checkFunction('reduce', 'f', f);
    const partials: T[] = [];
    for (let i = 0; i < this.getNumPartitions(); i++) {
      let has = false;
      let acc: T | undefined;
      this.iterate(i, (x) => {
        acc = has ? f(acc as T, x) : x;
        has = true;
      });
      if (has) partials.push(acc as T);
    }
    if (partials.length === 0) throw new TsparkError('ERR_EMPTY_RDD', 'Can not reduce() empty RDD');
    return partials.reduce((a, b) => f(a, b));
  }

  /** Folds each partition from a copy of `zeroValue`, then folds the results. */
  fold(zeroValue: T, op: (a: T, b: T) => T): T {
    return this.aggregate(zeroValue, op, op);
  }

  /** Aggregates each partition with `seqOp` from a copy of `zeroValue`, then merges with `combOp`. */
  aggregate<U>(zeroValue: U, seqOp: (acc: U, x: T) => U, combOp: (a: U, b: U) => U): U {
    checkFunction('aggregate', 'seqOp', seqOp);
    checkFunction('aggregate', 'combOp', combOp);
    const zero = copyRecord(zeroValue);
    let result = copyRecord(zero);
    for (let i = 0; i < this.getNumPartitions(); i++) {
      let acc = copyRecord(zero);
      this.iterate(i, (x) => {
        acc = seqOp(acc, x);
      });
      result = combOp(result, acc);
    }
    return result;
  }

  /** The largest element in pyspark's order (or by `key(x)`); throws on an empty RDD and for values Python cannot compare. */
  max(key?: (x: T) => unknown): T {
    const k = key ?? ((x: T) => x);
    const order = orderFor('max');
    const r = this.reduce((a, b) => (order(k(a), k(b)) >= 0 ? a : b));
    if (typeof r === 'number' && Number.isInteger(r) && !Number.isSafeInteger(r)) this.context.warn(beyondSafeIntegers('max', r));
    return r;
  }

  /** The smallest element in pyspark's order (or by `key(x)`); throws on an empty RDD and for values Python cannot compare. */
  min(key?: (x: T) => unknown): T {
    const k = key ?? ((x: T) => x);
    const order = orderFor('min');
    return this.reduce((a, b) => (order(k(a), k(b)) <= 0 ? a : b));
  }

  /** How many times each distinct element occurs, as a Map. */
  countByValue(): Map<T, number> {
    const counts = new Map<unknown, [T, number]>();
    for (let i = 0; i < this.getNumPartitions(); i++) {
      this.iterate(i, (x) => {
        const g = groupingKey(x);
        const e = counts.get(g);
        if (e) e[1]++;
        else counts.set(g, [x, 1]);
      });
    }
    return new Map([...counts.values()]);
  }

  /** The elements, one partition computed at a time (pyspark's `toLocalIterator`). */
  toLocalIterator(): IterableIterator<T> {
    const partitions = this.getNumPartitions();
    const part = (i: number): T[] => this.partitionArray(i);
    return (function* () {
      for (let i = 0; i < partitions; i++) yield* part(i);
    })();
  }

  /**
   * `num` random elements (all of them, shuffled, when `num` is at least the count and without
   * replacement). With a `seed`, the same elements as pyspark's `takeSample` on the same partitions.
   */
  takeSample(withReplacement: boolean, num: number, seed?: number | bigint): T[] {
    check('takeSample', 'num', num, NUM);
    const s = optional('takeSample', 'seed', seed, SEED);
    if (num === 0 || this.getNumPartitions() === 0) return [];
    const total = this.count();
    if (total === 0) return [];
    const rand = takeSampleRandom(s === undefined ? undefined : BigInt(s));
    if (!withReplacement && num >= total) {
      const all = this.collect();
      rand.shuffle(all);
      return all;
    }
    const fraction = fractionForSampleSize(num, total, withReplacement);
    const draw = (seedNow: bigint | undefined): T[] =>
      this.pipe<T>('sample', sampleStage<T>(withReplacement, fraction, seedNow ?? seedOf('takeSample', undefined)), true).collect();
    let samples = draw(s === undefined ? undefined : BigInt(s));
    // Rarely too few: draw again with a new seed, as pyspark does.
    while (samples.length < num) samples = draw(rand.randint(0n, SYS_MAXSIZE));
    rand.shuffle(samples);
    return samples.slice(0, num);
  }

  /** The approximate number of distinct elements (HyperLogLog; `relativeSD` is the target relative error). */
  countApproxDistinct(relativeSD = 0.05): number {
    const p = precisionFor(relativeSD);
    const total = new HyperLogLog(p);
    for (let i = 0; i < this.getNumPartitions(); i++) {
      const sketch = new HyperLogLog(p);
      this.iterate(i, (x) => sketch.offer(x));
      total.merge(sketch);
    }
    return total.estimate();
  }

  /** Runs `f` on every element (for its side effects). */
  foreach(f: (x: T) => void): void {
    checkFunction('foreach', 'f', f);
    for (let i = 0; i < this.getNumPartitions(); i++) this.iterate(i, (x) => void f(x));
  }

  /** Runs `f` on the iterator of each partition. */
  foreachPartition(f: (it: IterableIterator<T>) => void): void {
    checkFunction('foreachPartition', 'f', f);
    for (let i = 0; i < this.getNumPartitions(); i++) f(this.partitionArray(i)[Symbol.iterator]());
  }

  /** Writes one `part-NNNNN` text file per partition into the new directory `path`: strings as they are, other records as JSON lines. */
  saveAsTextFile(path: string): void {
    check('saveAsTextFile', 'path', path, nonEmptyString('a directory path'));
    saveAsTextFile(this, path);
  }
}
