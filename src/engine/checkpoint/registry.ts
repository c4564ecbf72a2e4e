/**
 * The checkpoint registry of a running context: the stateful streams and windows that save
 * their state, when checkpoints are written, and how a saved checkpoint is loaded back.
 *
 * Functions cannot be serialised, so a checkpoint holds data only: each stateful stream's
 * state, each window's stored batches, and each resumable input's position. Recovery
 * (`StreamingContext.getOrCreate`) calls `setup` to build the pipeline again, checks that it
 * is the same pipeline (same stateful streams at the same places, same batch interval), and
 * loads the saved data into it before the first batch.
 */
import type { StreamNode } from '../dstream/stream-node.js';
import type { InputHandle } from '../graph.js';
import { CheckpointError, IllegalArgumentError } from '../errors.js';
import { formatBatchTime, formatDurationMs } from '../format.js';
import type { StreamingRuntime } from '../runtime.js';
import { type CheckpointData, checkpointFile, writeCheckpoint } from './checkpoint-file.js';

/** A stream whose state is saved in checkpoints (registered by the stateful primitive, dstream/stateful.ts). */
export interface StatefulPart {
  readonly stream: StreamNode<unknown>;
  /** Called after every batch, so state advances even when no output reads the stream then. */
  computeEachBatch(time: number): void;
  snapshot(): unknown;
  /** Loads what `snapshot` returned; throws a CheckpointError naming `file` if it does not fit. */
  restore(data: unknown, file: string): void;
}

/** Spark's default checkpoint interval for a stream: the multiple of its slide nearest above 10 s. */
export function defaultCheckpointIntervalMs(slideMs: number): number {
  return slideMs * Math.max(1, Math.ceil(10_000 / slideMs));
}

/**
 * The stateful parts of one context and its checkpoints. It takes part once in use: when a
 * stateful stream registers or `ssc.checkpoint(dir)` is called (so a SparkContext's checkpoint
 * directory alone writes nothing for a pipeline without state).
 */
export class CheckpointRegistry {
  private readonly parts: StatefulPart[] = [];
  private active = false;
  private pending: { data: CheckpointData; file: string } | undefined;
  private lastWriteError: string | undefined;
  /** Batch time of the last checkpoint written by this context (for tests and `.status`). */
  lastWrittenTime: number | undefined;
  private lastCompletedTime: number | undefined;

  constructor(private readonly runtime: StreamingRuntime) {
    runtime.onAfterBatch((time) => {
      if (this.active) this.afterBatch(time);
    });
    // A graceful stop has drained every batch: save the last one, so a restart loses nothing.
    runtime.events.on((e) => {
      const dir = runtime.checkpointDir;
      if (!this.active || e.type !== 'contextStopped' || !e.graceful || !dir) return;
      if (this.lastCompletedTime !== undefined && this.lastWrittenTime !== this.lastCompletedTime) this.write(dir, this.lastCompletedTime);
    });
    runtime.onStart(() => {
      this.checkIntervals();
      this.restorePending();
    });
  }

  /** Takes part from now on: checkpoints are written after batches (input positions even without stateful streams). */
  activate(): void {
    this.active = true;
  }

  /** How many stateful streams have registered (the shell's undo of an entry leaves them alone). */
  get partCount(): number {
    return this.parts.length;
  }

  add(part: StatefulPart): void {
    this.active = true;
    this.parts.push(part);
  }

  /** The checkpoint interval: the smallest of the stateful streams' intervals (default ~10 s). */
  intervalMs(): number {
    if (this.parts.length === 0) return defaultCheckpointIntervalMs(this.runtime.batchMs);
    return Math.min(...this.parts.map((p) => p.stream.checkpointMs ?? defaultCheckpointIntervalMs(p.stream.slideMs)));
  }

  private streamKey(s: StreamNode<unknown>): string {
    return `${this.runtime.graph.streams.indexOf(s)}:${s.spec.name}`;
  }

  private inputKeys(): Array<[string, InputHandle]> {
    return this.runtime.graph.inputs.map((input, i) => [`${i}:${input.info.name}`, input]);
  }

  /** Batch time each stateful stream last tried to compute (successfully or not). */
  private readonly attempts = new Map<StreamNode<unknown>, number>();

  /** Called by a stateful stream when it starts computing batch `time`. */
  markAttempt(stream: StreamNode<unknown>, time: number): void {
    this.attempts.set(stream, time);
  }

