/**
 * For the shell: undo what one entry added to a context's pipeline. A line such as
 * `ssc.socketTextStream("localhost", 9999)` typed on its own, when the user meant it as the
 * start of a chain continued on the next lines (`  .flatMap(…)`), must not stay in the pipeline
 * as an input nobody reads (it would take the one connection `nc -lk` serves). Only a context
 * that has not started can be undone, and only when the entry added streams, inputs and
 * outputs alone (nothing stateful registered with the checkpoint registry).
 */
import { CheckpointRegistry } from './checkpoint/registry.js';
import type { StreamingContext } from './context.js';

/** @internal How far a context's pipeline reached before an entry ran. */
export interface PipelineMark {
  readonly streams: number;
  readonly inputs: number;
  readonly outputs: number;
  readonly stateful: number;
}

function statefulCount(ssc: StreamingContext): number {
  const registry = CheckpointRegistry.existing(ssc);
  // The registry keeps its parts private; only their number matters here.
  return registry ? (registry as unknown as { parts: unknown[] }).parts.length : 0;
}

/** @internal */
export function markPipeline(ssc: StreamingContext): PipelineMark {
  const g = ssc.graphInternal;
  return { streams: g.streams.length, inputs: g.inputs.length, outputs: g.outputs.length, stateful: statefulCount(ssc) };
}

/**
 * @internal Removes what was added since `mark`; returns the operators removed (`socketTextStream`,
 * `flatMap`), or undefined when the pipeline cannot be undone (started, or state registered).
 */
export function undoPipeline(ssc: StreamingContext, mark: PipelineMark): string[] | undefined {
  const g = ssc.graphInternal;
  if (ssc.state !== 'INITIALIZED' || statefulCount(ssc) !== mark.stateful) return undefined;
  if (g.streams.length < mark.streams || g.inputs.length < mark.inputs || g.outputs.length < mark.outputs) return undefined;
  const removed = [...g.streams.slice(mark.streams).map((s) => s.spec.name), ...g.outputs.slice(mark.outputs).map((o) => o.name)];
  g.streams.length = mark.streams;
  g.inputs.length = mark.inputs;
  g.outputs.length = mark.outputs;
  return removed;
}
