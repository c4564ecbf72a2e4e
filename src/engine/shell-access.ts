/**
 * What the tspark shell (src/repl) may do to a StreamingContext beyond the public API, and
 * nothing more. This module is not exported from src/index.ts, so it is not published; the
 * shell is part of the package and imports it directly. It reaches a context's runtime through
 * the one accessor the class hands out (`runtimeOf`) and uses only the runtime contract, the
 * graph's and the checkpoint registry's own methods.
 */
import { type CheckpointData, hasCheckpoint, readCheckpoint } from './checkpoint/checkpoint-file.js';
import type { BatchInfo } from './events.js';
import type { GraphMark } from './graph.js';
import { type StreamingContext, runtimeOf } from './streaming-context.js';

export type { CheckpointData } from './checkpoint/checkpoint-file.js';

/** How far a context's pipeline reached before a shell entry ran. */
export interface PipelineMark {
  readonly graph: GraphMark;
  /** Stateful streams registered with the checkpoint registry. */
  readonly stateful: number;
}

/** The mark to pass to {@link undoPipeline} after the entry ran. */
export function markPipeline(ssc: StreamingContext): PipelineMark {
  const runtime = runtimeOf(ssc);
  return { graph: runtime.graph.mark(), stateful: runtime.checkpoints.partCount };
}

/**
 * Undoes what one entry added to a context's pipeline. A line such as
 * `ssc.socketTextStream("localhost", 9999)` typed on its own, when the user meant it as the
 * start of a chain continued on the next lines (`  .flatMap(…)`), must not stay in the pipeline
 * as an input nobody reads (it would take the one connection `nc -lk` serves). Only a context
 * that has not started can be undone, and only when the entry registered no stateful stream.
 * Returns the operators removed (`socketTextStream`, `flatMap`), or undefined when it cannot.
 */
export function undoPipeline(ssc: StreamingContext, mark: PipelineMark): string[] | undefined {
  const runtime = runtimeOf(ssc);
  if (runtime.state !== 'INITIALIZED' || runtime.checkpoints.partCount !== mark.stateful) return undefined;
  return runtime.graph.truncate(mark.graph);
}

/**
 * Reports code the shell interrupted as a failure of `batch` (the one running, from the
 * `batchStarted` event), or, when records were being processed as they arrived, of the next
 * batch: its running output operation is marked failed, and the error is reported once as any
 * batch error is. Returns the batch time reported.
 */
export function failInterruptedBatch(ssc: StreamingContext, batch: BatchInfo | undefined, error: Error): number {
  const runtime = runtimeOf(ssc);
  const time = batch?.batchTime ?? runtime.scheduler.nextBatchTime ?? runtime.clock.now();
  const op = batch?.outputOps.find((o) => o.status === 'running');
  if (op) {
    op.status = 'failed';
    op.error = `${error.name}: ${error.message}`;
    op.endTime = runtime.clock.now();
  }
  runtime.reportBatchError(time, op?.name ?? 'as records arrived', error);
  return time;
}

/** The checkpoint saved in `dir`, or undefined when there is none or it cannot be read (getOrCreate then says why). */
export function savedCheckpoint(dir: string): CheckpointData | undefined {
  try {
    return hasCheckpoint(dir) ? readCheckpoint(dir) : undefined;
  } catch {
    return undefined;
  }
}
