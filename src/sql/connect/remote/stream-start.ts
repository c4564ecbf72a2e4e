/**
 * `df.writeStream…start()` on a remote session: the query is sent as a WriteStreamOperationStart
 * (the plan translated, the sink, its options, trigger, output mode and name) and runs on the
 * server. The `console` sink runs there as a `memory` sink that the console echo reads back (see
 * console-echo.ts); `foreach`/`foreachBatch` with TypeScript functions are refused, since Spark
 * cannot run JavaScript.
 */
import { randomBytes } from 'node:crypto';
import { TsparkError } from '../../../engine/errors.js';
import type { LogicalPlan } from '../../plan/relations.js';
import type { WriteStreamOperationStart } from '../proto.js';
import { ConsoleEcho } from './console-echo.js';
import type { RemoteSessionExecutor } from './executor.js';
import { RemoteQueryRun } from './query-run.js';
import { refuseRemote } from './refusals.js';
import type { RemoteStreamEvents } from './stream-events.js';

/** When batches run, as the writer's `trigger(…)` gives it. */
export type RemoteTrigger =
  | { readonly kind: 'processingTime'; readonly intervalMs: number }
  | { readonly kind: 'once' }
  | { readonly kind: 'availableNow' }
  | { readonly kind: 'continuous'; readonly intervalMs: number };

/** Everything `writeStream` collected before `start()`. */
export interface StreamStartSpec {
  /** The sink; undefined for the server's default (spark.sql.sources.default). */
  readonly format: string | undefined;
  readonly outputMode: 'append' | 'complete' | 'update';
  readonly options: Readonly<Record<string, string>>;
  readonly partitionBy: readonly string[];
  readonly queryName: string | null;
  readonly trigger: RemoteTrigger;
  readonly path?: string;
  /** `toTable(name)`. */
  readonly tableName?: string;
  /** Set when the writer was given a TypeScript function (refused remotely). */
  readonly foreach?: 'foreach' | 'foreachBatch';
}

/** Where a started query prints (its console echo) and reports problems. */
export interface StreamOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Starts the query on the server and returns its handle. */
export function startRemoteStream(remote: RemoteSessionExecutor, events: RemoteStreamEvents, plan: LogicalPlan, spec: StreamStartSpec, output: StreamOutput): RemoteQueryRun {
  if (spec.foreach) refuseRemote(spec.foreach);
  const input = remote.relation(plan);
  const console = spec.format?.toLowerCase() === 'console';
  const options = { ...spec.options };
  let numRows = 20;
  let truncate = true;
  if (console) {
    numRows = intOption(options, 'numRows', 20);
    truncate = boolOption(options, 'truncate', true);
    delete options['numRows'];
    delete options['truncate'];
  }
  // A console query needs a table to land in: the user's name, or one made up for it.
  const table = console ? (spec.queryName ?? `tspark_console_${randomBytes(6).toString('hex')}`) : undefined;
  const op: WriteStreamOperationStart = {
    input,
    ...(console ? { format: 'memory' } : spec.format !== undefined ? { format: spec.format } : {}),
    options,
    partitioning_column_names: [...spec.partitionBy],
    output_mode: spec.outputMode,
    ...(table !== undefined ? { query_name: table } : spec.queryName !== null ? { query_name: spec.queryName } : {}),
    ...trigger(spec.trigger),
    ...(spec.path !== undefined ? { path: spec.path } : {}),
    ...(spec.tableName !== undefined ? { table_name: spec.tableName } : {}),
  };
  // Registered before the start, so the first batch's progress is not missed (by the console
  // echo, or by whoever subscribed to the session's events: the shell, the UI).
  if (console || events.subscribed) events.ensureListening();
  const responses = remote.command({ write_stream_operation_start: op });
  const r = responses.find((x) => x.response_type === 'write_stream_operation_start_result')?.write_stream_operation_start_result;
  if (!r?.query_id) throw new TsparkError('ERR_CONNECT_PROTOCOL', `Spark Connect at ${remote.connection.endpoint}: WriteStreamOperationStart returned no query id`);
  const bridge = remote.connection.bridge;
  let echo: ConsoleEcho | undefined;
  if (console) {
    echo = new ConsoleEcho(bridge, { queryId: r.query_id.id, table: table!, outputMode: spec.outputMode, numRows, truncate, out: output.out, err: output.err });
    const e = echo;
    const off = events.subscribe((ev) => {
      e.onEvent(ev);
      if (ev.type === 'terminated' && ev.event['id'] === r.query_id!.id) off();
    });
  }
  const run = new RemoteQueryRun(bridge, r.query_id.id, r.query_id.run_id, spec.queryName, echo);
  if (r.query_started_event_json) events.post({ type: 'started', event: JSON.parse(r.query_started_event_json) as Record<string, unknown> });
  return run;
}

function trigger(t: RemoteTrigger): Partial<WriteStreamOperationStart> {
  switch (t.kind) {
    case 'processingTime':
      return t.intervalMs > 0 ? { processing_time_interval: `${t.intervalMs} milliseconds` } : {};
    case 'once':
      return { once: true };
    case 'availableNow':
      return { available_now: true };
    case 'continuous':
      return { continuous_checkpoint_interval: `${t.intervalMs} milliseconds` };
  }
}

function intOption(options: Record<string, string>, key: string, dflt: number): number {
  const k = Object.keys(options).find((x) => x.toLowerCase() === key.toLowerCase());
  if (k === undefined) return dflt;
  const n = Number(options[k]);
  if (!Number.isInteger(n) || n < 0) throw new TsparkError('ERR_INVALID_ARGUMENT', `console sink: "${key}" must be a whole number >= 0; got ${JSON.stringify(options[k])}`);
  return n;
}

function boolOption(options: Record<string, string>, key: string, dflt: boolean): boolean {
  const k = Object.keys(options).find((x) => x.toLowerCase() === key.toLowerCase());
  if (k === undefined) return dflt;
  const v = options[k]!.trim().toLowerCase();
  if (v !== 'true' && v !== 'false') throw new TsparkError('ERR_INVALID_ARGUMENT', `console sink: "${key}" must be true or false; got ${JSON.stringify(options[k])}`);
  return v === 'true';
}
