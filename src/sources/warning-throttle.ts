/**
 * Keeps bad-input reports from flooding the shell: the first problem of a kind is reported at
 * once; later ones within the quiet period are counted and folded into the next report.
 */
import type { Clock } from '../engine/clock.js';

/** Reports counted problems of several kinds, at most one message per kind per quiet period. */
export class WarningThrottle {
  private readonly last = new Map<string, number>();
  private readonly held = new Map<string, number>();
  /** How to word the held count of each kind (the latest wording given). */
  private readonly messages = new Map<string, (total: number) => string>();

  /**
   * @param clock the time the quiet period is measured in
   * @param quietMs the shortest gap between two reports of one kind
   * @param emit where messages go (a source's `warn`)
   */
  constructor(
    private readonly clock: Clock,
    private readonly quietMs: number,
    private readonly emit: (message: string) => void,
  ) {}

  /** Counts `n` problems of `kind`; `message(total)` words a report covering `total` of them. */
  report(kind: string, n: number, message: (total: number) => string): void {
    if (n <= 0) return;
    const total = (this.held.get(kind) ?? 0) + n;
    const last = this.last.get(kind);
    const now = this.clock.now();
    if (last !== undefined && now - last < this.quietMs) {
      this.held.set(kind, total);
      this.messages.set(kind, message);
      return;
    }
    this.held.delete(kind);
    this.messages.delete(kind);
    this.last.set(kind, now);
    this.emit(message(total));
  }

  /** Reports whatever is being held back (e.g. when a connection closes). */
  flush(): void {
    for (const [kind, total] of this.held) {
      const message = this.messages.get(kind);
      if (message) this.emit(message(total));
      this.last.set(kind, this.clock.now());
    }
    this.held.clear();
    this.messages.clear();
  }
}
