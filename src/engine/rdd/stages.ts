/**
 * Narrow steps as sink transformers: `stage(sink)` returns the sink the previous step pushes
 * into. RDDs chain them into one pass per partition; streams also run them as records arrive
 * (eager-combine.ts), so both paths share exactly this code.
 */
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

export function mapValuesStage<K, V, U>(f: (v: V) => U): Stage<readonly [K, V], [K, U]> {
  return (sink) => (kv) => sink([kv[0], f(kv[1])]);
}

export function flatMapValuesStage<K, V, U>(f: (v: V) => Iterable<U>): Stage<readonly [K, V], [K, U]> {
  return (sink) => (kv) => {
    for (const u of f(kv[1])) sink([kv[0], u]);
  };
}
