/**
 * The shell's Structured Streaming queries: they run on one clock the shell owns (a
 * SystemClock, so `.pause` freezes it and `.step` runs one trigger of each query at a time),
 * they are tracked (query-tracker.ts), and Ctrl-C, `.stop` and leaving the shell stop them
 * before anything else. engine-session.ts combines this with the DStream side.
 */
import { SystemClock } from '../engine/clock.js';
import type { SparkSession } from '../sql/api/session.js';
import type { StreamingQueryEvent } from '../sql/streaming/listener.js';
import type { StreamingQueryProgress } from '../sql/streaming/progress.js';
import type { InterruptSite } from './interrupt.js';
import { QueryTracker } from './query-tracker.js';
import { queryLabel } from './query-status.js';

/** How many clock steps `.step` takes at most to reach a query's trigger (other timers may come first). */
const MAX_CLOCK_STEPS = 20;

/** `2026-01-01T10:04:10.000Z` → `10:04:10` (UTC, as Spark's progress times are). */
function shortTime(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const m = /T(\d\d:\d\d:\d\d)(\.\d+)?Z$/.exec(iso);
  if (m === null) return iso;
  return m[2] === undefined || m[2] === '.000' ? m[1]! : `${m[1]!}${m[2]}`;
}

/** One line about a micro-batch a step ran: rows in and out, and how the watermark moved. */
export function describeStep(label: string, p: StreamingQueryProgress, delays: readonly number[]): string {
  const out = p.sink.numOutputRows >= 0 ? `, ${p.sink.numOutputRows} row(s) written` : '';
  let line = `${label}: batch ${p.batchId} ran: ${p.numInputRows} input row(s)${out}`;
  const wm = p.eventTime?.['watermark'];
  if (wm !== undefined) {
    line += `; watermark ${shortTime(wm)}`;
    const max = p.eventTime?.['max'];
    // One withWatermark: the next batch's watermark is max(now, max event time − delay), as Spark's.
    if (max !== undefined && delays.length === 1) {
      const next = Math.max(Date.parse(wm), Date.parse(max) - delays[0]!);
      line += next > Date.parse(wm) ? `, moves to ${shortTime(new Date(next).toISOString())} for the next batch (max event time ${shortTime(max)} − ${delays[0]! / 1000} s)` : ' (unchanged)';
    }
  }
  return line;
}

/** The shell's queries, their clock and their tracker. */
export class ShellQueries {
  /** The clock every session the shell makes gives its queries. */
  readonly clock = new SystemClock();
  readonly tracker: QueryTracker;
  private readonly listeners = new Set<(e: StreamingQueryEvent) => void>();

  constructor() {
    this.tracker = new QueryTracker({ now: () => this.clock.now(), onEvent: (e) => this.listeners.forEach((l) => l(e)) });
  }

  /** Tracks `spark`'s queries. */
  watch(spark: SparkSession): void {
    this.tracker.watch(spark);
  }

  /** True while a query runs. */
  anyActive(): boolean {
    return this.tracker.anyActive();
  }

  /** Stops every active query (the batch in flight finishes); returns what was stopped, or undefined if none ran; `stays` names what the stop leaves. */
  stop(reason: string, stays = 'spark, sc and ssc stay'): string | undefined {
    const active = this.tracker.active();
    if (active.length === 0) return undefined;
    for (const q of active) {
      // A query that fails while stopping reports itself (its error goes above the prompt).
      void q.stop().catch(() => undefined);
    }
    const names = active.map((q) => queryLabel(q)).join(', ');
    return `Stopping ${active.length === 1 ? 'streaming query' : `${active.length} streaming queries:`} ${names} (${reason}): the micro-batch in flight finishes; ${stays}.`;
  }

