/**
 * Stream-stream joins (Spark's StreamingSymmetricHashJoinExec): both sides keep their rows in
 * state by join key. In each shuffle partition, the left side's new rows join the right side's
 * state and are stored, then the right side's new rows join the left side's state (now with
 * this batch's rows), so every pair meets once. Rows at or behind the watermark are dropped
 * (counted); state that can no longer match (join-stream watermark, join-watermark.ts) is
 * evicted at the end of the batch, and for outer joins the evicted rows that never matched are
 * emitted with NULLs then. Inner, left/right/full outer and left semi joins; append mode.
 */
import type { PExternal, PJoin, RPlan } from '../../analysis/resolved.js';
import { Gen } from '../../codegen/gen.js';
import { partitionOf } from '../../codegen/murmur3.js';
import type { Executor } from '../../exec/executor.js';
import type { InternalRow } from '../../types/values.js';
import { StateStore } from '../state/state-store.js';
import { rowsByPartition, shuffle } from './dedup.js';
import { keyId } from './groups-with-state-batch.js';
import { type StateEviction, stateEviction } from './join-watermark.js';
import { type BatchInfo, OperatorMetrics, type StateOperatorProgress, type StateSchema, type StatefulOperator, schemaText, behindWatermark } from './operator.js';

/** A stored row and whether it has matched (for outer and semi joins). */
type Stored = [row: InternalRow, matched: boolean];

interface Side {
  readonly name: 'left' | 'right';
  readonly store: StateStore<Stored[]>;
  readonly eviction: StateEviction | undefined;
  /** Index of this side's watermarked column (late rows), or -1. */
  readonly wmIndex: number;
  readonly width: number;
}

/** A stream-stream join's state: rows of both sides by key. */
export class StreamStreamJoin implements StatefulOperator {
  readonly operatorName = 'symmetricHashJoin';
  private readonly sides: readonly [Side, Side];
  private readonly metrics = new OperatorMetrics();

  constructor(
    readonly operatorId: number,
    readonly node: PJoin,
    stateDir: string | undefined,
    private readonly partitions: number,
  ) {
    const side = (name: 'left' | 'right', input: RPlan): Side => ({
      name,
      store: new StateStore(stateDir === undefined ? undefined : `${stateDir}/${name}`, partitions),
      eviction: stateEviction(node, name),
      wmIndex: input.output.findIndex((a) => a.watermarkDelayMs !== undefined),
      width: input.output.length,
    });
    this.sides = [side('left', node.left), side('right', node.right)];
  }

  batchNode(inputs: readonly RPlan[], info: BatchInfo): PExternal {
    const plan: PJoin = { ...this.node, left: inputs[0]!, right: inputs[1]! };
    return {
      k: 'external',
      name: 'StreamingSymmetricHashJoin',
      text: `StreamingSymmetricHashJoin [${this.node.leftKeys.length} keys], ${this.node.joinType}, opId = ${this.operatorId}, ver = ${info.batchId}`,
      children: [plan.left, plan.right],
      numPartitions: this.partitions,
      output: this.node.output,
      compute: (ex) => this.run(plan, ex, info),
    };
  }

  private run(plan: PJoin, ex: Executor, info: BatchInfo): InternalRow[][] {
    const n = this.partitions;
    const [left, right] = this.sides;
    const lk = Gen.forRow(plan.left.output, ex.options);
    const leftKey = lk.compile<(r: InternalRow) => unknown[]>(['r'], `return [${plan.leftKeys.map((e) => lk.expr(e)).join(', ')}];`);
    const rk = Gen.forRow(plan.right.output, ex.options);
    const rightKey = rk.compile<(r: InternalRow) => unknown[]>(['r'], `return [${plan.rightKeys.map((e) => rk.expr(e)).join(', ')}];`);
    const cg = Gen.forRow([...plan.left.output, ...plan.right.output], ex.options);
    const cond = plan.condition === undefined ? () => true : cg.compile<(r: InternalRow) => boolean>(['r'], `return ${cg.expr(plan.condition)} === true;`);
    const types = plan.leftKeys.map((e) => e.dataType);
    const t0 = performance.now();
    const keyed = (rows: InternalRow[][], keyOf: (r: InternalRow) => unknown[]): Array<Array<{ row: InternalRow; key: unknown[] }>> =>
      shuffle(
        rows.map((p) => p.map((row) => ({ row, key: keyOf(row) }))),
        (x) => partitionOf(x.key, types, n),
        n,
      );
    const leftIn = keyed(rowsByPartition(plan.left, ex), leftKey);
    const rightIn = keyed(rowsByPartition(plan.right, ex), rightKey);
    const out: InternalRow[][] = Array.from({ length: n }, () => []);
    const type = plan.joinType;
    const nullsLeft: InternalRow = new Array<unknown>(left.width).fill(null);
    const nullsRight: InternalRow = new Array<unknown>(right.width).fill(null);
    for (let p = 0; p < n; p++) {
      // Left's new rows against right's state, then right's new rows against left's state.
      for (const [me, other, input] of [
        [left, right, leftIn[p]!],
        [right, left, rightIn[p]!],
      ] as const) {
        for (const { row, key } of input) {
          if (me.wmIndex >= 0 && behindWatermark(row[me.wmIndex] as number | null, info.lateWatermarkMs)) {
            this.metrics.droppedByWatermark++;
            continue;
          }
          if (key.some((k) => k === null)) continue;
          const id = keyId(key);
          let matched = false;
          const others = other.store.get(id) ?? [];
          let flipped = false;
          for (const stored of others) {
            const joined = me === left ? row.concat(stored[0]) : stored[0].concat(row);
            if (!cond(joined)) continue;
            matched = true;
            if (type === 'semi') {
              // A left row is emitted once, on its first match.
              if (me === left) {
                out[p]!.push(row);
                break;
              }
              if (!stored[1]) out[p]!.push(stored[0]);
            } else out[p]!.push(joined);
            if (!stored[1]) flipped = true;
            stored[1] = true;
          }
          // A stored row's matched flag changed: its key is written with the batch's state.
          if (flipped) other.store.put(id, others, p);
          if (type === 'semi' && me === left && matched) {
            this.storeRow(me, id, row, true, p, key, info);
            continue;
          }
          this.storeRow(me, id, row, matched, p, key, info);
        }
      }
    }
    this.metrics.updatesMs += performance.now() - t0;
    const t1 = performance.now();
    for (const side of this.sides) {
      const removed = this.evict(side, info.evictionWatermarkMs);
      const outer = (type === 'left' || type === 'full') && side === left ? 'left' : (type === 'right' || type === 'full') && side === right ? 'right' : undefined;
      if (outer === undefined) continue;
      for (const [stored, part] of removed) {
        if (stored[1]) continue;
        out[part]!.push(outer === 'left' ? stored[0].concat(nullsRight) : nullsLeft.concat(stored[0]));
      }
    }
    this.metrics.removalsMs += performance.now() - t1;
    return out;
  }

