/**
 * The streaming file source (Spark's FileStreamSource) for csv, json, text and parquet: each
 * trigger lists the directory (or glob), takes the files not seen before — oldest first by
 * modification time (`latestFirst` reverses), at most `maxFilesPerTrigger` — and records them
 * as the next entry of its own log (`<checkpoint>/sources/<n>/<batch>`: one JSON line per file);
 * the offset is `{"logOffset": n}`. A batch reads its files with the format's batch reader
 * (the same split packing as `spark.read`). `cleanSource` archives or deletes a batch's files
 * once it is committed. Files must be placed atomically (written elsewhere, then moved in).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { AnalysisException, SparkArgumentError } from '../../errors.js';
import type { BatchReadRequest, DataSourceProvider, Offset, ReadLimit, RowPartitions, StreamReadRequest, StreamSchemaRequest, StreamSource } from '../../sources/contract.js';
import type { FileFormat, FileInfo } from '../../sources/files/file-format.js';
import { hasGlob, listInputs, localPath, qualified } from '../../sources/files/paths.js';
import { FileScan } from '../../sources/files/scan.js';
import type { StructType } from '../../types/data-types.js';
import { intervalMicros, parseInterval } from '../../types/interval.js';
import { MetadataLog } from '../checkpoint/metadata-log.js';

/** One file of the source's log. */
interface LoggedFile {
  readonly path: string;
  readonly timestamp: number;
  readonly batchId: number;
}

const fileLogCodec = {
  version: 1,
  encode: (files: readonly LoggedFile[]) => files.map((f) => JSON.stringify(f)).join('\n'),
  decode: (text: string) => text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as LoggedFile),
};

/** The path of a streaming file read, or Spark's errors for a missing or absent one. */
function sourcePath(request: BatchReadRequest): string {
  const path = request.paths[0] ?? request.options.get('path');
  if (path === undefined) throw new SparkArgumentError('INVALID_ARGUMENT', { message: "'path' is not specified" });
  if (request.paths.length > 1) throw new SparkArgumentError('INVALID_ARGUMENT', { message: 'A streaming file source reads one directory (or glob); got several paths' });
  const local = localPath(path);
  if (!hasGlob(local) && !existsSync(local)) throw new AnalysisException('PATH_NOT_FOUND', { path: qualified(local) });
  return path;
}

/** The schema of a streaming file read: the user's, the format's fixed one (text), or inferred when allowed. */
function schemaOf(format: FileFormat, request: StreamSchemaRequest): StructType {
  const path = sourcePath(request);
  if (request.userSchema !== undefined) return request.userSchema;
  if (format.name === 'text') return format.inferSchema([], request.options, request.session)!;
  if ((request.session.conf('spark.sql.streaming.schemaInference') ?? 'false') === 'true') {
    return new FileScan(format, { format: format.name, paths: [path], options: request.options, session: request.session }).schema;
  }
  throw new SparkArgumentError('STREAMING_SOURCE_SCHEMA_REQUIRED');
}

function durationMs(text: string, key: string): number {
  const i = parseInterval(/^\d+$/.test(text.trim()) ? `${text} milliseconds` : text.replace(/^(\d+)\s*([smhd])$/, (_m, n: string, u: string) => `${n} ${{ s: 'seconds', m: 'minutes', h: 'hours', d: 'days' }[u]}`));
  if (i === null || intervalMicros(i) < 0) throw new SparkArgumentError('INVALID_ARGUMENT', { message: `option "${key}" must be a duration such as "7d" or "1 hour"; got ${JSON.stringify(text)}` });
  return intervalMicros(i) / 1000;
}

class FileStreamSource implements StreamSource {
  readonly schema: StructType;
  private readonly log: MetadataLog<readonly LoggedFile[]>;
  private readonly seen = new Map<string, number>();
  private maxSeenMs = 0;
  private logOffset = -1;
  private readonly path: string;
  private readonly maxFiles: number | undefined;
  private readonly latestFirst: boolean;
  private readonly fileNameOnly: boolean;
  private readonly maxFileAgeMs: number;
  private readonly clean: 'off' | 'archive' | 'delete';
  private readonly archiveDir: string | undefined;
  /** Trigger.AvailableNow: the files present when the query started; later files wait. */
  private availableNowFiles: FileInfo[] | undefined;

  constructor(
    private readonly format: FileFormat,
    private readonly request: StreamReadRequest,
  ) {
    this.schema = schemaOf(format, request);
    this.path = sourcePath(request);
    const o = request.options;
    this.maxFiles = o.has('maxFilesPerTrigger') ? o.getInt('maxFilesPerTrigger', 1, 1) : undefined;
    this.latestFirst = o.getBoolean('latestFirst', false);
    this.fileNameOnly = o.getBoolean('fileNameOnly', false);
    this.maxFileAgeMs = durationMs(o.get('maxFileAge') ?? '7d', 'maxFileAge');
    this.clean = o.getEnum('cleanSource', ['off', 'archive', 'delete'] as const, 'off');
    const archive = o.get('sourceArchiveDir');
    if (this.clean === 'archive' && archive === undefined) {
      throw new SparkArgumentError('INVALID_ARGUMENT', { message: "Archive mode must be used with 'sourceArchiveDir' option." });
    }
    this.archiveDir = archive === undefined ? undefined : localPath(archive);
    this.log = new MetadataLog(request.metadataPath, fileLogCodec);
  }

