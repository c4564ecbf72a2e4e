/**
 * A directory of numbered files, one per batch, as Spark's `HDFSMetadataLog`: `<dir>/<batchId>`
 * holds `v<version>` on its first line and the entry after it. A file is written to a hidden
 * temporary name and renamed into place, so a reader (or a restart after `kill -9`) sees a whole
 * entry or none. `offsets/`, `commits/`, `sources/<n>/` and the file sink's `_spark_metadata/`
 * are all such logs.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparkRuntimeException } from '../../errors.js';

/** How one log's entries are written and read back. */
export interface LogCodec<T> {
  /** The highest format version this code writes and reads (`v1`). */
  readonly version: number;
  /** The entry's text after the version line. */
  encode(value: T): string;
  /** The entry from the text after the version line (the version read is given). */
  decode(text: string, version: number): T;
}

/** Writes `text` to `path` atomically: a temporary file in the same directory, renamed over it. */
export function writeAtomically(path: string, text: string | Uint8Array): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.${path.slice(dir.length + 1)}.${randomUUID()}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** The log in one directory. */
export class MetadataLog<T> {
  constructor(
    readonly dir: string,
    private readonly codec: LogCodec<T>,
  ) {}

  private file(batchId: number): string {
    return join(this.dir, String(batchId));
  }

  /** Writes the entry of `batchId`; false (and nothing written) when it exists, as Spark's `add`. */
  add(batchId: number, value: T): boolean {
    if (existsSync(this.file(batchId))) return false;
    this.put(batchId, value);
    return true;
  }

  /** Writes (or replaces) the entry of `batchId`. */
  put(batchId: number, value: T): void {
    writeAtomically(this.file(batchId), `v${this.codec.version}\n${this.codec.encode(value)}`);
  }

  /** The entry of `batchId`, or undefined. */
  get(batchId: number): T | undefined {
    let text: string;
    try {
      text = readFileSync(this.file(batchId), 'utf8');
    } catch {
      return undefined;
    }
    const nl = text.indexOf('\n');
    const head = nl < 0 ? text : text.slice(0, nl);
    const m = /^v(\d+)$/.exec(head.trim());
    if (m === null) {
      throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', {
        message: `Log file was malformed: failed to read correct log version from ${head}. (${this.file(batchId)})`,
      });
    }
    const version = Number(m[1]);
    if (version > this.codec.version) {
      throw new SparkRuntimeException('STREAMING_ILLEGAL_STATE', {
        message: `UnsupportedLogVersion: maximum supported log version is v${this.codec.version}, but encountered v${version}. The log file was produced by a newer version of Spark and cannot be read by this version. Please upgrade. (${this.file(batchId)})`,
      });
    }
    return this.codec.decode(nl < 0 ? '' : text.slice(nl + 1), version);
  }

  /** The batch ids present, ascending. */
  list(): number[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b);
  }

  /** The latest entry, or undefined when the log is empty. */
  getLatest(): { batchId: number; value: T } | undefined {
    const ids = this.list();
    for (let i = ids.length - 1; i >= 0; i--) {
      const value = this.get(ids[i]!);
      if (value !== undefined) return { batchId: ids[i]!, value };
    }
    return undefined;
  }

  /** Deletes the entries before `thresholdBatchId` (Spark keeps `minBatchesToRetain`). */
  purge(thresholdBatchId: number): void {
    for (const id of this.list()) if (id < thresholdBatchId) rmSync(this.file(id), { force: true });
  }

  /** Deletes the entries after `batchId` (a re-run replaces them). */
  purgeAfter(batchId: number): void {
    for (const id of this.list()) if (id > batchId) rmSync(this.file(id), { force: true });
  }
}
