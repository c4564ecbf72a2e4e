/**
 * What the `tspark run` supervisor (main thread) and the job's worker share: the worker's start
 * data, the signal message, and the exit statuses.
 */

/** Data the job's worker starts with. */
export interface JobData {
  readonly file: string;
  readonly master: string;
  readonly batchSeconds: number;
  /** One Int32 slot: the worker's heartbeat (interrupt.ts). */
  readonly shared: SharedArrayBuffer;
}

/** A signal the process received, forwarded to the job; `count` is how many have come so far. */
export interface JobSignal {
  readonly type: 'signal';
  readonly signal: 'SIGINT' | 'SIGTERM';
  readonly count: number;
}

/** How long the job's thread may be silent before a signal interrupts its code. */
export const JOB_STALE_MS = 500;

/** The shell's convention: 128 + the signal number (130 for SIGINT, 143 for SIGTERM). */
export function exitStatusFor(reason: string): number {
  return reason === 'SIGTERM' ? 143 : 130;
}
