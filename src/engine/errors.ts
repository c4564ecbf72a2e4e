/**
 * The error catalog. Every error tspark raises on purpose is a {@link TsparkError} with a stable
 * `code`; tests assert codes, so the wording can keep improving. Where Spark has a message for
 * the same mistake, the text keeps its meaning.
 */

export type ErrorCode =
  // Checked at the boundary: a bad argument or option.
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_UNKNOWN_OPTION'
  | 'ERR_INVALID_DURATION'
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
  // Data and actions.
  | 'ERR_EMPTY_RDD'
  | 'ERR_ZIP_MISMATCH'
  | 'ERR_NOT_A_PAIR'
  | 'ERR_FILE_EXISTS'
  | 'ERR_PATH_NOT_FOUND'
  | 'ERR_QUEUE_EMPTY'
  // Execution.
  | 'ERR_BATCH_FAILED'
  | 'ERR_USER_FUNCTION'
  | 'ERR_SOURCE'
  // The web UI.
  | 'ERR_UI_PORT'
  // Spark SQL and DataFrames (src/sql/errors.ts): the Spark error class is in `errorClass`.
  // Errors a Spark Connect server raises carry the same codes (src/sql/connect/errors.ts).
  | 'ERR_SQL_ANALYSIS'
  | 'ERR_SQL_PARSE'
  | 'ERR_SQL_EXECUTION'
  | 'ERR_SQL_ARGUMENT'
  | 'ERR_STREAMING_QUERY_EXCEPTION'
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

/** Base class of every error tspark raises on purpose. */
export class TsparkError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A bad argument or option, caught at the API boundary: names the parameter, the rule and the value. */
export class IllegalArgumentError extends TsparkError {
  constructor(message: string, code: ErrorCode = 'ERR_INVALID_ARGUMENT') {
    super(code, message);
  }
}

/** An operation that is not allowed in the context's current lifecycle state. */
export class IllegalStateError extends TsparkError {}

/** A batch job failed; `batchTime` says which batch, `cause` holds what the user function threw. */
export class BatchFailedError extends TsparkError {
  readonly batchTime: number;
  constructor(batchTime: number, message: string, cause: unknown) {
    super('ERR_BATCH_FAILED', message, { cause });
    this.batchTime = batchTime;
  }
}

/** A problem reading a source (a file that vanished, a directory that does not exist). */
export class SourceError extends TsparkError {
  constructor(message: string, options?: { cause?: unknown; code?: ErrorCode }) {
    super(options?.code ?? 'ERR_SOURCE', message, options);
  }
}

/** A checkpoint that cannot be used: missing, corrupt, or written by an incompatible version. */
export class CheckpointError extends TsparkError {
  readonly file: string | undefined;
  constructor(message: string, file?: string, options?: { cause?: unknown }) {
    super('ERR_CHECKPOINT_INVALID', message, options);
    this.file = file;
  }
}

/** Formats a value for an error message: strings quoted, the rest as JSON-ish text. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return `function ${value.name || '(anonymous)'}`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s;
  } catch {
    return String(value);
  }
}

/** Durations in messages: "500 ms", "1 s", "1.5 s", as Spark prints them for the user. */
export function formatDurationMs(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}

/** Rejects option keys that the function does not know, with the exact key in the message. */
export function checkOptionKeys(where: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new IllegalArgumentError(
        `${where}: unknown option "${key}"; known options are ${known.map((k) => `"${k}"`).join(', ')}`,
        'ERR_UNKNOWN_OPTION',
      );
    }
  }
}
