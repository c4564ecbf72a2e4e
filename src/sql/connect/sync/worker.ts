/**
 * The transport worker of a remote session: it owns the gRPC channel (a ConnectClient) and runs
 * each call it is sent. A synchronous call's reply goes to the sync port, then the shared flag is
 * set and notified, which wakes the main thread blocked in `Atomics.wait` (DataFrame actions are
 * synchronous, as pyspark's). Async calls and listener events go to the async port.
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import { TsparkError } from '../../../engine/errors.js';
import { ConnectClient } from '../client.js';
import { ConnectError, SparkRemoteError } from '../error-types.js';
import { RemoteListenerBus } from '../listener-bus.js';
import type { AsyncMessage, WireError, WorkerInit, WorkerOps, WorkerReply, WorkerRequest } from './protocol.js';

type Async<T> = { [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never };

const init = workerData as WorkerInit;
const flag = new Int32Array(init.signal);
let client: ConnectClient | undefined;

// A main thread blocked in a call cannot see this thread's exit event: tell it through the flags.
process.on('exit', () => {
  Atomics.store(flag, 1, 1);
  Atomics.notify(flag, 0);
});
let bus: RemoteListenerBus | undefined;

function opened(): ConnectClient {
  if (!client) throw new TsparkError('ERR_CONNECT_PROTOCOL', 'the Spark Connect transport was used before it was opened');
  return client;
}

const ops: Async<WorkerOps> = {
  async open(url, options) {
    client = ConnectClient.connect(url, options);
    return { sessionId: client.sessionId, endpoint: client.endpoint, display: client.options.display };
  },
  execute: (plan, options) => opened().rawResults(plan, options),
  command: (command) => opened().command(command),
  analyze: (request) => opened().analyze(request),
  explain: async (plan, mode) => {
    const r = await opened().analyze({ explain: { plan, explain_mode: `EXPLAIN_MODE_${mode.toUpperCase()}` as 'EXPLAIN_MODE_SIMPLE' } });
    return r.explain?.explain_string ?? '';
  },
  sparkVersion: () => opened().sparkVersion(),
  config: (operation) => opened().config(operation),
  interrupt: (what) => opened().interrupt(what),
  async listen() {
    if (bus) return;
    bus = await RemoteListenerBus.open(
      opened(),
      (event) => post(init.asyncPort, { kind: 'event', event: { kind: 'listener', event } }),
      (error) => {
        bus = undefined;
        post(init.asyncPort, { kind: 'event', event: { kind: 'listenerEnded', ...(error === undefined ? {} : { error: toWire(error) }) } });
      },
    );
  },
  async unlisten() {
    const b = bus;
    bus = undefined;
    await b?.close();
  },
  async releaseSession() {
    const c = client;
    client = undefined;
    await c?.releaseSession();
  },
};

function post(port: MessagePort, message: AsyncMessage | WorkerReply): void {
  port.postMessage(message);
}

/** Any failure as data; the main thread rebuilds the same error classes from it. */
function toWire(e: unknown): WireError {
  if (e instanceof SparkRemoteError) {
    return {
      kind: 'spark',
      info: {
        errorClass: e.errorClass,
        sqlState: e.sqlState,
        messageParameters: { ...e.messageParameters },
        exceptionClasses: [...e.exceptionClasses],
        message: e.serverMessage,
        ...(e.serverStackTrace !== undefined ? { stackTrace: e.serverStackTrace } : {}),
        ...(e.errorId !== undefined ? { errorId: e.errorId } : {}),
      },
    };
  }
  if (e instanceof TsparkError) {
    return { kind: 'tspark', name: e.name, code: e.code, message: e.message, grpcCode: e instanceof ConnectError ? e.grpcCode : undefined };
  }
  return { kind: 'other', message: e instanceof Error ? e.message : String(e), stack: e instanceof Error ? e.stack : undefined };
}

async function handle(req: WorkerRequest): Promise<WorkerReply> {
  try {
    const fn = ops[req.op] as (...args: readonly unknown[]) => Promise<unknown>;
    return { id: req.id, ok: true, value: await fn(...req.args) };
  } catch (e) {
    return { id: req.id, ok: false, error: toWire(e) };
  }
}

init.syncPort.on('message', (req: WorkerRequest) => {
  void handle(req).then((reply) => {
    if (req.sync) {
      init.syncPort.postMessage(reply);
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    } else {
      post(init.asyncPort, { kind: 'reply', reply });
    }
  });
});
