/**
 * The SQL side of tspark's public API: SparkSession, DataFrame, Column, functions (`F`),
 * Window, Row, the types, and Spark's error classes.
 */
export { SparkSession, UDFRegistration } from './api/session.js';
export { Builder } from './api/builder.js';
export type { SparkSessionOptions } from './api/session.js';
export { DataFrameImpl } from './api/dataframe.js';
export type { DataFrame, ColumnAccess } from './api/dataframe.js';
export { GroupedData } from './api/grouped-data.js';
export { DataFrameNaFunctions } from './api/na.js';
export { DataFrameReader } from './api/reader.js';
export { DataFrameWriter } from './api/writer.js';
export { Catalog, Table } from './api/catalog.js';
export { RuntimeConfig } from './api/conf.js';
export { Column } from './column.js';
export type { ColumnOrName } from './column.js';
export { Window, WindowSpec } from './api/window.js';
export * as functions from './api/functions.js';
export { Row } from './public-row.js';
export * from './types/index.js';
export {
  SparkError,
  AnalysisException,
  ParseException,
  SparkRuntimeException,
  SparkArgumentError,
  StreamingQueryException,
  ERROR_CLASSES,
} from './errors.js';
export type { ErrorClass } from './errors.js';
export { registerDataSource, findDataSource } from './sources/registry.js';
// Structured Streaming.
export { DataStreamReader } from './streaming/reader.js';
export { DataStreamWriter } from './streaming/writer.js';
export { StreamingQuery } from './streaming/query.js';
export { StreamingQueryManager } from './streaming/manager.js';
export { StreamingQueryListener } from './streaming/listener.js';
export type { QueryStartedEvent, QueryProgressEvent, QueryIdleEvent, QueryTerminatedEvent, StreamingQueryStatus, StreamingQueryListenerLike, StreamingQueryEvent } from './streaming/listener.js';
export type { StreamingQueryProgress, SourceProgress, SinkProgress } from './streaming/progress.js';
export type { StateOperatorProgress } from './streaming/operators/operator.js';
export { GroupState } from './streaming/group-state.js';
export { MemoryStream } from './streaming/memory-stream-api.js';
export type { Trigger, TriggerOptions } from './streaming/trigger.js';
export type { ForeachWriter, ForeachBatchFunction } from './streaming/sinks/foreach.js';
export type * from './sources/contract.js';
export { SourceOptions } from './sources/options.js';
export { setSqlParser } from './parser/hook.js';
// The SQL parser registers itself with the hook when imported: spark.sql, F.expr, selectExpr.
import './parser/index.js';
export type { SqlParser } from './parser/hook.js';
