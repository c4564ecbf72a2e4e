/**
 * DStreamGraph: the streams of a context, its inputs and its output operations. At each batch
 * time it turns the output operations into jobs, and afterwards forgets old RDDs.
 */
import type { GraphNode, SourceInfo } from './events.js';
import type { StreamNode } from './dstream/stream-node.js';
import { type EagerInput, planEagerCombines } from './inputs/eager-combine.js';
import type { RDD } from './rdd/rdd.js';

let nextId = 0;

/** Ids shared by streams and output operations, so the pipeline picture can name both. */
export function nextGraphId(): number {
  return nextId++;
}

/** An input of the graph with a lifecycle: a receiver, a polled source, a queue. */
export interface InputHandle {
  readonly streamId: number;
  readonly info: SourceInfo;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
  /** At the tick of `time`, synchronously takes what has been received for that batch; returns the record count. */
  cut?(time: number): number;
  /** Before the jobs of `time` run: asynchronous work such as listing a directory; returns the record count. */
  prepare?(time: number): number | Promise<number>;
  /** After the batch at `time` has finished: frees what was held for it. */
  release?(time: number): void;
  /** True when records have been received that no batch has taken yet (graceful stop waits for them). */
  hasPendingData?(): boolean;
  /** Position to checkpoint (JSON-serialisable), for sources that can resume. */
  snapshot?(): unknown;
  restore?(snapshot: unknown): void;
  /** For inputs that can run aggregations' map side as records arrive (the receiver input). */
  readonly eager?: EagerInput;
}

/** An output operation: runs on the RDD of its stream at every batch. */
export interface OutputOp {
  readonly id: number;
  readonly name: string;
  readonly stream: StreamNode<unknown>;
  run(time: number, rdd: RDD<unknown>): unknown;
}

/** One output operation's work for a batch. */
export interface Job {
  readonly op: OutputOp;
  /** Undefined when the stream has no RDD at this time (a window between slides). */
  readonly run: (() => unknown) | undefined;
  /** An error thrown while generating the RDD (e.g. by a transform function). */
  readonly generationError?: unknown;
}

/** How far a pipeline reached at one moment: the counts of its streams, inputs and outputs. */
export interface GraphMark {
  readonly streams: number;
  readonly inputs: number;
  readonly outputs: number;
}

/** The pipeline of one context. */
export class DStreamGraph {
  readonly streams: StreamNode<unknown>[] = [];
  readonly inputs: InputHandle[] = [];
  readonly outputs: OutputOp[] = [];
  /** Set by `ssc.remember`: every stream keeps its RDDs at least this long. */
  rememberMs: number | undefined;
  lastGeneratedTime: number | undefined;

  addStream(s: StreamNode<unknown>): void {
    this.streams.push(s);
  }

  addInput(input: InputHandle): void {
    this.inputs.push(input);
  }

  addOutput(stream: StreamNode<unknown>, name: string, run: (time: number, rdd: RDD<unknown>) => unknown): void {
    this.outputs.push({ id: nextGraphId(), name, stream, run });
  }

  /** How far the pipeline reaches now, for {@link truncate}. */
  mark(): GraphMark {
    return { streams: this.streams.length, inputs: this.inputs.length, outputs: this.outputs.length };
  }

  /**
   * Removes the streams, inputs and outputs added since `mark` and returns their names, or
   * undefined when something before the mark is gone. Only for a pipeline that has not started
   * (the caller checks): streams, inputs and outputs are only appended until then, and nothing
   * else refers to what was added last.
   */
  truncate(mark: GraphMark): string[] | undefined {
    if (this.streams.length < mark.streams || this.inputs.length < mark.inputs || this.outputs.length < mark.outputs) return undefined;
    const removed = [...this.streams.slice(mark.streams).map((s) => s.spec.name), ...this.outputs.slice(mark.outputs).map((o) => o.name)];
    this.streams.length = mark.streams;
    this.inputs.length = mark.inputs;
    this.outputs.length = mark.outputs;
    return removed;
  }

  /** Sets zero time and remember durations; windows make their parents remember longer. */
  start(zeroTime: number): void {
    for (const s of this.streams) {
      s.zeroTime = zeroTime;
      s.rememberMs = Math.max(s.slideMs, this.rememberMs ?? 0, s.checkpointMs ? 2 * s.checkpointMs : 0);
    }
    // Streams are created after their parents, so walking backwards visits children first.
    for (const s of [...this.streams].reverse()) {
      // A window that stores its own batches (src/engine/dstream/batch-store.ts) spares its parents.
      const reach = s.spec.storesWindow ? 0 : (s.spec.windowMs ?? 0);
      for (const p of s.spec.parents) p.rememberMs = Math.max(p.rememberMs, s.rememberMs + reach);
    }
    planEagerCombines(this);
  }

  generateJobs(time: number): Job[] {
    this.lastGeneratedTime = time;
    return this.outputs.map((op) => {
      try {
        const rdd = op.stream.getOrCompute(time);
        return { op, run: rdd === undefined ? undefined : () => op.run(time, rdd) };
      } catch (e) {
        return { op, run: undefined, generationError: e };
      }
    });
  }

  clearMetadata(time: number): void {
    for (const s of this.streams) s.clearMetadata(time);
  }

  /** The pipeline as nodes, for the UI's picture. */
  nodes(): GraphNode[] {
    const nodes: GraphNode[] = this.streams.map((s) => ({
      id: s.id,
      name: s.spec.name,
      parents: s.spec.parents.map((p) => p.id),
      kind: s.spec.kind,
      ...(s.spec.windowMs !== undefined ? { windowMs: s.spec.windowMs, slideMs: s.slideMs } : {}),
    }));
    for (const o of this.outputs) nodes.push({ id: o.id, name: o.name, parents: [o.stream.id], kind: 'output' });
    return nodes;
  }
}
