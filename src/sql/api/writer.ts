/**
 * `df.write`: a data-source writer as pyspark's: `mode` (error / errorifexists / append /
 * overwrite / ignore), `format`, `option(s)`, `partitionBy`, `save(path)`, and the shortcuts
 * `csv`, `json`, `text`, `parquet`. The source does the I/O; rows come partition by partition.
 */
import { SparkArgumentError } from '../errors.js';
import type { RowPartitions, SaveMode } from '../sources/contract.js';
import { type OptionValue, SourceOptions, optionString } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
import type { DataFrame } from './dataframe.js';

const MODES: Readonly<Record<string, SaveMode>> = { overwrite: 'overwrite', append: 'append', ignore: 'ignore', error: 'error', errorifexists: 'error', default: 'error' };

/** Writes a DataFrame to a data source. */
export class DataFrameWriter {
  private source = 'parquet';
  private saveMode: SaveMode = 'error';
  private readonly opts: Record<string, string> = {};
  private partitionCols: string[] = [];

  constructor(private readonly df: DataFrame) {}

  /** What to do when the target exists. */
  mode(saveMode: string): this {
    const m = MODES[saveMode.toLowerCase()];
    if (m === undefined) {
      throw new SparkArgumentError('INVALID_ARGUMENT', {
        message: `Unknown save mode: ${saveMode}. Accepted save modes are 'overwrite', 'append', 'ignore', 'error', 'errorifexists', 'default'.`,
      });
    }
    this.saveMode = m;
    return this;
  }
  /** The target format. */
  format(source: string): this {
    this.source = source;
    return this;
  }
  /** One option. */
  option(key: string, value: OptionValue): this {
    this.opts[key] = optionString(value);
    return this;
  }
  /** Several options. */
  options(options: Readonly<Record<string, OptionValue>>): this {
    for (const [k, v] of Object.entries(options)) this.option(k, v);
    return this;
  }
  /** Columns whose values become `col=value` directories. */
  partitionBy(...cols: Array<string | readonly string[]>): this {
    this.partitionCols = cols.flat() as string[];
    const names = this.df.columns;
    for (const c of this.partitionCols) {
      if (!names.includes(c)) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Partition column \`${c}\` not found in schema ${this.df.schema.simpleString()}` });
    }
    return this;
  }
  /** Writes to `path`. */
  save(path?: string, format?: string, mode?: string, partitionBy?: string | readonly string[], options?: Readonly<Record<string, OptionValue>>): void {
    if (format !== undefined) this.format(format);
    if (mode !== undefined) this.mode(mode);
    if (partitionBy !== undefined) this.partitionBy(...(typeof partitionBy === 'string' ? [partitionBy] : partitionBy));
    if (options !== undefined) this.options(options);
    const provider = findDataSource(this.source);
    if (provider.write === undefined) throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: this.source, operation: 'writing' });
    const opts = new SourceOptions(this.opts);
    provider.checkOptions?.(opts, 'write');
    const session = this.df.sparkSession;
    const rdd = session.executor().rdd(this.df.analyzed);
    const data: RowPartitions = { schema: this.df.schema, numPartitions: rdd.getNumPartitions(), readPartition: (i, emit) => rdd.iterate(i, emit) };
    provider.write(
      { format: this.source, ...(path === undefined ? {} : { path }), mode: this.saveMode, options: opts, partitionBy: this.partitionCols, session: session.sourceSession() },
      data,
    );
  }

  private shortcut(format: string, path: string, mode?: string, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    if (options) for (const [k, v] of Object.entries(options)) if (v !== undefined) this.option(k, v);
    this.format(format).save(path, undefined, mode);
  }
  /** CSV files. */
  csv(path: string, mode?: string, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('csv', path, mode, options);
  }
  /** JSON Lines files. */
  json(path: string, mode?: string, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('json', path, mode, options);
  }
  /** Text files (one string column). */
  text(path: string, mode?: string, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('text', path, mode, options);
  }
  /** Parquet files. */
  parquet(path: string, mode?: string, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('parquet', path, mode, options);
  }
  /** Tables need a metastore, which tspark does not have: use a path, or a temp view. */
  saveAsTable(name: string): never {
    throw new SparkArgumentError('NOT_IMPLEMENTED', { feature: `saveAsTable("${name}") (no metastore; write to a path, or use createOrReplaceTempView)` });
  }
}
