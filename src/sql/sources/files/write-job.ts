/**
 * `df.write…save(path)` for the file formats, as Spark's `FileFormatWriter` with the default
 * commit protocol: every task writes its files under `<path>/_temporary/0/`, and the job commit
 * moves them into place (removing the old files first with `overwrite`) and writes `_SUCCESS`.
 * Files are named as Spark names them: `part-00000-<uuid>-c000.csv`, and inside partition
 * directories `k=v/part-00000-<uuid>.c000.csv`. Readers skip `_temporary`, so a failed job
 * leaves nothing visible; a job that reads the path it overwrites reads the old files first.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AnalysisException, SparkArgumentError, quoteId } from '../../errors.js';
import { StructType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { BatchWriteRequest, RowPartitions, SaveMode } from '../contract.js';
import type { FileFormat, FileWriter, PreparedWrite } from './file-format.js';
import { partitionDir } from './partitioning.js';
import { localPath, qualified } from './paths.js';
import { castText } from './value-text.js';
import { sessionTimeZone } from './common-options.js';

/** How the rows of a write are laid out: data columns in files, partition columns in directories. */
export interface WriteLayout {
  readonly dataSchema: StructType;
  /** Indexes of the data columns in the input rows. */
  readonly dataIndexes: readonly number[];
  /** Indexes and names of the partition columns in the input rows. */
  readonly partIndexes: readonly number[];
  readonly partNames: readonly string[];
}

/** Splits a schema into data and partition columns, with Spark's messages for unknown or all columns. */
export function writeLayout(schema: StructType, partitionBy: readonly string[]): WriteLayout {
  const partIndexes = partitionBy.map((p) => {
    const i = schema.fields.findIndex((f) => f.name.toLowerCase() === p.toLowerCase());
    if (i < 0) {
      throw new AnalysisException('LEGACY_ANALYSIS', {
        message: `Partition column ${quoteId(p)} not found in schema ${schema.simpleString()}`,
      });
    }
    return i;
  });
  if (partIndexes.length > 0 && partIndexes.length === schema.fields.length) {
    throw new AnalysisException('LEGACY_ANALYSIS', { message: 'Cannot use all columns for partition columns' });
  }
  const dataIndexes = schema.fields.map((_f, i) => i).filter((i) => !partIndexes.includes(i));
  return {
    dataSchema: new StructType(dataIndexes.map((i) => schema.fields[i]!)),
    dataIndexes,
    partIndexes,
    partNames: partIndexes.map((i) => schema.fields[i]!.name),
  };
}

/** Options of one task's writing. */
export interface TaskWrite {
  readonly prepared: PreparedWrite;
  readonly layout: WriteLayout;
  readonly schema: StructType;
  /** Directory the files go into (relative names returned). */
  readonly dir: string;
  readonly task: number;
  readonly jobId: string;
  readonly timeZone: string;
  /** `maxRecordsPerFile` (0 = no limit). */
  readonly maxRecordsPerFile: number;
  /** Whether to create a file even without rows (task 0 of a non-partitioned write, as Spark, so the output has a schema). */
  readonly writeEmpty: boolean;
}

/**
 * Writes one partition of rows into `dir` (one file per partition directory, more when
 * `maxRecordsPerFile` is reached) and returns the files' paths relative to `dir`. The streaming
 * file sink calls it per micro-batch too.
 */
export function writeTask(t: TaskWrite, readRows: (emit: (row: InternalRow) => void) => void): string[] {
  const files: string[] = [];
  const open = new Map<string, { w: FileWriter; count: number; fileNo: number }>();
  const partitioned = t.layout.partIndexes.length > 0;
  const taskText = String(t.task).padStart(5, '0');
  const types = t.schema.fields.map((f) => f.dataType);
  const nameOf = (sub: string, fileNo: number): string => {
    const c = `c${String(fileNo).padStart(3, '0')}`;
    const base = partitioned ? `part-${taskText}-${t.jobId}.${c}${t.prepared.extension}` : `part-${taskText}-${t.jobId}-${c}${t.prepared.extension}`;
    return sub === '' ? base : `${sub}/${base}`;
  };
  const openFile = (sub: string, fileNo: number): FileWriter => {
    const rel = nameOf(sub, fileNo);
    const full = join(t.dir, rel);
    mkdirSync(dirname(full), { recursive: true });
    files.push(rel);
    return t.prepared.open(full);
  };
  try {
    readRows((row) => {
      let sub = '';
      if (partitioned) sub = partitionDir(t.layout.partNames, t.layout.partIndexes.map((i) => castText(row[i], types[i]!, t.timeZone)));
      let entry = open.get(sub);
      if (entry === undefined) {
        entry = { w: openFile(sub, 0), count: 0, fileNo: 0 };
        open.set(sub, entry);
      } else if (t.maxRecordsPerFile > 0 && entry.count >= t.maxRecordsPerFile) {
        entry.w.close();
        entry.fileNo++;
        entry.w = openFile(sub, entry.fileNo);
        entry.count = 0;
      }
      entry.w.write(partitioned ? t.layout.dataIndexes.map((i) => row[i]) : row);
      entry.count++;
    });
    if (open.size === 0 && t.writeEmpty && !partitioned) open.set('', { w: openFile('', 0), count: 0, fileNo: 0 });
  } finally {
    for (const e of open.values()) e.w.close();
  }
  return files;
}

