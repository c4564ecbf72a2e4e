/**
 * A streaming aggregation (Spark's StateStoreRestore + StateStoreSave around the merge
 * aggregate): each batch's rows are aggregated into partial buffers by key, as a batch query
 * would; each key's buffer is then merged into the state (late keys dropped first, except in
 * complete mode), and the output follows the mode: complete = every key, update = the keys
 * this batch changed, append = the keys the watermark evicts (emitted once, final). Update and
 * append evict keys whose event time (a window's end) is at or before the watermark.
 */
import type { PAggregate, PExternal, RPlan } from '../../analysis/resolved.js';
import { compileAggregate } from '../../exec/aggregate-exec.js';
import type { Executor } from '../../exec/executor.js';
import type { InternalRow } from '../../types/values.js';
import { StateStore } from '../state/state-store.js';
import { unsafeRowHash } from '../state/unsafe-row.js';
import type { DataType } from '../../types/data-types.js';
import { type BatchInfo, OperatorMetrics, type WindowTrace, WindowTracer, type StateOperatorProgress, type StateSchema, type StatefulOperator, schemaText, behindWatermark, watermarkKey } from './operator.js';

/** A streaming aggregation's state: one merged buffer per key. */
export class StatefulAggregate implements StatefulOperator {
  readonly operatorName = 'stateStoreSave';
  private readonly store: StateStore<unknown[]>;
  private readonly metrics = new OperatorMetrics();
  private readonly wm: ReturnType<typeof watermarkKey>;
  private readonly keyTypes: DataType[];
  private tracing = false;
  private trace: WindowTrace | undefined;

  constructor(
    readonly operatorId: number,
    readonly node: PAggregate,
    stateDir: string | undefined,
    private readonly partitions: number,
  ) {
    this.store = new StateStore(stateDir, partitions);
    this.wm = watermarkKey(node.groupings);
    this.keyTypes = node.groupings.map((e) => e.dataType);
  }

  batchNode(inputs: readonly RPlan[], info: BatchInfo): PExternal {
    const node: PAggregate = { ...this.node, input: inputs[0]! };
    return {
      k: 'external',
      name: 'StateStoreSave',
      text: `StateStoreSave [${this.node.groupings.length} keys], state info [ checkpoint = <state>, runId = <run>, opId = ${this.operatorId}, ver = ${info.batchId}, numPartitions = ${this.partitions}], ${modeName(info.outputMode)}, ${info.evictionWatermarkMs}`,
      children: [node.input],
      numPartitions: this.partitions,
      output: this.node.output,
      computesGivenChildren: true,
      compute: (ex, kids) => this.run({ ...node, input: kids[0] ?? node.input }, ex, info),
    };
  }

  private run(node: PAggregate, ex: Executor, info: BatchInfo): InternalRow[][] {
    const agg = compileAggregate(node, ex);
    const n = this.partitions;
    const out: InternalRow[][] = Array.from({ length: n }, () => []);
    const t0 = performance.now();
    const { groups, parts } = agg.run();
    // Spark's reducers meet the partial buffers partition by partition, map task by map task.
    const buckets = groups.map((g) => agg.bucket(g, n));
    const order = groups.map((_g, i) => i).sort((a, b) => buckets[a]! - buckets[b]! || (parts[a] ?? 0) - (parts[b] ?? 0) || a - b);
    const late = info.outputMode !== 'complete' && this.wm !== undefined ? this.wm : undefined;
    const wmIndex = this.wm?.index;
    const tracer = this.tracing && wmIndex !== undefined ? new WindowTracer(this.operatorId, info) : undefined;
    for (const i of order) {
      const buf = groups[i]!;
      if (late !== undefined && behindWatermark(late.eventTime(buf[late.index]), info.lateWatermarkMs)) {
        this.metrics.droppedByWatermark++;
        tracer?.add(buf[late.index], 'dropped');
        continue;
      }
      tracer?.add(buf[wmIndex!], 'updated');
      const key = agg.key(buf);
      const existing = this.store.get(key);
      let merged = buf;
      if (existing !== undefined) {
        agg.merge(existing, buf);
        merged = existing;
      }
      this.store.put(key, merged, buckets[i]!, existing === undefined ? unsafeRowHash(buf.slice(0, this.node.groupings.length), this.keyTypes) : undefined);
      if (info.outputMode === 'update') out[buckets[i]!]!.push(agg.finish(merged));
    }
    this.metrics.updatesMs += performance.now() - t0;
    const t1 = performance.now();
    if (info.outputMode === 'complete') {
      for (const [, buf, part] of this.store.entries()) out[part]!.push(agg.finish(buf));
    } else if (this.wm !== undefined) {
      const wm = this.wm;
      const evicted: Array<[unknown, unknown[], number]> = [];
      for (const e of this.store.entries()) if (behindWatermark(wm.eventTime(e[1][wm.index]), info.evictionWatermarkMs)) evicted.push(e);
      for (const [key, buf, part] of evicted) {
        this.store.remove(key);
        tracer?.add(buf[wm.index], 'evicted');
        if (info.outputMode === 'append') out[part]!.push(agg.finish(buf));
      }
    }
    this.metrics.removalsMs += performance.now() - t1;
    if (tracer !== undefined) {
      for (const [, buf] of this.store.entries()) tracer.add(buf[wmIndex!], 'open');
      this.trace = tracer.finish();
    }
    return out;
  }

  traceWindows(): boolean {
    // Only a window key draws as brackets on an event-time axis.
    this.tracing = this.wm !== undefined && this.keyTypes[this.wm.index]?.kind === 'struct';
    return this.tracing;
  }

  takeWindowTrace(): WindowTrace | undefined {
    const t = this.trace;
    this.trace = undefined;
    return t;
  }

  shouldRunAnotherBatch(newWatermarkMs: number, last: BatchInfo): boolean {
    return (last.outputMode === 'append' || last.outputMode === 'update') && newWatermarkMs > last.evictionWatermarkMs;
  }

  load(version: number): void {
    this.store.load(version);
  }

  commit(version: number): void {
    this.store.commit(version);
  }

  stateSchema(): StateSchema {
    const keys = this.node.groupings.map((e) => ({ dataType: e.dataType }));
    return { operatorName: this.operatorName, keySchema: schemaText(keys), valueSchema: schemaText(this.node.output) };
  }

  progress(): StateOperatorProgress {
    return this.metrics.progress(this.operatorName, this.store as StateStore<unknown>, this.partitions);
  }
}

/** Spark's output mode names in plans. */
export function modeName(mode: string): string {
  return mode === 'append' ? 'Append' : mode === 'complete' ? 'Complete' : 'Update';
}
