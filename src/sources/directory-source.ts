/**
 * `textFileStream(directory)` and `binaryRecordsStream(directory, recordLength)`: a polled source
 * that reads each new file of a directory once, as Spark's `FileInputDStream` does.
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
 * files older than 60 s); a file that cannot be read is reported and skipped.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { statSync } from 'node:fs';
import path from 'node:path';
import { OptionReader, check, describeValue, integerIn, nonEmptyString, numberAtLeast, oneOf, positiveInteger, rule } from '../engine/checks.js';
import { IllegalArgumentError, SourceError } from '../engine/errors.js';
import type { PollContext, PolledSource } from '../engine/source.js';
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

/** How the files of a directory become records. */
type Reader<T> = (bytes: Buffer, file: string, ctx: PollContext) => T[];

interface Seen {
  size: number;
  mtimeMs: number;
}

interface DirectorySnapshot {
  readonly directory: string;
  readonly done: string[];
}

/**
 * A directory watched for new files; each complete new file becomes one partition of the batch
 * that finds it.
 */
export class DirectorySource<T> implements PolledSource<T> {
  readonly name: string;
  readonly directory: string;
  private readonly quietMs: number;
  private readonly wallClock: () => number;
  /** Files that existed at start, were read, or were skipped for good. */
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
    const resolved = path.resolve(directory);
    let isDir: boolean;
    try {
      isDir = statSync(resolved).isDirectory();
    } catch (cause) {
      throw new SourceError(
        'ERR_PATH_NOT_FOUND',
        `${operation}: directory ${JSON.stringify(directory)} does not exist (looked for ${resolved}); create it first, e.g. mkdir -p ${JSON.stringify(directory)}`,
        { cause },
      );
    }
    if (!isDir) {
      throw new SourceError(
        'ERR_INVALID_ARGUMENT',
        `${operation}: ${JSON.stringify(directory)} is a file, not a directory; give the directory that new files will appear in`,
      );
    }
    this.directory = resolved;
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
    return new DirectorySource<string>('textFileStream', directory, timing, (bytes, file, ctx) => {
      const framer = new LineFramer({ maxLineBytes, longLines });
      const a = framer.push(bytes);
      const b = framer.end();
      const bad = a.replacements + b.replacements;
      const long = a.cutLines + b.cutLines + a.droppedLines + b.droppedLines;
      if (bad > 0) ctx.warn(`file ${file}: ${bad} byte sequence${bad === 1 ? '' : 's'} not valid UTF-8 became "\uFFFD" (text files must be UTF-8)`);
      if (long > 0) {
        ctx.warn(`file ${file}: ${long} line${long === 1 ? '' : 's'} longer than ${formatBytes(maxLineBytes)} ${longLines === 'cut' ? 'cut to that length' : 'dropped'}; raise the "maxLineBytes" option of textFileStream to keep longer lines`);
      }
      return [...a.lines, ...b.lines];
    });
  }

  /** The source behind `ssc.binaryRecordsStream(directory, recordLength)`: fixed-length records. */
  static binary(directory: string, recordLength: number, options: BinaryRecordsStreamOptions = {}): DirectorySource<Uint8Array> {
    check('binaryRecordsStream', 'directory', directory, DIRECTORY);
    const o = new OptionReader<BinaryRecordsStreamOptions>('binaryRecordsStream', options);
    const timing = readTiming(o);
    o.done();
    check('binaryRecordsStream', 'recordLength', recordLength, RECORD_LENGTH);
    return new DirectorySource<Uint8Array>('binaryRecordsStream', directory, timing, (bytes, file, ctx) => {
      const whole = Math.floor(bytes.length / recordLength);
      const rest = bytes.length - whole * recordLength;
      if (rest > 0) {
        ctx.warn(
          `file ${file}: its ${bytes.length} bytes are not a multiple of recordLength ${recordLength}; read ${whole} record${whole === 1 ? '' : 's'} and skipped the last ${rest} byte${rest === 1 ? '' : 's'}`,
        );
      }
      const records: Uint8Array[] = [];
      for (let i = 0; i < whole; i++) records.push(new Uint8Array(bytes.subarray(i * recordLength, (i + 1) * recordLength)));
      return records;
    });
  }

  start(ctx: PollContext): Promise<void> {
    this.starting ??= (async () => {
      // Files already there belong to the past: only new ones are read, as in Spark. A restored
      // stream keeps its own list instead, so files that came while it was down are read.
      if (!this.restored) {
        const names = await this.list(ctx);
        if (names) for (const n of names) this.done.add(n);
      }
      ctx.status('connected', `watching ${this.directory} for new files`);
    })();
    return this.starting;
  }

  async poll(_batchTime: number, ctx: PollContext): Promise<T[][]> {
    // The engine does not wait for start(): a poll must, or files that were there at start could count as new.
    await this.start(ctx);
    const names = await this.list(ctx);
    if (!names) return [];
    const partitions: T[][] = [];
    for (const name of names.sort()) {
      if (this.done.has(name)) continue;
      const file = path.join(this.directory, name);
      let seen: Seen;
      try {
        const st = await stat(file);
        if (!st.isFile()) {
          this.done.add(name); // sub-directories are not searched, as in Spark
          continue;
        }
        seen = { size: st.size, mtimeMs: st.mtimeMs };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') this.pending.delete(name); // gone again before we looked
        else this.skip(name, err, ctx);
        continue;
      }
      if (seen.size === 0) {
        this.pending.set(name, seen); // created but not written yet (touch, then write): wait for data
        continue;
      }
      const before = this.pending.get(name);
      const quiet = this.wallClock() - seen.mtimeMs >= this.quietMs;
      const unchanged = before !== undefined && before.size === seen.size && before.mtimeMs === seen.mtimeMs;
      if (!quiet && !unchanged) {
        this.pending.set(name, seen); // still being written, perhaps: look again next batch
        continue;
      }
      this.pending.delete(name);
      this.done.add(name);
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (err) {
        this.skip(name, err, ctx);
        continue;
      }
      partitions.push(this.read(bytes, name, ctx));
    }
    return partitions;
  }

  stop(): void {
    this.pending.clear();
  }

  /** The files already read (or present at start), so a restored stream does not read them again. */
  snapshot(): DirectorySnapshot {
    return { directory: this.directory, done: [...this.done].sort() };
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
    this.done = new Set((snapshot as DirectorySnapshot).done);
    this.pending.clear();
    this.restored = true;
  }

  private async list(ctx: PollContext): Promise<string[] | undefined> {
    try {
      const entries = await readdir(this.directory);
      if (this.listFailing) {
        this.listFailing = false;
        ctx.status('connected', `${this.directory} can be read again; watching it for new files`);
      }
      return entries.filter((n) => !n.startsWith('.') && !n.startsWith('_'));
    } catch (err) {
      // Said once, not at every batch, until the directory can be read again.
      if (!this.listFailing) {
        this.listFailing = true;
        ctx.status('retrying', `cannot list ${this.directory} (${errorCode(err)}); batches get no files from it until it is back`);
      }
      return undefined;
    }
  }

  private skip(name: string, err: unknown, ctx: PollContext): void {
    this.done.add(name);
    this.pending.delete(name);
    ctx.warn(`cannot read file ${name} in ${this.directory} (${errorCode(err)}); it was skipped`);
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
