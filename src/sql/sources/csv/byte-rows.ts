/**
 * The CSV reader's fast path on bytes: for blocks of plain lines (no quote character, no `\r`)
 * with a one-byte separator, fields are found by scanning the UTF-8 bytes, integral and decimal
 * columns are parsed from the digits without making a string, pruned columns are skipped, and
 * only string (and other) columns decode their bytes. Whatever is not a plain digit string goes
 * through the column's ordinary converter, and a line with a null in a non-nullable column, the
 * wrong number of fields or a value that does not convert is handed whole to the general path
 * (`slow`), so bad-record handling and every rule of the converters stay where they are.
 */
import type { DataType } from '../../types/data-types.js';
import type { InternalRow } from '../../types/values.js';
import type { TokenConverter } from './convert.js';
import type { CsvReadOptions } from './options.js';

/** How a column is read from bytes. */
const enum Kind {
  Skip,
  Str,
  Long,
  Int,
  Double,
  Other,
}

const LF = 10;
const CR = 13;
const POW10 = Array.from({ length: 23 }, (_x, i) => 10 ** i);

/** A token that is not a plain digit string (or too long to be exact): use the converter. */
const FALLBACK = Symbol('fallback');

const STRING_CACHE = 4096;

class SlowLine extends Error {}
const SLOW = new SlowLine();

/** Reads plain lines of a block from bytes; built once per read setup. */
export class CsvByteRows {
  private readonly kinds: Kind[];
  private readonly sep: number;
  private readonly quote: number;
  private readonly comment: number;
  private readonly nullValue: string;
  /**
   * With pruning (PERMISSIVE, no corrupt column), a line's fields after the last column the
   * query reads cannot change its row, so the scan stops there; -1 when it reads none, -2
   * without pruning.
   */
  private readonly lastNeeded: number;
  /** Recently decoded short ASCII strings by hash: a low-cardinality column (keys) decodes each value once. */
  private readonly strings: (string | undefined)[] = new Array<string | undefined>(STRING_CACHE).fill(undefined);

  private constructor(
    o: CsvReadOptions,
    types: readonly DataType[],
    skip: readonly boolean[] | undefined,
    private readonly converters: readonly TokenConverter[],
    private readonly nullable: readonly boolean[],
  ) {
    this.sep = o.sep.charCodeAt(0);
    this.quote = o.quote === '' ? -1 : o.quote.charCodeAt(0);
    this.comment = o.comment === '' ? -1 : o.comment.charCodeAt(0);
    this.nullValue = o.nullValue;
    this.kinds = types.map((t, i) => {
      if (skip?.[i]) return Kind.Skip;
      switch (t.kind) {
        case 'string':
          return Kind.Str;
        case 'long':
          return Kind.Long;
        case 'integer':
          return Kind.Int;
        case 'double':
          return Kind.Double;
        default:
          return Kind.Other;
      }
    });
    this.lastNeeded = skip === undefined ? -2 : this.kinds.reduce((last, k, i) => (k === Kind.Skip ? last : i), -1);
  }

  /** The byte reader for these options, or undefined when they need the general path. */
  static create(o: CsvReadOptions, types: readonly DataType[], skip: readonly boolean[] | undefined, converters: readonly TokenConverter[], nullable: readonly boolean[]): CsvByteRows | undefined {
    if (o.multiLine || o.lineSep !== undefined || o.ignoreLeadingWhiteSpace || o.ignoreTrailingWhiteSpace) return undefined;
    if (o.sep.length !== 1 || o.sep.charCodeAt(0) >= 128 || o.sep === '\n' || o.sep === '\r') return undefined;
    if (o.quote.length > 0 && o.quote.charCodeAt(0) >= 128) return undefined;
    if (o.comment.length > 1 || (o.comment.length === 1 && o.comment.charCodeAt(0) >= 128)) return undefined;
    // A nullValue that looks like a number would be parsed as one here.
    if (o.nullValue !== '' && /^[-0-9.]+$/.test(o.nullValue)) return undefined;
    return new CsvByteRows(o, types, skip, converters, nullable);
  }