  private key(path: string): string {
    return this.fileNameOnly ? basename(path) : path;
  }

  start(): void {
    // Files already in the log (a restart) are never read again.
    for (const id of this.log.list()) {
      for (const f of this.log.get(id) ?? []) this.markSeen(f.path, f.timestamp);
      this.logOffset = Math.max(this.logOffset, id);
    }
  }

  private markSeen(path: string, mtime: number): void {
    this.seen.set(this.key(localPath(path)), mtime);
    if (mtime > this.maxSeenMs) this.maxSeenMs = mtime;
  }

  private listAll(): FileInfo[] {
    try {
      return listInputs([this.path]).flatMap((r) => r.files);
    } catch (e) {
      // A glob that matches nothing yet, or a directory removed: no new files.
      if (e instanceof AnalysisException && e.errorClass === 'PATH_NOT_FOUND') return [];
      throw e;
    }
  }

  private listNew(): FileInfo[] {
    const files = this.availableNowFiles ?? this.listAll();
    const ignoreAge = this.latestFirst && this.maxFiles !== undefined;
    const threshold = this.maxSeenMs - this.maxFileAgeMs;
    const fresh = files.filter((f) => !this.seen.has(this.key(f.path)) && (ignoreAge || this.seen.size === 0 || f.mtimeMs >= threshold));
    fresh.sort((a, b) => (this.latestFirst ? b.mtimeMs - a.mtimeMs : a.mtimeMs - b.mtimeMs) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return fresh;
  }

  latestOffset(_start: Offset | null, limit: ReadLimit): Offset | null {
    let fresh = this.listNew();
    const max = limit.kind === 'maxFiles' ? limit.files : limit.kind === 'all' ? undefined : this.maxFiles;
    if (max !== undefined) fresh = fresh.slice(0, max);
    if (fresh.length > 0) {
      this.logOffset++;
      const entries = fresh.map((f) => ({ path: 'file://' + qualified(f.path).slice(5), timestamp: Math.floor(f.mtimeMs), batchId: this.logOffset }));
      this.log.put(this.logOffset, entries);
      for (const f of fresh) this.markSeen(f.path, Math.floor(f.mtimeMs));
    }
    return this.logOffset < 0 ? null : { logOffset: this.logOffset };
  }

  prepareForAvailableNow(): void {
    this.availableNowFiles = this.listAll();
  }

  getBatch(start: Offset | null, end: Offset): RowPartitions {
    const from = start === null ? 0 : (start as { logOffset: number }).logOffset + 1;
    const to = (end as { logOffset: number }).logOffset;
    const files: string[] = [];
    for (let id = from; id <= to; id++) {
      for (const f of this.log.get(id) ?? []) {
        const p = localPath(f.path);
        // Spark lists a batch's files again before reading them, and skips one that is gone
        // (deleted after it was logged): the batch reads nothing from it and the query goes on.
        if (existsSync(p)) files.push(p);
        else this.request.warn(`InMemoryFileIndex: The directory ${f.path} was not found. Was it deleted very recently?`);
      }
    }
    if (files.length === 0) return { schema: this.schema, numPartitions: 0, readPartition: () => undefined };
    const scan = new FileScan(this.format, { format: this.format.name, paths: files, options: this.request.options, userSchema: this.schema, session: this.request.session });
    return { schema: scan.schema, numPartitions: scan.numPartitions, readPartition: (i, emit) => scan.readPartition(i, emit) };
  }

  commit(end: Offset): void {
    if (this.clean === 'off') return;
    const to = (end as { logOffset: number }).logOffset;
    for (const id of this.log.list()) {
      if (id > to) continue;
      for (const f of this.log.get(id) ?? []) {
        const p = localPath(f.path);
        if (!existsSync(p)) continue;
        if (this.clean === 'delete') rmSync(p, { force: true });
        else {
          // Spark keeps the file's full path under the archive directory.
          const target = join(this.archiveDir!, relative('/', p));
          mkdirSync(dirname(target), { recursive: true });
          renameSync(p, target);
        }
      }
    }
  }

  stop(): void {}

  reportLatestOffset(): Offset | null {
    return null;
  }

  describe(): string {
    return `FileStreamSource[${qualified(localPath(this.path))}]`;
  }
}

/** Adds streaming reads to a file format's provider. */
export function withFileStreamSource(provider: DataSourceProvider & { readonly format: FileFormat }): DataSourceProvider {
  const format = provider.format;
  return {
    ...provider,
    streamSchema: (request) => schemaOf(format, request),
    createStreamSource: (request) => new FileStreamSource(format, request),
  };
}
