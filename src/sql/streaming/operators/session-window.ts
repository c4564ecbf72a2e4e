/**
 * Streaming aggregation by `session_window` (Spark's SessionWindowStateStoreRestore / Save
 * around MergingSessions): the state holds one entry per session, keyed by the other grouping
 * keys and the session's start (Spark's state key). A batch's rows become sessions that merge
 * with the key's stored sessions wherever they overlap; the key's sessions are then all put
 * back and the ones merged away removed, as Spark's state manager does. Rows whose session ends
 * at or before the watermark are dropped (counted); sessions whose end the watermark passes are
 * evicted — and emitted then in append mode; complete mode emits every session. Update mode is
 * refused (Spark's rule).
 */
import type { PAggregate, PExternal, RPlan } from '../../analysis/resolved.js';
import { partitionOf } from '../../codegen/murmur3.js';
import { compileAggregate } from '../../exec/aggregate-exec.js';
import type { Executor } from '../../exec/executor.js';
import { mergeSessions, otherKeys } from '../../exec/session-aggregate.js';
import { type DataType, TimestampType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import { StateStore } from '../state/state-store.js';
import { unsafeRowHash } from '../state/unsafe-row.js';
import { keyId } from './groups-with-state-batch.js';
import { type BatchInfo, OperatorMetrics, type StateOperatorProgress, type StateSchema, type StatefulOperator, behindWatermark, schemaText } from './operator.js';

/** The session grouping of an aggregation, if it has one. */
export function sessionWindowOf(p: PAggregate): number | undefined {
  return p.session;
}

/** A stored session: its key's id (the other grouping keys) and its merged buffer. */
interface Session {
  readonly keyId: string;
  readonly buffer: unknown[];
}

/** A streaming session-window aggregation's state: one entry per session. */
export class SessionWindowAggregate implements StatefulOperator {
  // Spark's SessionWindowStateStoreSaveExec does not name itself in progress.
  readonly operatorName = 'defaultName';
  private readonly store: StateStore<Session>;
  private readonly metrics = new OperatorMetrics();
  /** Whether the session's time column carries a watermark. */
  private readonly watermarked: boolean;
  private readonly keyTypes: DataType[];
  /** Each key's sessions' state keys (rebuilt from the store). */
  private byKey = new Map<string, Set<string>>();

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
    this.keyTypes = node.groupings.filter((_g, i) => i !== node.session).map((e) => e.dataType);
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

  private sessionsOf(id: string): Array<[string, Session]> {
    const out: Array<[string, Session]> = [];
    for (const sk of this.byKey.get(id) ?? []) {
      const s = this.store.get(sk);
      if (s !== undefined) out.push([sk, s]);
    }
    return out;
  }

  private run(node: PAggregate, ex: Executor, info: BatchInfo): InternalRow[][] {
    const si = node.session!;
    const agg = compileAggregate(node, ex);
    const n = this.partitions;
    const t0 = performance.now();
    const fresh = new Map<string, { keys: unknown[]; part: number; buffers: unknown[][] }>();
    for (const g of agg.run().groups) {
      const session = g[si] as [number, number] | null;
      if (session === null || session[0] === null) continue;
      if (this.watermarked && info.outputMode !== 'complete' && behindWatermark(session[1], info.lateWatermarkMs)) {
        this.metrics.droppedByWatermark++;
        continue;
      }
      const keys = otherKeys(g, node);
      const id = keyId(keys);
      let e = fresh.get(id);
      if (e === undefined) fresh.set(id, (e = { keys, part: partitionOf(keys, this.keyTypes, n), buffers: [] }));
      e.buffers.push(g);
    }
    for (const [id, { keys, part, buffers }] of fresh) {
      const old = this.sessionsOf(id);
      const merged = mergeSessions(agg, [...old.map(([, s]) => s.buffer.slice()), ...buffers], si);
      const keep = new Set<string>();
      for (const b of merged) {
        const start = (b[si] as number[])[0]!;
        const sk = keyId([...keys, start]);
        keep.add(sk);
        this.store.put(sk, { keyId: id, buffer: b }, part, unsafeRowHash([...keys, start], [...this.keyTypes, new TimestampType()]));
      }
      for (const [sk] of old) if (!keep.has(sk)) this.store.remove(sk);
      this.byKey.set(id, keep);
    }
    this.metrics.updatesMs += performance.now() - t0;
    const t1 = performance.now();
    const out: InternalRow[][] = Array.from({ length: n }, () => []);
    if (info.outputMode === 'complete') {
      for (const [, s, part] of this.store.entries()) out[part]!.push(agg.finish(s.buffer));
    } else if (this.watermarked) {
      const evicted: Array<[string, Session, number]> = [];
      for (const [sk, s, part] of this.store.entries()) {
        if (behindWatermark((s.buffer[si] as number[])[1]!, info.evictionWatermarkMs)) evicted.push([sk as string, s, part]);
      }
      for (const [sk, s, part] of evicted) {
        this.store.remove(sk);
        this.byKey.get(s.keyId)?.delete(sk);
        if (info.outputMode === 'append') out[part]!.push(agg.finish(s.buffer));
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
    this.byKey = new Map();
    for (const [sk, s] of this.store.entries()) {
      let set = this.byKey.get(s.keyId);
      if (set === undefined) this.byKey.set(s.keyId, (set = new Set()));
      set.add(sk as string);
    }
  }

  commit(version: number): void {
    this.store.commit(version);
  }

  stateSchema(): StateSchema {
    const keys = [...this.keyTypes.map((t) => ({ dataType: t })), { dataType: new TimestampType() }];
    return { operatorName: this.operatorName, keySchema: schemaText(keys), valueSchema: schemaText(this.node.output) };
  }

  progress(): StateOperatorProgress {
    return this.metrics.progress(this.operatorName, this.store as StateStore<unknown>, this.partitions);
  }
}
