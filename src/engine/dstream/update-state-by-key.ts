/**
 * `updateStateByKey(updateFunc, numPartitions, initialRDD)` with pyspark's meaning
 * (PythonStateDStream): for each batch with an RDD, `updateFunc(newValues, previousState)`
 * gives the new state of a key, and returning `undefined` or `null` removes the key.
 *
 * - Before any state exists (and without `initialRDD`), only the keys of the batch are
 *   updated, with `previousState` undefined.
 * - Once a state exists (even an empty one), every key in state or batch is updated, with `[]`
 *   for a key that got no new values.
 * - A batch with no RDD carries the previous state over without calling `updateFunc`.
 *
 * The state is kept as a table of computed values, not as a chain of RDDs, and the function
 * gets copies of the stored states, so mutating one never changes an earlier batch's output.
 */
import { check, describeValue, rule } from '../checks.js';
import { copyRecord } from '../copy.js';
import { IllegalArgumentError } from '../errors.js';
import { groupingKey } from '../keys.js';
import { RDD } from '../rdd/rdd.js';
import { type PairTable, materialize, tableToRDD } from './materialize.js';
import { statefulStream, unexpectedShape } from './stateful.js';
import type { StreamNode } from './stream-node.js';

/** The update function: new values of the batch and the previous state → the new state (or undefined/null to remove the key). */
export type UpdateFunc<V, S> = (newValues: V[], previousState: S | undefined) => S | null | undefined;

/** `initialRDD`: an RDD or an array of pairs. */
const INITIAL = rule('an RDD or an array of [key, state] pairs', (v): v is RDD<unknown> | readonly unknown[] => v instanceof RDD || Array.isArray(v));

/** The `updateStateByKey` stream of `parent` (`numPartitions` already checked). */
export function updateStateByKeyStream<K, V, S>(
  parent: StreamNode<readonly [K, V]>,
  updateFunc: UpdateFunc<V, S>,
  numPartitions: number | undefined,
  initialState: RDD<readonly [K, S]> | ReadonlyArray<readonly [K, S]> | null | undefined,
): StreamNode<[K, S]> {
  const initialRDD = initialState ?? undefined;
  const sc = parent.runtime.sc;
  if (initialRDD !== undefined) check('updateStateByKey', 'initialRDD', initialRDD, INITIAL);
  check('updateStateByKey', 'updateFunc', updateFunc, UPDATE_FUNC);
  let state: PairTable<K, S> | undefined;

  const initialTable = (): PairTable<K, S> | undefined => {
    if (initialRDD === undefined) return undefined;
    const rows = initialRDD instanceof RDD ? materialize(initialRDD).flat() : initialRDD;
    const table: PairTable<K, S> = new Map();
    for (const kv of rows) {
      if (!Array.isArray(kv) || kv.length !== 2) {
        throw new IllegalArgumentError('ERR_NOT_A_PAIR', `updateStateByKey: "initialRDD" must hold [key, state] pairs; found ${describeValue(kv)}`);
      }
      table.set(groupingKey(kv[0]), [kv[0], copyRecord(kv[1])]);
    }
    return table;
  };

  const update = (values: V[], previous: S | undefined): S | undefined => {
    const s = updateFunc(values, previous === undefined ? undefined : copyRecord(previous));
    return s === null ? undefined : s;
  };

  return statefulStream<[K, S]>(parent.runtime, {
    name: 'updateStateByKey',
    parents: [parent],
    mustCheckpoint: true,
    compute: (time) => {
      const rdd = parent.getOrCompute(time);
      if (rdd === undefined) return state === undefined ? undefined : tableToRDD(sc, state.values(), numPartitions, 'updateStateByKey');
      // The batch grouped by key, values in arrival order.
      const batch = new Map<unknown, [K, V[]]>();
      for (const part of materialize(rdd)) {
        for (const kv of part) {
          const g = groupingKey(kv[0]);
          const entry = batch.get(g);
          if (entry === undefined) batch.set(g, [kv[0], [kv[1]]]);
          else entry[1].push(kv[1]);
        }
      }
      const last = state ?? initialTable();
      const next: PairTable<K, S> = new Map();
      if (last === undefined) {
        for (const [g, [k, vs]] of batch) {
          const s = update(vs, undefined);
          if (s !== undefined) next.set(g, [k, s]);
        }
      } else {
        for (const [g, [k, prev]] of last) {
          const s = update(batch.get(g)?.[1] ?? [], prev);
          if (s !== undefined) next.set(g, [k, s]);
        }
        for (const [g, [k, vs]] of batch) {
          if (last.has(g)) continue;
          const s = update(vs, undefined);
          if (s !== undefined) next.set(g, [k, s]);
        }
      }
      state = next;
      return tableToRDD(sc, next.values(), numPartitions, 'updateStateByKey');
    },
    snapshot: () => (state === undefined ? null : [...state.values()]),
    restore: (data, file) => {
      if (data === null) {
        state = undefined;
        return;
      }
      if (!Array.isArray(data) || !data.every((kv) => Array.isArray(kv) && kv.length === 2)) throw unexpectedShape(file, 'updateStateByKey state');
      state = new Map((data as Array<[K, S]>).map((kv) => [groupingKey(kv[0]), kv]));
    },
  });
}

const UPDATE_FUNC = rule('a function (newValues, previousState) => newState', (v): v is UpdateFunc<unknown, unknown> => typeof v === 'function');
