/**
 * Ctrl-C for code that never returns while the prompt is up: a `map` that loops at batch time,
 * `setTimeout(() => { while (true) {} })`, `(async () => { for (;;) await null })()`. The main
 * thread is blocked then, so nothing on it can see the keypress; a watchdog worker
 * (tty-watchdog.ts) notices the missing heartbeat, reads the terminal, and on Ctrl-C interrupts
 * the code (interrupt.ts). Synchronous entries typed at the prompt do not need this: they run
 * with `breakOnSigint` (evaluate.ts), and the guard is disarmed meanwhile.
 */
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { HEARTBEAT_SLOT, heartbeatNow, installInterruptTarget, startHeartbeat, type InterruptSite } from './interrupt.js';
import { createShared, setArmed, STALE_MS, takeHandedBack, type WatchdogData } from './runaway-shared.js';

/** What the shell does with the guard. */
export interface RunawayGuard {
  /** Arms or disarms the watchdog (disarmed while the terminal is out of raw mode). */
  setArmed(on: boolean): void;
  /** Stops the watchdog and the heartbeat; resolves once the watchdog's thread has ended. */
  close(): Promise<void>;
}

/** The shell's side of an interrupt. */
export interface RunawayHooks {
  /** False while the shell's own synchronous work runs (interrupting it would break the shell). */
  allowed(): boolean;
  /** The code was stopped; report it and get the shell back to a prompt. */
  onInterrupted(site: InterruptSite): void;
}

/**
 * Starts the guard for a shell reading the terminal `input` (file descriptor `fd`). Returns
 * undefined when Node offers no way to interrupt (see interrupt.ts).
 */
export function startRunawayGuard(input: Readable, fd: number, hooks: RunawayHooks): RunawayGuard | undefined {
  const shared = createShared();
  const heartbeat = new Int32Array(shared, 0, 4);
  const target = installInterruptTarget({ ...hooks, heartbeat, staleMs: STALE_MS });
  if (!target) return undefined;
  // Keys the watchdog read while the main thread was blocked go back to the input first.
  const drain = (): void => {
    const bytes = takeHandedBack(shared);
    if (bytes) input.unshift(bytes);
  };
  const stopBeat = startHeartbeat(heartbeat, 100, drain);
  input.prependListener('data', drain);
  let worker: Worker | undefined;
  try {
    const workerDataValue: WatchdogData = { shared, fd };
    worker = new Worker(new URL('./tty-watchdog.js', import.meta.url), { workerData: workerDataValue });
    worker.unref();
    // A watchdog that fails must not take the shell down; Ctrl-C of runaway code is then lost.
    worker.on('error', () => undefined);
  } catch {
    stopBeat();
    input.removeListener('data', drain);
    target.close();
    return undefined;
  }
  setArmed(shared, true);
  return {
    setArmed(on) {
      // The main thread is alive right now (it is the caller): say so before the watchdog looks.
      if (on) Atomics.store(heartbeat, HEARTBEAT_SLOT, heartbeatNow());
      setArmed(shared, on);
    },
    async close() {
      setArmed(shared, false);
      stopBeat();
      input.removeListener('data', drain);
      target.close();
      // Its inspector session must be gone before the process exits, or Node waits for it.
      await worker?.terminate().catch(() => undefined);
    },
  };
}
