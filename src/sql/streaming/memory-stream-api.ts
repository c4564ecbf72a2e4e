/**
 * MemoryStream, the public side: a stream the program feeds, for tests and classes, as Scala's
 * `MemoryStream[A]`: `new MemoryStream(spark, "word STRING, n INT")`, `addData(["a", 1], ["b", 2])`
 * (one block, one micro-batch's worth), `toDF()` for the streaming DataFrame. Rows are arrays,
 * Rows, objects, or plain values when the schema has one column.
 */
import { inspect } from 'node:util';
import type { DataFrame } from '../api/dataframe.js';
import type { SparkSession } from '../api/session.js';
import type { StructType } from '../types/data-types.js';
import type { InternalRow } from '../types/values.js';
import { MEMORY_STREAM_ID, type MemoryStreamData, addBlock, memoryRowConverter, registerMemoryStream } from './sources/memory-stream.js';

/** A stream of rows added by the program. */
export class MemoryStream<T = unknown> {
  /** The stream's id (its source description: `MemoryStream[value#0]`). */
  readonly id: number;
  readonly #data: MemoryStreamData;
  readonly #session: SparkSession;
  readonly #convert: (v: unknown) => InternalRow;

  /** A stream of `schema` rows (default one `value STRING` column); `numPartitions` spreads each block's rows. */
  constructor(spark: SparkSession, schema: StructType | string = 'value STRING', numPartitions?: number) {
    const { id, data } = registerMemoryStream(schema, numPartitions);
    this.id = id;
    this.#data = data;
    this.#session = spark;
    this.#convert = memoryRowConverter(data.schema);
  }

  /** The rows' schema. */
  get schema(): StructType {
    return this.#data.schema;
  }

  /** Adds one block of rows (read by the next micro-batch); returns its offset. */
  addData(...rows: T[]): number {
    return addBlock(this.#data, rows.map((r) => this.#convert(r)));
  }

  /** The streaming DataFrame of this stream. */
  toDF(): DataFrame {
    return this.#session.dataFrame({ kind: 'read', format: 'memory', options: { [MEMORY_STREAM_ID]: String(this.id) }, paths: [], schema: this.#data.schema, isStreaming: true });
  }

  toString(): string {
    return `MemoryStream[${this.#data.schema.fields.map((f) => f.name).join(',')}]`;
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
