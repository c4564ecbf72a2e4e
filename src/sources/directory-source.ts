/**
 * `textFileStream(directory)` and `binaryRecordsStream(directory, recordLength)`: a polled source
 * that reads each new file of a directory once, as Spark's `FileInputDStream` does.
 *
 * `directory` is written as Spark users write input paths (input-paths.ts): a directory, a glob
 * (`out/wordcounts-*`: the new files of every matching directory; `out/*\/part-*`: every
 * matching file), a comma-separated list of these, or a `file://` URL. A glob is evaluated at
 * every batch, so directories that appear later (a `saveAsTextFiles` output) are read too.
 *
 * Kept from Spark: only files that appear after the stream starts are read; names starting with
 * `.` are ignored (and, as Hadoop does for `_SUCCESS` and friends, names starting with `_`);
 * the directory is not searched recursively; a file is read once and never again, even if it
 * grows later; text is UTF-8 split on `\n`, `\r\n` or `\r`, and a trailing newline does not make
 * an empty element; binary files are cut into records of exactly `recordLength` bytes.
 *
 * When is a file complete? Spark asks users to *move* files in atomically and reads whatever it
 * sees. tspark also copes with files written in place: at each batch a new file is read only if
 * - its modification time is at least `quietMs` (default 1 s) in the past, as for a file that
 *   was written elsewhere and moved in, or
 * - its size and modification time are the same as at the previous batch (it stopped changing).
 * Otherwise it waits for a later batch. An empty file waits until it has data. So a moved-in file is read in the batch that finds it;
 * a file still being written is read once it has stopped changing for a batch interval. A writer
 * that pauses longer than that between writes should write elsewhere and move the file in.
 *
 * Friendlier than Spark: a missing directory is an error at creation (Spark only warns at each
 * batch); a file moved in with an old modification time is still read (Spark silently skips
 * files older than 60 s); a file that cannot be read is reported and skipped, and the other
 * files of the batch are read as usual. Files are read in chunks, so a file larger than a
 * JavaScript string (512 MiB) is read whole, line by line.
 */
