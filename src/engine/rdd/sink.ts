/**
 * The push-based evaluation's two shared pieces: the sink a partition's elements are pushed
 * into, and the signal that stops pushing early (`take`, `first`, `isEmpty`).
 */

/** Receives the elements of a partition, one at a time. */
export type Sink<T> = (value: T) => void;

/** Thrown through a sink to stop computing a partition early; never reaches user code. */
export class StopSignal {}

/** The one instance thrown; compared by identity. */
export const STOP = new StopSignal();
