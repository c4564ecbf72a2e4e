/**
 * `tspark run` from the process's main thread: the job runs in a worker (job-worker.ts), so this
 * thread stays free for Ctrl-C and SIGTERM even when the job's code never returns. Each signal
 * is forwarded to the job (the first stops the stream gracefully, the second at once). If the
 * job's thread stops answering its heartbeat, its code is interrupted through the inspector
 * (`NodeWorker` domain, then interrupt.ts in the worker); should even that fail, the worker is
 * terminated. Either way the process ends with 130 (SIGINT) or 143 (SIGTERM).
 */
import * as inspector from 'node:inspector';
import { Worker } from 'node:worker_threads';
import { heartbeatAge, INTERRUPT_FUNCTION } from './interrupt.js';
import { exitStatusFor, JOB_STALE_MS, type JobData, type JobSignal } from './job-protocol.js';

/** A running job. */
export interface SupervisedJob {
  /** Resolves with the process exit status once the job has ended. */
  readonly exited: Promise<number>;
  /** A signal came to the process. */
  signal(name: 'SIGINT' | 'SIGTERM'): void;
}

/** How long an interrupted job may take to end before its thread is terminated. */
const GRACE_MS = 3000;

/** Starts `file` in a worker; `writeError` is the process's standard error. */
export function superviseJob(file: string, options: { master: string; batchSeconds: number }, writeError: (text: string) => void): SupervisedJob {
  const shared = new SharedArrayBuffer(4);
  const heartbeat = new Int32Array(shared);
  const data: JobData = { file, master: options.master, batchSeconds: options.batchSeconds, shared };
  const worker = new Worker(new URL('./job-worker.js', import.meta.url), { workerData: data });

  // The job's inspector, reached through this thread's: used only to interrupt code that never returns.
  const session = new inspector.Session();
  session.connect();
  let workerSession: string | undefined;
  let nextId = 1;
  const replies = new Map<number, (value: unknown) => void>();
  session.on('NodeWorker.attachedToWorker', (m: { params: { sessionId: string; workerInfo: { workerId: string } } }) => {
    // Only the job's own thread: esbuild's synchronous API runs a worker of its own.
    if (m.params.workerInfo.workerId === String(worker.threadId)) workerSession = m.params.sessionId;
  });
  session.on('NodeWorker.receivedMessageFromWorker', (m: { params: { message: string } }) => {
    const reply = JSON.parse(m.params.message) as { id?: number; result?: { result?: { value?: unknown } } };
    if (reply.id !== undefined) replies.get(reply.id)?.(reply.result?.result?.value);
  });
  session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });

  let signals = 0;
  let lastSignal: 'SIGINT' | 'SIGTERM' = 'SIGINT';
  let watch: NodeJS.Timeout | undefined;
  let interrupting = false;
  let forced: number | undefined;

  const terminate = (why: string): void => {
    if (forced !== undefined) return;
    forced = exitStatusFor(lastSignal);
    writeError(`tspark run: ${lastSignal}: ${why}; stopped at once.\n`);
    void worker.terminate();
  };

  const interrupt = (): void => {
    if (interrupting) return;
    interrupting = true;
    const id = nextId++;
    const deadline = setTimeout(() => terminate(`${file} did not answer`), GRACE_MS);
    replies.set(id, (value) => {
      replies.delete(id);
      // 'idle': the job answered meanwhile; it handles the signal itself.
      if (value === 'idle') {
        clearTimeout(deadline);
        interrupting = false;
      } else if (value !== "interrupted") terminate(`${file} could not be interrupted (${String(value)})`);
    });
    if (!workerSession) return;
    const message = { id, method: 'Runtime.evaluate', params: { expression: `globalThis.${INTERRUPT_FUNCTION}?.(${JSON.stringify(lastSignal)}) ?? "unsupported"`, returnByValue: true } };
    session.post('NodeWorker.sendMessageToWorker', { sessionId: workerSession, message: JSON.stringify(message) });
  };

  const exited = new Promise<number>((resolve) => {
    worker.on('error', (e) => {
      writeError(`tspark run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      forced ??= 1;
    });
    worker.on('exit', (code) => {
      if (watch) clearInterval(watch);
      session.disconnect();
      resolve(forced ?? code);
    });
  });

  return {
    exited,
    signal(name) {
      signals++;
      lastSignal = name;
      const msg: JobSignal = { type: 'signal', signal: name, count: signals };
      worker.postMessage(msg);
      // A job whose thread is stuck cannot read that message: interrupt its code.
      watch ??= setInterval(() => {
        if (heartbeatAge(heartbeat) >= JOB_STALE_MS) interrupt();
      }, 100);
    },
  };
}
