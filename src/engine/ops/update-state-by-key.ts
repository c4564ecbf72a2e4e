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
import { CheckpointRegistry } from '../checkpoint/registry.js';
import { copyRecord } from '../copy.js';
import { DStream } from '../dstream.js';
import { CheckpointError, IllegalArgumentError, describeValue } from '../errors.js';
import { groupingKey } from '../keys.js';
import { RDD } from '../rdd.js';
import { type PairTable, materialize, tableToRDD } from './materialize.js';

/** The update function: new values of the batch and the previous state → the new state (or undefined/null to remove the key). */
export type UpdateFunc<V, S> = (newValues: V[], previousState: S | undefined) => S | null | undefined;

/** @internal */
export function updateStateByKeyStream<K, V, S>(
  parent: DStream<readonly [K, V]>,
  updateFunc: UpdateFunc<V, S>,
  numPartitions: number | undefined,
  initialState: RDD<readonly [K, S]> | ReadonlyArray<readonly [K, S]> | null | undefined,
): DStream<[K, S]> {
  const initialRDD = initialState ?? undefined;
  const ssc = parent.ssc;
  const sc = ssc.sparkContext;
  checkInitial(initialRDD);
  if (typeof updateFunc !== 'function') {
    throw new IllegalArgumentError(`updateStateByKey: "updateFunc" must be a function (newValues, previousState) => newState; got ${describeValue(updateFunc)}`);
  }
  let state: PairTable<K, S> | undefined;

  const initialTable = (): PairTable<K, S> | undefined => {
    if (initialRDD === undefined) return undefined;
    const rows = initialRDD instanceof RDD ? materialize(initialRDD).flat() : initialRDD;
    const table: PairTable<K, S> = new Map();
    for (const kv of rows) {
      if (!Array.isArray(kv) || kv.length !== 2) {
        throw new IllegalArgumentError(`updateStateByKey: "initialRDD" must hold [key, state] pairs; found ${describeValue(kv)}`, 'ERR_NOT_A_PAIR');
      }
      table.set(groupingKey(kv[0]), [kv[0], copyRecord(kv[1])]);
    }
    return table;
  };

  const update = (values: V[], previous: S | undefined): S | undefined => {
    const s = updateFunc(values, previous === undefined ? undefined : copyRecord(previous));
    return s === null ? undefined : s;
  };

  const registry = CheckpointRegistry.of(parent.ssc);
  const stream = new DStream<[K, S]>(ssc, {
    name: 'updateStateByKey',
    kind: 'transform',
    parents: [parent as DStream<unknown>],
    mustCheckpoint: true,
    compute: (time) => {
      registry.markAttempt(stream as DStream<unknown>, time);
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
  });
  registry.add({
    stream: stream as DStream<unknown>,
    computeEachBatch: (time) => void stream.getOrCompute(time),
    snapshot: () => (state === undefined ? null : [...state.values()]),
    restore: (data, file) => {
      if (data === null) {
        state = undefined;
        return;
      }
      if (!Array.isArray(data) || !data.every((kv) => Array.isArray(kv) && kv.length === 2)) {
        throw new CheckpointError(`Checkpoint ${file}: the saved updateStateByKey state has an unexpected shape`, file);
      }
      state = new Map((data as Array<[K, S]>).map((kv) => [groupingKey(kv[0]), kv]));
    },
  });
  return stream;
}

function checkInitial(initialRDD: unknown): void {
  if (initialRDD === undefined || initialRDD === null || initialRDD instanceof RDD || Array.isArray(initialRDD)) return;
  throw new IllegalArgumentError(
    `updateStateByKey: "initialRDD" must be an RDD or an array of [key, state] pairs; got ${describeValue(initialRDD)}`,
  );
}