import { open, readdir, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { OptionReader, check, describeValue, integerIn, nonEmptyString, numberAtLeast, oneOf, positiveInteger, rule } from '../engine/checks.js';
import { IllegalArgumentError, SourceError } from '../engine/errors.js';
import type { PollContext, PolledSource } from '../engine/source.js';
import { expandGlob, hasGlob, isHidden, localPath, splitPathList } from './input-paths.js';
import { DEFAULT_MAX_LINE_BYTES, LineFramer, formatBytes, type LongLinePolicy } from './line-framing.js';

/** Options of `textFileStream` beyond Spark's (directory). */
export interface TextFileStreamOptions {
  /** A file counts as complete once its modification time is this old (ms; default 1000). */
  quietMs?: number;
  /** Longest line kept whole, in bytes (default 1 MiB). */
  maxLineBytes?: number;
  /** A longer line is `'cut'` to its first `maxLineBytes` bytes (default) or `'drop'`ped. */
  longLines?: LongLinePolicy;
  /** Where file times are compared to (default `Date.now`): file times are wall-clock times, not engine times. */
  wallClock?: () => number;
}

/** Options of `binaryRecordsStream` beyond Spark's (directory, recordLength). */
export type BinaryRecordsStreamOptions = Pick<TextFileStreamOptions, 'quietMs' | 'wallClock'>;

/** Default quiet period after which a file is taken as complete. */
export const DEFAULT_QUIET_MS = 1000;

/** How one file becomes records, chunk by chunk: `push` each chunk (a reused buffer: copy what you keep), then `end`. */
interface FileReader<T> {
  push(chunk: Uint8Array): T[];
  end(): T[];
}

/** Makes the reader of one file; `name` is how messages name it. */
type Reader<T> = (name: string, ctx: PollContext) => FileReader<T>;

/** Bytes read from a file at a time. */
const CHUNK_BYTES = 4 * 1024 * 1024;

interface Seen {
  size: number;
  mtimeMs: number;
}

interface DirectorySnapshot {
  readonly directory: string;
  /** Absolute paths of the files read (or present at start). */
  readonly done: string[];
}

/**
 * A directory (or the directories and files a glob names) watched for new files; each complete
 * new file becomes one partition of the batch that finds it.
 */
export class DirectorySource<T> implements PolledSource<T> {
  readonly name: string;
  /** The first path watched, resolved (for a glob, the pattern). */
  readonly directory: string;
  /** Every path or glob watched, resolved. */
  private readonly patterns: string[];
  private readonly quietMs: number;
  private readonly wallClock: () => number;
  /** Files (absolute paths) that existed at start, were read, or were skipped for good. */
  private done = new Set<string>();
  /** New files not yet complete: what they looked like at the previous poll. */
  private pending = new Map<string, Seen>();
  private starting: Promise<void> | undefined;
  private restored = false;
  private listFailing = false;

  private constructor(
    operation: string,
    directory: string,
    timing: { quietMs: number; wallClock: () => number },
    private readonly read: Reader<T>,
  ) {
    const given = splitPathList(directory);
    this.patterns = given.map((p) => path.resolve(localPath(operation, p)));
    for (const [i, resolved] of this.patterns.entries()) {
      const raw = given[i] ?? resolved;
      if (hasGlob(resolved)) continue; // what a glob matches may appear later
      let isDir: boolean;
      try {
        isDir = statSync(resolved).isDirectory();
      } catch (cause) {
        throw new SourceError(
          'ERR_PATH_NOT_FOUND',
          `${operation}: directory ${JSON.stringify(raw)} does not exist (looked for ${resolved}); create it first, e.g. mkdir -p ${JSON.stringify(raw)}`,
          { cause },
        );
      }
      if (!isDir) {
        throw new SourceError(
          'ERR_INVALID_ARGUMENT',
          `${operation}: ${JSON.stringify(raw)} is a file, not a directory; give the directory that new files will appear in (or a glob such as dir/*.txt)`,
        );
      }
    }
    this.directory = this.patterns[0] ?? path.resolve(directory);
    this.quietMs = timing.quietMs;
    this.wallClock = timing.wallClock;
    this.name = `${operation} ${directory}`;
  }

  /** The source behind `ssc.textFileStream(directory)`: each line of each new file is a record. */
  static text(directory: string, options: TextFileStreamOptions = {}): DirectorySource<string> {
    check('textFileStream', 'directory', directory, DIRECTORY);
    const o = new OptionReader<TextFileStreamOptions>('textFileStream', options);
    const timing = readTiming(o);
    const maxLineBytes = o.get('maxLineBytes', MAX_LINE_BYTES) ?? DEFAULT_MAX_LINE_BYTES;
    const longLines = o.get('longLines', LONG_LINES) ?? 'cut';
    o.done();
    return new DirectorySource<string>('textFileStream', directory, timing, (file, ctx) => {
      const framer = new LineFramer({ maxLineBytes, longLines });
      let bad = 0;
      let long = 0;
      const take = (f: ReturnType<LineFramer['push']>): string[] => {
        bad += f.replacements;
        long += f.cutLines + f.droppedLines;
        return f.lines;
      };
      return {
        push: (chunk) => take(framer.push(chunk)),
        end: () => {
          const last = take(framer.end());
          if (bad > 0) ctx.warn(`file ${file}: ${bad} byte sequence${bad === 1 ? '' : 's'} not valid UTF-8 became "\uFFFD" (text files must be UTF-8)`);
          if (long > 0) {
            ctx.warn(`file ${file}: ${long} line${long === 1 ? '' : 's'} longer than ${formatBytes(maxLineBytes)} ${longLines === 'cut' ? 'cut to that length' : 'dropped'}; raise the "maxLineBytes" option of textFileStream to keep longer lines`);
          }
          return last;
        },
      };
    });
  }

  /** The source behind `ssc.binaryRecordsStream(directory, recordLength)`: fixed-length records. */
  static binary(directory: string, recordLength: number, options: BinaryRecordsStreamOptions = {}): DirectorySource<Uint8Array> {
    check('binaryRecordsStream', 'directory', directory, DIRECTORY);
    const o = new OptionReader<BinaryRecordsStreamOptions>('binaryRecordsStream', options);
    const timing = readTiming(o);
    o.done();
    check('binaryRecordsStream', 'recordLength', recordLength, RECORD_LENGTH);
    return new DirectorySource<Uint8Array>('binaryRecordsStream', directory, timing, (file, ctx) => {
      // A record cut by a chunk boundary: its first bytes wait here for the next chunk.
      const partial = new Uint8Array(recordLength);
      let held = 0;
      let total = 0;
      return {
        push: (chunk) => {
          total += chunk.length;
          const records: Uint8Array[] = [];
          let at = 0;
          if (held > 0) {
            const n = Math.min(recordLength - held, chunk.length);
            partial.set(chunk.subarray(0, n), held);
            held += n;
            at = n;
            if (held === recordLength) {
              records.push(partial.slice());
              held = 0;
            }
          }
          // A copy, as a plain Uint8Array: the read buffer is reused for the next chunk.
          for (; at + recordLength <= chunk.length; at += recordLength) records.push(new Uint8Array(chunk.subarray(at, at + recordLength)));
          if (at < chunk.length) {
            partial.set(chunk.subarray(at), 0);
            held = chunk.length - at;
          }
          return records;
        },
        end: () => {
          if (held > 0) {
            const whole = Math.floor(total / recordLength);
            ctx.warn(
              `file ${file}: its ${total} bytes are not a multiple of recordLength ${recordLength}; read ${whole} record${whole === 1 ? '' : 's'} and skipped the last ${held} byte${held === 1 ? '' : 's'}`,
            );
          }
          return [];
        },
      };
    });
  }

  start(ctx: PollContext): Promise<void> {
    this.starting ??= (async () => {
      // Files already there belong to the past: only new ones are read, as in Spark. A restored
      // stream keeps its own list instead, so files that came while it was down are read.
      if (!this.restored) {
        const files = await this.list(ctx);
        if (files) for (const f of files) this.done.add(f);
      }
      ctx.status('connected', `watching ${this.patterns.join(', ')} for new files`);
    })();
    return this.starting;
  }

  async poll(_batchTime: number, ctx: PollContext): Promise<T[][]> {
    // The engine does not wait for start(): a poll must, or files that were there at start could count as new.
    await this.start(ctx);
    const files = await this.list(ctx);
    if (!files) return [];
    const partitions: T[][] = [];
    for (const file of files) {
      if (this.done.has(file)) continue;
      const name = this.nameOf(file);
      let seen: Seen;
      try {
        const st = await stat(file);
        if (!st.isFile()) {
          this.done.add(file); // sub-directories are not searched, as in Spark
          continue;
        }
        seen = { size: st.size, mtimeMs: st.mtimeMs };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') this.pending.delete(file); // gone again before we looked
        else this.skip(file, err, ctx);
        continue;
      }
      if (seen.size === 0) {
        this.pending.set(file, seen); // created but not written yet (touch, then write): wait for data
        continue;
      }
      const before = this.pending.get(file);
      const quiet = this.wallClock() - seen.mtimeMs >= this.quietMs;
      const unchanged = before !== undefined && before.size === seen.size && before.mtimeMs === seen.mtimeMs;
      if (!quiet && !unchanged) {
        this.pending.set(file, seen); // still being written, perhaps: look again next batch
        continue;
      }
      this.pending.delete(file);
      this.done.add(file);
      // Each file on its own: one that cannot be read is reported and skipped, the others are kept.
      try {
        partitions.push(await this.readFile(file, name, ctx));
      } catch (err) {
        this.skip(file, err, ctx);
      }
    }
    return partitions;
  }

  /** The records of `file`, read chunk by chunk (never as one string or one buffer). */
  private async readFile(file: string, name: string, ctx: PollContext): Promise<T[]> {
    const reader = this.read(name, ctx);
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
      const records: T[] = [];
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
        if (bytesRead === 0) break;
        for (const r of reader.push(buffer.subarray(0, bytesRead))) records.push(r);
      }
      for (const r of reader.end()) records.push(r);
      return records;
    } finally {
      await handle.close();
    }
  }

  /** How messages name a file: its name in the watched directory, else its path. */
  private nameOf(file: string): string {
    return this.patterns.length === 1 && !hasGlob(this.directory) && path.dirname(file) === this.directory ? path.basename(file) : file;
  }

  stop(): void {
    this.pending.clear();
  }

  /** The files already read (or present at start), so a restored stream does not read them again. */
  snapshot(): DirectorySnapshot {
    return { directory: this.patterns.join(','), done: [...this.done].sort() };
  }

  restore(snapshot: unknown): void {
    if (
      typeof snapshot !== 'object' ||
      snapshot === null ||
      !Array.isArray((snapshot as { done?: unknown }).done) ||
      !(snapshot as { done: unknown[] }).done.every((n) => typeof n === 'string')
    ) {
      throw new IllegalArgumentError('ERR_INVALID_ARGUMENT', `${this.name}: cannot restore from ${describeValue(snapshot)}; expected { directory, done: string[] }`);
    }
    // Older checkpoints kept names within the directory; these are paths now.
    this.done = new Set((snapshot as DirectorySnapshot).done.map((f) => (path.isAbsolute(f) ? f : path.join(this.directory, f))));
    this.pending.clear();
    this.restored = true;
  }

  /** The candidate files (absolute paths, sorted), or undefined when the one plain directory watched cannot be listed. */
  private async list(ctx: PollContext): Promise<string[] | undefined> {
    const files = new Set<string>();
    const failing: string[] = [];
    for (const p of this.patterns) {
      if (hasGlob(p)) {
        // A matching directory gives its files; a matching file is itself a candidate.
        for (const m of expandGlob(p)) {
          try {
            if ((await stat(m)).isDirectory()) {
              for (const n of await readdir(m)) if (!isHidden(n)) files.add(path.join(m, n));
            } else {
              files.add(m);
            }
          } catch {
            // gone since the glob saw it: the next batch looks again
          }
        }
        continue;
      }
      try {
        for (const n of await readdir(p)) if (!isHidden(n)) files.add(path.join(p, n));
      } catch (err) {
        failing.push(`${p} (${errorCode(err)})`);
      }
    }
    // Said once, not at every batch, until the directories can be read again.
    if (failing.length > 0 && !this.listFailing) {
      this.listFailing = true;
      ctx.status('retrying', `cannot list ${failing.join(', ')}; batches get no files from ${failing.length === 1 ? 'it' : 'them'} until ${failing.length === 1 ? 'it is' : 'they are'} back`);
    } else if (failing.length === 0 && this.listFailing) {
      this.listFailing = false;
      ctx.status('connected', `${this.patterns.join(', ')} can be read again; watching ${this.patterns.length === 1 ? 'it' : 'them'} for new files`);
    }
    if (failing.length > 0 && files.size === 0 && this.patterns.length === failing.length) return undefined;
    return [...files].sort();
  }

  private skip(file: string, err: unknown, ctx: PollContext): void {
    this.done.add(file);
    this.pending.delete(file);
    ctx.warn(`cannot read file ${path.basename(file)} in ${path.dirname(file)} (${errorCode(err)}); it was skipped`);
  }
}

const DIRECTORY = nonEmptyString('a path to a directory');
const QUIET_MS = numberAtLeast(0, 'a number of milliseconds >= 0');
const WALL_CLOCK = rule('a function () => ms since the epoch', (v): v is () => number => typeof v === 'function');
const MAX_LINE_BYTES = rule('an integer >= 1', positiveInteger.test);
const LONG_LINES = oneOf<LongLinePolicy>('cut', 'drop');
const RECORD_LENGTH = integerIn(1, Number.MAX_SAFE_INTEGER, 'an integer number of bytes >= 1');

/** The options both kinds of directory stream take. */
function readTiming(o: OptionReader<BinaryRecordsStreamOptions>): { quietMs: number; wallClock: () => number } {
  return { quietMs: o.get('quietMs', QUIET_MS) ?? DEFAULT_QUIET_MS, wallClock: o.get('wallClock', WALL_CLOCK) ?? Date.now };
}

function errorCode(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e?.code ?? (e instanceof Error ? e.message : String(err));
}
