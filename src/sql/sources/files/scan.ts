/**
 * A batch read of files: list the paths, discover partition directories, settle the schema
 * (the user's, or the format's inference), cut files into splits and pack them into partitions
 * as Spark's `FilePartition.getFilePartitions` does (splits of at most
 * `spark.sql.files.maxPartitionBytes`, small files packed together with
 * `spark.sql.files.openCostInBytes`), and read a partition split by split, appending each
 * file's partition values to its rows.
 */
import { AnalysisException } from '../../errors.js';
import { StructField, StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { BatchReadRequest, BatchScan } from '../contract.js';
import type { FileFormat, FileInfo, FileSplit, SplitReader } from './file-format.js';
import { checkDuplicateColumns, corruptColumnName } from './parse-mode.js';
import { discoverPartitions, partitionValues } from './partitioning.js';
import { listInputs, qualified } from './paths.js';
import { sessionTimeZone } from './common-options.js';

const MB = 1024 * 1024;

/** One partition of a scan: splits of files, with each file's partition values. */
interface ScanPartition {
  readonly splits: { split: FileSplit; values: unknown[] }[];
}

/** Spark's `maxSplitBytes`: min(maxPartitionBytes, max(openCost, totalBytes / minPartitionNum)). */
export function maxSplitBytes(files: readonly FileInfo[], maxPartitionBytes: number, openCost: number, minPartitions: number): number {
  const total = files.reduce((s, f) => s + f.size + openCost, 0);
  return Math.min(maxPartitionBytes, Math.max(openCost, Math.floor(total / Math.max(1, minPartitions))));
}

/** Cuts files into splits and packs them into partitions (largest first, as Spark). */
export function packSplits(
  files: readonly FileInfo[],
  splittable: (f: FileInfo) => boolean,
  maxBytes: number,
  openCost: number,
): FileSplit[][] {
  const splits: FileSplit[] = [];
  for (const f of files) {
    if (f.size > 0 && splittable(f)) {
      for (let off = 0; off < f.size; off += maxBytes) splits.push({ path: f.path, start: off, length: Math.min(maxBytes, f.size - off), fileSize: f.size });
    } else splits.push({ path: f.path, start: 0, length: f.size, fileSize: f.size });
  }
  splits.sort((a, b) => b.length - a.length);
  const parts: FileSplit[][] = [];
  let current: FileSplit[] = [];
  let size = 0;
  for (const s of splits) {
    if (current.length > 0 && size + s.length > maxBytes) {
      parts.push(current);
      current = [];
      size = 0;
    }
    size += s.length + openCost;
    current.push(s);
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

/** A planned read of files in one format. */
export class FileScan implements BatchScan {
  readonly schema: StructType;
  readonly numPartitions: number;
  /** The schema of the files' own columns (what the format reads). */
  readonly dataSchema: StructType;
  private readonly partitions: ScanPartition[];
  private reader: SplitReader | undefined;
  private readonly location: string;

  constructor(
    private readonly format: FileFormat,
    private readonly request: BatchReadRequest,
  ) {
    const { options, session } = request;
    format.checkOptions(options, 'read');
    if (request.paths.length === 0) {
      throw new AnalysisException('UNABLE_TO_INFER_SCHEMA', { format: displayName(format.name) });
    }
    const recursive = options.getBoolean('recursiveFileLookup', false);
    const glob = options.get('pathGlobFilter');
    const roots = listInputs(request.paths, { recursive, ...(glob !== undefined ? { fileNameGlob: glob } : {}) });
    const files = roots.flatMap((r) => r.files);
    this.location = roots.map((r) => qualified(r.root)).join(', ');
    const tz = sessionTimeZone(options, session);
    const inferTypes = (session.conf('spark.sql.sources.partitionColumnTypeInference.enabled') ?? 'true') !== 'false';
    const parts = recursive ? { schema: new StructType([]), raw: new Map<string, (string | null)[]>() } : discoverPartitions(roots, tz, inferTypes);

    const user = request.userSchema;
    let partSchema = parts.schema;
    if (user !== undefined) {
      // Partition columns named in the user's schema take the user's type; they stay last.
      partSchema = new StructType(parts.schema.fields.map((p) => user.fields.find((f) => f.name.toLowerCase() === p.name.toLowerCase()) ?? p));
      const partNames = new Set(partSchema.fields.map((f) => f.name.toLowerCase()));
      this.dataSchema = new StructType(user.fields.filter((f) => !partNames.has(f.name.toLowerCase())));
      format.checkSchema?.(this.dataSchema, 'read');
    } else {
      const inferred = files.length === 0 ? null : format.inferSchema(files, options, session);
      if (inferred === null) throw new AnalysisException('UNABLE_TO_INFER_SCHEMA', { format: displayName(format.name) });
      const partNames = new Set(partSchema.fields.map((f) => f.name.toLowerCase()));
      this.dataSchema = new StructType(inferred.fields.filter((f) => !partNames.has(f.name.toLowerCase())));
    }
    checkDuplicateColumns([...this.dataSchema.fieldNames(), ...partSchema.fieldNames()]);
    this.schema = new StructType([...this.dataSchema.fields, ...partSchema.fields.map((f) => new StructField(f.name, f.dataType, true))]);
    const typedParts = partitionValues(parts.raw, partSchema, tz);

    const conf = (k: string, d: number): number => Number(session.conf(k) ?? d);
    const openCost = conf('spark.sql.files.openCostInBytes', 4 * MB);
    const minParts = conf('spark.sql.files.minPartitionNum', session.sparkContext?.defaultParallelism ?? 1);
    const maxBytes = maxSplitBytes(files, conf('spark.sql.files.maxPartitionBytes', 128 * MB), openCost, minParts);
    const packed = packSplits(files, (f) => format.isSplittable(options, f.path), maxBytes, openCost);
    this.partitions = packed.map((splits) => ({ splits: splits.map((split) => ({ split, values: typedParts.get(split.path) ?? [] })) }));
    this.numPartitions = this.partitions.length;
  }

  /** Reads partition `index`, pushing rows (data columns then partition columns) into `emit`. */
  readPartition(index: number, emit: (row: InternalRow) => void, required?: readonly boolean[]): void {
    const part = this.partitions[index];
    if (part === undefined) throw new RangeError(`partition ${index} out of range [0, ${this.numPartitions})`);
    const { options, session } = this.request;
    const corrupt = corruptColumnName(options, session);
    if (this.dataSchema.fields.length === 1 && this.dataSchema.fields[0]!.name === corrupt && this.format.name !== 'text') {
      throw new AnalysisException('_LEGACY_ERROR_TEMP_1285', {});
    }
    this.reader ??= this.format.prepareRead({ dataSchema: this.dataSchema, options, session });
    const read = this.reader;
    const dataRequired = required?.slice(0, this.dataSchema.fields.length);
    const prune = dataRequired !== undefined && dataRequired.some((r) => !r) ? dataRequired : undefined;
    for (const { split, values } of part.splits) {
      if (values.length === 0) read(split, emit, prune);
      else read(split, (row) => emit(row.concat(values)), prune);
    }
  }

  describe(): string {
    return `FileScan ${this.format.name} [${this.schema.fieldNames().join(',')}] Location: InMemoryFileIndex[${this.location}]`;
  }
}

/** The format's name as Spark's messages spell it (`CSV`, `JSON`, `Parquet`, `Text`). */
export function displayName(format: string): string {
  return ({ csv: 'CSV', json: 'JSON', parquet: 'Parquet', text: 'Text', orc: 'ORC' } as Record<string, string>)[format] ?? format;
}
