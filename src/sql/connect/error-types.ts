/**
 * The error classes of remote sessions, apart from the gRPC code that makes them (errors.ts), so
 * the main thread of a remote session can rebuild an error its transport worker reported without
 * loading gRPC: ConnectError (the connection, the protocol) and SparkRemoteError (Spark's own).
 */
import { TsparkError, type ErrorCode } from '../../engine/errors.js';

/** A problem with the connection or the protocol, not with the query. */
export class ConnectError extends TsparkError {
  /** The gRPC status code the call ended with, when it came from a call. */
  readonly grpcCode: number | undefined;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; grpcCode?: number }) {
    super(code, message, options);
    this.grpcCode = options?.grpcCode;
  }
}

/** What Spark said about one failure, from the status trailer or from FetchErrorDetails. */
export interface SparkErrorInfo {
  /** Spark's error class, e.g. `UNRESOLVED_COLUMN.WITH_SUGGESTION`; absent for exceptions without one. */
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Readonly<Record<string, string>>;
  /** The JVM exception's class and its superclasses, most specific first. */
  readonly exceptionClasses: readonly string[];
  /** Spark's message as the server sent it (may span lines: plan, SQL context). */
  readonly message: string;
  /** The server-side stack trace, when FetchErrorDetails returned one. */
  readonly stackTrace?: string;
  /** The id FetchErrorDetails takes, when the server kept the error. */
  readonly errorId?: string;
}

/** An error Spark raised running a request: Spark's error class, SQLSTATE and first message line. */
export class SparkRemoteError extends TsparkError {
  readonly errorClass: string | undefined;
  readonly sqlState: string | undefined;
  readonly messageParameters: Readonly<Record<string, string>>;
  /** The server's exception class, e.g. `org.apache.spark.sql.AnalysisException`. */
  readonly exceptionClass: string | undefined;
  /** The server's exception class and its superclasses, most specific first. */
  readonly exceptionClasses: readonly string[];
  /** The whole message as the server sent it, including the plan or the SQL context lines. */
  readonly serverMessage: string;
  readonly serverStackTrace: string | undefined;
  /** The server's id for this error (FetchErrorDetails), while the session lasts. */
  readonly errorId: string | undefined;
  constructor(info: SparkErrorInfo, options?: { cause?: unknown }) {
    super(codeForSparkError(info), firstLine(info), options);
    this.errorClass = info.errorClass;
    this.sqlState = info.sqlState;
    this.messageParameters = info.messageParameters;
    this.exceptionClass = info.exceptionClasses[0];
    this.exceptionClasses = info.exceptionClasses;
    this.serverMessage = info.message;
    this.serverStackTrace = info.stackTrace;
    this.errorId = info.errorId;
  }
  /** Spark's error class, as pyspark's `getErrorClass()`. */
  getErrorClass(): string | undefined {
    return this.errorClass;
  }
  /** SQLSTATE, as pyspark's `getSqlState()`. */
  getSqlState(): string | undefined {
    return this.sqlState;
  }
  /** The message parameters, as pyspark's `getMessageParameters()`. */
  getMessageParameters(): Readonly<Record<string, string>> {
    return this.messageParameters;
  }
}

/**
 * Our catalog code for a Spark error: the same family codes the local engine raises
 * (src/sql/errors.ts), so a test or a user's `catch` reads a remote error as a local one.
 */
export function codeForSparkError(info: SparkErrorInfo): ErrorCode {
  const cls = info.errorClass ?? '';
  const exceptions = info.exceptionClasses;
  if (cls.startsWith('INVALID_HANDLE.SESSION')) return 'ERR_CONNECT_SESSION_CLOSED';
  if (cls === 'OPERATION_CANCELED' || info.sqlState === 'HY008') return 'ERR_CONNECT_INTERRUPTED';
  if (cls.startsWith('PARSE_') || exceptions.some((e) => e.endsWith('.ParseException'))) return 'ERR_SQL_PARSE';
  if (exceptions.some((e) => e.endsWith('.StreamingQueryException'))) return 'ERR_STREAM_FAILED';
  if (exceptions.some((e) => e.endsWith('.AnalysisException')) || info.sqlState?.startsWith('42')) return 'ERR_SQL_ANALYSIS';
  return 'ERR_SQL_EXECUTION';
}

function firstLine(info: SparkErrorInfo): string {
  // Some messages (ParseException's) start with a newline before the text.
  const line = info.message.split('\n').map((l) => l.trim()).find((l) => l !== '');
  if (line !== undefined) return line;
  const cls = info.exceptionClasses[0];
  return cls ? `${cls} (no message)` : 'Spark reported an error without a message';
}
