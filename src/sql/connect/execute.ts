/**
 * One ExecutePlan, reattachable as Spark's clients run it: the server keeps the operation's
 * responses until we release them, so when the stream ends early (the server closes long streams)
 * or the connection drops, ReattachExecute resumes after the last response received, and
 * ReleaseExecute frees what has been consumed. A stream that cannot be resumed fails with one
 * line that says the result is incomplete.
 */
import { randomUUID } from 'node:crypto';
import { status as GrpcStatus, type ClientReadableStream } from '@grpc/grpc-js';
import type { ConnectChannel } from './channel.js';
import { isServiceError } from './errors.js';
import type { ExecutePlanRequest, ExecutePlanResponse__Output, ReleaseExecuteRequest } from './proto.js';

/** How hard to try to resume a stream that broke. */
export interface RetryPolicy {
  readonly maxRetries: number;
  readonly initialBackoffMs: number;
  readonly maxBackoffMs: number;
}

/** A few quick tries: a blip is survived; a server that is gone is reported within a second or so. */
export const DEFAULT_RETRY: RetryPolicy = { maxRetries: 4, initialBackoffMs: 50, maxBackoffMs: 1000 };

/** What an execution needs from its client. */
export interface ExecutionContext {
  readonly channel: ConnectChannel;
  /** The fields every request carries: session, user, client type, observed server session. */
  base(): Pick<ExecutePlanRequest, 'session_id' | 'user_context' | 'client_type' | 'client_observed_server_side_session_id'>;
  /** Called with each response, so the client can notice the server-side session id. */
  observe(response: ExecutePlanResponse__Output): void;
  /** Turns a raw failure into our error; `receivedAny` tells a drop from a refusal. */
  fail(e: unknown, method: string, receivedAny: boolean): Error;
  readonly retry: RetryPolicy;
  readonly reattachable: boolean;
}

/** Stream state the caller can read while iterating. */
export interface ExecutionHandle {
  readonly operationId: string;
  /** Number of times the stream was resumed with ReattachExecute. */
  reattachCount: number;
  /** Cancels the stream on our side (the caller also sends Interrupt to stop the server's work). */
  cancel(): void;
}

/** Runs a plan and yields every response until the operation completes. */
export function execute(
  ctx: ExecutionContext,
  request: Omit<ExecutePlanRequest, 'session_id' | 'user_context' | 'client_type'>,
): { handle: ExecutionHandle; responses: AsyncGenerator<ExecutePlanResponse__Output> } {
  const operationId = request.operation_id ?? randomUUID();
  let current: ClientReadableStream<ExecutePlanResponse__Output> | undefined;
  let cancelled = false;
  const handle: ExecutionHandle = {
    operationId,
    reattachCount: 0,
    cancel() {
      cancelled = true;
      current?.cancel();
    },
  };

  async function* responses(): AsyncGenerator<ExecutePlanResponse__Output> {
    const { channel } = ctx;
    let lastResponseId: string | undefined;
    let complete = false;
    let receivedAny = false;
    let failures = 0;
    const first: ExecutePlanRequest = {
      ...ctx.base(),
      ...request,
      operation_id: operationId,
      request_options: [
        ...(request.request_options ?? []),
        ...(ctx.reattachable ? [{ reattach_options: { reattachable: true } }] : []),
      ],
    };
    current = channel.stub.ExecutePlan(first, channel.metadata());
    try {
      for (;;) {
        try {
          for await (const r of current as AsyncIterable<ExecutePlanResponse__Output>) {
            receivedAny = true;
            failures = 0;
            ctx.observe(r);
            lastResponseId = r.response_id;
            if (r.response_type === 'result_complete') complete = true;
            yield r;
            if (ctx.reattachable && !complete && r.response_type === 'arrow_batch') release(ctx, operationId, { release_until: { response_id: r.response_id } });
          }
          if (complete || !ctx.reattachable || cancelled) return;
          // The server closed the stream before the end (it caps a stream's time and size): resume.
        } catch (e) {
          if (cancelled) throw ctx.fail(e, 'ExecutePlan', receivedAny);
          // Before any response arrived, a refusal is the answer (server down, bad token, bad plan).
          if (!ctx.reattachable || !receivedAny || !retryable(e) || failures >= ctx.retry.maxRetries) {
            throw ctx.fail(e, handle.reattachCount > 0 ? 'ReattachExecute' : 'ExecutePlan', receivedAny);
          }
          failures++;
          await sleep(Math.min(ctx.retry.maxBackoffMs, ctx.retry.initialBackoffMs * 2 ** (failures - 1)));
        }
        handle.reattachCount++;
        current = channel.stub.ReattachExecute(
          {
            ...ctx.base(),
            operation_id: operationId,
            ...(lastResponseId !== undefined ? { last_response_id: lastResponseId } : {}),
          },
          channel.metadata(),
        );
      }
    } finally {
      // Whether finished, failed or abandoned: the server may drop everything it kept for us.
      current?.cancel();
      if (ctx.reattachable && receivedAny) release(ctx, operationId, { release_all: {} });
    }
  }

  return { handle, responses: responses() };
}

/** A broken connection or a server that asks us to come back; not a query error. */
function retryable(e: unknown): boolean {
  if (!isServiceError(e)) return false;
  if (e.code === GrpcStatus.UNAVAILABLE) return true;
  // Another stream took over the operation, or ours was closed by the server: reattach again.
  return e.code === GrpcStatus.INTERNAL && /INVALID_CURSOR\.DISCONNECTED/.test(e.details ?? '');
}

/** Fire and forget: a failed release costs the server memory until it times out, nothing more. */
function release(ctx: ExecutionContext, operationId: string, what: Pick<ReleaseExecuteRequest, 'release_all' | 'release_until'>): void {
  const { channel } = ctx;
  const base = ctx.base();
  try {
  channel.stub.ReleaseExecute(
    {
      session_id: base.session_id,
      user_context: base.user_context,
      client_type: base.client_type,
      ...(base.client_observed_server_side_session_id !== undefined
        ? { client_observed_server_side_session_id: base.client_observed_server_side_session_id }
        : {}),
      operation_id: operationId,
      ...what,
    },
    channel.metadata(),
    () => {},
  );
  } catch {
    // The channel is already closed: the server releases the operation when the session ends.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