/** The canonical save mode of a `mode(…)` string, with Spark's message for an unknown one. */
export function saveModeOf(mode: string): SaveMode {
  const m = mode.toLowerCase();
  if (m === 'overwrite' || m === 'append' || m === 'ignore') return m;
  if (m === 'error' || m === 'errorifexists' || m === 'default') return 'error';
  throw new SparkArgumentError('UNKNOWN_SAVE_MODE', { mode });
}

/** Runs a whole write job: save mode, tasks into `_temporary`, commit, `_SUCCESS`. */
export function writeFiles(format: FileFormat, request: BatchWriteRequest, data: RowPartitions): void {
  if (request.path === undefined || request.path === '') {
    throw new SparkArgumentError('INVALID_ARGUMENT', { message: "'path' is not specified" });
  }
  format.checkOptions(request.options, 'write');
  const root = localPath(request.path);
  const layout = writeLayout(data.schema, request.partitionBy);
  format.checkSchema?.(layout.dataSchema, 'write');
  const exists = existsSync(root);
  if (exists) {
    if (request.mode === 'error') throw new AnalysisException('PATH_ALREADY_EXISTS', { outputPath: qualified(root) });
    if (request.mode === 'ignore') return;
    if (!statSync(root).isDirectory() && request.mode === 'append') {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: `Cannot append to ${qualified(root)}: it is a file, not a directory` });
    }
  }
  if (exists && request.mode === 'overwrite' && !statSync(root).isDirectory()) rmSync(root);
  const { options, session } = request;
  const prepared = format.prepareWrite({ dataSchema: layout.dataSchema, options, session });
  const jobId = randomUUID();
  const staging = join(root, '_temporary', '0');
  mkdirSync(staging, { recursive: true });
  const tz = sessionTimeZone(options, session);
  const maxRecords = options.getInt('maxRecordsPerFile', Number(session.conf('spark.sql.files.maxRecordsPerFile') ?? 0), 0);
  try {
    const written: string[] = [];
    for (let p = 0; p < Math.max(1, data.numPartitions); p++) {
      const files = writeTask(
        { prepared, layout, schema: data.schema, dir: staging, task: p, jobId, timeZone: tz, maxRecordsPerFile: maxRecords, writeEmpty: p === 0 },
        (emit) => {
          if (p < data.numPartitions) data.readPartition(p, emit);
        },
      );
      written.push(...files);
    }
    const dynamic =
      layout.partNames.length > 0 &&
      (options.get('partitionOverwriteMode') ?? session.conf('spark.sql.sources.partitionOverwriteMode') ?? 'static').toLowerCase() === 'dynamic';
    commit(root, staging, written, request.mode === 'overwrite' && exists, dynamic);
  } catch (e) {
    rmSync(join(root, '_temporary'), { recursive: true, force: true });
    if (!exists) rmSync(root, { recursive: true, force: true });
    throw e;
  }
}

/**
 * Moves the staged files into place and marks success. Overwrite clears the old output first:
 * all of it (Spark's default, static), or with `partitionOverwriteMode=dynamic` only the
 * partition directories this job wrote.
 */
function commit(root: string, staging: string, files: readonly string[], clear: boolean, dynamic: boolean): void {
  if (clear && dynamic) {
    for (const dir of new Set(files.map((f) => dirname(f)))) rmSync(join(root, dir), { recursive: true, force: true });
  } else if (clear) {
    for (const name of readdirSync(root)) if (name !== '_temporary') rmSync(join(root, name), { recursive: true, force: true });
  }
  for (const rel of files) {
    const to = join(root, rel);
    mkdirSync(dirname(to), { recursive: true });
    renameSync(join(staging, rel), to);
  }
  rmSync(join(root, '_temporary'), { recursive: true, force: true });
  writeFileSync(join(root, '_SUCCESS'), '');
}
