/**
 * The web UI's wire protocol: every message the server pushes to the page and every message
 * the page may send, as discriminated unions on `type`, with a version `v`. Both sides decode
 * with validation (the page decodes with this same file, bundled), so a malformed or foreign
 * message is refused with a reason instead of half-applied. Nothing here can ask the server to
 * run code: the client's vocabulary is `hello` and `ping`.
 */
import type { ContextState, SourceState } from '../engine/events.js';
import {
  type QueryPointView,
  type QueryState,
  type QueryView,
  type SqlExecutionView,
  type WindowBatchView,
  queryPointView,
  queryState,
  queryView,
  sqlExecutionView,
  windowBatchView,
} from './protocol-queries.js';
import { type Check, Refusal, arrayOf, bool, count, idRecord, literal, nullable, num, object, plainObject, show, str } from './protocol-check.js';

/**
 * The protocol version; bump it on any change to the shapes below. 3 added the Structured
 * Streaming and SQL tabs' messages (`queries`, `query`, `sqlExecution`); the messages of 2 keep
 * their shapes.
 */
export const PROTOCOL_VERSION = 3;

/** The WebSocket path on the UI server. */
export const WS_PATH = '/ws';

/** Largest client message the server reads, in bytes; client messages are tiny. */
export const MAX_CLIENT_MESSAGE_BYTES = 1024;

/** One StreamingContext as the page shows it; `id` counts contexts attached to this server. */
export interface ContextView {
  readonly id: number;
  readonly state: ContextState;
  readonly master: string;
  readonly appName: string;
  readonly batchMs: number;
  /** Engine-clock ms when `start()` ran, or null before it. */
  readonly startTime: number | null;
  readonly stopTime: number | null;
  /** The first batch's time, or null before it: windows are aligned to one interval before it, as Spark's zero time. */
  readonly firstBatchTime: number | null;
  /** True while the teaching clock is paused (`ssc.pause()`). */
  readonly paused: boolean;
}

/** Where a batch is in its life, as Spark's running / waiting / completed tables split them. */
export type BatchStatus = 'queued' | 'processing' | 'completed' | 'failed';

/** One output operation of a batch (its id is the output's node id in the graph). */
export interface OutputOpView {
  readonly id: number;
  readonly name: string;
  readonly status: 'queued' | 'running' | 'succeeded' | 'failed';
  readonly error: string | null;
}

/** One batch row; times are engine-clock ms, null until known. */
export interface BatchView {
  readonly batchTime: number;
  readonly submissionTime: number;
  readonly processingStartTime: number | null;
  readonly processingEndTime: number | null;
  readonly numRecords: number;
  readonly status: BatchStatus;
  readonly outputOpsSucceeded: number;
  readonly outputOpsTotal: number;
  readonly outputOps: readonly OutputOpView[];
  /** The first error of the batch (which output operation, and its message), or null. */
  readonly error: string | null;
  /** Records received per input stream id. */
  readonly streamRecords: Readonly<Record<string, number>>;
  /** Records through each DStream id in this batch, where the engine counted them. */
  readonly streamCounts: Readonly<Record<string, number>>;
  /** Ids whose count is a lower bound: an output such as pprint read only the first records. */
  readonly partialCounts: readonly number[];
}

/** One partition a source reads by offsets (Kafka): where this process stands and the partition's end. */
export interface PartitionView {
  readonly topic: string;
  readonly partition: number;
  /** The next offset this process reads. */
  readonly offset: number;
  /** The partition's end when last asked; lag = latest − offset. */
  readonly latest: number | null;
}

/** A consumer-group rebalance as this process saw it. */
export interface RebalanceView {
  readonly time: number;
  readonly generation: number;
  /** What this process reads from then on: `words-0` … */
  readonly partitions: readonly string[];
}

/** The consumer group a source reads in, with its recent rebalances (oldest first). */
export interface GroupView {
  readonly id: string;
  readonly generation: number;
  readonly rebalances: readonly RebalanceView[];
}

/** One input stream's status row. */
export interface SourceView {
  readonly id: number;
  readonly name: string;
  readonly state: SourceState;
  readonly recordsReceived: number;
  /** Records per second in the last completed batch. */
  readonly ratePerSec: number;
  readonly lastMessage: string | null;
  readonly lastError: string | null;
  readonly lastErrorTime: number | null;
  /** For sources read by offsets (Kafka): the partitions this process reads; null for others. */
  readonly partitions: readonly PartitionView[] | null;
  /** For consumer-group sources: the group and its rebalances; null for others. */
  readonly group: GroupView | null;
}

