/**
 * Incremental execution (Spark's IncrementalExecution): the analysed plan of a streaming query
 * is planned once into its sources, watermark nodes and stateful operators; each micro-batch's
 * plan is then the same tree with every streaming source replaced by the batch's rows, every
 * watermark node observing event times, and every stateful node replaced by its operator's
 * node for the batch — a batch plan the ordinary executor runs.
 */
import type { PAggregate, PJoin, PStreamSource, PWatermark, RPlan } from '../analysis/resolved.js';
import { planChildren } from '../analysis/resolved.js';
import type { BatchScan, OutputMode, RowPartitions } from '../sources/contract.js';
import { StreamingDeduplicate } from './operators/dedup.js';
import { GroupsWithStateOperator } from './operators/groups-with-state.js';
import type { BatchInfo, StatefulOperator } from './operators/operator.js';
import { StatefulAggregate } from './operators/stateful-aggregate.js';
import { StreamStreamJoin } from './operators/stream-join.js';
import { StreamingLimit } from './operators/streaming-limit.js';
import { SessionWindowAggregate, sessionWindowOf } from './operators/session-window.js';

/** True when `p` reads a streaming source. */
export function isStreamingPlan(p: RPlan): boolean {
  if (p.k === 'streamSource') return true;
  return planChildren(p).some(isStreamingPlan);
}

/** A node with its children replaced (same kind, same output). */
export function withChildren(p: RPlan, kids: readonly RPlan[]): RPlan {
  switch (p.k) {
    case 'local':
    case 'rdd':
    case 'range':
    case 'scan':
    case 'streamSource':
      return p;
    case 'join':
      return { ...p, left: kids[0]!, right: kids[1]! };
    case 'intersect':
    case 'except':
      return { ...p, left: kids[0]!, right: kids[1]! };
    case 'union':
      return { ...p, inputs: [...kids] };
    case 'external':
      return { ...p, children: [...kids] };
    default:
      return { ...p, input: kids[0]! } as RPlan;
  }
}

/** What the query is made of, found once at start. */
export interface StreamingPlan {
  readonly root: RPlan;
  /** The distinct sources, in Spark's order (pre-order, left before right). */
  readonly sources: readonly PStreamSource[];
  /** The `withWatermark` nodes, in plan order. */
  readonly watermarks: readonly PWatermark[];
  /** The stateful operators, by operator id. */
  readonly operators: readonly StatefulOperator[];
}

/** Options of planning: where state lives, how many partitions it has, the output mode. */
export interface PlanOptions {
  readonly stateDir: (operatorId: number) => string | undefined;
  readonly shufflePartitions: number;
  readonly outputMode: OutputMode;
}

/** Finds the sources, watermarks and stateful operators of an analysed streaming plan. */
export function planStreaming(root: RPlan, opts: PlanOptions): StreamingPlan {
  const sources: PStreamSource[] = [];
  const seenReads = new Set<unknown>();
  const watermarks: PWatermark[] = [];
  const operators: StatefulOperator[] = [];
  const hasWatermark = (function find(p: RPlan): boolean {
    return p.k === 'watermark' || planChildren(p).some(find);
  })(root);
  const visit = (p: RPlan): void => {
    if (p.k === 'streamSource' && !seenReads.has(p.read)) {
      seenReads.add(p.read);
      sources.push(p);
    }
    if (p.k === 'watermark' && !watermarks.includes(p)) watermarks.push(p);
    const op = isStreamingPlan(p) ? operatorFor(p, operators.length, opts, hasWatermark) : undefined;
    if (op !== undefined && !operators.some((o) => o.node === p)) operators.push(op);
    for (const c of planChildren(p)) visit(c);
  };
  visit(root);
  return { root, sources, watermarks, operators };
}

function operatorFor(p: RPlan, id: number, opts: PlanOptions, hasWatermark: boolean): StatefulOperator | undefined {
  const dir = opts.stateDir(id);
  const n = opts.shufflePartitions;
  switch (p.k) {
    case 'aggregate':
      if (p.dedup === true) return new StreamingDeduplicate(id, p, dir, n);
      if (sessionWindowOf(p) !== undefined) return new SessionWindowAggregate(id, p, dir, n);
      return new StatefulAggregate(id, p as PAggregate, dir, n);
    case 'join':
      return isStreamingPlan(p.left) && isStreamingPlan(p.right) ? new StreamStreamJoin(id, p as PJoin, dir, n) : undefined;
    case 'groupsWithState':
      return new GroupsWithStateOperator(id, p, dir, n, hasWatermark);
    case 'limit':
      // Only append mode keeps a limit's count across batches (Spark's StreamingGlobalLimitExec).
      return opts.outputMode === 'append' && p.k === 'limit' ? new StreamingLimit(id, p, dir) : undefined;
    default:
      return undefined;
  }
}

/** A batch scan over a micro-batch's rows of one source. */
function batchScan(data: RowPartitions, description: string): BatchScan {
  return { schema: data.schema, numPartitions: data.numPartitions, readPartition: (i, emit) => data.readPartition(i, emit), describe: () => description };
}

/** What one micro-batch brings: each source's rows (by position in `sources`) and each watermark node's observer. */
export interface BatchInputs {
  readonly data: ReadonlyArray<{ readonly rows: RowPartitions; readonly description: string }>;
  readonly observers: ReadonlyArray<(micros: unknown) => void>;
}

/** The plan of one micro-batch. */
export function batchPlan(sp: StreamingPlan, inputs: BatchInputs, info: BatchInfo): RPlan {
  const memo = new Map<RPlan, RPlan>();
  const rewrite = (p: RPlan): RPlan => {
    const hit = memo.get(p);
    if (hit !== undefined) return hit;
    let out: RPlan;
    if (p.k === 'streamSource') {
      const i = sp.sources.findIndex((s) => s.read === p.read);
      const d = inputs.data[i]!;
      out = { k: 'scan', format: p.read.format, scan: batchScan(d.rows, d.description), output: p.output };
    } else {
      const kids = planChildren(p).map(rewrite);
      const op = sp.operators.find((o) => o.node === p);
      if (op !== undefined) out = op.batchNode(kids, info);
      else if (p.k === 'watermark') out = { ...p, input: kids[0]!, observe: inputs.observers[sp.watermarks.indexOf(p)]! };
      else out = withChildren(p, kids);
    }
    memo.set(p, out);
    return out;
  };
  return rewrite(sp.root);
}
