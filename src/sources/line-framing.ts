/**
 * Line framing: bytes in, lines out. Pure (no I/O), so the socket receiver and the directory
 * source share it and table tests pin its behaviour down.
 *
 * The rules follow Java's `BufferedReader.readLine()` as Spark's socket receiver uses it:
 * - lines end in `\n`, `\r\n` or `\r`; the terminator is stripped; an empty line is an empty
 *   string; a final line without a terminator is delivered by {@link LineFramer.end};
 * - text is UTF-8; bytes that are not valid UTF-8 become U+FFFD (�) and are counted;
 * - a code point split across chunks decodes correctly, because lines are cut on the bytes
 *   `\n`/`\r` (which never occur inside a multi-byte UTF-8 sequence) and decoded whole.
 *
 * Long lines: a line longer than `maxLineBytes` (default 1 MiB) never grows the buffer past the
 * limit. With `longLines: 'cut'` (the default) the element is the line's first `maxLineBytes`
 * bytes, cut back to a whole code point, and the rest of the line is discarded; with `'drop'` the
 * whole line is discarded. Either way it is counted, so the caller can report it.
 */
import { OptionReader, oneOf, positiveInteger, rule } from '../engine/checks.js';

/** What happens to a line longer than the limit: keep its beginning, or discard it. */
export type LongLinePolicy = 'cut' | 'drop';

/** Options of a {@link LineFramer}. */
export interface LineFramerOptions {
  /** Longest line kept whole, in bytes of UTF-8 (default 1 MiB). */
  maxLineBytes?: number;
  /** What to do with a longer line (default `'cut'`). */
  longLines?: LongLinePolicy;
}

/** The lines framed from one chunk, with counts of what went wrong in them. */
export interface FramedLines {
  readonly lines: string[];
  /** Invalid UTF-8 sequences replaced by U+FFFD in these lines. */
  readonly replacements: number;
  /** Lines longer than the limit that were cut to it. */
  readonly cutLines: number;
  /** Lines longer than the limit that were dropped. */
  readonly droppedLines: number;
}

/** Default line-length limit: 1 MiB. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;
/** U+FFFD encoded in UTF-8: a genuine one in the input is not a replacement. */
const FFFD_BYTES = [0xef, 0xbf, 0xbd] as const;

/**
 * A streaming splitter of UTF-8 bytes into lines.
 *
 * @example
 * const f = new LineFramer();
 * f.push(Buffer.from('hello wo')).lines; // []
 * f.push(Buffer.from('rld\r\nbye')).lines; // ['hello world']
 * f.end().lines; // ['bye']
 */
export class LineFramer {
  readonly maxLineBytes: number;
  readonly longLines: LongLinePolicy;
  /** Pieces of the current line, at most `maxLineBytes` bytes in all. */
  private pieces: Uint8Array[] = [];
  private pieceBytes = 0;
  /** The current line went past the limit: its remaining bytes are discarded. */
  private overlong = false;
  /** The previous line ended in `\r`: a `\n` right after it (even in the next chunk) belongs to it. */
  private afterCR = false;
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

  constructor(options: LineFramerOptions = {}) {
    const o = new OptionReader<LineFramerOptions>('LineFramer', options);
    this.maxLineBytes = o.get('maxLineBytes', rule('an integer >= 1', positiveInteger.test)) ?? DEFAULT_MAX_LINE_BYTES;
    this.longLines = o.get('longLines', oneOf<LongLinePolicy>('cut', 'drop')) ?? 'cut';
    o.done();
  }

  /** Frames one chunk; returns the lines it completed. */
  push(chunk: Uint8Array): FramedLines {
    const out = new Counts();
    if (chunk.length === 0) return out.result();
    let pos = 0;
    if (this.afterCR && chunk[0] === LF) pos = 1; // the `\n` of a `\r\n` split across chunks
    this.afterCR = false;
    const last = lastTerminator(chunk, pos);
    if (last < 0) {
      this.append(chunk.subarray(pos));
      return out.result();
    }
    if (this.pieceBytes > 0 || this.overlong) {
      // The line begun in an earlier chunk ends at the first terminator here.
      const first = firstTerminator(chunk, pos);
      this.append(chunk.subarray(pos, first));
      this.emit(out);
      pos = first + (chunk[first] === CR && chunk[first + 1] === LF ? 2 : 1);
      if (first === last || (pos > last && chunk[last] === LF)) {
        this.afterCR = chunk[first] === CR && first === chunk.length - 1;
        if (pos < chunk.length) this.append(chunk.subarray(pos));
        return out.result();
      }
    }
    // Fast path: the whole lines of the chunk, [pos, last), decoded at once and split as text
    // (the terminator bytes are ASCII, so splitting the text splits the bytes at the same places).
    this.frameWholeLines(chunk, pos, last, out);
    this.afterCR = chunk[last] === CR;
    if (last + 1 < chunk.length) this.append(chunk.subarray(last + 1));
    return out.result();
  }

