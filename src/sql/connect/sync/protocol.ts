/**
 * What a remote session's main thread and its transport worker say to each other: the calls the
 * worker serves (each one a Spark Connect RPC), the error shape that crosses the thread boundary,
 * and the events the worker pushes (listener-bus events). Everything here is structured-clonable
 * data: gRPC stays in the worker, plans and rows stay on the main thread.
 */
import type { MessagePort } from 'node:worker_threads';
import type { ConnectClientOptions, ExplainMode } from '../client.js';
import type { SparkErrorInfo } from '../error-types.js';
import type {
  AnalyzePlanRequest,
  AnalyzePlanResponse__Output,
  Command,
  ConfigRequest,
  ConfigResponse__Output,
  ExecutePlanResponse__Output,
  Plan,
} from '../proto.js';
import type { RemoteListenerEvent } from '../listener-bus.js';

/** Who the worker is talking to, once opened. */
export interface OpenedSession {
  readonly sessionId: string;
  readonly endpoint: string;
  /** The URL with the token masked. */
  readonly display: string;
}

/** Options of one ExecutePlan sent through the worker. */
export interface WireExecuteOptions {
  readonly operationId?: string;
  readonly tags?: readonly string[];
}

/** The calls the worker serves, as if they were synchronous; the bridge runs them either way. */
export interface WorkerOps {
  open(url: string, options: ConnectClientOptions): OpenedSession;
  /** Runs a plan; returns the responses that carry a schema, rows or a command result. */
  execute(plan: Plan, options: WireExecuteOptions): ExecutePlanResponse__Output[];
  command(command: Command): ExecutePlanResponse__Output[];
  analyze(request: Omit<AnalyzePlanRequest, 'session_id' | 'user_context' | 'client_type'>): AnalyzePlanResponse__Output;
  explain(plan: Plan, mode: ExplainMode): string;
  sparkVersion(): string;
  config(operation: NonNullable<ConfigRequest['operation']>): ConfigResponse__Output;
  interrupt(what: { all: true } | { tag: string } | { operationId: string }): string[];
  /** Registers the session's listener-bus listener; its events arrive as {@link WorkerEvent}s. */
  listen(): void;
  /** Removes it. */
  unlisten(): void;
  releaseSession(): void;
}

/** The name of a worker call. */
export type WorkerOp = keyof WorkerOps;

/** A call, sent to the worker. `sync` replies go to the port the main thread reads synchronously. */
export interface WorkerRequest {
  readonly id: number;
  readonly sync: boolean;
  readonly op: WorkerOp;
  readonly args: readonly unknown[];
}

/** An error as it crosses from the worker to the main thread. */
export type WireError =
  | { readonly kind: 'spark'; readonly info: SparkErrorInfo }
  | { readonly kind: 'tspark'; readonly name: string; readonly code: string; readonly message: string; readonly grpcCode?: number | undefined }
  | { readonly kind: 'other'; readonly message: string; readonly stack?: string | undefined };

/** The answer to one call. */
export type WorkerReply = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: WireError };

/** What the worker pushes without being asked: listener-bus events, and the end of the bus. */
export type WorkerEvent =
  | { readonly kind: 'listener'; readonly event: RemoteListenerEvent }
  | { readonly kind: 'listenerEnded'; readonly error?: WireError | undefined };

/** One message on the worker's asynchronous port: a reply to an async call, or an event. */
export type AsyncMessage = { readonly kind: 'reply'; readonly reply: WorkerReply } | { readonly kind: 'event'; readonly event: WorkerEvent };

/** What the worker gets at start. */
export interface WorkerInit {
  /** Int32 flag the worker sets (and notifies) when a sync reply is posted. */
  readonly signal: SharedArrayBuffer;
  /** Where sync replies go (the main thread reads it with receiveMessageOnPort). */
  readonly syncPort: MessagePort;
  /** Where async replies and events go. */
  readonly asyncPort: MessagePort;
}
