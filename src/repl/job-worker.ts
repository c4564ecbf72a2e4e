/**
 * The thread a `tspark run` job runs on (a worker; job-supervisor.ts starts it). The process's
 * main thread stays free to receive Ctrl-C and SIGTERM even when the job's code never returns:
 * it forwards each signal here, and if this thread does not answer its heartbeat, it interrupts
 * the running code through the inspector (interrupt.ts); the job then reports what was running,
 * in one line, and ends with the signal's status (130, 143).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createEngineSession } from './engine-session.js';
import { installInterruptTarget, startHeartbeat, type InterruptSite } from './interrupt.js';
import { type JobSignal, JOB_STALE_MS, exitStatusFor, type JobData } from './job-protocol.js';
import { runJob } from './run-job.js';

const data = workerData as JobData;
const heartbeat = new Int32Array(data.shared, 0, 1);
const session = createEngineSession({
  master: data.master,
  batchSeconds: data.batchSeconds,
  out: (t) => void process.stdout.write(t),
  replaceableBindings: true,
});
const errOut = (t: string): void => void process.stderr.write(t);
/** Set when a signal stopped the job at once: the exit status then says which. */
let forcedStatus: number | undefined;

function end(status: number): void {
  target?.close();
  stopBeat();
  process.exit(status);
}

const target = installInterruptTarget({
  heartbeat,
  staleMs: JOB_STALE_MS,
  allowed: () => true,
  onInterrupted(site: InterruptSite) {
    const running = session.running() ?? data.file;
    const at = site.where ? `the code at ${site.where}` : 'the code';
    errOut(`tspark run: ${site.reason} while ${running} was running: ${at} never returned; the job is stopped.\n`);
    // Its promise callbacks may be gone (see interrupt.ts): stop at once, do not wait on the stream.
    session.target.stop(true);
    end(exitStatusFor(site.reason));
  },
});
const stopBeat = startHeartbeat(heartbeat, 100);

function onSignal(m: JobSignal): void {
  if (!session.isStreaming()) {
    errOut(`tspark run: ${m.signal}: the job is stopped.\n`);
    end(exitStatusFor(m.signal));
    return;
  }
  if (m.count === 1) {
    session.stopStream(m.signal);
    errOut(`tspark run: ${m.signal}: stopping the stream gracefully (batches in flight finish); a second signal stops at once.\n`);
    return;
  }
  errOut(`tspark run: ${m.signal} again: stopping at once.\n`);
  forcedStatus = exitStatusFor(m.signal);
  void session.close();
}

// Deferred to the next immediate: when the signal found this thread stuck, the interrupt's
// report (queued while it was stuck) runs first and ends the job, with one line.
parentPort?.on('message', (m: JobSignal) => setImmediate(onSignal, m));

void runJob(data.file, session, errOut).then(
  (code) => end(forcedStatus ?? code),
  (e: unknown) => {
    errOut(`tspark run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    end(1);
  },
);