  /** Frames the complete lines in `chunk[pos, last]`, where `last` is a terminator. */
  private frameWholeLines(chunk: Uint8Array, pos: number, last: number, out: Counts): void {
    const bytes = chunk.subarray(pos, last);
    let text = this.decoder.decode(bytes);
    // A final `\r\n`: the `\n` is at `last`, so the `\r` is still on the text.
    if (chunk[last] === LF && last > pos && chunk[last - 1] === CR) text = text.slice(0, -1);
    const lines = text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
    // A line of n UTF-16 units has at most 3n UTF-8 bytes, so only longer ones can pass the
    // limit; then the bytes are framed one line at a time, to cut at the right byte.
    const mayBeLong = this.maxLineBytes / 3;
    if (lines.some((l) => l.length > mayBeLong)) {
      this.frameLineByLine(chunk, pos, last, out);
      return;
    }
    if (text.includes('\uFFFD')) out.replacements += countReplacements(text, bytes);
    for (const line of lines) out.lines.push(line);
  }

  /** The slow path of {@link frameWholeLines}: each line's bytes are gathered (and cut) on their own. */
  private frameLineByLine(chunk: Uint8Array, pos: number, last: number, out: Counts): void {
    let start = pos;
    for (let i = pos; i <= last; i++) {
      const b = chunk[i];
      if (b !== LF && b !== CR) continue;
      if (b === LF && i === start && i > pos && chunk[i - 1] === CR) {
        start = i + 1; // the `\n` of a `\r\n`
        continue;
      }
      this.append(chunk.subarray(start, i));
      this.emit(out);
      start = i + 1;
    }
  }

  /** Ends the stream: delivers a final line that had no terminator, if any. */
  end(): FramedLines {
    const out = new Counts();
    if (this.pieceBytes > 0 || this.overlong) this.emit(out);
    this.afterCR = false;
    return out.result();
  }

  /** Bytes of the current, unterminated line held in memory (never more than the limit). */
  get bufferedBytes(): number {
    return this.pieceBytes;
  }

  private append(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.afterCR = false;
    if (this.overlong) return;
    const room = this.maxLineBytes - this.pieceBytes;
    if (bytes.length <= room) {
      // Copy: the caller may reuse its chunk buffer (a socket does).
      this.pieces.push(Uint8Array.prototype.slice.call(bytes));
      this.pieceBytes += bytes.length;
      return;
    }
    this.overlong = true;
    if (this.longLines === 'cut' && room > 0) {
      this.pieces.push(Uint8Array.prototype.slice.call(bytes, 0, room));
      this.pieceBytes += room;
    }
  }

  private emit(out: Counts): void {
    const bytes = concat(this.pieces, this.pieceBytes);
    const overlong = this.overlong;
    this.pieces = [];
    this.pieceBytes = 0;
    this.overlong = false;
    if (overlong && this.longLines === 'drop') {
      out.droppedLines++;
      return;
    }
    const kept = overlong ? bytes.subarray(0, codePointBoundary(bytes)) : bytes;
    if (overlong) out.cutLines++;
    const line = this.decoder.decode(kept);
    if (line.includes('\uFFFD')) out.replacements += countReplacements(line, kept);
    out.lines.push(line);
  }
}

function firstTerminator(chunk: Uint8Array, from: number): number {
  for (let i = from; i < chunk.length; i++) if (chunk[i] === LF || chunk[i] === CR) return i;
  return -1;
}

function lastTerminator(chunk: Uint8Array, from: number): number {
  for (let i = chunk.length - 1; i >= from; i--) if (chunk[i] === LF || chunk[i] === CR) return i;
  return -1;
}

class Counts {
  lines: string[] = [];
  replacements = 0;
  cutLines = 0;
  droppedLines = 0;
  result(): FramedLines {
    return { lines: this.lines, replacements: this.replacements, cutLines: this.cutLines, droppedLines: this.droppedLines };
  }
}

function concat(pieces: Uint8Array[], total: number): Uint8Array {
  const [only] = pieces;
  if (only && pieces.length === 1) return only;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The length of the longest prefix of `bytes` that does not end inside a multi-byte sequence,
 * so a line cut at the byte limit does not end in a spurious U+FFFD.
 */
export function codePointBoundary(bytes: Uint8Array): number {
  const n = bytes.length;
  // Walk back over at most 3 continuation bytes (10xxxxxx) to the lead byte.
  let i = n - 1;
  while (i >= 0 && n - i <= 4 && ((bytes[i] ?? 0) & 0xc0) === 0x80) i--;
  if (i < 0 || n - i > 4) return n;
  const lead = bytes[i] ?? 0;
  const need = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 && lead < 0xe0 ? 2 : 1;
  // A complete sequence ends the prefix whole; an incomplete one is cut off before its lead byte.
  return n - i >= need ? n : i;
}

/** U+FFFD characters in `line` minus the genuine ones encoded in `bytes`. */
function countReplacements(line: string, bytes: Uint8Array): number {
  let inText = 0;
  for (let i = line.indexOf('\uFFFD'); i >= 0; i = line.indexOf('\uFFFD', i + 1)) inText++;
  let genuine = 0;
  for (let i = 0; i + 2 < bytes.length; i++) {
    if (bytes[i] === FFFD_BYTES[0] && bytes[i + 1] === FFFD_BYTES[1] && bytes[i + 2] === FFFD_BYTES[2]) {
      genuine++;
      i += 2;
    }
  }
  return inText - genuine;
}

/** "1 MiB", "64 KiB", "100 bytes": sizes as a user reads them. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}
