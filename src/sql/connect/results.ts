/**
 * Reading an ExecutePlan's responses: rows and schema of a relation, or the result responses
 * of a command. Progress and metrics responses are skipped here.
 */
import { StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import { decodeArrowBatch } from './arrow.js';
import type { ExecutePlanResponse__Output } from './proto.js';
import { fromProtoType } from './types.js';

/** The rows of a relation (internal value form, as a local query's) and its schema. */
export interface ConnectResult {
  readonly schema: StructType;
  readonly rows: InternalRow[];
}

/** Collects every Arrow batch of a relation's responses into rows. */
export async function collectResult(responses: AsyncIterable<ExecutePlanResponse__Output>): Promise<ConnectResult> {
  const acc = new ResultAccumulator();
  for await (const r of responses) acc.add(r);
  return acc.result();
}

/** The rows and schema of responses already received (a remote session's main thread decodes them). */
export function decodeResults(responses: Iterable<ExecutePlanResponse__Output>): ConnectResult {
  const acc = new ResultAccumulator();
  for (const r of responses) acc.add(r);
  return acc.result();
}

/** Decodes responses one at a time: the schema the server sends first, then each Arrow batch. */
class ResultAccumulator {
  private schema: StructType | undefined;
  private readonly rows: InternalRow[] = [];

  add(r: ExecutePlanResponse__Output): void {
    if (r.schema) {
      const t = fromProtoType(r.schema);
      if (t instanceof StructType) this.schema = t;
    }
    if (r.response_type === 'arrow_batch' && r.arrow_batch && r.arrow_batch.data.length > 0) {
      const batch = decodeArrowBatch(r.arrow_batch.data, this.schema);
      this.schema ??= batch.schema;
      // push(...rows) overflows the stack on big batches.
      for (const row of batch.rows) this.rows.push(row);
    }
  }

  result(): ConnectResult {
    return { schema: this.schema ?? new StructType([]), rows: this.rows };
  }
}

const RESULT_KINDS = new Set<ExecutePlanResponse__Output['response_type']>([
  'sql_command_result',
  'write_stream_operation_start_result',
  'streaming_query_command_result',
  'streaming_query_manager_command_result',
  'streaming_query_listener_events_result',
  'get_resources_command_result',
  'create_resource_profile_command_result',
  'checkpoint_command_result',
  'ml_command_result',
  'arrow_batch',
]);

/** The responses of a command that carry its result. */
export async function commandResults(responses: AsyncIterable<ExecutePlanResponse__Output>): Promise<ExecutePlanResponse__Output[]> {
  const out: ExecutePlanResponse__Output[] = [];
  for await (const r of responses) if (RESULT_KINDS.has(r.response_type)) out.push(r);
  return out;
}

/**
 * The responses that matter to a caller that decodes them itself: the schema, Arrow batches and
 * command results, each trimmed to those fields (progress and metrics dropped), so they cross a
 * thread boundary cheaply.
 */
export async function keptResponses(responses: AsyncIterable<ExecutePlanResponse__Output>): Promise<ExecutePlanResponse__Output[]> {
  const out: ExecutePlanResponse__Output[] = [];
  for await (const r of responses) {
    const kind = r.response_type;
    const result = kind !== undefined && RESULT_KINDS.has(kind);
    if (!result && !r.schema) continue;
    const trimmed: Record<string, unknown> = { response_type: result ? kind : undefined, schema: r.schema };
    if (result && kind !== undefined) trimmed[kind] = r[kind];
    out.push(trimmed as unknown as ExecutePlanResponse__Output);
  }
  return out;
}
