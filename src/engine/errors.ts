/**
 * The error catalog. Every error tspark raises on purpose is a {@link TsparkError} with a stable
 * `code`, one code per kind of mistake; tests assert codes, so the wording can keep improving.
 * Where Spark has a message for the same mistake, the text keeps its meaning. Every class is
 * built the same way: `new XError(code, message, { cause, ... })`.
 */

export type ErrorCode =
  // Checked at the boundary (src/engine/checks.ts): a bad argument or option.
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_UNKNOWN_OPTION'
  | 'ERR_INVALID_DURATION'
  | 'ERR_NOT_A_PAIR'
  // Lifecycle (StreamingContext / SparkContext).
  | 'ERR_NO_OUTPUT_OPERATIONS'
  | 'ERR_CONTEXT_STARTED'
  | 'ERR_CONTEXT_STOPPED'
  | 'ERR_ANOTHER_CONTEXT_ACTIVE'
  | 'ERR_CONTEXT_NOT_STARTED'
  | 'ERR_SPARK_CONTEXT_STOPPED'
  | 'ERR_CHECKPOINT_DIR_NOT_SET'
  | 'ERR_CHECKPOINT_INVALID'
  | 'ERR_REMEMBER_ALREADY_SET'
  // The teaching clock.
  | 'ERR_NEEDS_SYSTEM_CLOCK'
  | 'ERR_CLOCK_NOT_PAUSED'
  // mapWithState's State, used out of turn.
  | 'ERR_STATE_NOT_SET'
  | 'ERR_STATE_TIMING_OUT'
  | 'ERR_STATE_REMOVED'
  // Shared variables.
  | 'ERR_BROADCAST_DESTROYED'
  | 'ERR_NO_ACCUMULATOR_PARAM'
  // Data and actions.
  | 'ERR_EMPTY_RDD'
  | 'ERR_ZIP_MISMATCH'
  | 'ERR_FILE_EXISTS'
  | 'ERR_PATH_NOT_FOUND'
  // Records an operation cannot take, and paths tspark cannot read.
  | 'ERR_NOT_COMPARABLE'
  | 'ERR_UNSUPPORTED_SCHEME'
  // Execution.
  | 'ERR_BATCH_FAILED'
  | 'ERR_SOURCE'
  // Kafka (src/sources/kafka): the connector's own mistakes and conditions.
  | 'ERR_KAFKA_NO_RECEIVER'
  | 'ERR_KAFKA_OFFSET_OUT_OF_RANGE'
  | 'ERR_KAFKA_NOT_KEYED'
  | 'ERR_KAFKA_TOPIC'
  | 'ERR_KAFKA_WRITE'
  // The web UI.
  | 'ERR_UI_PORT'
  // Spark SQL and DataFrames (src/sql/errors.ts): the Spark error class is in `errorClass`.
  // Errors a Spark Connect server raises carry the same codes (src/sql/connect/errors.ts).
  | 'ERR_SQL_ANALYSIS'
  | 'ERR_SQL_PARSE'
  | 'ERR_SQL_EXECUTION'
  | 'ERR_SQL_ARGUMENT'
  // Structured Streaming: a query that terminated with an exception (local or remote).
  | 'ERR_STREAM_FAILED'
  // Spark Connect (remote sessions): the connection and the protocol.
  | 'ERR_CONNECT_URL'
  | 'ERR_CONNECT_UNAVAILABLE'
  | 'ERR_CONNECT_AUTH'
  | 'ERR_CONNECT_DROPPED'
  | 'ERR_CONNECT_UNSUPPORTED'
  | 'ERR_CONNECT_TIMEOUT'
  | 'ERR_CONNECT_PROTOCOL'
  | 'ERR_CONNECT_SESSION_CLOSED'
  | 'ERR_CONNECT_INTERRUPTED';

/** What every tspark error may carry besides its code and message. */
export interface TsparkErrorOptions {
  /** The error that led to this one. */
  readonly cause?: unknown;
}

/** Base class of every error tspark raises on purpose. */
export class TsparkError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: TsparkErrorOptions) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A bad argument or option, caught at the API boundary: names the parameter, the rule and the value. */
export class IllegalArgumentError extends TsparkError {}

/** An operation that is not allowed in the current lifecycle state (of a context, a clock, a key's state). */
export class IllegalStateError extends TsparkError {}

/** A batch job failed; `batchTime` says which batch, `cause` holds what the user function threw. */
export class BatchFailedError extends TsparkError {
  readonly batchTime: number;
  constructor(code: ErrorCode, message: string, options: TsparkErrorOptions & { readonly batchTime: number }) {
    super(code, message, options);
    this.batchTime = options.batchTime;
  }
}

/** A record an operation cannot take: not a `[key, value]` pair for a pair operation, values of kinds that cannot be ordered. */
export class DataError extends TsparkError {}

/** A problem reading a source (a file that vanished, a directory that does not exist). */
export class SourceError extends TsparkError {}

/** A checkpoint that cannot be used: missing, corrupt, or written by an incompatible version. */
export class CheckpointError extends TsparkError {
  readonly file: string | undefined;
  constructor(code: ErrorCode, message: string, options?: TsparkErrorOptions & { readonly file?: string }) {
    super(code, message, options);
    this.file = options?.file;
  }
}
