/**
 * Streaming deduplication (Spark's StreamingDeduplicateExec and, for
 * `dropDuplicatesWithinWatermark`, StreamingDeduplicateWithinWatermarkExec): a row passes when
 * its key has not been seen; keys are kept in the state store. Rows at or behind the watermark
 * are dropped (counted) when the input has a watermarked column; kept keys are evicted when a
 * key column carries the watermark, or — within the watermark — once the row's event time plus
 * the delay is at or behind it.
 */
import type { PAggregate, PExternal, RPlan } from '../../analysis/resolved.js';
import { partitionOf } from '../../codegen/murmur3.js';
import { Gen } from '../../codegen/gen.js';
import type { Executor } from '../../exec/executor.js';
import type { InternalRow } from '../../types/values.js';
import { StateStore } from '../state/state-store.js';
import { unsafeRowHash } from '../state/unsafe-row.js';
import { keyId } from './groups-with-state-batch.js';
import { type BatchInfo, OperatorMetrics, type StateOperatorProgress, type StateSchema, type StatefulOperator, schemaText, behindWatermark, watermarkKey } from './operator.js';

/** The rows of `plan` partition by partition (the map tasks of a shuffle). */
export function rowsByPartition(plan: RPlan, ex: Executor): InternalRow[][] {
  const rdd = ex.rdd(plan);
  const out: InternalRow[][] = [];
  for (let i = 0; i < rdd.getNumPartitions(); i++) out.push(rdd.partitionArray(i));
  return out;
}

/** Places rows in shuffle partitions: by `bucket`, map task by map task, keeping each task's row order. */
export function shuffle<T>(parts: readonly (readonly T[])[], bucket: (row: T) => number, n: number): T[][] {
  const out: T[][] = Array.from({ length: n }, () => []);
  for (const p of parts) for (const r of p) out[bucket(r)]!.push(r);
  return out;
}

/** A streaming dropDuplicates / dropDuplicatesWithinWatermark. */
export class StreamingDeduplicate implements StatefulOperator {
  readonly operatorName: string;
  private readonly store: StateStore<number | null>;
  private readonly metrics = new OperatorMetrics();
  private readonly keyWm: ReturnType<typeof watermarkKey>;
  /** Index of the input's watermarked column (late rows), or -1. */
  private readonly dataWm: number;
  private readonly delayMs: number;

  constructor(
    readonly operatorId: number,
    readonly node: PAggregate,
    stateDir: string | undefined,
    private readonly partitions: number,
  ) {
    this.operatorName = node.withinWatermark === true ? 'dedupeWithinWatermark' : 'dedupe';
    this.store = new StateStore(stateDir, partitions);
    this.keyWm = watermarkKey(node.groupings);
    this.dataWm = node.input.output.findIndex((a) => a.watermarkDelayMs !== undefined);
    this.delayMs = this.dataWm < 0 ? 0 : node.input.output[this.dataWm]!.watermarkDelayMs!;
  }

  batchNode(inputs: readonly RPlan[], info: BatchInfo): PExternal {
    const input = inputs[0]!;
    const name = this.node.withinWatermark === true ? 'StreamingDeduplicateWithinWatermark' : 'StreamingDeduplicate';
    return {
      k: 'external',
      name,
      text: `${name} [${this.node.groupings.length} keys], opId = ${this.operatorId}, ver = ${info.batchId}, ${info.evictionWatermarkMs}`,
      children: [input],
      numPartitions: this.partitions,
      output: this.node.output,
      computesGivenChildren: true,
      compute: (ex, kids) => this.run(kids[0] ?? input, ex, info),
    };
  }

  private run(input: RPlan, ex: Executor, info: BatchInfo): InternalRow[][] {
    const g = Gen.forRow(input.output, ex.options);
    const keyOf = g.compile<(r: InternalRow) => unknown[]>(['r'], `return [${this.node.groupings.map((e) => g.expr(e)).join(', ')}];`);
    const types = this.node.groupings.map((e) => e.dataType);
    const n = this.partitions;
    const t0 = performance.now();
    const keyed = rowsByPartition(input, ex).map((p) => p.map((row) => ({ row, key: keyOf(row) })));
    const out: InternalRow[][] = Array.from({ length: n }, () => []);
    const within = this.node.withinWatermark === true;
    for (const [part, rows] of shuffle(keyed, (r) => partitionOf(r.key, types, n), n).entries()) {
      for (const { row, key } of rows) {
        if (this.dataWm >= 0 && behindWatermark(row[this.dataWm] as number | null, info.lateWatermarkMs)) {
          this.metrics.droppedByWatermark++;
          continue;
        }
        const id = keyId(key);
        if (this.store.has(id)) continue;
        const eventTime = this.dataWm >= 0 ? (row[this.dataWm] as number | null) : null;
        // Within the watermark, the value is when the key expires (µs); otherwise the key's event time if a key carries it.
        const value = within ? (eventTime === null ? null : eventTime + this.delayMs * 1000) : this.keyWm ? this.keyWm.eventTime(key[this.keyWm.index]) : null;
        this.store.put(id, value, part, unsafeRowHash(key, types));
        out[part]!.push(row);
      }
    }
    this.metrics.updatesMs += performance.now() - t0;
    const t1 = performance.now();
    if (within || this.keyWm !== undefined) {
      const evict: unknown[] = [];
      for (const [id, v] of this.store.entries()) if (behindWatermark(v, info.evictionWatermarkMs)) evict.push(id);
      for (const id of evict) this.store.remove(id);
    }
    this.metrics.removalsMs += performance.now() - t1;
    return out;
  }

  shouldRunAnotherBatch(newWatermarkMs: number, last: BatchInfo): boolean {
    return (this.node.withinWatermark === true || this.keyWm !== undefined) && newWatermarkMs > last.evictionWatermarkMs;
  }

  load(version: number): void {
    this.store.load(version);
  }

  commit(version: number): void {
    this.store.commit(version);
  }

  stateSchema(): StateSchema {
    return { operatorName: this.operatorName, keySchema: schemaText(this.node.groupings.map((e) => ({ dataType: e.dataType }))), valueSchema: 'struct<>' };
  }

  progress(): StateOperatorProgress {
    return this.metrics.progress(this.operatorName, this.store as StateStore<unknown>, this.partitions);
  }
}
