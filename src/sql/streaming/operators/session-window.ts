/**
 * Streaming aggregation by `session_window` (Spark's SessionWindowStateStoreRestore / Save
 * around MergingSessions): each key keeps its open sessions in state; a batch's rows become
 * sessions that merge with the key's stored ones wherever they overlap. Rows whose session
 * ends at or before the watermark are dropped (counted); sessions whose end the watermark
 * passes are evicted — and emitted then in append mode; complete mode emits every session.
 * Update mode is refused (Spark's rule).
 */
import type { PAggregate, PExternal, RPlan } from '../../analysis/resolved.js';
import { partitionOf } from '../../codegen/murmur3.js';
import { compileAggregate } from '../../exec/aggregate-exec.js';
import type { Executor } from '../../exec/executor.js';
import { mergeSessions, otherKeys } from '../../exec/session-aggregate.js';
import type { InternalRow } from '../../types/values.js';
import { StateStore } from '../state/state-store.js';
import { keyId } from './groups-with-state-batch.js';
import { type BatchInfo, OperatorMetrics, type StateOperatorProgress, type StateSchema, type StatefulOperator, schemaText, behindWatermark } from './operator.js';

/** The session grouping of an aggregation, if it has one. */
export function sessionWindowOf(p: PAggregate): number | undefined {
  return p.session;
}

/** A streaming session-window aggregation's state: each key's sessions (merged buffers). */
export class SessionWindowAggregate implements StatefulOperator {
  readonly operatorName = 'sessionWindowStateStoreSaveExec';
  private readonly store: StateStore<unknown[][]>;
  private readonly metrics = new OperatorMetrics();
  /** Whether the session's time column carries a watermark. */
  private readonly watermarked: boolean;

  constructor(
    readonly operatorId: number,
    readonly node: PAggregate,
    stateDir: string | undefined,
    private readonly partitions: number,
  ) {
    this.store = new StateStore(stateDir, partitions);
    const call = node.groupings[node.session!]!;
    const t = call.k === 'call' ? call.args[0] : undefined;
    this.watermarked = t?.k === 'ref' && t.attr.watermarkDelayMs !== undefined;
  }

  batchNode(inputs: readonly RPlan[], info: BatchInfo): PExternal {
    const node: PAggregate = { ...this.node, input: inputs[0]! };
    return {
      k: 'external',
      name: 'SessionWindowStateStoreSave',
      text: `SessionWindowStateStoreSave [${this.node.groupings.length} keys], opId = ${this.operatorId}, ver = ${info.batchId}, ${info.evictionWatermarkMs}`,
      children: [node.input],
      numPartitions: this.partitions,
      output: this.node.output,
      compute: (ex) => this.run(node, ex, info),
    };
  }

  private run(node: PAggregate, ex: Executor, info: BatchInfo): InternalRow[][] {
    const si = node.session!;
    const agg = compileAggregate(node, ex);
    const n = this.partitions;
    const types = node.groupings.filter((_g, i) => i !== si).map((e) => e.dataType);
    const t0 = performance.now();
    const byKey = new Map<string, { part: number; buffers: unknown[][] }>();
    for (const g of agg.run().groups) {
      const session = g[si] as [number, number] | null;
      if (session === null || session[0] === null) continue;
      if (this.watermarked && info.outputMode !== 'complete' && behindWatermark(session[1], info.lateWatermarkMs)) {
        this.metrics.droppedByWatermark++;
        continue;
      }
      const keys = otherKeys(g, node);
      const id = keyId(keys);
      let e = byKey.get(id);
      if (e === undefined) byKey.set(id, (e = { part: partitionOf(keys, types, n), buffers: [] }));
      e.buffers.push(g);
    }
    for (const [id, { part, buffers }] of byKey) {
      const stored = this.store.get(id) ?? [];
      this.store.put(id, mergeSessions(agg, [...stored.map((b) => b.slice()), ...buffers], si), part);
    }
    this.metrics.updatesMs += performance.now() - t0;
    const t1 = performance.now();
    const out: InternalRow[][] = Array.from({ length: n }, () => []);
    if (info.outputMode === 'complete') {
      for (const [, sessions, part] of this.store.entries()) for (const b of sessions) out[part]!.push(agg.finish(b));
    } else if (this.watermarked) {
      const changes: Array<[unknown, unknown[][], number]> = [];
      for (const [id, sessions, part] of this.store.entries()) {
        const keep = sessions.filter((b) => !behindWatermark((b[si] as number[])[1]!, info.evictionWatermarkMs));
        if (keep.length === sessions.length) continue;
        for (const b of sessions) if (!keep.includes(b)) out[part]!.push(agg.finish(b));
        changes.push([id, keep, part]);
      }
      for (const [id, keep, part] of changes) {
        if (keep.length === 0) this.store.remove(id);
        else this.store.put(id, keep, part);
      }
    }
    this.metrics.removalsMs += performance.now() - t1;
    return out;
  }

  shouldRunAnotherBatch(newWatermarkMs: number, last: BatchInfo): boolean {
    return this.watermarked && last.outputMode === 'append' && newWatermarkMs > last.evictionWatermarkMs;
  }

  load(version: number): void {
    this.store.load(version);
  }

  commit(version: number): void {
    this.store.commit(version);
  }

  stateSchema(): StateSchema {
    const keys = this.node.groupings.filter((_g, i) => i !== this.node.session).map((e) => ({ dataType: e.dataType }));
    return { operatorName: this.operatorName, keySchema: schemaText(keys), valueSchema: schemaText(this.node.output) };
  }

  progress(): StateOperatorProgress {
    return this.metrics.progress(this.operatorName, this.store as StateStore<unknown>, this.partitions);
  }
}
