/**
 * Reading a file as text in bounded blocks, never as one string: a block is a few MiB of whole
 * lines, decoded as UTF-8 (invalid bytes become U+FFFD, as the JVM's decoder does). A byte range
 * of a file (a split) gets the lines Hadoop's `LineRecordReader` gives it: a split that does not
 * start at 0 skips through its first line terminator, and a split reads every line that starts
 * at or before its end, so consecutive splits see every line exactly once. Lines end in `\n`,
 * `\r\n` or `\r`, or in the `lineSep` string when one is given. A UTF-8 byte order mark at the
 * start of a file is dropped. `.gz` files are decompressed first (and are never split).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { SparkRuntimeException } from '../../errors.js';
import type { FileSplit } from './file-format.js';

/** Bytes per read; a block holds the whole lines of one read. */
export const BLOCK_BYTES = 4 * 1024 * 1024;

/** The longest text one value may be (a whole file for `wholetext` / `multiLine`): V8's strings stop near 512 MiB. */
export const MAX_TEXT_BYTES = 512 * 1024 * 1024 - 64;

const LF = 0x0a;
const CR = 0x0d;

/** Random access to a file's bytes: the file itself, or its decompressed content for `.gz`. */
interface ByteSource {
  readonly size: number;
  read(buf: Buffer, length: number, position: number): number;
  close(): void;
}

/** True for files read through a decompressor (and so never split). */
export function isCompressed(path: string): boolean {
  return /\.(gz|gzip)$/i.test(path);
}

function openSource(path: string, fileSize: number): ByteSource {
  if (isCompressed(path)) {
    const data = gunzipSync(readFileSync(path));
    return {
      size: data.length,
      read: (buf, length, position) => data.copy(buf, 0, position, Math.min(data.length, position + length)),
      close: () => undefined,
    };
  }
  const fd = openSync(path, 'r');
  return {
    size: fileSize,
    read: (buf, length, position) => readSync(fd, buf, 0, length, position),
    close: () => closeSync(fd),
  };
}

/** Finds line terminators in bytes: the default `\n` / `\r\n` / `\r`, or one exact separator. */
class Terminators {
  private readonly sep: Buffer | undefined;
  constructor(lineSep: string | undefined) {
    this.sep = lineSep === undefined ? undefined : Buffer.from(lineSep, 'utf8');
  }

  /**
   * Index just past the first terminator that ends at or after `from` (searching `buf[from, n)`),
   * or -1. `atEof` says whether a `\r` at the very end may stand alone.
   */
  endAfter(buf: Buffer, from: number, n: number, atEof: boolean): number {
    if (this.sep !== undefined) {
      const start = Math.max(0, from - this.sep.length + 1);
      const i = buf.subarray(0, n).indexOf(this.sep, start);
      return i < 0 ? -1 : i + this.sep.length;
    }
    for (let i = from; i < n; i++) {
      const b = buf[i];
      if (b === LF) return i + 1;
      if (b === CR) {
        if (i + 1 < n) return buf[i + 1] === LF ? i + 2 : i + 1;
        return atEof ? i + 1 : -1;
      }
    }
    return -1;
  }

  /** Index just past the last terminator in `buf[0, n)` (a final `\r` counts only at end of file), or -1. */
  lastEnd(buf: Buffer, n: number, atEof: boolean): number {
    if (this.sep !== undefined) {
      const i = buf.subarray(0, n).lastIndexOf(this.sep);
      return i < 0 ? -1 : i + this.sep.length;
    }
    for (let i = n - 1; i >= 0; i--) {
      const b = buf[i];
      if (b === LF) return i + 1;
      if (b === CR) {
        if (i === n - 1 && !atEof) continue;
        return i + 1;
      }
    }
    return -1;
  }
}

/**
 * The text of a split in blocks of whole lines: each block ends just after a line terminator
 * (or at the end of the file). Consumers split a block into lines themselves.
 */
export function* lineBlocks(split: FileSplit, lineSep: string | undefined, blockBytes = BLOCK_BYTES): Generator<string> {
  for (const b of lineByteBlocks(split, lineSep, blockBytes)) yield b.toString('utf8');
}

/**
 * As lineBlocks, the undecoded bytes (UTF-8) of each block, for readers that parse bytes
 * directly; a block is only valid until the next one is asked for (its buffer is reused).
 */
