/**
 * The Spark Connect client, listed by name: what the remote SparkSession (issue 15) builds on.
 * `src/index.ts` does not export it yet; the DataFrame layer will.
 */

// Sessions and calls.
export { ConnectClient } from './client.js';
export type { ConnectClientOptions, ExecuteOptions, ExplainMode } from './client.js';
export type { ConnectResult } from './results.js';
export type { ExecutionHandle, RetryPolicy } from './execute.js';

// Connection strings.
export { parseConnectionString, maskToken, DEFAULT_CONNECT_PORT, InvalidConnectUrlError } from './url.js';
export type { ConnectionOptions, ConnectionDefaults } from './url.js';

// Errors.
export { ConnectError, SparkRemoteError, codeForSparkError } from './errors.js';
export type { SparkErrorInfo } from './errors.js';

// Structured Streaming at the protocol level.
export { RemoteStreamingQuery, RemoteStreamingQueryManager } from './streaming.js';
export { RemoteListenerBus } from './listener-bus.js';
export type { RemoteListenerEvent } from './listener-bus.js';
export type { StreamingQueryStatus, StreamingQueryProgress, StreamingQueryFailure } from './streaming.js';

// Translation of tspark plans, and the type and value mapping.
export { toProtoPlan, toProtoRelation } from './translate/relations.js';
export { toProtoExpression } from './translate/expressions.js';
export { fromProtoType, toProtoType } from './types.js';
export { decodeArrowBatch } from './arrow.js';

// The generated protocol types, for callers that build messages by hand.
export type * from './proto.js';
