/**
 * The error classes Structured Streaming raises, with Spark 3.5's templates. Part of the one
 * catalog (`errors.ts` spreads them into `ERROR_CLASSES`). Spark's unsupported-operation
 * messages are legacy (no class): they are raised as `LEGACY_ANALYSIS` with Spark's text.
 */
export const STREAMING_ERROR_CLASSES = {
  STREAM_FAILED: { template: 'Query [id = <id>, runId = <runId>] terminated with exception: <message>' },
  WRITE_STREAM_NOT_ALLOWED: { sqlState: '42601', template: '`writeStream` can be called only on streaming Dataset/DataFrame.' },
  NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING: {
    sqlState: '42KDE',
    template:
      'Window function is not supported in <windowFunc> (as column <columnName>) on streaming DataFrames/Datasets. Structured Streaming only supports time-window aggregation using the WINDOW function. (window specification: <windowSpec>)',
  },
  CANNOT_PARSE_INTERVAL: {
    template:
      'Unable to parse <intervalString>. Please ensure that the value provided is in a valid format for defining an interval. You can reference the documentation for the correct format. If the issue persists, please double check that the input value is not null or empty and try again.',
  },
  /** A streaming query's own illegal state (a stopped query asked to start, a state used out of turn). */
  STREAMING_ILLEGAL_STATE: { template: '<message>', legacy: true },
} as const;
