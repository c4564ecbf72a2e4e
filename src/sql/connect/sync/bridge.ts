/**
 * The main thread's end of a remote session's transport: a worker thread owns the gRPC channel,
 * and `call` blocks (Atomics.wait) until the worker has the answer, so `df.collect()`,
 * `df.columns` and `spark.conf.get` return values as they do on the local engine and as pyspark's
 * Connect client does. `callAsync` is for what must not block the shell (awaitTermination,
 * polling a streaming query); `onEvent` receives what the worker pushes (listener events).
 *
 * While a call blocks, this thread's event loop waits too (as during a long local action).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import { TsparkError, type ErrorCode } from '../../../engine/errors.js';
import { ConnectError, SparkRemoteError } from '../error-types.js';
import type { AsyncMessage, WireError, WorkerEvent, WorkerInit, WorkerOp, WorkerOps, WorkerReply } from './protocol.js';

/** How long one wait lasts before checking that the worker is still alive. */
const WAIT_SLICE_MS = 1000;

/** A blocking and non-blocking caller of the transport worker. */
export class TransportBridge {
  private readonly worker: Worker;
  private readonly flags: Int32Array;
  private readonly syncPort: MessagePort;
  private readonly asyncPort: MessagePort;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private readonly listeners = new Set<(e: WorkerEvent) => void>();
  private ended: Error | undefined;

  constructor() {
    const signal = new SharedArrayBuffer(8);
    this.flags = new Int32Array(signal);
    const sync = new MessageChannel();
    const async = new MessageChannel();
    this.syncPort = sync.port1;
    this.asyncPort = async.port1;
    const init: WorkerInit = { signal, syncPort: sync.port2, asyncPort: async.port2 };
    this.worker = new Worker(workerUrl(), { workerData: init, transferList: [sync.port2, async.port2], stderr: false });
    // A program that ends does not wait for the session; `spark.stop()` ends it properly.
    this.worker.unref();
    this.asyncPort.on('message', (m: AsyncMessage) => this.onAsync(m));
    this.asyncPort.unref();
    this.worker.on('error', (e) => this.end(new TsparkError('ERR_CONNECT_PROTOCOL', `the Spark Connect transport failed: ${e.message}`, { cause: e })));
    this.worker.on('exit', () => this.end(new TsparkError('ERR_CONNECT_SESSION_CLOSED', 'This Spark Connect session is closed; connect again to run more.')));
  }

  /** Runs `op` in the worker and blocks until it answers; throws what the call threw. */
  call<K extends WorkerOp>(op: K, ...args: Parameters<WorkerOps[K]>): ReturnType<WorkerOps[K]> {
    if (this.ended) throw this.ended;
    const id = this.nextId++;
    Atomics.store(this.flags, 0, 0);
    this.syncPort.postMessage({ id, sync: true, op, args });
    for (;;) {
      const woke = Atomics.wait(this.flags, 0, 0, WAIT_SLICE_MS);
      const m = receiveMessageOnPort(this.syncPort);
      if (m !== undefined) {
        const reply = m.message as WorkerReply;
        if (reply.id !== id) continue;
        if (reply.ok) return reply.value as ReturnType<WorkerOps[K]>;
        throw fromWire(reply.error);
      }
      // The worker sets the second flag as it exits; its exit event cannot reach a blocked thread.
      if (Atomics.load(this.flags, 1) === 1) {
        throw new TsparkError('ERR_CONNECT_SESSION_CLOSED', 'The Spark Connect transport stopped while a call was running; connect again.');
      }
      if (woke !== 'timed-out') Atomics.store(this.flags, 0, 0);
    }
  }

  /** Runs `op` in the worker without blocking this thread. */
  callAsync<K extends WorkerOp>(op: K, ...args: Parameters<WorkerOps[K]>): Promise<ReturnType<WorkerOps[K]>> {
    if (this.ended) return Promise.reject(this.ended);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      // Keeps the program alive while something awaits the answer.
      this.asyncPort.ref();
      this.syncPort.postMessage({ id, sync: false, op, args });
    });
  }

  /** Receives the worker's pushed events until `off` is called. */
  onEvent(listener: (e: WorkerEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Keeps the program alive (a registered listener) or lets it end. */
  hold(on: boolean): void {
    if (on) this.asyncPort.ref();
    else if (this.pending.size === 0) this.asyncPort.unref();
  }

  /** Ends the worker (the channel closes with it). */
  async terminate(): Promise<void> {
    this.end(new TsparkError('ERR_CONNECT_SESSION_CLOSED', 'This Spark Connect session is closed; connect again to run more.'));
    await this.worker.terminate();
  }

  private onAsync(m: AsyncMessage): void {
    if (m.kind === 'event') {
      for (const l of [...this.listeners]) l(m.event);
      return;
    }
    const { reply } = m;
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.asyncPort.unref();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(fromWire(reply.error));
  }

  private end(error: Error): void {
    if (this.ended) return;
    this.ended = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    this.asyncPort.close();
  }
}

/** The error classes a call threw in the worker, rebuilt on this thread. */
export function fromWire(e: WireError): Error {
  switch (e.kind) {
    case 'spark':
      return new SparkRemoteError(e.info);
    case 'tspark':
      return e.name === 'ConnectError'
        ? new ConnectError(e.code as ErrorCode, e.message, e.grpcCode !== undefined ? { grpcCode: e.grpcCode } : undefined)
        : new TsparkError(e.code as ErrorCode, e.message);
    case 'other': {
      const err = new TsparkError('ERR_CONNECT_PROTOCOL', `the Spark Connect transport failed: ${e.message}`);
      if (e.stack !== undefined) err.stack = e.stack;
      return err;
    }
  }
}

/**
 * The worker's script: the compiled `worker.js` beside this file, or, when running from the
 * TypeScript sources (tests), `worker.ts` bundled once by esbuild into node_modules/.cache, where
 * its package imports resolve as the sources' do.
 */
function workerUrl(): URL {
  const here = import.meta.url;
  if (here.endsWith('.js')) return new URL('./worker.js', here);
  const entry = fileURLToPath(new URL('./worker.ts', here));
  const require = createRequire(here);
  const esbuild = require('esbuild') as typeof import('esbuild');
  const out = esbuild.buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, logLevel: 'silent' });
  const code = out.outputFiles[0]!.text;
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const dir = join(nodeModulesOf(dirname(entry)), '.cache', 'tspark');
  const file = join(dir, `connect-worker-${hash}.mjs`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    // Written under a temporary name and renamed, so parallel test workers never read half a file.
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  return pathToFileURL(file);
}

function nodeModulesOf(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', '@grpc', 'grpc-js'))) return join(dir, 'node_modules');
    if (dirname(dir) === dir) throw new TsparkError('ERR_CONNECT_PROTOCOL', `no node_modules with @grpc/grpc-js above ${start}; run npm install`);
  }
}
