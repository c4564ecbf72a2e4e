/**
 * Map-side combining as records arrive. For a pipeline such as
 * `socketTextStream → flatMap → map → reduceByKey`, the narrow steps and the map side of the
 * shuffle run on each chunk of records the moment the receiver stores it, into one combiner
 * table per block (= per partition of the batch's RDD). At the batch tick only the reduce side
 * is left: merging the tables. The result is exactly what the tick would have computed (same
 * functions, same tables, merged in the same order); what changes is when user functions run
 * (as records arrive rather than at the tick) and that the raw records need not be kept when
 * nothing else reads them, so memory stays flat and the CPU is never idle while data waits.
 * A user function that throws fails the batch its record belongs to, at that batch's tick.
 */
import type { DStream } from '../dstream.js';
import type { DStreamGraph } from '../graph.js';
import type { Aggregator, CombinerTable } from '../rdd/shuffle.js';
import type { Stage } from '../rdd/stages.js';

/** What a combining stream reads instead of its parent's RDD. */
export interface EagerConsumer {
  /**
   * The per-block tables of batch `time`, the first error thrown while filling them, and how
   * many records each step of the chain produced; undefined if the batch was not cut here.
   */
  take(time: number): { tables: Array<CombinerTable<unknown, unknown>>; error: unknown; counts: number[] } | undefined;
  /** The narrow streams whose steps run in this consumer, first to last (undefined for the aggregation's own pair step). */
  readonly chain: ReadonlyArray<DStream<unknown> | undefined>;
}

/** An input that can run consumers on records as they arrive (the receiver input). */
export interface EagerCapableInput {
  addEagerConsumer(chain: ReadonlyArray<DStream<unknown> | undefined>, stages: ReadonlyArray<Stage<unknown, unknown>>, aggregator: Aggregator<unknown, unknown>): EagerConsumer;
  /** False when no batch job reads the raw records, so they need not be kept. */
  setRawNeeded(needed: boolean): void;
}

/** Decides, when the context starts, which combining streams run eagerly, and which inputs keep raw records. */
export function planEagerCombines(graph: DStreamGraph): void {
  const eagerInputs = new Map<number, EagerCapableInput>();
  for (const input of graph.inputs) {
    const capable = input as unknown as Partial<EagerCapableInput>;
    if (typeof capable.addEagerConsumer === 'function' && typeof capable.setRawNeeded === 'function') {
      eagerInputs.set(input.streamId, capable as EagerCapableInput);
    }
  }
  if (eagerInputs.size === 0) return;

  for (const c of graph.streams) {
    c.eager = undefined;
    const combine = c.spec.combine;
    if (!combine) continue;
    const stages: Array<Stage<unknown, unknown>> = [];
    const chain: Array<DStream<unknown>> = [];
    let s: DStream<unknown> | undefined = c.spec.parents[0];
    while (s && s.spec.narrowStage && s.spec.parents.length === 1 && !s.is_cached && !s.is_checkpointed) {
      stages.unshift(s.spec.narrowStage);
      chain.unshift(s);
      s = s.spec.parents[0];
    }
    const input = s && !s.is_cached ? eagerInputs.get(s.id) : undefined;
    if (!input) continue;
    if (combine.preStage) {
      stages.push(combine.preStage);
      (chain as Array<DStream<unknown> | undefined>).push(undefined);
    }
    c.eager = input.addEagerConsumer(chain, stages, combine.aggregator);
  }

  // An input's raw records are needed if some job computes its RDD by another path.
  const children = new Map<number, Array<DStream<unknown>>>();
  for (const s of graph.streams) for (const p of s.spec.parents) children.set(p.id, [...(children.get(p.id) ?? []), s]);
  const memo = new Map<number, boolean>();
  const computed = (s: DStream<unknown>): boolean => {
    const known = memo.get(s.id);
    if (known !== undefined) return known;
    memo.set(s.id, true); // cycles cannot happen; this guards against surprises
    const result =
      graph.outputs.some((o) => o.stream === s) || (children.get(s.id) ?? []).some((x) => x.eager === undefined && computed(x));
    memo.set(s.id, result);
    return result;
  };
  for (const [streamId, input] of eagerInputs) {
    const stream = graph.streams.find((s) => s.id === streamId);
    input.setRawNeeded(!stream || graph.rememberMs !== undefined || computed(stream));
  }
}
