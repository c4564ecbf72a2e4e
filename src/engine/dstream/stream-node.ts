/**
 * StreamNode: a stream as the engine runs it. The public `DStream` (dstream.ts) is a handle on
 * one of these; operators, inputs, the graph, the scheduler and the checkpoint registry work
 * with nodes and the runtime contract only, never with the public classes.
 *
 * A node is a {@link StreamSpec} (how to make the RDD of a batch) plus what the graph keeps
 * for it while running: the RDDs generated so far, how long to remember them, and where its
 * record counts come from.
 */
import type { EagerConsumer } from '../inputs/eager-combine.js';
import { IllegalArgumentError } from '../errors.js';
import { nextGraphId } from '../graph.js';
import type { Partitioner } from '../partitioner.js';
import { type RecordCount, RecordMeter } from '../rdd/record-meter.js';
import type { RDD } from '../rdd/rdd.js';
import type { StorageLevel } from '../rdd/rdd-base.js';
import type { Aggregator } from '../rdd/shuffle.js';
import type { Stage } from '../rdd/stages.js';
import type { StreamingRuntime } from '../runtime.js';

/** How a stream makes its RDD for a batch: the primitive every kind of stream is built from. */
export interface StreamSpec<T> {
  /** Operator name, shown in the pipeline picture ("flatMap", "reduceByKey" …). */
  readonly name: string;
  readonly parents: readonly StreamNode<unknown>[];
  readonly kind: 'input' | 'transform';
  /** Interval between RDDs in ms; defaults to the first parent's (or the batch interval for inputs). */
  readonly slideMs?: number;
  /** For windows: how far back in time this stream reads its parent, in ms. */
  readonly windowMs?: number;
  /** True when the stream keeps the parent batches its window needs itself, so the parents need not remember them. */
  readonly storesWindow?: boolean;
  /** True for streams Spark requires a checkpoint directory for (state, inverse windows). */
  readonly mustCheckpoint?: boolean;
  /** For narrow steps (map, flatMap, filter …): the per-record step, so it can also run as records arrive. */
  readonly narrowStage?: Stage<unknown, T>;
  /** For per-key aggregations: the aggregator and placement, so the map side can run as records arrive. */
  readonly combine?: {
    readonly aggregator: Aggregator<unknown, unknown>;
    readonly partitioner: Partitioner;
    /** Turns each record into the pair to aggregate (count: `[null, 1]`), for streams that are not of pairs. */
    readonly preStage?: Stage<unknown, unknown>;
  };
  /** The RDD for batch `time`, or undefined when this stream has none at that time. */
  compute(time: number): RDD<T> | undefined;
}

/** A stream of the running graph. */
export class StreamNode<T> {
  /** Unique id within the process; the pipeline picture and BatchInfo.streamCounts use it. */
  readonly id = nextGraphId();
  readonly runtime: StreamingRuntime;
  readonly spec: StreamSpec<T>;
  /** How long generated RDDs are kept (ms); set when the context starts. */
  rememberMs = 0;
  zeroTime: number | undefined;
  /** Set by `cache()`/`persist()`. */
  storageLevel: StorageLevel | undefined;
  /** Interval for checkpointing this stream's RDDs (ms), if set by `checkpoint()`. */
  checkpointMs: number | undefined;
  /** For an aggregation whose map side runs as records arrive: what it reads instead of its parent (see eager-combine.ts). */
  eager: EagerConsumer | undefined;
  /** For a narrow step run inside eager chains: the consumers that count its records, and its step in each. */
  eagerSteps: Array<{ readonly consumer: EagerConsumer; readonly step: number }> = [];
  private readonly generated = new Map<number, RDD<T> | undefined>();

  constructor(runtime: StreamingRuntime, spec: StreamSpec<T>) {
    runtime.checkCanAddStream();
    for (const p of spec.parents) {
      if (p.runtime !== runtime) {
        throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', 'All DStreams of a pipeline must belong to the same StreamingContext');
      }
    }
    this.runtime = runtime;
    this.spec = spec;
    runtime.graph.addStream(this);
  }

  /** Interval between this stream's RDDs, in ms. */
  get slideMs(): number {
    return this.spec.slideMs ?? this.spec.parents[0]?.slideMs ?? this.runtime.batchMs;
  }

  /** The RDD of batch `time`, made once and remembered. */
  getOrCompute(time: number): RDD<T> | undefined {
    if (this.generated.has(time)) return this.generated.get(time);
    if (!this.isTimeValid(time)) return undefined;
    let rdd = this.spec.compute(time);
    if (rdd && this.storageLevel) rdd = rdd.persist(this.storageLevel);
    if (rdd && this.runtime.recordCounting && rdd.meter === undefined) rdd.meter = new RecordMeter();
    this.generated.set(time, rdd);
    return rdd;
  }

  /** Keeps each batch's RDD once computed (`cache`/`persist`); only before the context starts. */
  persist(level: StorageLevel): void {
    this.runtime.checkCanChangeStream('Cannot change storage level of a DStream after streaming context has started');
    this.storageLevel = level;
  }

  /** Checkpoints this stream's RDDs every `intervalMs`; only before the context starts. */
  checkpoint(intervalMs: number): void {
    this.runtime.checkCanChangeStream('Cannot change checkpoint interval of a DStream after streaming context has started');
    this.checkpointMs = intervalMs;
    this.storageLevel ??= 'MEMORY_ONLY';
  }

  /** Records this stream produced in batch `time` (partial: a lower bound, e.g. after pprint's take). */
  recordCount(time: number): RecordCount | undefined {
    for (const { consumer, step } of this.eagerSteps) {
      const eager = consumer.countAt(time, step);
      if (eager !== undefined) return { count: eager, partial: false };
    }
    return this.generated.get(time)?.countedRecords();
  }

  /** A time is valid when it is after the zero time and on this stream's slide grid. */
  isTimeValid(time: number): boolean {
    if (this.zeroTime === undefined || time <= this.zeroTime) return false;
    return (time - this.zeroTime) % this.slideMs === 0;
  }

  /** Forgets RDDs older than the remember duration. */
  clearMetadata(time: number): void {
    for (const t of this.generated.keys()) {
      if (t <= time - this.rememberMs) this.generated.delete(t);
    }
  }

  /** `DStream[id] name`, as the REPL shows a stream. */
  toString(): string {
    return `DStream[${this.id}] ${this.spec.name}`;
  }
}
