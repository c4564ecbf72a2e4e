/**
 * The worker side of {@link BlockingWorker}: serves calls from the main thread, one at a time in
 * the order they were sent, with an asynchronous client library (pg, ioredis) that the main
 * thread then uses as if it were synchronous. A worker module calls {@link serve} once with its
 * handlers.
 */
import { isMainThread, workerData, type MessagePort } from 'node:worker_threads';

/** One handler: takes the call's argument (structured-cloned), returns a value to send back. */
export type Handler = (arg: never) => unknown;

/** What the main thread hands the worker: the reply port and the shared reply counter. */
export interface WorkerBoot {
  readonly port: MessagePort;
  readonly signal: SharedArrayBuffer;
}

/** One call from the main thread. */
export interface CallMessage {
  readonly id: number;
  readonly method: string;
  readonly arg: unknown;
}

/** An error as it crosses the thread boundary: plain fields only. */
export interface WireError {
  readonly name: string;
  readonly message: string;
  /** Node's errno code (`ECONNREFUSED`) or the database's SQLSTATE (`28P01`). */
  readonly code?: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly column?: string;
  readonly table?: string;
  readonly where?: string;
}

/** One reply to the main thread. */
export type ReplyMessage = { readonly id: number; readonly ok: true; readonly value: unknown } | { readonly id: number; readonly ok: false; readonly error: WireError };

/** Copies the fields of a thrown value that the main thread reports. */
export function toWireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const e = err as Error & Record<string, unknown>;
  const pick = (k: string): Record<string, string> => (typeof e[k] === 'string' ? { [k]: e[k] } : {});
  // An AggregateError (a refused connection to both ::1 and 127.0.0.1) carries the cause inside.
  const inner = err instanceof AggregateError && err.errors[0] instanceof Error ? (err.errors[0] as Error & Record<string, unknown>) : undefined;
  const message = e.message || (inner?.message ?? '') || String(err);
  const code = typeof e.code === 'string' ? e.code : typeof inner?.code === 'string' ? inner.code : undefined;
  return { name: e.name, message, ...(code === undefined ? {} : { code }), ...pick('detail'), ...pick('hint'), ...pick('column'), ...pick('table'), ...pick('where') };
}

/** Serves `handlers` to the main thread: each call runs after the previous one has finished. */
export function serve(handlers: Readonly<Record<string, Handler>>): void {
  if (isMainThread) throw new Error('serve() runs inside a worker started by BlockingWorker');
  const boot = workerData as WorkerBoot;
  const counter = new Int32Array(boot.signal);
  const reply = (message: ReplyMessage): void => {
    boot.port.postMessage(message);
    Atomics.add(counter, 0, 1);
    Atomics.notify(counter, 0);
  };
  let queue: Promise<void> = Promise.resolve();
  boot.port.on('message', (msg: CallMessage) => {
    queue = queue.then(async () => {
      const handler = handlers[msg.method];
      try {
        if (handler === undefined) throw new Error(`no handler "${msg.method}" in this worker`);
        const value = await handler(msg.arg as never);
        reply({ id: msg.id, ok: true, value });
      } catch (err) {
        reply({ id: msg.id, ok: false, error: toWireError(err) });
      }
    });
  });
  // A library that throws outside a call (a socket error with no listener) must not leave the
  // main thread waiting for a reply that never comes: report it on id 0, which every wait sees.
  process.on('uncaughtException', (err) => reply({ id: 0, ok: false, error: toWireError(err) }));
  process.on('unhandledRejection', (err) => reply({ id: 0, ok: false, error: toWireError(err) }));
}