/** A node of the DStream graph, for the pipeline picture; window and slide in ms when windowed. */
export interface GraphNodeView {
  readonly id: number;
  readonly name: string;
  readonly parents: readonly number[];
  readonly kind: 'input' | 'transform' | 'output';
  readonly windowMs: number | null;
  readonly slideMs: number | null;
}

/** Counts over the whole life of a context, not just the retained batches. */
export interface Totals {
  readonly completedBatches: number;
  readonly totalRecords: number;
}

/** What the page remembers of the context before the current one, to say it stopped. */
export interface PreviousContext {
  readonly id: number;
  readonly state: ContextState;
  readonly stopTime: number | null;
  readonly completedBatches: number;
  readonly totalRecords: number;
}

/** Everything the page needs to draw itself from scratch: sent on connect and on a new context. */
export interface SnapshotMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'snapshot';
  /** The engine clock's time when this was sent. */
  readonly now: number;
  readonly context: ContextView;
  readonly graph: readonly GraphNodeView[];
  /** Retained batches, oldest first. */
  readonly batches: readonly BatchView[];
  readonly sources: readonly SourceView[];
  readonly totals: Totals;
  readonly previous: PreviousContext | null;
}

/** The context changed state (started, stopped) or its graph grew. */
export interface ContextMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'context';
  readonly now: number;
  readonly context: ContextView;
  readonly graph: readonly GraphNodeView[];
}

/** A batch was queued, started, completed or failed. */
export interface BatchMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'batch';
  readonly now: number;
  readonly batch: BatchView;
  readonly totals: Totals;
}

/** A source changed state, warned, or its rate moved. */
export interface SourceMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'source';
  readonly now: number;
  readonly source: SourceView;
}

/** A heartbeat carrying the engine clock, so "running for …" moves between batches. */
export interface ClockMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'clock';
  readonly now: number;
}

/** The answer to a `ping`. */
export interface PongMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'pong';
  readonly id: number;
}

/** The session's streaming queries and executed SQL actions, sent on connect and when the shell binds a new session. */
export interface QueriesMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'queries';
  readonly now: number;
  /** Oldest first. */
  readonly queries: readonly QueryState[];
  readonly executions: readonly SqlExecutionView[];
}

/** A query started, progressed, changed status or ended: its view, and the batch point and window batch to append. */
export interface QueryMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'query';
  readonly now: number;
  readonly query: QueryView;
  readonly point: QueryPointView | null;
  readonly windows: WindowBatchView | null;
}

/** A DataFrame / SQL action finished. */
export interface SqlExecutionMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'sqlExecution';
  readonly now: number;
  readonly execution: SqlExecutionView;
}

/** Every message the server sends. */
export type ServerMessage =
  | SnapshotMessage
  | ContextMessage
  | BatchMessage
  | SourceMessage
  | ClockMessage
  | PongMessage
  | QueriesMessage
  | QueryMessage
  | SqlExecutionMessage;

/** The page says hello once connected; the server answers with a snapshot. */
export interface HelloMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'hello';
}

/** A liveness check; the server answers with a `pong` of the same id. */
export interface PingMessage {
  readonly v: typeof PROTOCOL_VERSION;
  readonly type: 'ping';
  readonly id: number;
}

/** Every message the page may send. There is deliberately no message that carries code. */
export type ClientMessage = HelloMessage | PingMessage;

/** The result of decoding: the message, or why it was refused. */
export type Decoded<T> = { readonly ok: true; readonly message: T } | { readonly ok: false; readonly error: string };

// ---------------------------------------------------------------------------------------------
// Validation (protocol-check.ts): each shape above has a checker typed against it.

const version = literal(PROTOCOL_VERSION);

const contextView = object<ContextView>({
  id: count,
  state: literal('INITIALIZED', 'ACTIVE', 'STOPPED'),
  master: str,
  appName: str,
  batchMs: num,
  startTime: nullable(num),
  stopTime: nullable(num),
  firstBatchTime: nullable(num),
  paused: bool,
});

const batchView = object<BatchView>({
  batchTime: num,
  submissionTime: num,
  processingStartTime: nullable(num),
  processingEndTime: nullable(num),
  numRecords: count,
  status: literal('queued', 'processing', 'completed', 'failed'),
  outputOpsSucceeded: count,
  outputOpsTotal: count,
  outputOps: arrayOf(
    object<OutputOpView>({ id: count, name: str, status: literal('queued', 'running', 'succeeded', 'failed'), error: nullable(str) }),
  ),
  error: nullable(str),
  streamRecords: idRecord(count),
  streamCounts: idRecord(count),
  partialCounts: arrayOf(count),
});