  private afterBatch(time: number): void {
    for (const p of this.parts) {
      // A stream that already ran (or failed, and was reported) in this batch is left alone.
      if (this.attempts.get(p.stream) === time) continue;
      try {
        p.computeEachBatch(time);
      } catch (e) {
        this.runtime.reportBatchError(time, p.stream.spec.name, e);
      }
    }
    this.lastCompletedTime = time;
    const dir = this.runtime.checkpointDir;
    if (!dir) return;
    const zero = this.runtime.graph.streams[0]?.zeroTime ?? 0;
    if ((time - zero) % this.intervalMs() !== 0) return;
    this.write(dir, time);
  }

  /** Writes a checkpoint of the state after batch `time` now. */
  write(dir: string, time: number): void {
    const inputs: Array<[string, unknown]> = [];
    for (const [key, input] of this.inputKeys()) if (input.snapshot) inputs.push([key, input.snapshot()]);
    const data: CheckpointData = {
      batchMs: this.runtime.batchMs,
      time,
      streams: this.parts.map((p) => [this.streamKey(p.stream), p.snapshot()] as const),
      inputs,
    };
    try {
      writeCheckpoint(dir, data);
      this.lastWrittenTime = time;
      this.lastWriteError = undefined;
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      // Reported once per distinct problem: a function kept in state would fail every interval.
      if (msg !== this.lastWriteError) {
        this.lastWriteError = msg;
        this.runtime.err(
          `Checkpoint after batch ${formatBatchTime(time)} was not written to ${checkpointFile(dir)}: ${msg}. ` +
            'State must be plain data (numbers, strings, arrays, objects, Maps, Sets, Dates); the previous checkpoint is kept\n',
        );
      }
    }
  }

  /**
   * Checks that `data` fits the pipeline `setup` built, then keeps it to be loaded when the
   * context starts. Throws a CheckpointError naming `file` when it does not fit.
   */
  recover(data: CheckpointData, file: string): void {
    const redo = 'setup must build the same pipeline that wrote the checkpoint; if the pipeline changed, delete the checkpoint directory to start from zero.';
    if (data.batchMs !== this.runtime.batchMs) {
      throw new CheckpointError(
        'ERR_CHECKPOINT_INVALID',
        `Checkpoint file ${file} was written with a batch interval of ${formatDurationMs(data.batchMs)}, but setup made a context with ${formatDurationMs(this.runtime.batchMs)}. ${redo}`,
        { file },
      );
    }
    const saved = data.streams.map((e) => e[0]);
    const now = this.parts.map((p) => this.streamKey(p.stream));
    if (saved.length !== now.length || saved.some((k, i) => k !== now[i])) {
      throw new CheckpointError(
        'ERR_CHECKPOINT_INVALID',
        `Checkpoint file ${file} holds state for [${saved.join(', ')}], but the pipeline setup built has [${now.join(', ')}]. ${redo}`,
        { file },
      );
    }
    const inputKeys = new Set(this.inputKeys().map((e) => e[0]));
    const missing = data.inputs.map((e) => e[0]).filter((k) => !inputKeys.has(k));
    if (missing.length > 0) {
      throw new CheckpointError(
        'ERR_CHECKPOINT_INVALID',
        `Checkpoint file ${file} holds positions of inputs [${missing.join(', ')}] that setup did not create. ${redo}`,
        { file },
      );
    }
    this.pending = { data, file };
  }

  /** Spark's start-time rules for a stream's checkpoint interval, in its words. */
  private checkIntervals(): void {
    for (const { stream } of this.parts) {
      const interval = stream.checkpointMs;
      if (interval === undefined) continue;
      const slide = stream.slideMs;
      const name = stream.spec.name;
      if (interval < slide) {
        throw new IllegalArgumentError(
          'ERR_INVALID_DURATION',
          `The checkpoint interval for ${name} has been set to ${interval} ms which is lower than its slide time (${slide} ms). ` +
            `Please set it to at least ${slide} ms, e.g. .checkpoint(${slide / 1000})`,
        );
      }
      if (interval % slide !== 0) {
        throw new IllegalArgumentError(
          'ERR_INVALID_DURATION',
          `The checkpoint interval for ${name} has been set to ${interval} ms which not a multiple of its slide time (${slide} ms). ` +
            `Please set it to a multiple of ${slide} ms, e.g. .checkpoint(${(Math.ceil(interval / slide) * slide) / 1000})`,
        );
      }
    }
  }

  private restorePending(): void {
    const pending = this.pending;
    if (!pending) return;
    const { data, file } = pending;
    data.streams.forEach(([, saved], i) => this.parts[i]?.restore(saved, file));
    const inputs = new Map(this.inputKeys());
    for (const [key, saved] of data.inputs) inputs.get(key)?.restore?.(saved);
    this.pending = undefined;
  }
}
