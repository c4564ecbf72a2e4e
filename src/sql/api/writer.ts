/**
 * `df.write`: a data-source writer as pyspark's: `mode` (error / errorifexists / append /
 * overwrite / ignore), `format`, `option(s)`, `partitionBy`, `save(path)`, and the shortcuts
 * `csv`, `json`, `text`, `parquet`. The source does the I/O; rows come partition by partition.
 */
import { SparkArgumentError } from '../errors.js';
import type { SaveMode } from '../sources/contract.js';
import { type OptionValue, SourceOptions, optionString } from '../sources/options.js';
import { findDataSource } from '../sources/registry.js';
import type { DataFrame } from './dataframe.js';
import type { WriteSpec } from './session-executor.js';

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
    this.run(path === undefined ? {} : { path });
  }

  /** Saves as a table of the server's catalog (remote sessions: tspark itself has no metastore). */
  saveAsTable(name: string, format?: string, mode?: string, partitionBy?: string | readonly string[], options?: Readonly<Record<string, OptionValue>>): void {
    if (format !== undefined) this.format(format);
    if (mode !== undefined) this.mode(mode);
    if (partitionBy !== undefined) this.partitionBy(...(typeof partitionBy === 'string' ? [partitionBy] : partitionBy));
    if (options !== undefined) this.options(options);
    this.run({ table: { name, method: 'saveAsTable' } });
  }

  /** Inserts into an existing table of the server's catalog (remote sessions). */
  insertInto(tableName: string, overwrite = false): void {
    if (overwrite) this.mode('overwrite');
    this.run({ table: { name: tableName, method: 'insertInto' } });
  }

  private run(target: Pick<WriteSpec, 'path' | 'table'>): void {
    const session = this.df.sparkSession;
    if (!session.isRemote && target.table === undefined) {
      // The local engine checks the format and its options before any row is computed.
      const provider = findDataSource(this.source);
      if (provider.write === undefined) throw new SparkArgumentError('UNSUPPORTED_DATA_SOURCE_USE', { provider: this.source, operation: 'writing' });
      provider.checkOptions?.(new SourceOptions(this.opts), 'write');
    }
    session.execution.write(this.df.plan, { format: this.source, mode: this.saveMode, options: { ...this.opts }, partitionBy: this.partitionCols, ...target });
  }

  private shortcut(format: string, path: string, modeOrOptions?: string | Readonly<Record<string, OptionValue | undefined>>, more?: Readonly<Record<string, OptionValue | undefined>>): void {
    // pyspark's keyword arguments (`csv(path, header=True)`) read naturally as an options object in second place.
    const mode = typeof modeOrOptions === 'string' ? modeOrOptions : undefined;
    const options = typeof modeOrOptions === 'object' && modeOrOptions !== null ? { ...modeOrOptions, ...more } : more;
    if (options) for (const [k, v] of Object.entries(options)) if (v !== undefined) this.option(k, v);
    this.format(format).save(path, undefined, mode);
  }
  /** CSV files. */
  csv(path: string, mode?: string | Readonly<Record<string, OptionValue | undefined>>, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('csv', path, mode, options);
  }
  /** JSON Lines files. */
  json(path: string, mode?: string | Readonly<Record<string, OptionValue | undefined>>, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('json', path, mode, options);
  }
  /** Text files (one string column). */
  text(path: string, mode?: string | Readonly<Record<string, OptionValue | undefined>>, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('text', path, mode, options);
  }
  /** Parquet files. */
  parquet(path: string, mode?: string | Readonly<Record<string, OptionValue | undefined>>, options?: Readonly<Record<string, OptionValue | undefined>>): void {
    this.shortcut('parquet', path, mode, options);
  }
}
