/**
 * A synchronous facade over an asynchronous client library: the library runs in a worker thread
 * and the main thread blocks on `Atomics.wait` until the worker's reply arrives, then takes it
 * with `receiveMessageOnPort`. This keeps `df.write.format("jdbc")…save()` a plain synchronous
 * call, as DataFrame actions are in pyspark, while pg and ioredis stay asynchronous.
 *
 * Calls are served in order. {@link BlockingWorker.post} sends without waiting (a chunk of rows
 * to COPY), so the main thread encodes the next chunk while the worker writes the last one; a
 * post's failure is thrown by the next {@link BlockingWorker.call}. The main thread cannot run
 * its event loop while it waits: a library error outside any call is sent as a reply (see
 * worker-host.ts) so no wait hangs on it, a call may have a deadline, and a worker thread that
 * exited is noticed by the next call.
 */
import { MessageChannel, type MessagePort, Worker, receiveMessageOnPort } from 'node:worker_threads';
import type { ReplyMessage, WireError } from './worker-host.js';
import { workerEntry } from './worker-entry.js';

/** An error the worker's library raised, rebuilt on the main thread with its fields. */
export class WorkerCallError extends Error {
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly column: string | undefined;
  readonly table: string | undefined;
  constructor(
    readonly method: string,
    wire: WireError,
  ) {
    super(wire.message);
    this.name = wire.name === 'Error' ? 'WorkerCallError' : wire.name;
    this.code = wire.code;
    this.detail = wire.detail;
    this.hint = wire.hint;
    this.column = wire.column;
    this.table = wire.table;
  }
}

/** The main thread waited longer than the call's deadline. */
export class WorkerTimeoutError extends Error {
  constructor(
    readonly method: string,
    readonly ms: number,
  ) {
    super(`no answer to ${method} within ${ms / 1000} s`);
    this.name = 'WorkerTimeoutError';
  }
}

/** How many posts may wait in the worker's queue before `post` waits for one to finish. */
const MAX_IN_FLIGHT = 4;

/** A worker thread running one module that calls `serve(handlers)`; see the file comment. */
export class BlockingWorker {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly counter: Int32Array;
  private nextId = 1;
  private readonly posted = new Map<number, string>();
  private postError: WorkerCallError | undefined;
  private exited: string | undefined;

  /** Starts the worker module `moduleUrl` (a `.ts` path is bundled first when running from source). */
  constructor(moduleUrl: URL) {
    const signal = new SharedArrayBuffer(4);
    this.counter = new Int32Array(signal);
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(workerEntry(moduleUrl), { workerData: { port: port2, signal }, transferList: [port2] });
    // The worker must not keep the process (or the shell) alive on its own.
    this.worker.unref();
    this.port.unref();
    this.worker.on('exit', (code) => {
      this.exited = `the worker thread exited (code ${code})`;
      Atomics.add(this.counter, 0, 1);
      Atomics.notify(this.counter, 0);
    });
    this.worker.on('error', (err) => {
      this.exited = `the worker thread failed: ${err.message}`;
    });
  }

  /** Runs `method(arg)` in the worker and returns its value; throws what it threw (or what an earlier post threw). */
  call<T>(method: string, arg?: unknown, timeoutMs = 0): T {
    const id = this.send(method, arg);
    const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
    for (;;) {
      const reply = this.receive(method, timeoutMs, deadline);
      if (reply.id !== id) {
        this.settlePosted(reply);
        continue;
      }
      this.throwPostError();
      if (!reply.ok) throw new WorkerCallError(method, reply.error);
      return reply.value as T;
    }
  }

  /** Sends `method(arg)` without waiting for it; a failure is thrown by the next {@link call} or post. */
  post(method: string, arg?: unknown): void {
    this.throwPostError();
    while (this.posted.size >= MAX_IN_FLIGHT) this.settlePosted(this.receive(method, 0, Infinity));
    this.posted.set(this.send(method, arg), method);
  }

  /** Stops the worker thread (its connections close with it). */
  close(): void {
    this.port.close();
    void this.worker.terminate();
  }

  private send(method: string, arg: unknown): number {
    if (this.exited !== undefined) throw new Error(`cannot call ${method}: ${this.exited}`);
    const id = this.nextId++;
    this.port.postMessage({ id, method, arg });
    return id;
  }

  private throwPostError(): void {
    const err = this.postError;
    if (err !== undefined) {
      this.postError = undefined;
      throw err;
    }
  }

  private settlePosted(reply: ReplyMessage): void {
    const method = this.posted.get(reply.id);
    if (method === undefined) return;
    this.posted.delete(reply.id);
    if (!reply.ok && this.postError === undefined) this.postError = new WorkerCallError(method, reply.error);
  }

  /** Blocks until the worker's next reply; an error outside any call (id 0) is thrown at once. */
  private receive(method: string, timeoutMs: number, deadline: number): ReplyMessage {
    for (;;) {
      const before = Atomics.load(this.counter, 0);
      const got = receiveMessageOnPort(this.port);
      if (got !== undefined) {
        const reply = got.message as ReplyMessage;
        if (reply.id === 0 && !reply.ok) throw new WorkerCallError(method, reply.error);
        return reply;
      }
      if (this.exited !== undefined) throw new Error(`no answer to ${method}: ${this.exited}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new WorkerTimeoutError(method, timeoutMs);
      Atomics.wait(this.counter, 0, before, Number.isFinite(left) ? left : undefined);
    }
  }
}