  /**
   * Code that never returned was stopped (interrupt.ts). If it was a query's micro-batch, that
   * query cannot go on (its promise callbacks may be gone): it is stopped, and the line says so.
   * A promise loop of the user's may have dropped any query's callbacks: all are stopped then.
   */
  interrupted(why: string, kind: InterruptSite['kind']): string | undefined {
    const active = this.tracker.active();
    // The live status (a trigger's start is not an event): the query whose micro-batch was running.
    const busy = active.filter((q) => q.status.isTriggerActive);
    const hit = busy.length > 0 ? busy : kind === 'other' ? active : [];
    if (hit.length === 0) return undefined;
    for (const q of hit) {
      void q.stop().catch(() => undefined);
      this.tracker.ended(q.runId, `Interrupted: ${why}`);
    }
    const names = hit.map((q) => queryLabel(q)).join(', ');
    const which = hit.length === 1 ? `streaming query ${names} was` : `streaming queries ${names} were`;
    return busy.length > 0
      ? `a micro-batch of streaming query ${names} never returned; ${hit.length === 1 ? 'the query was' : 'they were'} stopped (its exception: Interrupted).`
      : `the code never returned; ${which} stopped too: promise callbacks ${hit.length === 1 ? 'it' : 'they'} relied on may have been dropped.`;
  }

  /** Stops every query, waiting a little for each (a query stuck in user code does not hold the exit). */
  async close(): Promise<void> {
    const stops = this.tracker.active().map((q) => q.stop().catch(() => undefined));
    if (stops.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((r) => {
      timer = setTimeout(r, 3000);
      timer.unref();
    });
    await Promise.race([Promise.all(stops), grace]);
    clearTimeout(timer);
  }

  /** Waits until no query runs (queries started meanwhile too); rejects with a query's failure. */
  async awaitAll(): Promise<void> {
    for (let active = this.tracker.active(); active.length > 0; active = this.tracker.active()) {
      await Promise.all(active.map((q) => q.awaitTermination()));
    }
  }

  /** What runs now, for `tspark run`'s one-line report. */
  running(): string | undefined {
    const busy = this.tracker.active().find((q) => q.status.isTriggerActive);
    if (busy !== undefined) return `a micro-batch of streaming query ${queryLabel(busy)}`;
    return undefined;
  }

  /** Freezes the queries' clock; false when no query runs. */
  pause(): boolean {
    if (!this.anyActive()) return false;
    this.clock.pause();
    return true;
  }

  /** Lets the queries' clock run again; false when it was not paused. */
  resume(): boolean {
    if (!this.clock.paused) return false;
    this.clock.resume();
    return true;
  }

  /** True while the queries' clock is paused. */
  get paused(): boolean {
    return this.clock.paused;
  }

  /**
   * While paused, runs the next trigger of the queries (one micro-batch each where one is due,
   * a no-data batch included when the watermark moved) and says what each did.
   */
  async step(): Promise<string> {
    const ran = new Map<string, StreamingQueryProgress>();
    const triggered = new Set<string>();
    const ended = new Map<string, string | null>();
    const listen = (e: StreamingQueryEvent): void => {
      if (e.type === 'progress') ran.set(e.event.progress.runId, e.event.progress);
      else if (e.type === 'status' && !e.status.isTriggerActive) triggered.add(e.runId);
      else if (e.type === 'terminated') ended.set(e.event.runId, e.event.exception);
    };
    this.listeners.add(listen);
    try {
      for (let i = 0; i < MAX_CLOCK_STEPS && triggered.size === 0 && ended.size === 0; i++) {
        if ((await this.clock.step()) === undefined) break;
      }
    } finally {
      this.listeners.delete(listen);
    }
    const lines: string[] = [];
    for (const q of this.tracker.facts()) {
      const label = `query ${queryLabel(q)}`;
      const p = ran.get(q.runId);
      if (p !== undefined) {
        const delays = q.settings?.watermarks.map((w) => w.delayMs) ?? [];
        lines.push(describeStep(label, p, delays));
      } else if (ended.has(q.runId)) {
        const ex = ended.get(q.runId);
        lines.push(ex ? `${label} failed: ${ex}` : `${label} stopped.`);
      } else if (triggered.has(q.runId)) {
        lines.push(`${label}: no new data, so no micro-batch ran (${q.status.message}). Feed the source, then .step again.`);
      }
    }
    if (lines.length === 0) return 'No query trigger was due.';
    return lines.join('\n');
  }
}