export function* lineByteBlocks(split: FileSplit, lineSep: string | undefined, blockBytes = BLOCK_BYTES): Generator<Buffer> {
  const src = openSource(split.path, split.fileSize);
  try {
    const term = new Terminators(lineSep);
    const size = src.size;
    const end = isCompressed(split.path) ? size : split.start + split.length;
    let buf: Buffer = Buffer.allocUnsafe(blockBytes);
    let pos = split.start;
    if (pos > 0) {
      // Skip to the first line that starts after the split's start: the line that starts at or
      // before it belongs to the previous split. A separator of several bytes may straddle the
      // start, so the search begins that many bytes earlier.
      let from = lineSep !== undefined ? Math.max(0, pos - Buffer.byteLength(lineSep) + 1) : pos;
      for (;;) {
        const n = src.read(buf, buf.length, from);
        const e = term.endAfter(buf, 0, n, from + n >= size);
        if (e >= 0) {
          pos = from + e;
          break;
        }
        if (from + n >= size) return;
        from += Math.max(1, n - (lineSep ? Buffer.byteLength(lineSep) - 1 : 1));
      }
    } else if (size >= 3) {
      const n = src.read(buf, 3, 0);
      if (n === 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) pos = 3;
    }
    while (pos <= end && pos < size) {
      const n = src.read(buf, buf.length, pos);
      const atEof = pos + n >= size;
      let cut: number;
      if (pos + n > end + 1) {
        // The block reaches past the split's end: stop after the line that holds the end.
        const e = term.endAfter(buf, end - pos, n, atEof);
        if (e < 0 && !atEof) {
          buf = grow(buf, n);
          continue;
        }
        cut = e < 0 ? n : e;
        yield buf.subarray(0, cut);
        return;
      }
      cut = atEof ? n : term.lastEnd(buf, n, atEof);
      if (cut <= 0) {
        // A line longer than the buffer: read it whole with a larger one.
        buf = grow(buf, n);
        continue;
      }
      yield buf.subarray(0, cut);
      pos += cut;
      if (buf.length > blockBytes) buf = Buffer.allocUnsafe(blockBytes);
    }
  } finally {
    src.close();
  }
}

function grow(buf: Buffer, used: number): Buffer {
  if (buf.length * 2 > MAX_TEXT_BYTES) {
    throw new SparkRuntimeException('INVALID_ARGUMENT', {
      message: `A line longer than ${MAX_TEXT_BYTES} bytes cannot be read as one value; set "lineSep" to the file's record separator`,
    });
  }
  void used;
  return Buffer.allocUnsafe(buf.length * 2);
}

/** Splits a block of whole lines into lines (the last terminator ends the last line; no empty tail). */
export function splitLines(block: string, lineSep: string | undefined): string[] {
  let lines: string[];
  if (lineSep !== undefined) lines = block.split(lineSep);
  else if (block.includes('\r')) lines = block.split(/\r\n|\r|\n/);
  else lines = block.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The whole text of a file in chunks cut anywhere (between UTF-8 characters), for parsers that
 * carry state across chunks (multiLine CSV). The BOM is dropped.
 */
export function* textChunks(path: string, fileSize: number, chunkBytes = BLOCK_BYTES): Generator<string> {
  const src = openSource(path, fileSize);
  try {
    const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
    const buf = Buffer.allocUnsafe(chunkBytes);
    let pos = 0;
    while (pos < src.size) {
      const n = src.read(buf, buf.length, pos);
      if (n <= 0) break;
      pos += n;
      const text = decoder.decode(buf.subarray(0, n), { stream: pos < src.size });
      if (text.length) yield text;
    }
    const tail = decoder.decode();
    if (tail.length) yield tail;
  } finally {
    src.close();
  }
}

/** The whole text of a file as one string (`wholetext`, multiLine JSON); a file too large for one string is an error that says so. */
export function readWholeText(path: string, fileSize: number, what: string): string {
  if (!isCompressed(path) && fileSize > MAX_TEXT_BYTES) {
    throw new SparkRuntimeException('INVALID_ARGUMENT', {
      message: `${what}: the file ${path} has ${fileSize} bytes, more than one value can hold (${MAX_TEXT_BYTES}); read it line by line instead`,
    });
  }
  let data = readFileSync(path);
  if (isCompressed(path)) data = gunzipSync(data);
  const start = data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  return data.toString('utf8', start);
}

/**
 * Whether files with this line separator can be split into byte ranges: not when the separator
 * overlaps itself (`||`, `aa`), since from the middle of a run of it one cannot tell where a
 * separator starts without reading from the beginning of the file.
 */
export function splittableLineSep(lineSep: string | undefined): boolean {
  if (lineSep === undefined) return true;
  for (let k = 1; k < lineSep.length; k++) if (lineSep.endsWith(lineSep.slice(0, k))) return false;
  return true;
}
