/**
 * `flatMapGroupsWithState` on a stream (Spark's FlatMapGroupsWithStateExec): each batch calls
 * the user's function once per key with new rows (keys ascending within each shuffle
 * partition), then once per key whose timeout has passed (processing time: the batch's
 * timestamp; event time: the watermark) with no rows and `hasTimedOut` true. The function's
 * `update`/`remove`/timeouts are kept in the state store between batches.
 */
import type { PExternal, PGroupsWithState, RPlan } from '../../analysis/resolved.js';
import type { Executor } from '../../exec/executor.js';
import type { InternalRow } from '../../types/values.js';
import { GroupState, NO_TIMESTAMP } from '../group-state.js';
import { StateStore } from '../state/state-store.js';
import { GroupsCaller, groupRows } from './groups-with-state-batch.js';
import { type BatchInfo, OperatorMetrics, type StateOperatorProgress, type StateSchema, type StatefulOperator, schemaText, behindWatermark } from './operator.js';

interface KeyState {
  readonly key: unknown[];
  readonly exists: boolean;
  readonly value: unknown;
  readonly timeoutTimestamp: number;
}

/** The state of a streaming flatMapGroupsWithState. */
export class GroupsWithStateOperator implements StatefulOperator {
  readonly operatorName = 'flatMapGroupsWithState';
  private readonly store: StateStore<KeyState>;
  private readonly metrics = new OperatorMetrics();

  constructor(
    readonly operatorId: number,
    readonly node: PGroupsWithState,
    stateDir: string | undefined,
    private readonly partitions: number,
    /** Whether the query has a watermark (GroupState.getCurrentWatermarkMs needs one). */
    private readonly hasWatermark: boolean,
  ) {
    this.store = new StateStore(stateDir, partitions);
  }

  batchNode(inputs: readonly RPlan[], info: BatchInfo): PExternal {
    const input = inputs[0]!;
    const spec = this.node.spec;
    return {
      k: 'external',
      name: 'FlatMapGroupsWithState',
      text: `FlatMapGroupsWithState ${spec.isMap ? 'mapGroupsWithState' : 'flatMapGroupsWithState'}, ${spec.outputMode === 'append' ? 'Append' : 'Update'}, ${spec.timeout}, ${info.batchTimestampMs}, ${info.evictionWatermarkMs}`,
      children: [input],
      numPartitions: 1,
      output: this.node.output,
      compute: (ex) => [this.run(input, ex, info)],
    };
  }

  private run(input: RPlan, ex: Executor, info: BatchInfo): InternalRow[] {
    const spec = this.node.spec;
    const plan: PGroupsWithState = { ...this.node, input };
    const caller = new GroupsCaller(plan, input);
    const api = spec.isMap ? 'mapGroupsWithState' : 'flatMapGroupsWithState';
    // Late rows are dropped only with event-time timeouts, by the watermarked column of the input.
    const wmIndex = spec.timeout === 'EventTimeTimeout' ? input.output.findIndex((a) => a.watermarkDelayMs !== undefined) : -1;
    const keep =
      wmIndex < 0
        ? undefined
        : (row: InternalRow): boolean => {
            if (behindWatermark(row[wmIndex] as number | null, info.lateWatermarkMs)) {
              this.metrics.droppedByWatermark++;
              return false;
            }
            return true;
          };
    const out: InternalRow[] = [];
    const watermarkMs = this.hasWatermark ? info.evictionWatermarkMs : undefined;
    const callWith = (id: string, key: unknown[], part: number, rows: InternalRow[], prev: KeyState | undefined, timedOut: boolean): void => {
      // Every call starts without a timeout: the function sets it again or it is cleared (Spark's rule).
      const state = new GroupState({
        value: prev?.value,
        exists: prev?.exists ?? false,
        timeoutTimestamp: NO_TIMESTAMP,
        hasTimedOut: timedOut,
        timeout: spec.timeout,
        batchTimestampMs: info.batchTimestampMs,
        watermarkMs,
        api,
      });
      out.push(...caller.call(key, rows, state));
      const o = state.outcome();
      const timeoutChanged = o.timeoutTimestamp !== (prev?.timeoutTimestamp ?? NO_TIMESTAMP);
      if (o.removed && o.timeoutTimestamp === NO_TIMESTAMP) {
        if (prev !== undefined) this.store.remove(id);
      } else if (o.updated || o.removed || timeoutChanged) {
        this.store.put(id, { key, exists: o.exists, value: o.exists ? o.value : undefined, timeoutTimestamp: o.timeoutTimestamp }, part);
      }
    };
    const t0 = performance.now();
    const seen = new Set<string>();
    for (const grp of groupRows(plan, input, ex, this.partitions, keep)) {
      seen.add(grp.id);
      callWith(grp.id, grp.key, grp.part, grp.rows, this.store.get(grp.id), false);
    }
    this.metrics.updatesMs += performance.now() - t0;
    const t1 = performance.now();
    if (spec.timeout !== 'NoTimeout') {
      const threshold = spec.timeout === 'ProcessingTimeTimeout' ? info.batchTimestampMs : info.evictionWatermarkMs;
      const due: Array<[string, KeyState, number]> = [];
      for (const [id, st, part] of this.store.entries()) {
        if (!seen.has(id as string) && st.timeoutTimestamp !== NO_TIMESTAMP && st.timeoutTimestamp < threshold) due.push([id as string, st, part]);
      }
      for (const [id, st, part] of due) callWith(id, st.key, part, [], st, true);
    }
    this.metrics.removalsMs += performance.now() - t1;
    return out;
  }

  shouldRunAnotherBatch(newWatermarkMs: number, last: BatchInfo): boolean {
    const t = this.node.spec.timeout;
    if (t === 'ProcessingTimeTimeout') return true;
    if (t === 'EventTimeTimeout') return newWatermarkMs > last.evictionWatermarkMs;
    return false;
  }

  load(version: number): void {
    this.store.load(version);
  }

  commit(version: number): void {
    this.store.commit(version);
  }

  stateSchema(): StateSchema {
    const spec = this.node.spec;
    return { operatorName: this.operatorName, keySchema: schemaText(this.node.groupings.map((e) => ({ dataType: e.dataType }))), valueSchema: `state (a TypeScript value), timeout ${spec.timeout}` };
  }

  progress(): StateOperatorProgress {
    return this.metrics.progress(this.operatorName, this.store as StateStore<unknown>, this.partitions);
  }
}
