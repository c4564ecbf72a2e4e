/**
 * Event-time watermarks, as Spark's WatermarkTracker and EventTimeStats: each `withWatermark`
 * node sees its rows' event times in a batch (max, min, average, count, in ms); at the end of
 * the batch a node that saw rows moves to max(previous, max event time − delay); the global
 * watermark is the minimum over the nodes that have one (`spark.sql.streaming.
 * multipleWatermarkPolicy` = `max` takes the maximum), and never moves back. It is used from the
 * next batch on, and is recorded in the offsets and commits logs.
 */
import type { PWatermark } from '../analysis/resolved.js';

/** One batch's event times at one `withWatermark` node (ms). */
export class EventTimeStats {
  max = -Infinity;
  min = Infinity;
  avg = 0;
  count = 0;

  /** Adds an event time in µs (Spark divides by 1000 to ms). */
  add(micros: unknown): void {
    if (micros === null || micros === undefined) return;
    const ms = Math.trunc(Number(micros) / 1000);
    if (ms > this.max) this.max = ms;
    if (ms < this.min) this.min = ms;
    this.count++;
    this.avg += (ms - this.avg) / this.count;
  }

  /** Folds another node's (or partition's) stats into this one. */
  merge(o: EventTimeStats): void {
    if (o.count === 0) return;
    if (this.count === 0) {
      Object.assign(this, { max: o.max, min: o.min, avg: o.avg, count: o.count });
      return;
    }
    this.max = Math.max(this.max, o.max);
    this.min = Math.min(this.min, o.min);
    const n = this.count + o.count;
    this.avg = this.avg + ((o.avg - this.avg) * o.count) / n;
    this.count = n;
  }
}

/** The watermarks of one query. */
export class WatermarkTracker {
  private readonly perNode = new Map<number, number>();
  private global = 0;
  /** This batch's stats, per watermark node (by position). */
  stats: EventTimeStats[] = [];

  constructor(
    private readonly nodes: readonly PWatermark[],
    private readonly policy: 'min' | 'max',
  ) {}

  /** True when the query has a `withWatermark`. */
  get enabled(): boolean {
    return this.nodes.length > 0;
  }

  /** The global watermark (ms). */
  get current(): number {
    return this.global;
  }

  /** Restores the watermark after a restart (from the offsets log). */
  set(ms: number): void {
    this.global = ms;
  }

  /** Fresh stats for a new batch; returns the observer of node `i`. */
  beginBatch(): Array<(micros: unknown) => void> {
    this.stats = this.nodes.map(() => new EventTimeStats());
    return this.stats.map((s) => (t: unknown) => s.add(t));
  }

  /** Moves the watermarks after a batch (Spark's updateWatermark). */
  update(): void {
    this.nodes.forEach((n, i) => {
      const s = this.stats[i];
      if (s === undefined || s.count === 0) return;
      const wm = s.max - n.delayMs;
      const prev = this.perNode.get(i);
      if (prev === undefined || wm > prev) this.perNode.set(i, wm);
    });
    if (this.perNode.size === 0) return;
    const values = [...this.perNode.values()];
    const chosen = this.policy === 'max' ? Math.max(...values) : Math.min(...values);
    if (chosen > this.global) this.global = chosen;
  }

  /** The batch's combined event-time stats (all nodes). */
  combined(): EventTimeStats {
    const all = new EventTimeStats();
    for (const s of this.stats) all.merge(s);
    return all;
  }
}
