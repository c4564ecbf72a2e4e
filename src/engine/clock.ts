/**
 * Time for the engine. Only the system clock touches `Date.now` and `setTimeout`; everything
 * else in the engine reads time and sets timers through a {@link Clock}, so tests (and the
 * shell's pause/step mode) can drive batches deterministically.
 */
import { check, numberAtLeast } from './checks.js';
import { IllegalStateError } from './errors.js';

const MILLISECONDS = numberAtLeast(0, 'a finite number >= 0');

/** A task a clock runs when its time comes. A returned promise is awaited by {@link ManualClock.advance}. */
export type ClockTask = () => void | Promise<void>;

/** Cancels a scheduled task; calling it after the task ran is harmless. */
export type Cancel = () => void;

/** The engine's only view of time: milliseconds since the epoch, and timers at absolute times. */
export interface Clock {
  /** Current time in milliseconds since the epoch. */
  now(): number;
  /** Runs `task` once the clock reaches `atMs` (at once if that time has passed). */
  schedule(atMs: number, task: ClockTask): Cancel;
}

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly task: ClockTask;
}

/**
 * A clock that only moves when told to. `await clock.advance(ms)` runs every task that falls
 * due, in time order (ties in the order they were scheduled), waits for each one's promise, and
 * resolves when all of them have finished.
 *
 * @example
 * const clock = new ManualClock(0);
 * const ssc = new StreamingContext(sc, 1, { clock });
 * ...; ssc.start();
 * await clock.advance(3000); // runs the batches at 1 s, 2 s and 3 s
 */
export class ManualClock implements Clock {
  private time: number;
  private timers: Timer[] = [];
  private seq = 0;
  private advancing: Promise<void> = Promise.resolve();

  constructor(startMs = 0) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  schedule(atMs: number, task: ClockTask): Cancel {
    const timer: Timer = { at: atMs, seq: this.seq++, task };
    this.timers.push(timer);
    return () => {
      const i = this.timers.indexOf(timer);
      if (i >= 0) this.timers.splice(i, 1);
    };
  }

  /** Moves time forward by `ms`, running every task that falls due; resolves when they have all finished. */
  advance(ms: number): Promise<void> {
    check('advance', 'ms', ms, MILLISECONDS);
    // Calls made while an advance is running queue behind it, so time never runs backwards.
    const run = this.advancing.then(() => this.runUntil(this.time + ms));
    this.advancing = run.catch(() => undefined);
    return run;
  }

  /** Moves time forward to `atMs` (no-op if that is in the past), running what falls due. */
  advanceTo(atMs: number): Promise<void> {
    return this.advance(Math.max(0, atMs - this.time));
  }

  /** Time of the next scheduled task, if any. */
  nextTimerAt(): number | undefined {
    let next: number | undefined;
    for (const t of this.timers) if (next === undefined || t.at < next) next = t.at;
    return next;
  }

  private async runUntil(target: number): Promise<void> {
    for (;;) {
      const next = this.popDue(target);
      if (!next) break;
      if (next.at > this.time) this.time = next.at;
      await next.task();
    }
    if (target > this.time) this.time = target;
  }

  /** Removes and returns the earliest timer due by `target` (ties in scheduling order). */
  private popDue(target: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) {
      if (t.at <= target && (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq))) best = t;
    }
    if (best) this.timers.splice(this.timers.indexOf(best), 1);
    return best;
  }
}

/**
 * Wall-clock time, with a teaching mode: `pause()` freezes time for the engine, `step()` jumps
 * to the next scheduled task and runs it, `resume()` lets time follow the wall clock again
 * (the scheduler then moves its next batch to the next batch time after now: see
 * `JobScheduler.realign`; the batch times that fell in the pause are skipped, not run in a burst,
 * and the records received meanwhile go to the first batch after it).
 */
export class SystemClock implements Clock {
  /** Wall time minus engine time: 0, or negative when steps took engine time ahead of the wall clock. */
  private offset = 0;
  private pausedAt: number | undefined;
  private timers = new Set<{ at: number; task: ClockTask; handle?: NodeJS.Timeout }>();

  now(): number {
    return this.pausedAt ?? Date.now() - this.offset;
  }

  get paused(): boolean {
    return this.pausedAt !== undefined;
  }

  schedule(atMs: number, task: ClockTask): Cancel {
    const timer: { at: number; task: ClockTask; handle?: NodeJS.Timeout } = { at: atMs, task };
    this.timers.add(timer);
    this.arm(timer);
    return () => {
      if (timer.handle) clearTimeout(timer.handle);
      this.timers.delete(timer);
    };
  }

  /** Freezes engine time; scheduled tasks wait until `step()` or `resume()`. */
  pause(): void {
    if (this.pausedAt !== undefined) return;
    this.pausedAt = this.now();
    for (const t of this.timers) if (t.handle) clearTimeout(t.handle);
  }

  /** Resumes from a pause: time is the wall clock's again (never earlier than where steps took it). */
  resume(): void {
    if (this.pausedAt === undefined) return;
    this.offset = Math.min(0, Date.now() - this.pausedAt);
    this.pausedAt = undefined;
    for (const t of this.timers) this.arm(t);
  }

  /**
   * While paused, jumps engine time to the earliest scheduled task and runs it (with any others
   * due at the same time). Resolves with the new time, or `undefined` if nothing is scheduled.
   */
  async step(): Promise<number | undefined> {
    if (this.pausedAt === undefined) throw new IllegalStateError('ERR_CLOCK_NOT_PAUSED', 'step() needs a paused clock: call pause() first');
    let earliest: number | undefined;
    for (const t of this.timers) if (earliest === undefined || t.at < earliest) earliest = t.at;
    if (earliest === undefined) return undefined;
    const dueAt = earliest;
    this.pausedAt = Math.max(this.pausedAt, dueAt);
    const due = [...this.timers].filter((t) => t.at <= dueAt);
    for (const t of due) {
      this.timers.delete(t);
      await t.task();
    }
    return this.pausedAt;
  }

  private arm(timer: { at: number; task: ClockTask; handle?: NodeJS.Timeout }): void {
    if (this.pausedAt !== undefined) return;
    const delay = Math.max(0, timer.at - this.now());
    timer.handle = setTimeout(() => {
      this.timers.delete(timer);
      // A rejected task is the scheduler's to report; the clock only keeps time.
      void Promise.resolve()
        .then(timer.task)
        .catch(() => undefined);
    }, delay);
  }
}