  /** Stores a row unless it would be evicted at once. */
  private storeRow(side: Side, id: string, row: InternalRow, matched: boolean, part: number, key: unknown[], info: BatchInfo): void {
    const ev = side.eviction;
    if (ev !== undefined && info.evictionWatermarkMs > 0) {
      const t = ev.kind === 'key' ? eventTimeOf(key[ev.index], ev.isWindow) : (row[ev.index] as number | null);
      const wm = ev.kind === 'key' ? info.evictionWatermarkMs : info.evictionWatermarkMs + ev.offsetMs;
      if (behindWatermark(t, wm)) return;
    }
    const list = side.store.get(id) ?? [];
    list.push([row, matched]);
    side.store.put(id, list, part);
  }

  /** Removes the rows the watermark has passed; returns them with their partitions. */
  private evict(side: Side, watermarkMs: number): Array<[Stored, number]> {
    const ev = side.eviction;
    const removed: Array<[Stored, number]> = [];
    if (ev === undefined || watermarkMs <= 0) return removed;
    const updates: Array<[unknown, Stored[] | undefined, number]> = [];
    for (const [id, rows, part] of side.store.entries()) {
      const keep: Stored[] = [];
      for (const s of rows) {
        const t = ev.kind === 'key' ? this.keyTime(side, s[0], ev) : (s[0][ev.index] as number | null);
        const wm = ev.kind === 'key' ? watermarkMs : watermarkMs + ev.offsetMs;
        if (behindWatermark(t, wm)) removed.push([s, part]);
        else keep.push(s);
      }
      if (keep.length !== rows.length) updates.push([id, keep.length === 0 ? undefined : keep, part]);
    }
    for (const [id, keep, part] of updates) {
      if (keep === undefined) side.store.remove(id);
      else side.store.put(id, keep, part);
    }
    return removed;
  }

  /** The event time of a stored row's watermarked key. */
  private keyTime(side: Side, row: InternalRow, ev: Extract<StateEviction, { kind: 'key' }>): number | null {
    const keyExpr = (side.name === 'left' ? this.node.leftKeys : this.node.rightKeys)[ev.index]!;
    const input = side.name === 'left' ? this.node.left.output : this.node.right.output;
    const idx = keyExpr.k === 'ref' ? input.findIndex((a) => a.id === keyExpr.attr.id) : -1;
    return idx < 0 ? null : eventTimeOf(row[idx], ev.isWindow);
  }

  shouldRunAnotherBatch(newWatermarkMs: number, last: BatchInfo): boolean {
    return this.sides.some((s) => s.eviction !== undefined) && newWatermarkMs > last.evictionWatermarkMs;
  }

  load(version: number): void {
    for (const s of this.sides) s.store.load(version);
  }

  commit(version: number): void {
    for (const s of this.sides) s.store.commit(version);
  }

  stateSchema(): StateSchema {
    const keys = schemaText(this.node.leftKeys.map((e) => ({ dataType: e.dataType })));
    return { operatorName: this.operatorName, keySchema: keys, valueSchema: `${this.node.joinType}:${schemaText(this.node.left.output)},${schemaText(this.node.right.output)}` };
  }

  progress(): StateOperatorProgress {
    const [l, r] = this.sides;
    const a = this.metrics.progress(this.operatorName, l.store as StateStore<unknown>, this.partitions);
    const m = r.store.takeMetrics();
    return {
      ...a,
      numRowsTotal: a.numRowsTotal + m.numRowsTotal,
      numRowsUpdated: a.numRowsUpdated + m.numRowsUpdated,
      numRowsRemoved: a.numRowsRemoved + m.numRowsRemoved,
      commitTimeMs: a.commitTimeMs + m.commitTimeMs,
      memoryUsedBytes: a.memoryUsedBytes + m.memoryUsedBytes,
      numStateStoreInstances: this.partitions * 4,
    };
  }
}

function eventTimeOf(v: unknown, isWindow: boolean): number | null {
  if (v === null || v === undefined) return null;
  return isWindow ? ((v as unknown[])[1] as number | null) : (v as number);
}
