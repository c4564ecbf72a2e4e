/**
 * RDD actions: the operations that compute an RDD and return plain values (`collect`, `count`,
 * `take`, `reduce` …), synchronously, as in pyspark. Numeric actions are in
 * numeric-actions.ts, per-key ones (`countByKey`, `lookup`) in pair-functions.ts.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { makeDirectory } from '../directories.js';
import { join } from 'node:path';
import { checkFunction } from '../checks.js';
import { copyRecord } from '../copy.js';
import { TsparkError } from '../errors.js';
import { recordToText } from '../format.js';
import { groupingKey } from '../keys.js';
import { compareNatural } from '../order.js';
import { RDDBase } from './rdd-base.js';
import { STOP, type Sink } from './sink.js';

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

  /** The `num` smallest elements in natural order (or by `key(x)`). */
  takeOrdered(num: number, key?: (x: T) => unknown): T[] {
    const k = key ?? ((x: T) => x);
    return this.collect()
      .map((x) => [k(x), x] as const)
      .sort((a, b) => compareNatural(a[0], b[0]))
      .slice(0, Math.max(0, num))
      .map((kv) => kv[1]);
  }

  /** The `num` largest elements, largest first (or by `key(x)`). */
  top(num: number, key?: (x: T) => unknown): T[] {
    const k = key ?? ((x: T) => x);
    return this.collect()
      .map((x) => [k(x), x] as const)
      .sort((a, b) => compareNatural(b[0], a[0]))
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

  /** The largest element in natural order (or by `key(x)`); throws on an empty RDD. */
  max(key?: (x: T) => unknown): T {
    const k = key ?? ((x: T) => x);
    return this.reduce((a, b) => (compareNatural(k(a), k(b)) >= 0 ? a : b));
  }

  /** The smallest element in natural order (or by `key(x)`); throws on an empty RDD. */
  min(key?: (x: T) => unknown): T {
    const k = key ?? ((x: T) => x);
    return this.reduce((a, b) => (compareNatural(k(a), k(b)) <= 0 ? a : b));
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

  /** Writes one `part-NNNNN` text file per partition into the directory `path`, which must not exist. */
  saveAsTextFile(path: string): void {
    if (existsSync(path)) {
      throw new TsparkError('ERR_FILE_EXISTS', `Output directory ${path} already exists; choose another path or delete it first`);
    }
    makeDirectory('saveAsTextFile', path, 'choose a path under a directory');
    for (let i = 0; i < this.getNumPartitions(); i++) {
      const file = join(path, `part-${String(i).padStart(5, '0')}`);
      writeFileSync(file, '');
      let buf = '';
      this.iterate(i, (x) => {
        buf += recordToText(x) + '\n';
        if (buf.length > 1 << 20) {
          appendFileSync(file, buf);
          buf = '';
        }
      });
      if (buf) appendFileSync(file, buf);
    }
    writeFileSync(join(path, '_SUCCESS'), '');
  }
}
