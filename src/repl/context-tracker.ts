/**
 * Every StreamingContext made in the shell, the shell's own `ssc` and the user's
 * (`new StreamingContext(sc, 10)`, `StreamingContext.getOrCreate(dir, setup)`), is tracked here:
 * its batches and errors are remembered for `.status`/`.doctor`, its output goes above the
 * prompt, and the one that runs is what `.pause`, Ctrl-C and the web UI act on. The class the
 * shell binds (and `import … from "tspark"` gives) is the engine's, behind a Proxy that sees
 * each construction.
 */
import { type CheckpointData, savedCheckpoint } from '../engine/shell-access.js';
import { type BatchInfo, type StreamingEvent, StreamingContext, type StreamingContextOptions } from '../index.js';
import { clockTime } from './status.js';

const RECENT_BATCHES = 20;

/** What the shell remembers about one context. */
export interface TrackedContext {
  readonly ctx: StreamingContext;
  /** True for the shell's own `ssc`. */
  readonly own: boolean;
  recent: BatchInfo[];
  startedAt: number | undefined;
  lastError: { batchTime: number; message: string } | undefined;
  /** The batch that started and has not completed. */
  running: BatchInfo | undefined;
}

/** How the tracker reports and what it gives new contexts. */
export interface TrackerOptions {
  /** Defaults for contexts the user makes without options: output above the prompt, colours. */
  readonly defaults: StreamingContextOptions;
  /** Lines for the user (recovery from a checkpoint). */
  readonly out: (text: string) => void;
  /** Events of every tracked context. */
  readonly onEvent: (tracked: TrackedContext, event: StreamingEvent) => void;
  /** A context was made (before its pipeline is built). */
  readonly onCreated?: (tracked: TrackedContext) => void;
}

function describeError(error: unknown): string {
  const cause = error instanceof Error && error.cause !== undefined ? error.cause : error;
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}

function sizeOf(saved: unknown): number {
  if (Array.isArray(saved)) return saved.length;
  if (saved instanceof Map || saved instanceof Set) return saved.size;
  return saved === null || saved === undefined ? 0 : 1;
}

/** The one line `getOrCreate` prints when it recovered: what was restored, and why setup ran. */
export function recoveryLine(dir: string, data: CheckpointData): string {
  const parts = data.streams.map(([key, saved]) => {
    const op = key.slice(key.indexOf(':') + 1);
    const n = sizeOf(saved);
    return /window/i.test(op) ? `${op}: ${n} batch(es) of its window` : `${op}: ${n} key(s)`;
  });
  if (data.inputs.length > 0) parts.push(`${data.inputs.length} input position(s)`);
  const what = parts.length > 0 ? parts.join(', ') : 'nothing stateful';
  return (
    `Recovered from the checkpoint in ${dir} (taken after batch ${clockTime(data.time)}): ${what}. ` +
    'setup ran again to rebuild the pipeline (functions are not saved); the state carries on from there.\n'
  );
}

/** Tracks contexts and hands out the StreamingContext class the shell binds. */
export class ContextTracker {
  private readonly all: TrackedContext[] = [];
  /** The class the user sees: the engine's, with constructions and getOrCreate observed. */
  readonly StreamingContext: typeof StreamingContext;

  constructor(private readonly options: TrackerOptions) {
    this.StreamingContext = this.proxyClass();
  }

  /** Starts tracking `ctx` (the shell's own ssc passes `own`). */
  track(ctx: StreamingContext, own: boolean): TrackedContext {
    const existing = this.all.find((t) => t.ctx === ctx);
    if (existing) return existing;
    const t: TrackedContext = { ctx, own, recent: [], startedAt: undefined, lastError: undefined, running: undefined };
    this.all.push(t);
    ctx.events.on((e) => this.record(t, e));
    this.options.onCreated?.(t);
    return t;
  }

  /**
   * The context the commands act on: the running one; else the newest that is not stopped;
   * else undefined (the caller falls back to the shell's `ssc`).
   */
  target(): TrackedContext | undefined {
    const live = this.all.filter((t) => t.ctx.state !== 'STOPPED');
    return live.find((t) => t.ctx.state === 'ACTIVE') ?? live[live.length - 1];
  }

  /** Every tracked context, oldest first. */
  contexts(): readonly TrackedContext[] {
    return this.all;
  }

  /** The record of `ctx`, if tracked. */
  get(ctx: StreamingContext): TrackedContext | undefined {
    return this.all.find((t) => t.ctx === ctx);
  }

  private record(t: TrackedContext, event: StreamingEvent): void {
    switch (event.type) {
      case 'contextStarted':
        t.startedAt = event.time;
        t.recent = [];
        break;
      case 'batchStarted':
        t.running = event.batch;
        break;
      case 'batchCompleted':
        if (t.running === event.batch) t.running = undefined;
        t.recent.push(event.batch);
        if (t.recent.length > RECENT_BATCHES) t.recent.shift();
        break;
      case 'batchError':
        t.lastError = { batchTime: event.batchTime, message: (describeError(event.error).split('\n')[0] ?? '').trim() };
        break;
      case 'contextStopped':
        t.running = undefined;
        // Stopped contexts that are not the shell's own are forgotten once a newer one exists.
        for (let i = this.all.length - 2; i >= 0; i--) if (this.all[i]?.ctx.state === 'STOPPED') this.all.splice(i, 1);
        break;
    }
    this.options.onEvent(t, event);
  }

  private proxyClass(): typeof StreamingContext {
    const tracker = this;
    const defaults = this.options.defaults;
    return new Proxy(StreamingContext, {
      construct(target, args: unknown[], newTarget) {
        // Output of the user's contexts goes above the prompt unless they chose otherwise.
        const given = args[2];
        const opts = given === undefined ? { ...defaults } : given !== null && typeof given === 'object' ? { ...defaults, ...given } : given;
        const ctx = Reflect.construct(target, [args[0], args[1], opts, ...args.slice(3)], newTarget) as StreamingContext;
        tracker.track(ctx, false);
        return ctx;
      },
      get(target, key, receiver) {
        if (key === 'getOrCreate') return tracker.getOrCreate.bind(tracker);
        if (key === 'getActiveOrCreate') {
          return (checkpointPath: string | null | undefined, setupFunc: () => StreamingContext): StreamingContext => {
            const active = StreamingContext.getActive();
            if (active || !checkpointPath) return StreamingContext.getActiveOrCreate(checkpointPath, setupFunc);
            return tracker.getOrCreate(checkpointPath, setupFunc);
          };
        }
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  }

  /** `StreamingContext.getOrCreate` that says, once, when it recovered and what. */
  private getOrCreate(checkpointPath: string, setupFunc: () => StreamingContext): StreamingContext {
    // An unreadable checkpoint is the engine's to report, when getOrCreate reads it again.
    const saved = typeof checkpointPath === 'string' && checkpointPath !== '' ? savedCheckpoint(checkpointPath) : undefined;
    const ctx = StreamingContext.getOrCreate(checkpointPath, setupFunc);
    this.track(ctx, false);
    if (saved) this.options.out(recoveryLine(checkpointPath, saved));
    return ctx;
  }
}
