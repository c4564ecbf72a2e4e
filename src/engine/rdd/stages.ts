/**
 * Narrow steps as sink transformers: `stage(sink)` returns the sink the previous step pushes
 * into. RDDs chain them into one pass per partition; streams also run them as records arrive
 * (eager-combine.ts), so both paths share exactly this code.
 */
import { notAPair } from './pairs.js';
import type { Sink } from './sink.js';

/** A narrow step: wraps the downstream sink. `partition` is the index of the partition being computed. */
export type Stage<T, U> = (sink: Sink<U>, partition: number) => Sink<T>;

export function mapStage<T, U>(f: (x: T) => U): Stage<T, U> {
  return (sink) => (x) => sink(f(x));
}

export function flatMapStage<T, U>(f: (x: T) => Iterable<U>): Stage<T, U> {
  return (sink) => (x) => {
    const ys = f(x);
    if (Array.isArray(ys)) {
      for (let i = 0; i < ys.length; i++) sink(ys[i] as U);
    } else {
      for (const y of ys) sink(y);
    }
  };
}

export function filterStage<T>(f: (x: T) => unknown): Stage<T, T> {
  return (sink) => (x) => {
    if (f(x)) sink(x);
  };
}

/** `[k, v]` → `[k, f(v)]`; a record that is not a pair fails `operator`. */
export function mapValuesStage<K, V, U>(f: (v: V) => U, operator = 'mapValues'): Stage<readonly [K, V], [K, U]> {
  return (sink) => (kv) => {
    if (!Array.isArray(kv) || kv.length !== 2) throw notAPair(operator, kv);
    sink([kv[0], f(kv[1])]);
  };
}

/** `[k, v]` → `[k, u]` for each `u` of `f(v)`; a record that is not a pair fails `operator`. */
export function flatMapValuesStage<K, V, U>(f: (v: V) => Iterable<U>, operator = 'flatMapValues'): Stage<readonly [K, V], [K, U]> {
  return (sink) => (kv) => {
    if (!Array.isArray(kv) || kv.length !== 2) throw notAPair(operator, kv);
    for (const u of f(kv[1])) sink([kv[0], u]);
  };
}

/** `[k, v]` → `pick([k, v])` (keys, values); a record that is not a pair fails `operator`. */
export function pairStage<K, V, U>(operator: string, pick: (kv: readonly [K, V]) => U): Stage<readonly [K, V], U> {
  return (sink) => (kv) => {
    if (!Array.isArray(kv) || kv.length !== 2) throw notAPair(operator, kv);
    sink(pick(kv));
  };
}
