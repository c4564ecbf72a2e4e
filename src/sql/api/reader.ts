/**
 * `spark.read`: a data-source reader as pyspark's. `format(…).option(…).schema(…).load(path)`
 * and the shortcuts `csv`, `json`, `text`, `parquet` (options as a final object, pyspark's
 * keyword arguments). Options are checked by the source at `load()`, where the schema is
 * inferred (as Spark does).
 */
import { SparkArgumentError } from '../errors.js';
import { type OptionValue, SourceOptions, optionString } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
import type { StructType } from '../types/data-types.js';
import { parseSchema } from '../types/ddl.js';
import type { DataFrame } from './dataframe.js';
import type { SparkSession } from './session.js';

/** Options of the shortcut readers, with `schema` among them as pyspark's keyword. */
export type ReadOptions = Readonly<Record<string, OptionValue | StructType | undefined>>;

/** Reads a data source into a DataFrame. */
export class DataFrameReader {
  private source = 'parquet';
  private readonly opts: Record<string, string> = {};
  private userSchema: StructType | undefined;

  constructor(private readonly session: SparkSession) {}

  /** The source format (`csv`, `json`, `text`, `parquet` …). */
  format(source: string): this {
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
  /** The schema, as a StructType or DDL text (`"name STRING, age INT"`). */
  schema(schema: StructType | string): this {
    this.userSchema = typeof schema === 'string' ? parseSchema(schema) : schema;
    return this;
  }
  /** Loads the source from `path` (or paths). */
  load(path?: string | readonly string[], format?: string, schema?: StructType | string, options?: Readonly<Record<string, OptionValue>>): DataFrame {
    if (format !== undefined) this.format(format);
    if (schema !== undefined) this.schema(schema);
    if (options !== undefined) this.options(options);
    // A remote session's server has its own sources (rate, socket, kafka …) and checks their options.
    if (!this.session.isRemote) findDataSource(this.source).checkOptions?.(new SourceOptions(this.opts), 'read');
    const paths = path === undefined ? [] : typeof path === 'string' ? [path] : [...path];
    if (paths.some((p) => typeof p !== 'string' || p === '')) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `load: "path" must be a non-empty string or a list of them` });
    return this.session.dataFrame({ kind: 'read', format: this.source, options: { ...this.opts }, paths, ...(this.userSchema ? { schema: this.userSchema } : {}), isStreaming: false });
  }

  private shortcut(format: string, path: string | readonly string[], options?: ReadOptions): DataFrame {
    if (options) {
      for (const [k, v] of Object.entries(options)) {
        if (v === undefined) continue;
        if (k === 'schema') this.schema(v as StructType | string);
        else this.option(k, v as OptionValue);
      }
    }
    return this.format(format).load(path);
  }
  /** CSV files (`header`, `inferSchema`, `sep`, `schema`, `mode` …). */
  csv(path: string | readonly string[], options?: ReadOptions): DataFrame {
    return this.shortcut('csv', path, options);
  }
  /** JSON Lines files (`multiLine` for one JSON document per file). */
  json(path: string | readonly string[], options?: ReadOptions): DataFrame {
    return this.shortcut('json', path, options);
  }
  /** Text files: one row per line, column `value`. */
  text(path: string | readonly string[], options?: ReadOptions): DataFrame<'value'> {
    return this.shortcut('text', path, options) as DataFrame<'value'>;
  }
  /** Parquet files. */
  parquet(...paths: string[]): DataFrame {
    return this.shortcut('parquet', paths);
  }
  /** A table or view (same as `spark.table`). */
  table(tableName: string): DataFrame {
    return this.session.table(tableName);
  }
}
