/**
 * The stateful-operator primitive: a stream that keeps data between batches (windows, state)
 * and so takes part in checkpoints. It owns the wiring every such stream needs, so an operator
 * cannot forget a piece of it:
 *
 * - each compute first tells the checkpoint registry that this batch was attempted, so a batch
 *   that failed here is reported once, not again by the after-batch catch-up;
 * - after every batch the registry runs `advance`, so state moves on even when no output read
 *   the stream at that time;
 * - checkpoints save `snapshot()` and recovery hands the saved data to `restore`, which throws
 *   {@link unexpectedShape} when it does not fit.
 */
import { CheckpointError } from '../errors.js';
import type { RDD } from '../rdd/rdd.js';
import type { StreamingRuntime } from '../runtime.js';
import { StreamNode, type StreamSpec } from './stream-node.js';

/** What a stateful operator says about itself; the rest of its spec is a StreamSpec's. */
export interface StatefulSpec<T> extends Omit<StreamSpec<T>, 'kind' | 'compute'> {
  /** The RDD of batch `time`; state advances here. */
  compute(time: number): RDD<T> | undefined;
  /** Run after a batch this stream was not computed in (default: compute it, which advances the state). */
  advance?(time: number, stream: StreamNode<T>): void;
  /** The state to save, as plain data. */
  snapshot(): unknown;
  /** Loads what `snapshot` returned; throws `unexpectedShape(file, …)` if it does not fit. */
  restore(data: unknown, file: string): void;
}

/** A stream that keeps state between batches, registered for checkpoints. */
export function statefulStream<T>(runtime: StreamingRuntime, spec: StatefulSpec<T>): StreamNode<T> {
  const { compute, advance, snapshot, restore, ...rest } = spec;
  const registry = runtime.checkpoints;
  const stream: StreamNode<T> = new StreamNode<T>(runtime, {
    ...rest,
    kind: 'transform',
    compute: (time) => {
      registry.markAttempt(stream as StreamNode<unknown>, time);
      return compute(time);
    },
  });
  registry.add({
    stream: stream as StreamNode<unknown>,
    computeEachBatch: (time) => (advance ? advance(time, stream) : void stream.getOrCompute(time)),
    snapshot,
    restore,
  });
  return stream;
}

/** The error for saved state that does not fit the operator restoring it. */
export function unexpectedShape(file: string, what: string): CheckpointError {
  return new CheckpointError('ERR_CHECKPOINT_INVALID', `Checkpoint ${file}: the saved ${what} has an unexpected shape`, { file });
}
