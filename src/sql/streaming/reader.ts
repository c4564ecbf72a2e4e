/**
 * `spark.readStream`: a streaming data-source reader as pyspark's DataStreamReader:
 * `format(…).option(…).options(…).schema(…).load(path?)` and the shortcuts `csv`, `json`,
 * `text`, `parquet` (options as a final object, pyspark's keywords). The source checks its
 * options and says its schema at `load()` (a file source needs a schema, the socket source a
 * host and port), as Spark does; nothing connects until `writeStream.start()`.
 */
import type { DataFrame } from '../api/dataframe.js';
import type { SparkSession } from '../api/session.js';
import { SparkArgumentError } from '../errors.js';
import { type OptionValue, optionString } from '../sources/options.js';
import type { StructType } from '../types/data-types.js';
import { parseSchema } from '../types/ddl.js';

/** Options of the shortcut readers, with `schema` among them as pyspark's keyword. */
export type StreamReadOptions = Readonly<Record<string, OptionValue | StructType | undefined>>;

/** Reads a stream into a streaming DataFrame. */
export class DataStreamReader {
  private source: string | undefined;
  private readonly opts: Record<string, string> = {};
  private userSchema: StructType | undefined;

  /** @internal Use `spark.readStream`. */
  constructor(private readonly session: SparkSession) {}

  /** The source: `socket`, `rate`, `rate-micro-batch`, `csv`, `json`, `text`, `parquet`, `kafka` … */
  format(source: string): this {
    if (typeof source !== 'string' || source === '') throw new SparkArgumentError('NOT_STR', { arg_name: 'source', arg_type: typeof source });
    this.source = source;
    return this;
  }
  /** One option (case-insensitive key; values stored as strings). */
  option(key: string, value: OptionValue): this {
    this.opts[key] = optionString(value);
    return this;
  }
  /** Several options. */
  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v);
    return this;
  }
  /** The schema, as a StructType or DDL text (`"timestamp TIMESTAMP, word STRING"`). */
  schema(schema: StructType | string): this {
    this.userSchema = typeof schema === 'string' ? parseSchema(schema) : schema;
    return this;
  }
  /** The stream (from `path` for file sources). */
  load(path?: string, format?: string, schema?: StructType | string, options?: Readonly<Record<string, OptionValue>>): DataFrame {
    if (format !== undefined) this.format(format);
    if (schema !== undefined) this.schema(schema);
    if (options !== undefined) this.options(options);
    if (path !== undefined && (typeof path !== 'string' || path === '')) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'load: "path" must be a non-empty string (one directory or glob)' });
    // Spark's default source is spark.sql.sources.default (parquet).
    const fmt = this.source ?? this.session.conf.getOption('spark.sql.sources.default') ?? 'parquet';
    return this.session.dataFrame({
      kind: 'read',
      format: fmt,
      options: { ...this.opts },
      paths: path === undefined ? [] : [path],
      ...(this.userSchema ? { schema: this.userSchema } : {}),
      isStreaming: true,
    });
  }

  private shortcut(format: string, path: string, options?: StreamReadOptions): DataFrame {
    if (options) {
      for (const [k, v] of Object.entries(options)) {
        if (v === undefined) continue;
        if (k === 'schema') this.schema(v as StructType | string);
        else this.option(k, v as OptionValue);
      }
    }
    return this.format(format).load(path);
  }
  /** CSV files arriving in a directory (a schema is required). */
  csv(path: string, options?: StreamReadOptions): DataFrame {
    return this.shortcut('csv', path, options);
  }
  /** JSON Lines files arriving in a directory (a schema is required). */
  json(path: string, options?: StreamReadOptions): DataFrame {
    return this.shortcut('json', path, options);
  }
  /** Text files arriving in a directory: one row per line, column `value`. */
  text(path: string, options?: StreamReadOptions): DataFrame {
    return this.shortcut('text', path, options);
  }
  /** Parquet files arriving in a directory (a schema is required). */
  parquet(path: string, options?: StreamReadOptions): DataFrame {
    return this.shortcut('parquet', path, options);
  }
  /** Streaming reads of tables need a catalog of streaming tables, which tspark does not have. */
  table(tableName: string): never {
    throw new SparkArgumentError('NOT_IMPLEMENTED', { feature: `readStream.table("${tableName}") (no table catalog; read the files with readStream.format(…).load(path))` });
  }
}
