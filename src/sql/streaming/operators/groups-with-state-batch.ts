/**
 * What `flatMapGroupsWithState` shares between batch and streaming runs: the input rows grouped
 * by key (each shuffle partition's keys in ascending order, as Spark sorts a partition's rows by
 * the grouping keys before calling the function), the call of the user's function with a
 * GroupState, and the conversion of what it returns into rows of the output schema.
 */
import type { PGroupsWithState, RPlan } from '../../analysis/resolved.js';
import { partitionOf } from '../../codegen/murmur3.js';
import { SparkArgumentError } from '../../errors.js';
import type { Executor } from '../../exec/executor.js';
import { Gen } from '../../codegen/gen.js';
import { keyComparator } from '../../exec/sort-exec.js';
import { type Convert, externalizer, rowExternalizer, structInternalizer } from '../../types/convert.js';
import { StructField, StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import { GroupState, NO_TIMESTAMP } from '../group-state.js';
import type { Row } from '../../row.js';

/** One key's rows in a batch. */
export interface KeyGroup {
  /** The key's map key (JSON of the internal key values). */
  readonly id: string;
  readonly key: unknown[];
  readonly rows: InternalRow[];
  readonly part: number;
}

/** The rows of `input` grouped by `plan`'s keys: partition by partition, keys ascending in each. */
export function groupRows(plan: PGroupsWithState, input: RPlan, ex: Executor, partitions: number, keep: (row: InternalRow) => boolean = () => true): KeyGroup[] {
  const g = Gen.forRow(input.output, ex.options);
  const keyOf = g.compile<(r: InternalRow) => unknown[]>(['r'], `return [${plan.groupings.map((e) => g.expr(e)).join(', ')}];`);
  const types = plan.groupings.map((e) => e.dataType);
  const groups = new Map<string, { key: unknown[]; rows: InternalRow[]; part: number }>();
  for (const row of ex.collect(input)) {
    if (!keep(row)) continue;
    const key = keyOf(row);
    const id = keyId(key);
    let grp = groups.get(id);
    if (grp === undefined) groups.set(id, (grp = { key, rows: [], part: partitionOf(key, types, partitions) }));
    grp.rows.push(row);
  }
  const cmp = keyComparator(plan.groupings.map((e) => ({ child: e, direction: 'asc' as const, nulls: 'first' as const })), ex.options);
  return [...groups.entries()].map(([id, v]) => ({ id, ...v })).sort((a, b) => a.part - b.part || cmp(a.key, b.key));
}

/** A stable map key for internal key values (bigints and nested arrays included). */
export function keyId(key: readonly unknown[]): string {
  return JSON.stringify(key, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v instanceof Map ? [...v] : v));
}

/** Calls the user's function for one key and returns its output rows (internal), checked against the output schema. */
export class GroupsCaller {
  private readonly toRow: (r: unknown) => Row;
  private readonly keyOut: Convert[];
  private readonly out: Convert;
  private readonly api: string;

  constructor(
    private readonly plan: PGroupsWithState,
    input: RPlan,
  ) {
    this.toRow = rowExternalizer(new StructType(input.output.map((a) => new StructField(a.name, a.dataType, a.nullable))));
    this.keyOut = plan.groupings.map((e) => externalizer(e.dataType) ?? ((v) => v));
    this.out = structInternalizer(plan.spec.outputSchema);
    this.api = plan.spec.isMap ? 'mapGroupsWithState' : 'flatMapGroupsWithState';
  }

  /** The external key (a tuple, as pyspark passes it). */
  externalKey(key: readonly unknown[]): unknown[] {
    return key.map((v, i) => (v === null ? null : this.keyOut[i]!(v)));
  }

  /** Runs the function; `state` is the GroupState it sees. */
  call(key: readonly unknown[], rows: readonly InternalRow[], state: GroupState): InternalRow[] {
    const toRow = this.toRow;
    function* iter(): IterableIterator<Row> {
      for (const r of rows) yield toRow(r);
    }
    const result = this.plan.spec.func(this.externalKey(key), iter(), state);
    if (this.plan.spec.isMap) return [this.out(result) as InternalRow];
    if (result === null || result === undefined) return [];
    if (typeof (result as Iterable<unknown>)[Symbol.iterator] !== 'function' || typeof result === 'string') {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `${this.api}: the function must return an iterable of rows (an array, a generator); got ${typeof result}` });
    }
    return Array.from(result as Iterable<unknown>, (r) => this.out(r) as InternalRow);
  }

  /** A fresh state for a batch run: empty, never timing out. */
  batchState(batchTimestampMs: number): GroupState {
    return new GroupState({ value: undefined, exists: false, timeoutTimestamp: NO_TIMESTAMP, hasTimedOut: false, timeout: 'NoTimeout', batchTimestampMs, watermarkMs: undefined, api: this.api });
  }
}

/** A batch `flatMapGroupsWithState`: each key once, states empty. */
export function runGroupsWithState(plan: PGroupsWithState, ex: Executor): InternalRow[] {
  const caller = new GroupsCaller(plan, plan.input);
  const out: InternalRow[] = [];
  const now = Math.floor(ex.options.nowMicros / 1000);
  for (const grp of groupRows(plan, plan.input, ex, ex.options.shufflePartitions)) out.push(...caller.call(grp.key, grp.rows, caller.batchState(now)));
  return out;
}
