/**
 * Spark Connect's protocol, loaded at run time from the generated descriptor, and the generated
 * message types under short names. Everything else in `connect/` imports the protocol from here.
 */
import * as grpc from '@grpc/grpc-js';
import { fromJSON, type Options } from '@grpc/proto-loader';
import { descriptor } from './generated/descriptor.js';
import type { ProtoGrpcType } from './generated/types/base.js';
import type { SparkConnectServiceClient } from './generated/types/spark/connect/SparkConnectService.js';

/**
 * How protobuf messages become JS objects. Must equal LOADER_FLAGS in scripts/gen-connect.mjs:
 * the generated types describe exactly these objects. Field names stay as in the .proto files
 * (snake_case, as Spark's docs spell them); 64-bit integers are decimal strings so no value loses
 * precision; enums are their names; absent fields get their defaults; `oneofs` adds a field that
 * names which member of each oneof is set, so a response's kind can be switched on.
 */
export const LOADER_OPTIONS: Options = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

let loaded: ProtoGrpcType | undefined;

/** The loaded `spark.connect` package (service constructor and message definitions), loaded once. */
export function sparkConnectProto(): ProtoGrpcType {
  if (!loaded) {
    const definition = fromJSON(descriptor, LOADER_OPTIONS);
    // loadPackageDefinition returns an untyped tree; the generated ProtoGrpcType describes it.
    loaded = grpc.loadPackageDefinition(definition) as unknown as ProtoGrpcType;
  }
  return loaded;
}

export type { SparkConnectServiceClient };

// Short names for the generated message types this module uses. `X` is what we send (every field
// optional); `X__Output` is what the loader hands back (defaults filled in).
export type { Plan, Plan__Output } from './generated/types/spark/connect/Plan.js';
export type { Relation, Relation__Output } from './generated/types/spark/connect/Relation.js';
export type { Command, Command__Output } from './generated/types/spark/connect/Command.js';
export type { Expression, Expression__Output } from './generated/types/spark/connect/Expression.js';
export type { DataType, DataType__Output } from './generated/types/spark/connect/DataType.js';
export type { UserContext } from './generated/types/spark/connect/UserContext.js';
export type {
  ExecutePlanRequest,
  ExecutePlanRequest__Output,
} from './generated/types/spark/connect/ExecutePlanRequest.js';
export type {
  ExecutePlanResponse,
  ExecutePlanResponse__Output,
} from './generated/types/spark/connect/ExecutePlanResponse.js';
export type { AnalyzePlanRequest } from './generated/types/spark/connect/AnalyzePlanRequest.js';
export type { AnalyzePlanResponse__Output } from './generated/types/spark/connect/AnalyzePlanResponse.js';
export type { ConfigRequest } from './generated/types/spark/connect/ConfigRequest.js';
export type { ConfigResponse__Output } from './generated/types/spark/connect/ConfigResponse.js';
export type { InterruptRequest } from './generated/types/spark/connect/InterruptRequest.js';
export type { InterruptResponse__Output } from './generated/types/spark/connect/InterruptResponse.js';
export type { ReattachExecuteRequest } from './generated/types/spark/connect/ReattachExecuteRequest.js';
export type { ReleaseExecuteRequest } from './generated/types/spark/connect/ReleaseExecuteRequest.js';
export type { ReleaseExecuteResponse__Output } from './generated/types/spark/connect/ReleaseExecuteResponse.js';
export type { ReleaseSessionRequest } from './generated/types/spark/connect/ReleaseSessionRequest.js';
export type { ReleaseSessionResponse__Output } from './generated/types/spark/connect/ReleaseSessionResponse.js';
export type { FetchErrorDetailsRequest } from './generated/types/spark/connect/FetchErrorDetailsRequest.js';
export type {
  FetchErrorDetailsResponse__Output,
  _spark_connect_FetchErrorDetailsResponse_Error__Output as ErrorDetail__Output,
} from './generated/types/spark/connect/FetchErrorDetailsResponse.js';
export type {
  WriteStreamOperationStart,
  WriteStreamOperationStart__Output,
} from './generated/types/spark/connect/WriteStreamOperationStart.js';
export type {
  WriteStreamOperationStartResult__Output,
} from './generated/types/spark/connect/WriteStreamOperationStartResult.js';
export type { StreamingQueryCommand } from './generated/types/spark/connect/StreamingQueryCommand.js';
export type {
  StreamingQueryCommandResult__Output,
} from './generated/types/spark/connect/StreamingQueryCommandResult.js';
export type {
  StreamingQueryManagerCommand,
} from './generated/types/spark/connect/StreamingQueryManagerCommand.js';
export type {
  StreamingQueryManagerCommandResult__Output,
} from './generated/types/spark/connect/StreamingQueryManagerCommandResult.js';
export type { StreamingQueryInstanceId } from './generated/types/spark/connect/StreamingQueryInstanceId.js';
