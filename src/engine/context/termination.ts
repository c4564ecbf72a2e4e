/**
 * The termination latch behind `awaitTermination` and `awaitTerminationOrTimeout`: it wakes
 * waiters when the context stops or a batch fails, and hands each batch error to exactly one
 * wait (the first error since the last wait; the wait that reports it clears it).
 */
import { check, numberAtLeast } from '../checks.js';

/** The waits of one context. */
export class TerminationLatch {
  private pendingError: unknown;
  private stopWaiters: Array<() => void> = [];
  /** Pending waits to wake when a batch fails. */
  private readonly errorWaiters = new Set<() => void>();

  constructor(private readonly isStopped: () => boolean) {}

  /**
   * A batch failed: keeps its error for the next wait (unless one is kept already), runs
   * `announce` (events, the error line), then wakes the waits.
   */
  fail(error: unknown, announce: () => void): void {
    if (this.pendingError === undefined) this.pendingError = error;
    announce();
    for (const w of [...this.errorWaiters]) w();
  }

  /** The context stopped: wake the waits. */
  stopped(): void {
    const waiters = this.stopWaiters;
    this.stopWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves true when the context stops, false after `timeout` seconds; rejects with a pending batch error. */
  wait(timeout?: number): Promise<boolean> {
    const seconds = timeout === undefined ? undefined : check('awaitTerminationOrTimeout', 'timeout', timeout, SECONDS);
    const ms = seconds === undefined ? undefined : Math.max(0, seconds * 1000);
    return new Promise<boolean>((resolveWait, rejectWait) => {
      let timer: NodeJS.Timeout | undefined;
      const settle = (stopped: boolean): void => {
        if (timer) clearTimeout(timer);
        this.errorWaiters.delete(onError);
        const err = this.pendingError;
        this.pendingError = undefined;
        if (err !== undefined) rejectWait(err);
        else resolveWait(stopped);
      };
      const onStop = (): void => settle(true);
      const onError = (): void => {
        this.stopWaiters = this.stopWaiters.filter((w) => w !== onStop);
        settle(this.isStopped());
      };
      if (this.pendingError !== undefined) return settle(this.isStopped());
      if (this.isStopped()) return settle(true);
      this.stopWaiters.push(onStop);
      this.errorWaiters.add(onError);
      if (ms !== undefined) {
        // Waiting is wall-clock time, as pyspark's timeout; batches themselves follow the context's clock.
        timer = setTimeout(() => {
          this.stopWaiters = this.stopWaiters.filter((w) => w !== onStop);
          settle(false);
        }, ms);
      }
    });
  }
}

const SECONDS = numberAtLeast(-Infinity, 'a number of seconds');