  /**
   * Reads the lines of `buf` (whole lines, UTF-8) into rows; returns false, having done nothing,
   * when the block holds a quote character or a `\r` (the general path reads it). `slow` takes a
   * line the fast path does not handle (the header, a malformed or unusual line).
   */
  block(buf: Buffer, emit: (row: InternalRow) => void, slow: (line: string) => void, firstLineSlow: boolean): boolean {
    if ((this.quote >= 0 && buf.indexOf(this.quote) >= 0) || buf.indexOf(CR) >= 0) return false;
    const n = buf.length;
    const kinds = this.kinds;
    const width = kinds.length;
    const sep = this.sep;
    let forceSlow = firstLineSlow;
    let pos = 0;
    while (pos < n) {
      let eol = buf.indexOf(LF, pos);
      if (eol < 0) eol = n;
      if (eol === pos || buf[pos] === this.comment) {
        pos = eol + 1;
        continue;
      }
      if (forceSlow) {
        forceSlow = false;
        slow(buf.toString('utf8', pos, eol));
        pos = eol + 1;
        continue;
      }
      const row: InternalRow = new Array<unknown>(width);
      let s = pos;
      let f = 0;
      let ok = true;
      const last = this.lastNeeded;
      try {
        if (last === -1) {
          // Pruned down to no column (`count()`): every line is a row of nulls.
          row.fill(null);
          f = width;
        } else for (;;) {
          let c = s;
          while (c < eol && buf[c] !== sep) c++;
          if (f >= width) throw SLOW;
          const kind = kinds[f]!;
          if (kind === Kind.Skip) row[f] = null;
          else if (c === s) {
            if (!this.nullable[f]) throw SLOW;
            row[f] = null;
          } else {
            let v: unknown = FALLBACK;
            if (kind === Kind.Long || kind === Kind.Int) v = integral(buf, s, c, kind === Kind.Int);
            else if (kind === Kind.Double) v = decimal(buf, s, c);
            else if (kind === Kind.Str) v = this.cachedAscii(buf, s, c);
            if (v === FALLBACK) {
              const t = buf.toString('utf8', s, c);
              if (t === this.nullValue) {
                if (!this.nullable[f]) throw SLOW;
                v = null;
              } else if (kind === Kind.Str) v = t;
              else v = this.converters[f]!(t);
            }
            row[f] = v;
          }
          if (f === last) {
            // Pruned: the rest of the line is not read; columns after this one stay null.
            for (let k = f + 1; k < width; k++) row[k] = null;
            f = width;
            break;
          }
          f++;
          if (c >= eol) break;
          s = c + 1;
        }
        if (f !== width) throw SLOW;
      } catch {
        ok = false;
      }
      if (ok) emit(row);
      else slow(buf.toString('utf8', pos, eol));
      pos = eol + 1;
    }
    return true;
  }

  /** The string of a short ASCII field from the cache (decoded once per distinct value), else FALLBACK. */
  private cachedAscii(buf: Buffer, s: number, e: number): unknown {
    const len = e - s;
    if (len > 32) return FALLBACK;
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) {
      const b = buf[i]!;
      if (b >= 128) return FALLBACK;
      h = Math.imul(h ^ b, 0x01000193);
    }
    const slot = (h ^ (h >>> 15)) & (STRING_CACHE - 1);
    const hit = this.strings[slot];
    if (hit !== undefined && hit.length === len) {
      let same = true;
      for (let i = 0; i < len; i++) {
        if (hit.charCodeAt(i) !== buf[s + i]) {
          same = false;
          break;
        }
      }
      if (same) return hit;
    }
    const str = buf.toString('latin1', s, e);
    if (str === this.nullValue) return FALLBACK;
    this.strings[slot] = str;
    return str;
  }
}

/** An optional `-` and up to 15 digits as a number (exact); else FALLBACK. */
function integral(buf: Buffer, s: number, e: number, int32: boolean): unknown {
  let i = s;
  const neg = buf[i] === 45;
  if (neg) i++;
  if (i === e || e - i > 15) return FALLBACK;
  let m = 0;
  for (; i < e; i++) {
    const d = buf[i]! - 48;
    if (d < 0 || d > 9) return FALLBACK;
    m = m * 10 + d;
  }
  const v = neg ? 0 - m : m;
  if (int32 && (v < -2147483648 || v > 2147483647)) return FALLBACK;
  return v === 0 ? 0 : v;
}

/**
 * `[-]digits[.digits]` with at most 15 significant digits as a double: the digits as an exact
 * integer divided by an exact power of ten is the correctly rounded value (Clinger's fast
 * path), so it equals `Double.parseDouble`; anything else is FALLBACK.
 */
function decimal(buf: Buffer, s: number, e: number): unknown {
  let i = s;
  const neg = buf[i] === 45;
  if (neg) i++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; i < e; i++) {
    const b = buf[i]!;
    if (b === 46) {
      if (frac >= 0 || digits === 0) return FALLBACK;
      frac = 0;
      continue;
    }
    const d = b - 48;
    if (d < 0 || d > 9) return FALLBACK;
    m = m * 10 + d;
    digits++;
    if (frac >= 0) frac++;
  }
  if (digits === 0 || digits > 15 || frac === 0) return FALLBACK;
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}