const sourceView = object<SourceView>({
  id: count,
  name: str,
  state: literal('initialized', 'connecting', 'connected', 'retrying', 'closed', 'stopped'),
  recordsReceived: count,
  ratePerSec: num,
  lastMessage: nullable(str),
  lastError: nullable(str),
  lastErrorTime: nullable(num),
  partitions: nullable(arrayOf(object<PartitionView>({ topic: str, partition: count, offset: count, latest: nullable(count) }))),
  group: nullable(
    object<GroupView>({
      id: str,
      generation: num,
      rebalances: arrayOf(object<RebalanceView>({ time: num, generation: num, partitions: arrayOf(str) })),
    }),
  ),
});

const graphNodeView = object<GraphNodeView>({
  id: count,
  name: str,
  parents: arrayOf(count),
  kind: literal('input', 'transform', 'output'),
  windowMs: nullable(num),
  slideMs: nullable(num),
});

const totals = object<Totals>({ completedBatches: count, totalRecords: count });

const previousContext = object<PreviousContext>({
  id: count,
  state: literal('INITIALIZED', 'ACTIVE', 'STOPPED'),
  stopTime: nullable(num),
  completedBatches: count,
  totalRecords: count,
});

const serverChecks: { readonly [K in ServerMessage['type']]: Check<Extract<ServerMessage, { type: K }>> } = {
  snapshot: object<SnapshotMessage>({
    v: version,
    type: literal('snapshot'),
    now: num,
    context: contextView,
    graph: arrayOf(graphNodeView),
    batches: arrayOf(batchView),
    sources: arrayOf(sourceView),
    totals,
    previous: nullable(previousContext),
  }),
  context: object<ContextMessage>({ v: version, type: literal('context'), now: num, context: contextView, graph: arrayOf(graphNodeView) }),
  batch: object<BatchMessage>({ v: version, type: literal('batch'), now: num, batch: batchView, totals }),
  source: object<SourceMessage>({ v: version, type: literal('source'), now: num, source: sourceView }),
  clock: object<ClockMessage>({ v: version, type: literal('clock'), now: num }),
  pong: object<PongMessage>({ v: version, type: literal('pong'), id: count }),
  queries: object<QueriesMessage>({ v: version, type: literal('queries'), now: num, queries: arrayOf(queryState), executions: arrayOf(sqlExecutionView) }),
  query: object<QueryMessage>({ v: version, type: literal('query'), now: num, query: queryView, point: nullable(queryPointView), windows: nullable(windowBatchView) }),
  sqlExecution: object<SqlExecutionMessage>({ v: version, type: literal('sqlExecution'), now: num, execution: sqlExecutionView }),
};

const clientChecks: { readonly [K in ClientMessage['type']]: Check<Extract<ClientMessage, { type: K }>> } = {
  hello: object<HelloMessage>({ v: version, type: literal('hello') }),
  ping: object<PingMessage>({ v: version, type: literal('ping'), id: count }),
};

function decodeWith<T>(text: string, checks: Readonly<Record<string, Check<T>>>, maxBytes: number): Decoded<T> {
  if (text.length > maxBytes) return { ok: false, error: `message is ${text.length} characters; the limit is ${maxBytes}` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: 'message is not JSON' };
  }
  try {
    const o = plainObject(parsed, 'message');
    if (o.v !== PROTOCOL_VERSION) {
      return { ok: false, error: `message is protocol version ${show(o.v)}; this side speaks version ${PROTOCOL_VERSION} (reload the page)` };
    }
    const type = o.type;
    if (typeof type !== 'string' || !Object.hasOwn(checks, type)) {
      return { ok: false, error: `message type ${show(type)} is not one of ${Object.keys(checks).join(', ')}` };
    }
    const check = checks[type] as Check<T>;
    return { ok: true, message: check(parsed, 'message') };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, error: e.message };
    throw e;
  }
}

/** Serialises a server message; the same shape {@link decodeServerMessage} accepts. */
export function encodeServerMessage(message: ServerMessage): string {
  return JSON.stringify(message);
}

/** Serialises a client message; the same shape {@link decodeClientMessage} accepts. */
export function encodeClientMessage(message: ClientMessage): string {
  return JSON.stringify(message);
}

/** Parses and validates a message from the server (used by the page). */
export function decodeServerMessage(text: string): Decoded<ServerMessage> {
  return decodeWith<ServerMessage>(text, serverChecks, Number.MAX_SAFE_INTEGER);
}

/** Parses and validates a message from a page; anything else is refused with the reason. */
export function decodeClientMessage(text: string): Decoded<ClientMessage> {
  return decodeWith<ClientMessage>(text, clientChecks, MAX_CLIENT_MESSAGE_BYTES);
}
