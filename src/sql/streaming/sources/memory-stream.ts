/**
 * MemoryStream: a streaming source fed by the program, as Scala's `MemoryStream[A]` (Spark's
 * own tests use it): `addData(...rows)` appends one block of rows and returns its offset; the
 * DataFrame (`toDF()`) is a stream over every block added. Offsets are block numbers (-1 before
 * the first block, so a query started before any data runs an empty batch 0, as Spark's); a
 * micro-batch reads the blocks after its start offset, one partition per block.
 */
import { SparkArgumentError } from '../../errors.js';
import type { DataSourceProvider, Offset, RowPartitions, StreamSource } from '../../sources/contract.js';
import { internalizer, structInternalizer } from '../../types/convert.js';
import { StructType } from '../../types/data-types.js';
import { parseSchema } from '../../types/ddl.js';
import type { InternalRow } from '../../types/values.js';

/** The option naming the stream a `memory` source reads (set by `toDF()`). */
export const MEMORY_STREAM_ID = 'memoryStream.id';

/** The blocks of one MemoryStream, shared by every query reading it. */
export interface MemoryStreamData {
  readonly schema: StructType;
  readonly blocks: InternalRow[][];
  readonly numPartitions: number | undefined;
  /** Called when a block is added (wakes the queries reading the stream). */
  readonly listeners: Set<() => void>;
}

const streams = new Map<number, MemoryStreamData>();
let nextId = 0;

/** Registers a new stream's data and returns its id. */
export function registerMemoryStream(schema: StructType | string, numPartitions?: number): { id: number; data: MemoryStreamData } {
  const s = typeof schema === 'string' ? parseSchema(schema) : schema;
  const data: MemoryStreamData = { schema: s, blocks: [], numPartitions, listeners: new Set() };
  const id = nextId++;
  streams.set(id, data);
  return { id, data };
}

/** Converts user values (arrays, Rows, objects, or single values for one column) to internal rows. */
export function memoryRowConverter(schema: StructType): (v: unknown) => InternalRow {
  if (schema.fields.length === 1) {
    const one = internalizer(schema.fields[0]!.dataType);
    const struct = structInternalizer(schema);
    return (v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? (struct(v) as InternalRow) : [v === null || v === undefined ? null : one(v)]);
  }
  return structInternalizer(schema) as (v: unknown) => InternalRow;
}

function dataOf(options: { get(k: string): string | undefined }): MemoryStreamData {
  const id = options.get(MEMORY_STREAM_ID);
  const data = id === undefined ? undefined : streams.get(Number(id));
  if (data === undefined) {
    throw new SparkArgumentError('INVALID_ARGUMENT', {
      message: 'Data source memory does not support streamed reading (to feed a stream from the program, use new MemoryStream(spark, schema) and its toDF())',
    });
  }
  return data;
}

function blockOf(o: Offset | null): number {
  return o === null ? -1 : (o as number);
}

/** The source of one query over a MemoryStream. */
class MemoryStreamSource implements StreamSource {
  readonly schema: StructType;
  private wake: (() => void) | undefined;

  constructor(
    private readonly data: MemoryStreamData,
    private readonly id: number,
    private readonly parallelism: number,
  ) {
    this.schema = data.schema;
  }

  start(wake: () => void): void {
    this.wake = wake;
    this.data.listeners.add(wake);
  }

  latestOffset(): Offset {
    return this.data.blocks.length - 1;
  }

  getBatch(start: Offset | null, end: Offset): RowPartitions {
    const blocks = this.data.blocks.slice(blockOf(start) + 1, blockOf(end) + 1);
    let parts = blocks;
    const n = this.data.numPartitions;
    if (n !== undefined) {
      // With numPartitions, each block's rows are spread over n partitions.
      parts = Array.from({ length: n }, () => []);
      for (const b of blocks) b.forEach((r, i) => parts[i % n]!.push(r));
    }
    void this.parallelism;
    return { schema: this.schema, numPartitions: parts.length, readPartition: (i, emit) => parts[i]!.forEach((r) => emit(r.slice())) };
  }

  commit(): void {}

  stop(): void {
    if (this.wake) this.data.listeners.delete(this.wake);
  }

  describe(): string {
    return `MemoryStream[${this.schema.fields.map((f) => `${f.name}#${this.id}`).join(',')}]`;
  }
}

/** The `memory` stream source provider (reads a MemoryStream by id). */
export const memoryStreamProvider: DataSourceProvider = {
  name: 'memory',
  streamSchema: (request) => dataOf(request.options).schema,
  createStreamSource: (request) => new MemoryStreamSource(dataOf(request.options), Number(request.options.get(MEMORY_STREAM_ID)), request.session.sparkContext.defaultParallelism),
};

/** Adds a block to a stream and wakes its readers; returns the block's offset. */
export function addBlock(data: MemoryStreamData, rows: InternalRow[]): number {
  data.blocks.push(rows);
  for (const l of data.listeners) l();
  return data.blocks.length - 1;
}
