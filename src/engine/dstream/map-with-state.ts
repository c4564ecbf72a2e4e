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
import { check, describeValue, rule } from '../checks.js';
import { copyRecord } from '../copy.js';
import { IllegalArgumentError } from '../errors.js';
import { groupingKey } from '../keys.js';
import { RDD } from '../rdd/rdd.js';
import { KeyState, StateSpec } from './state-spec.js';
import { materialize, tableToRDD } from './materialize.js';
import { statefulStream, unexpectedShape } from './stateful.js';
import { StreamNode } from './stream-node.js';

/** A key's stored state and the batch time it last got data. */
interface Entry<K, S> {
  key: K;
  value: S;
  updated: number;
}

/** The two streams of `mapWithState`: the mapped records, and (made on first call) every `[key, state]` after each batch. */
export interface MapWithStateStreams<K, S, M> {
  readonly mapped: StreamNode<M>;
  stateSnapshots(): StreamNode<[K, S]>;
}

const STATE_SPEC = rule('a StateSpec, e.g. StateSpec.function((key, value, state) => ...)', (v): v is StateSpec<unknown, unknown, unknown, unknown> => v instanceof StateSpec);

/** The `mapWithState` streams of `parent`. */
export function mapWithStateStream<K, V, S, M>(parent: StreamNode<readonly [K, V]>, spec: StateSpec<K, V, S, M>): MapWithStateStreams<K, S, M> {
  check('mapWithState', 'spec', spec, STATE_SPEC);
  const sc = parent.runtime.sc;
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
        throw new IllegalArgumentError('ERR_NOT_A_PAIR', `StateSpec.initialState: expected [key, state] pairs; found ${describeValue(kv)}`);
      }
      table.set(groupingKey(kv[0]), { key: kv[0] as K, value: copyRecord(kv[1]) as S, updated: time });
    }
    return table;
  };

  const stream = statefulStream<M>(parent.runtime, {
    name: 'mapWithState',
    parents: [parent],
    mustCheckpoint: true,
    compute: (time) => {
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
    snapshot: () => (state === undefined ? null : [...state.values()].map((e) => [e.key, e.value, e.updated])),
    restore: (data, file) => {
      if (data === null) {
        state = undefined;
        return;
      }
      if (!Array.isArray(data) || !data.every((e) => Array.isArray(e) && e.length === 3 && typeof e[2] === 'number')) {
        throw unexpectedShape(file, 'mapWithState state');
      }
      state = new Map((data as Array<[K, S, number]>).map(([key, value, updated]) => [groupingKey(key), { key, value, updated }]));
    },
  });

  let snapshots: StreamNode<[K, S]> | undefined;
  const stateSnapshots = (): StreamNode<[K, S]> => {
    snapshots ??= new StreamNode<[K, S]>(parent.runtime, {
      name: 'stateSnapshots',
      kind: 'transform',
      parents: [stream],
      compute: (time) => {
        stream.getOrCompute(time);
        return snapshotTime === time ? tableToRDD(sc, snapshotRows, spec.partitions, 'stateSnapshots') : undefined;
      },
    });
    return snapshots;
  };
  return { mapped: stream, stateSnapshots };
}
