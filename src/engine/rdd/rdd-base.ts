/**
 * What every RDD is made of: an {@link RDDSpec} (a name, partitions, parents and a push-based
 * `compute`), the cache, the record meter, and the lineage as Spark prints it.
 *
 * `RDD` is assembled along Spark's own seams, one family a file, each class extending the
 * previous: this base, then `RDDActions` (actions.ts), `NumericRDDActions` (numeric-actions.ts,
 * Spark's DoubleRDDFunctions), `PairRDDFunctions` (pair-functions.ts) and finally `RDD`
 * (rdd.ts: the transformations). The families build new RDDs through `derive`, which only the
 * final class implements, so no family imports `RDD` at run time.
 */
import type { SparkContext } from '../spark-context.js';
import { copyRecord } from '../copy.js';
import type { Partitioner } from '../partitioner.js';
import { type RecordCount, RecordMeter } from './record-meter.js';
import type { Sink } from './sink.js';
import type { RDD } from './rdd.js';

/** A key-value pair: a 2-element array, as pyspark's tuple. */
export type Pair<K, V> = [K, V];

/** Storage levels accepted by `persist`; tspark keeps everything in memory, so they differ only in name. */
export type StorageLevel = 'MEMORY_ONLY' | 'MEMORY_AND_DISK' | 'MEMORY_ONLY_2' | 'MEMORY_AND_DISK_2' | 'DISK_ONLY' | 'OFF_HEAP';

/** How an RDD computes its partitions: the one primitive every RDD kind is built from. */
export interface RDDSpec<T> {
  /** Operator name, shown by toDebugString and the UI ("map", "reduceByKey" …). */
  readonly name: string;
  readonly numPartitions: number;
  readonly parents: readonly RDDBase<unknown>[];
  /** True when this RDD reads its parents through a shuffle (a new stage in toDebugString). */
  readonly shuffle?: boolean;
  /** Number of elements when known without computing (parallelized data). */
  readonly size?: number;
  /** Known placement of keys, for pair RDDs produced by a shuffle (lets joins skip a shuffle). */
  readonly partitioner?: Partitioner | undefined;
  compute(index: number, sink: Sink<T>): void;
}

let nextId = 0;

/** The core every RDD shares: its spec, cache and meter. Not used on its own: see `RDD`. */
export abstract class RDDBase<T> {
  /** Unique id, shown in toDebugString. */
  readonly id = nextId++;
  /** The SparkContext this RDD belongs to (pyspark's `rdd.context`). */
  readonly context: SparkContext;
  /** @internal */
  readonly spec: RDDSpec<T>;
  /** @internal Counts the records this RDD produces; a stream sets it when record counting is on. */
  meter: RecordMeter | undefined;
  private storageLevel: StorageLevel | undefined;
  private stored: T[][] | undefined;

  protected constructor(context: SparkContext, spec: RDDSpec<T>) {
    this.context = context;
    this.spec = spec;
  }

  /** @internal A new RDD on this one's context (implemented by `RDD`, so families need not import it). */
  abstract derive<U>(spec: RDDSpec<U>): RDD<U>;

  /** @internal Pushes partition `index` into `sink`, through the meter and the cache. */
  iterate(index: number, sink: Sink<T>): void {
    const meter = this.meter;
    if (meter === undefined) this.read(index, sink);
    else meter.run(index, sink, (counted) => this.read(index, counted));
  }

  private read(index: number, sink: Sink<T>): void {
    if (this.storageLevel === undefined) {
      this.spec.compute(index, sink);
      return;
    }
    const stored = (this.stored ??= new Array<T[]>(this.spec.numPartitions));
    let data = stored[index];
    if (data === undefined) {
      const buf: T[] = [];
      this.spec.compute(index, (x) => {
        buf.push(x);
      });
      data = stored[index] = buf;
    }
    for (const x of data) sink(copyRecord(x));
  }

  /** @internal Records produced so far, if a meter counts them (`partial` when some were not computed). */
  countedRecords(): RecordCount | undefined {
    return this.meter?.read(this.spec.numPartitions);
  }

  /** @internal The elements of one partition as an array. */
  partitionArray(index: number): T[] {
    const out: T[] = [];
    this.iterate(index, (x) => {
      out.push(x);
    });
    return out;
  }

  /** @internal A narrow transformation: wraps the sink, one pass per partition. */
  pipe<U>(name: string, stage: (sink: Sink<U>, partition: number) => Sink<T>, preservesPartitioning = false): RDD<U> {
    return this.derive<U>({
      name,
      numPartitions: this.spec.numPartitions,
      parents: [this],
      partitioner: preservesPartitioning ? this.spec.partitioner : undefined,
      compute: (i, sink) => this.iterate(i, stage(sink, i)),
    });
  }

  /** Number of partitions. */
  getNumPartitions(): number {
    return this.spec.numPartitions;
  }

  // ---------------------------------------------------------------------------------------------
  // Persistence
  // ---------------------------------------------------------------------------------------------

  /** Keeps the computed partitions in memory (reads hand out copies, so user code cannot change them). */
  cache(): this {
    return this.persist('MEMORY_ONLY');
  }

  /** As `cache`; the storage level is recorded but everything stays in memory. */
  persist(storageLevel: StorageLevel = 'MEMORY_ONLY'): this {
    this.storageLevel = storageLevel;
    return this;
  }

  /** Drops the cached partitions. */
  unpersist(): this {
    this.storageLevel = undefined;
    this.stored = undefined;
    return this;
  }

  /** True once `cache`/`persist` was called. */
  get is_cached(): boolean {
    return this.storageLevel !== undefined;
  }

  /** The storage level set by `persist`, if any. */
  getStorageLevel(): StorageLevel | undefined {
    return this.storageLevel;
  }

  // ---------------------------------------------------------------------------------------------
  // How it shows
  // ---------------------------------------------------------------------------------------------

  /** The lineage of this RDD, one line per step; shuffles start an indented stage, as Spark prints it. */
  toDebugString(): string {
    const lines: string[] = [];
    const label = (r: RDDBase<unknown>): string => `${r.spec.name} [${r.id}]${r.storageLevel ? ` [${r.storageLevel}]` : ''}`;
    const walk = (rdd: RDDBase<unknown>, stageIndent: string, line: string): void => {
      lines.push(line);
      for (const p of rdd.spec.parents) {
        if (rdd.spec.shuffle) walk(p, stageIndent + '   ', `${stageIndent} +-(${p.getNumPartitions()}) ${label(p)}`);
        else walk(p, stageIndent, `${stageIndent} |  ${label(p)}`);
      }
    };
    walk(this, '', `(${this.getNumPartitions()}) ${label(this)}`);
    return lines.join('\n');
  }

  /** `RDD[id] name`, as the REPL shows it. */
  toString(): string {
    return `${this.spec.name === 'parallelize' ? 'ParallelCollectionRDD' : 'RDD'}[${this.id}] ${this.spec.name}`;
  }

  /** Shown by the REPL and `console.log` instead of the internals. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}
