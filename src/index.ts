/**
 * tspark's public API, listed by name. Nothing outside this list is public.
 */

// Time
export { ManualClock, SystemClock } from './engine/clock.js';
export type { Clock, ClockTask, Cancel } from './engine/clock.js';

// Errors
export {
  TsparkError,
  IllegalArgumentError,
  IllegalStateError,
  BatchFailedError,
  SourceError,
  CheckpointError,
} from './engine/errors.js';
export type { ErrorCode } from './engine/errors.js';

// Events and the source contract
export type {
  ContextState,
  SourceState,
  BatchInfo,
  OutputOpInfo,
  SourceInfo,
  GraphNode,
  StreamingEvent,
  StreamingEventListener,
} from './engine/events.js';
export type { Receiver, ReceiverSink, PolledSource, PollContext } from './engine/source.js';

// Batch side
export { SparkContext } from './engine/spark-context.js';
export { RDD } from './engine/rdd/rdd.js';
export type { Pair, StorageLevel } from './engine/rdd/rdd-base.js';
export { StatCounter } from './engine/rdd/stat-counter.js';
export { Broadcast, Accumulator } from './engine/shared-variables.js';
export type { AccumulatorParam } from './engine/shared-variables.js';

// Streams
export { StreamingContext } from './engine/streaming-context.js';
export type { StreamingContextOptions } from './engine/streaming-context.js';
export { DStream } from './engine/dstream/dstream.js';
export type { MapWithStateDStream } from './engine/dstream/dstream.js';
export type { ReceiverStreamOptions } from './engine/inputs/receiver-input.js';
export { rddToFileName } from './engine/dstream/save-as-text-files.js';
export { StateSpec } from './engine/dstream/state-spec.js';
export type { State, MappingFunction } from './engine/dstream/state-spec.js';
export type { UpdateFunc } from './engine/dstream/update-state-by-key.js';

// Sources (socketTextStream, textFileStream, binaryRecordsStream)
export { SocketReceiver } from './sources/socket-receiver.js';
export type { SocketTextStreamOptions } from './sources/socket-receiver.js';
export { DirectorySource } from './sources/directory-source.js';
export type { TextFileStreamOptions, BinaryRecordsStreamOptions } from './sources/directory-source.js';
export { LineFramer } from './sources/line-framing.js';
export type { LineFramerOptions, LongLinePolicy, FramedLines } from './sources/line-framing.js';

// DataFrames and Spark SQL (pyspark.sql): SparkSession, DataFrame, Column, functions (F),
// Window, Row, the types, Spark's error classes and the data-source contract.
export {
  SparkSession,
  Builder,
  UDFRegistration,
  DataFrameImpl,
  GroupedData,
  DataFrameNaFunctions,
  DataFrameReader,
  DataFrameWriter,
  Catalog,
  Table,
  RuntimeConfig,
  Column,
  Window,
  WindowSpec,
  functions,
  Row,
  NullType,
  StringType,
  BinaryType,
  BooleanType,
  ByteType,
  ShortType,
  IntegerType,
  LongType,
  FloatType,
  DoubleType,
  DecimalType,
  DateType,
  TimestampType,
  TimestampNTZType,
  CalendarIntervalType,
  ArrayType,
  MapType,
  StructField,
  StructType,
  Decimal,
  parseDataType,
  parseSchema,
  toDDL,
  fromJson,
  isNumeric,
  isIntegral,
  isComplex,
  sameType,
  SparkError,
  AnalysisException,
  ParseException,
  SparkRuntimeException,
  SparkArgumentError,
  StreamingQueryException,
  ERROR_CLASSES,
  registerDataSource,
  findDataSource,
  SourceOptions,
  setSqlParser,
} from './sql/index.js';

// Structured Streaming (pyspark.sql.streaming): readStream / writeStream, StreamingQuery,
// spark.streams, listeners, GroupState, and MemoryStream for tests and classes.
export {
  DataStreamReader,
  DataStreamWriter,
  StreamingQuery,
  StreamingQueryManager,
  StreamingQueryListener,
  GroupState,
  MemoryStream,
} from './sql/index.js';
export type {
  QueryStartedEvent,
  QueryProgressEvent,
  QueryIdleEvent,
  QueryTerminatedEvent,
  StreamingQueryStatus,
  StreamingQueryListenerLike,
  StreamingQueryEvent,
  StreamingQueryProgress,
  SourceProgress,
  SinkProgress,
  StateOperatorProgress,
  Trigger,
  TriggerOptions,
  ForeachWriter,
  ForeachBatchFunction,
} from './sql/index.js';
export type {
  SparkSessionOptions,
  DataFrame,
  ColumnAccess,
  ColumnOrName,
  DataType,
  DataTypeKind,
  InternalRow,
  Interval,
  LongValue,
  ErrorClass,
  SqlParser,
  RowPartitions,
  SourceSession,
  BatchReadRequest,
  BatchScan,
  SaveMode,
  BatchWriteRequest,
  Offset,
  ReadLimit,
  StreamReadRequest,
  StreamSchemaRequest,
  StreamSource,
  OutputMode,
  StreamWriteRequest,
  StreamSink,
  SourceUse,
  DataSourceProvider,
} from './sql/index.js';

// Formatting, as pprint writes it
export { formatBatchTime, formatRecord } from './engine/format.js';
export { compareNatural } from './engine/order.js';

export { VERSION } from './version.js';
