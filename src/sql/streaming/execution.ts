/**
 * A running streaming query: its lifecycle (initialising, active, terminated), its triggers on
 * the clock, and what `stop`, `awaitTermination` and `processAllAvailable` do. Every trigger
 * is one clock task, so a ManualClock drives batches in tests and the shell's paused
 * SystemClock steps one micro-batch per `step()`; triggers never overlap (they run one after
 * the other), and `processAllAvailable()` runs triggers at once, in the same queue, until no
 * batch is due.
 */
import { rmSync } from 'node:fs';
import type { Cancel } from '../engine.js';
import { StreamingQueryException } from '../errors.js';
import { BatchRunner, type RunnerConfig, parseMs } from './batch-runner.js';
import type { StreamingQueryStatus } from './listener.js';
import type { ManagedQuery, StreamingQueryManager } from './manager.js';
import type { StreamingQueryProgress } from './progress.js';
import { isoTimestamp } from './progress.js';
import type { StreamingQuery } from './query.js';

/** What a run needs besides the batch machinery. */
export interface ExecutionConfig extends RunnerConfig {
  readonly manager: StreamingQueryManager;
  /** A temporary checkpoint (no checkpointLocation given): deleted when the query stops without failing. */
  readonly tempCheckpoint: boolean;
}

type State = 'INITIALIZING' | 'ACTIVE' | 'TERMINATED';

/** One run of a streaming query. */
export class StreamExecution extends BatchRunner implements ManagedQuery {
  private state: State = 'INITIALIZING';
  private failure: StreamingQueryException | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: Cancel | undefined;
  private timerAt = Infinity;
  private running = false;
  private init: Promise<void> | undefined;
  private resolveTerminated!: () => void;
  /** Resolves when the run terminates (stopped or failed); never rejects. */
  readonly terminated: Promise<void> = new Promise((r) => (this.resolveTerminated = r));
  /** The user's handle (set by StreamingQuery). */
  handle!: StreamingQuery;

  constructor(private readonly ec: ExecutionConfig) {
    super(ec);
  }

  get name(): string | null {
    return this.ec.name;
  }

  get isActive(): boolean {
    return this.state !== 'TERMINATED';
  }

  /** The failure, if the query terminated with one. */
  exception(): StreamingQueryException | null {
    return this.failure;
  }

  /** Registers, announces and starts the run: sources connect, then the first trigger is scheduled. */
  start(): void {
    const { manager, clock } = this.ec;
    manager.post({ type: 'started', event: { id: this.id, runId: this.runId, name: this.name, timestamp: isoTimestamp(clock.now()) } });
    this.init = (async () => {
      await manager.register(this);
      await this.initialize(() => this.wake());
      if (this.state === 'INITIALIZING') this.state = 'ACTIVE';
      this.setStatus({ message: 'Waiting for next trigger', isDataAvailable: false, isTriggerActive: false });
    })();
    // A failure to start (a refused connection, a changed query) terminates the run with it.
    this.init.catch((e: unknown) => this.fail(e));
    this.schedule(clock.now());
  }

  private setStatus(s: StreamingQueryStatus): void {
    this.status = s;
    this.ec.manager.post({ type: 'status', id: this.id, runId: this.runId, status: { ...s } });
  }

  /** Runs `f` after every trigger queued before it. */
  private exclusive<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schedule(atMs: number): void {
    if (!this.isActive || this.failure) return;
    if (this.timer !== undefined && this.timerAt <= atMs) return;
    this.timer?.();
    this.timerAt = atMs;
    this.timer = this.ec.clock.schedule(atMs, () => {
      this.timer = undefined;
      this.timerAt = Infinity;
      return this.clockTrigger();
    });
  }

  /** New data arrived: with the default trigger, the next batch need not wait for the poll. */
  private wake(): void {
    const t = this.ec.trigger;
    if (t.kind === 'processingTime' && t.intervalMs === 0 && !this.running) this.schedule(this.ec.clock.now());
  }

