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
 *
 * Both ends are typed parts of the pipeline: an input that can do this has an
 * {@link EagerInput} (`InputHandle.eager`); an aggregation that does it reads an
 * {@link EagerConsumer} (`StreamNode.eager`), and the narrow steps of its chain take their
 * record counts from that consumer (`StreamNode.eagerSteps`).
 */
import type { DStreamGraph } from '../graph.js';
import type { StreamNode } from '../dstream/stream-node.js';
import type { Aggregator, CombinerTable } from '../rdd/shuffle.js';
import type { Stage } from '../rdd/stages.js';

/** What a combining stream reads instead of its parent's RDD. */
export interface EagerConsumer {
  /** The per-block tables of batch `time` and the first error thrown while filling them; undefined if the batch was not cut here. */
  take(time: number): { readonly tables: Array<CombinerTable<unknown, unknown>>; readonly error: unknown } | undefined;
  /** How many records step `step` of the chain produced in batch `time`, once that batch has been taken. */
  countAt(time: number, step: number): number | undefined;
}

/** The part of an input that runs consumers on records as they arrive (the receiver input has one). */
export interface EagerInput {
  /** Runs `stages`, then the map side of `aggregator`, on every record stored from now on. */
  addConsumer(stages: ReadonlyArray<Stage<unknown, unknown>>, aggregator: Aggregator<unknown, unknown>): EagerConsumer;
  /** False when no batch job reads the raw records, so they need not be kept. */
  setRawNeeded(needed: boolean): void;
}

/** Decides, when the context starts, which combining streams run eagerly, and which inputs keep raw records. */
export function planEagerCombines(graph: DStreamGraph): void {
  const eagerInputs = new Map<number, EagerInput>();
  for (const input of graph.inputs) if (input.eager) eagerInputs.set(input.streamId, input.eager);
  for (const s of graph.streams) {
    s.eager = undefined;
    s.eagerSteps = [];
  }
  if (eagerInputs.size === 0) return;

  for (const c of graph.streams) {
    const combine = c.spec.combine;
    if (!combine) continue;
    const stages: Array<Stage<unknown, unknown>> = [];
    const chain: Array<StreamNode<unknown>> = [];
    let s: StreamNode<unknown> | undefined = c.spec.parents[0];
    while (s && s.spec.narrowStage && s.spec.parents.length === 1 && s.storageLevel === undefined && s.checkpointMs === undefined) {
      stages.unshift(s.spec.narrowStage);
      chain.unshift(s);
      s = s.spec.parents[0];
    }
    const input = s && s.storageLevel === undefined ? eagerInputs.get(s.id) : undefined;
    if (!input) continue;
    if (combine.preStage) stages.push(combine.preStage);
    const consumer = input.addConsumer(stages, combine.aggregator);
    c.eager = consumer;
    chain.forEach((node, step) => node.eagerSteps.push({ consumer, step }));
  }

  // An input's raw records are needed if some job computes its RDD by another path.
  const children = new Map<number, Array<StreamNode<unknown>>>();
  for (const s of graph.streams) for (const p of s.spec.parents) children.set(p.id, [...(children.get(p.id) ?? []), s]);
  const memo = new Map<number, boolean>();
  const computed = (s: StreamNode<unknown>): boolean => {
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
