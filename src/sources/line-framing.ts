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
    const max = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
    if (!Number.isInteger(max) || max < 1) {
      throw new RangeError(`"maxLineBytes" must be an integer >= 1; got ${String(max)}`);
    }
    this.maxLineBytes = max;
    this.longLines = options.longLines ?? 'cut';
  }

  /** Frames one chunk; returns the lines it completed. */
  push(chunk: Uint8Array): FramedLines {
    const out = new Counts();
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (b !== LF && b !== CR) continue;
      if (this.afterCR && b === LF && i === start && this.pieceBytes === 0 && !this.overlong) {
        // The `\n` of a `\r\n` whose `\r` ended the previous line (possibly in the previous chunk).
        this.afterCR = false;
        start = i + 1;
        continue;
      }
      this.append(chunk.subarray(start, i));
      this.emit(out);
      this.afterCR = b === CR;
      start = i + 1;
    }
    if (start < chunk.length) {
      this.append(chunk.subarray(start));
      this.afterCR = false;
    }
    return out.result();
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
  if (pieces.length === 1) return pieces[0]!;
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
  while (i >= 0 && n - i <= 4 && (bytes[i]! & 0xc0) === 0x80) i--;
  if (i < 0 || n - i > 4) return n;
  const lead = bytes[i]!;
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
