/**
 * The per-file contract of the file formats (csv, json, text, parquet). A format knows how to
 * infer a schema from files, read one file (or a byte range of one) into rows, and write rows
 * into one file; everything about paths, directories, partitions, save modes and commit is
 * shared (`provider.ts`, `scan.ts`, `write-job.ts`). The streaming file source and sink (issue
 * 13) reuse the same readers and writers file by file:
 *
 * ```ts
 * const read = format.prepareRead({ dataSchema, options, session });
 * for (const file of newFiles) read({ path: file, start: 0, length: size, fileSize: size }, emit);
 * const out = format.prepareWrite({ dataSchema, options, session });
 * const w = out.open(`${dir}/part-00000-${uuid}-c000${out.extension}`); rows.forEach((r) => w.write(r)); w.close();
 * ```
 */
import type { SourceSession, SourceUse } from '../contract.js';
import type { SourceOptions } from '../options.js';
import type { StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';

/** A byte range of one file: a whole file is `start = 0, length = fileSize`. */
export interface FileSplit {
  /** Local file-system path. */
  readonly path: string;
  readonly start: number;
  readonly length: number;
  readonly fileSize: number;
}

/** What a format needs to read: the schema rows must have (data columns only, no partition columns). */
export interface ReadSetup {
  readonly dataSchema: StructType;
  readonly options: SourceOptions;
  readonly session: SourceSession;
}

/**
 * Reads one split, pushing each row (in `dataSchema` order) into `emit`; `required[i]` false
 * lets the format leave data column i null unparsed (column pruning; formats may ignore it).
 */
export type SplitReader = (split: FileSplit, emit: (row: InternalRow) => void, required?: readonly boolean[]) => void;

/** What a format needs to write: the schema of the rows it will be given. */
export interface WriteSetup {
  readonly dataSchema: StructType;
  readonly options: SourceOptions;
  readonly session: SourceSession;
}

/** One open output file. */
export interface FileWriter {
  write(row: InternalRow): void;
  /** Flushes and closes the file. */
  close(): void;
}

/** A prepared writer factory: options checked once, files opened one by one. */
export interface PreparedWrite {
  /** `.csv`, `.json`, `.txt`, `.snappy.parquet`, with a compression suffix (`.csv.gz`). */
  readonly extension: string;
  open(path: string): FileWriter;
}

/** One file format. */
export interface FileFormat {
  readonly name: string;
  /** Rejects unknown options and bad values (at `load()` / `save()` / `start()`). */
  checkOptions(options: SourceOptions, use: SourceUse): void;
  /** The data schema of these files (no partition columns), or null when nothing can be inferred (no files). */
  inferSchema(files: readonly FileInfo[], options: SourceOptions, session: SourceSession): StructType | null;
  /** Whether a file may be read as several byte ranges with these options (line-based, not multiLine). */
  isSplittable(options: SourceOptions, path: string): boolean;
  /** Checks that the format can hold these types (Spark's `supportDataType`), before any I/O. */
  checkSchema?(schema: StructType, use: 'read' | 'write'): void;
  prepareRead(setup: ReadSetup): SplitReader;
  prepareWrite(setup: WriteSetup): PreparedWrite;
}

/** A file found by listing: its local path, size and modification time (ms). */
export interface FileInfo {
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}