  private async clockTrigger(): Promise<void> {
    const start = this.ec.clock.now();
    const executed = await this.exclusive(() => this.oneTrigger());
    if (executed === undefined || !this.isActive) return;
    const t = this.ec.trigger;
    const now = this.ec.clock.now();
    if (t.kind === 'once' || (t.kind === 'availableNow' && !executed)) {
      await this.stop();
      return;
    }
    if (t.kind === 'availableNow') this.schedule(now);
    else if (t.kind === 'processingTime' && t.intervalMs > 0) this.schedule(Math.floor(start / t.intervalMs) * t.intervalMs + t.intervalMs);
    else if (executed) this.schedule(now);
    else {
      this.setStatus({ ...this.status, message: 'Waiting for data to arrive' });
      this.schedule(now + parseMs(this.ec.session.conf.getOption('spark.sql.streaming.pollingDelay') ?? '10ms'));
    }
  }

  /** One trigger; undefined when the run is over (stopped, or it failed now). */
  private async oneTrigger(): Promise<boolean | undefined> {
    if (!this.isActive || this.failure) return undefined;
    this.running = true;
    try {
      await this.init;
      if (!this.isActive) return undefined;
      const executed = await this.runTrigger();
      this.setStatus({ ...this.status, isTriggerActive: false, message: executed ? 'Waiting for next trigger' : 'Waiting for data to arrive' });
      return executed;
    } catch (e) {
      this.fail(e);
      return undefined;
    } finally {
      this.running = false;
    }
  }

  protected override onProgress(p: StreamingQueryProgress): void {
    this.ec.manager.post({ type: 'progress', event: { progress: p } });
  }

  protected override onIdle(timestamp: string): void {
    this.ec.manager.post({ type: 'idle', event: { id: this.id, runId: this.runId, timestamp } });
  }

  /** Runs triggers now until one finds nothing to do; rejects with the query's failure. */
  async processAllAvailable(): Promise<void> {
    for (;;) {
      const executed = await this.exclusive(() => this.oneTrigger());
      if (this.failure) throw this.failure;
      if (executed !== true) return;
    }
  }

  /** Waits for termination; with `timeoutMs` (on the clock) resolves false if still running then. */
  async awaitTermination(timeoutMs?: number): Promise<boolean | undefined> {
    if (timeoutMs === undefined) {
      await this.terminated;
      if (this.failure) throw this.failure;
      return undefined;
    }
    let cancel: Cancel | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      cancel = this.ec.clock.schedule(this.ec.clock.now() + timeoutMs, () => resolve(false));
    });
    const done = await Promise.race([this.terminated.then(() => true), timedOut]);
    cancel?.();
    if (done && this.failure) throw this.failure;
    return done;
  }

  /** Stops after the running trigger (if any); sources and sink are stopped, the temp checkpoint removed. */
  async stop(): Promise<void> {
    if (this.state === 'TERMINATED') return;
    this.timer?.();
    this.timer = undefined;
    this.state = 'TERMINATED';
    await this.queue;
    await this.release();
    this.setStatus({ message: 'Stopped', isDataAvailable: false, isTriggerActive: false });
    if (this.ec.tempCheckpoint || this.ec.session.conf.flag('spark.sql.streaming.forceDeleteTempCheckpointLocation')) {
      if (this.ec.tempCheckpoint) rmSync(this.ec.checkpoint.dir, { recursive: true, force: true });
    }
    this.finish(null);
  }

  private fail(e: unknown): void {
    if (this.failure || this.state === 'TERMINATED') return;
    const message = e instanceof Error ? e.message : String(e);
    this.failure = new StreamingQueryException('STREAM_FAILED', { id: this.id, runId: this.runId, message }, { cause: e });
    this.state = 'TERMINATED';
    this.timer?.();
    this.timer = undefined;
    this.ec.err(`ERROR MicroBatchExecution: Query ${this.name ?? ''} [id = ${this.id}, runId = ${this.runId}] terminated with error: ${message}\n`);
    this.setStatus({ message: `Terminated with exception: ${message}`, isDataAvailable: false, isTriggerActive: false });
    void this.release().finally(() => this.finish(this.failure));
  }

  private async release(): Promise<void> {
    for (const s of this.sources) {
      try {
        await s.source.stop();
      } catch {
        // A source that fails to stop cleanly must not keep the query from terminating.
      }
    }
    await this.ec.sink.stop?.();
  }

  private finish(error: StreamingQueryException | null): void {
    const { manager } = this.ec;
    manager.post({ type: 'terminated', event: { id: this.id, runId: this.runId, exception: error === null ? null : error.message, errorClassOnException: error === null ? null : 'STREAM_FAILED' } });
    manager.terminated(this);
    this.resolveTerminated();
  }
}
