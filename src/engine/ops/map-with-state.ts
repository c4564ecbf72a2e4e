/**
 * `mapWithState(spec)`, as Spark has it for Scala and Java: for every record `[key, value]` of a
 * batch, `spec`'s function gets the key, the value and the key's `State`, and what it returns is
 * a record of the output stream (`undefined` returns are left out). `stateSnapshots()` is the
 * stream of all `[key, state]` pairs after each batch.
 *
 * With `timeout(seconds)`, a key that got no data for longer than the timeout gets one last
 * call, with `value` undefined and `state.isTimingOut()` true, and is then removed. Timeouts
 * are checked at every batch (Spark checks them only in checkpointing batches, so there they
 * can come later).
 */
import { CheckpointRegistry } from '../checkpoint/registry.js';
import { copyRecord } from '../copy.js';
import { DStream } from '../dstream.js';
import { CheckpointError, IllegalArgumentError, describeValue } from '../errors.js';
import { groupingKey } from '../keys.js';
import { RDD } from '../rdd.js';
import { KeyState, StateSpec } from './state-spec.js';
import { materialize, tableToRDD } from './materialize.js';

/** A key's stored state and the batch time it last got data. */
interface Entry<K, S> {
  key: K;
  value: S;
  updated: number;
}

/** The output of `mapWithState`: mapped records, plus `stateSnapshots()`. */
export type MapWithStateDStream<K, S, M> = DStream<M> & {
  /** A stream of every `[key, state]` pair after each batch. */
  stateSnapshots(): DStream<[K, S]>;
};

/** @internal */
export function mapWithStateStream<K, V, S, M>(parent: DStream<readonly [K, V]>, spec: StateSpec<K, V, S, M>): MapWithStateDStream<K, S, M> {
  if (!(spec instanceof StateSpec)) {
    throw new IllegalArgumentError(
      `mapWithState: "spec" must be a StateSpec, e.g. StateSpec.function((key, value, state) => ...); got ${describeValue(spec)}`,
    );
  }
  const ssc = parent.ssc;
  const sc = ssc.sparkContext;
  const fn = spec.mappingFunction;
  let state: Map<unknown, Entry<K, S>> | undefined;
  let snapshotTime: number | undefined;
  let snapshotRows: Array<[K, S]> = [];

  const initialState = (time: number): Map<unknown, Entry<K, S>> => {
    const table = new Map<unknown, Entry<K, S>>();
    const init = spec.initial;
    if (init === undefined) return table;
    const rows = init instanceof RDD ? materialize(init).flat() : init;
    for (const kv of rows) {
      if (!Array.isArray(kv) || kv.length !== 2) {
        throw new IllegalArgumentError(`StateSpec.initialState: expected [key, state] pairs; found ${describeValue(kv)}`, 'ERR_NOT_A_PAIR');
      }
      table.set(groupingKey(kv[0]), { key: kv[0] as K, value: copyRecord(kv[1]) as S, updated: time });
    }
    return table;
  };

  const registry = CheckpointRegistry.of(parent.ssc);
  const stream = new DStream<M>(ssc, {
    name: 'mapWithState',
    kind: 'transform',
    parents: [parent as DStream<unknown>],
    mustCheckpoint: true,
    compute: (time) => {
      registry.markAttempt(stream as DStream<unknown>, time);
      const table = (state ??= initialState(time));
      const out: M[] = [];
      const emit = (m: M): void => {
        if (m !== undefined) out.push(m);
      };
      const rdd = parent.getOrCompute(time);
      for (const part of rdd ? materialize(rdd) : []) {
        for (const kv of part) {
          const g = groupingKey(kv[0]);
          const entry = table.get(g);
          const st = new KeyState<S>(entry, false);
          emit(fn(kv[0], kv[1], st));
          if (st.removed) table.delete(g);
          else if (st.updated) table.set(g, { key: kv[0], value: st.current(), updated: time });
          // Data for a key with a timeout keeps it alive, updated or not (as Spark).
          else if (entry !== undefined && spec.timeoutMs !== undefined) entry.updated = time;
        }
      }
      if (spec.timeoutMs !== undefined) {
        const threshold = time - spec.timeoutMs;
        for (const [g, entry] of table) {
          if (entry.updated >= threshold) continue;
          emit(fn(entry.key, undefined, new KeyState<S>(entry, true)));
          table.delete(g);
        }
      }
      snapshotTime = time;
      snapshotRows = [...table.values()].map((e) => [e.key, e.value]);
      return sc.fromPartitions(out.length === 0 ? [] : [out], 'mapWithState');
    },
  });

  let snapshots: DStream<[K, S]> | undefined;
  const stateSnapshots = (): DStream<[K, S]> => {
    snapshots ??= new DStream<[K, S]>(ssc, {
      name: 'stateSnapshots',
      kind: 'transform',
      parents: [stream as DStream<unknown>],
      compute: (time) => {
        stream.getOrCompute(time);
        return snapshotTime === time ? tableToRDD(sc, snapshotRows, spec.partitions, 'stateSnapshots') : undefined;
      },
    });
    return snapshots;
  };

  registry.add({
    stream: stream as DStream<unknown>,
    computeEachBatch: (time) => void stream.getOrCompute(time),
    snapshot: () => (state === undefined ? null : [...state.values()].map((e) => [e.key, e.value, e.updated])),
    restore: (data, file) => {
      if (data === null) {
        state = undefined;
        return;
      }
      if (!Array.isArray(data) || !data.every((e) => Array.isArray(e) && e.length === 3 && typeof e[2] === 'number')) {
        throw new CheckpointError(`Checkpoint ${file}: the saved mapWithState state has an unexpected shape`, file);
      }
      state = new Map((data as Array<[K, S, number]>).map(([key, value, updated]) => [groupingKey(key), { key, value, updated }]));
    },
  });
  return Object.assign(stream, { stateSnapshots }) as MapWithStateDStream<K, S, M>;
}
