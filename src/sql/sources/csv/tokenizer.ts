/**
 * CSV records to tokens, matching what Spark's reader (univocity 2.9, as Spark configures it)
 * gives: a field that starts with the quote character runs to the closing quote (the escape
 * character before a quote makes it literal); a quote inside an unquoted field is literal; text
 * after a closing quote that is not a separator makes the whole field raw, quotes included
 * (`"p""q"` stays `"p""q"`, Spark's STOP_AT_DELIMITER); an unclosed quote runs to the end of
 * the record. Empty unquoted fields are NULL; an empty quoted field is `emptyValue`; a field
 * equal to `nullValue` is NULL.
 *
 * Records are lines (a quoted newline ends the record, as Spark without `multiLine`), or, with
 * `multiLine`, run to the first line end outside quotes.
 */
import type { CsvOptions } from './options.js';

/** One record's tokens and where it ended in the text. */
export interface Tokens {
  readonly values: (string | null)[];
  /** Index of the first character after the record's terminator. */
  readonly next: number;
  /** Index where the record's text ends (before its terminator). */
  readonly end: number;
}

const NO_CHAR = -1;

/** A configured tokenizer. */
export class CsvTokenizer {
  private readonly sep: string;
  private readonly sep0: number;
  private readonly quote: number;
  private readonly escape: number;
  private readonly nullValue: string;
  private readonly emptyValue: string | null;
  private readonly trimLeading: boolean;
  private readonly trimTrailing: boolean;
  private readonly lineSep: string | undefined;
  private readonly quoteChar: string;

  constructor(o: CsvOptions) {
    this.sep = o.sep;
    this.sep0 = o.sep.charCodeAt(0);
    this.quote = o.quote === '' ? NO_CHAR : o.quote.charCodeAt(0);
    this.quoteChar = o.quote;
    this.escape = o.escape === '' ? NO_CHAR : o.escape.charCodeAt(0);
    this.nullValue = o.nullValue;
    this.emptyValue = o.emptyValue === o.nullValue ? null : o.emptyValue;
    this.trimLeading = o.ignoreLeadingWhiteSpace;
    this.trimTrailing = o.ignoreTrailingWhiteSpace;
    this.lineSep = o.lineSep;
  }

  /**
   * Tokenizes a whole block of `\n`-terminated lines in one pass when nothing in it needs the
   * general path (no quote character, no `\r`, no trimming, default line ends): fields are cut
   * with `indexOf`, which is several times faster than splitting line by line. Returns false,
   * having done nothing, when the block needs the general path.
   */
  fastBlock(text: string, comment: string, sink: (tokens: (string | null)[], text: string, start: number, end: number) => void, want?: readonly boolean[]): boolean {
    if (this.trimLeading || this.trimTrailing || this.lineSep !== undefined) return false;
    if ((this.quote !== NO_CHAR && text.includes(this.quoteChar)) || text.includes('\r')) return false;
    const sep = this.sep;
    const sepLen = sep.length;
    const sepCode = sep.charCodeAt(0);
    const nv = this.nullValue;
    const commentCode = comment === '' ? -1 : comment.charCodeAt(0);
    const n = text.length;
    const w = want ?? [];
    const wn = want === undefined ? 0 : want.length;
    let pos = 0;
    while (pos < n) {
      let eol = text.indexOf('\n', pos);
      if (eol < 0) eol = n;
      if (eol === pos || text.charCodeAt(pos) === commentCode) {
        pos = eol + 1;
        continue;
      }
      const tokens: (string | null)[] = [];
      let s = pos;
      let f = 0;
      for (;;) {
        let c: number;
        if (sepLen === 1) {
          // A one-character separator is found by a char-code scan: cheaper than indexOf per field.
          c = s;
          while (c < eol && text.charCodeAt(c) !== sepCode) c++;
        } else {
          c = text.indexOf(sep, s);
          if (c < 0 || c > eol) c = eol;
        }
        if (f < wn && w[f] === false) tokens.push(null);
        else {
          const v = c === s ? null : text.slice(s, c);
          tokens.push(v === nv ? null : v);
        }
        f++;
        if (c === eol) break;
        s = c + sepLen;
      }
      sink(tokens, text, pos, eol);
      pos = eol + 1;
    }
    return true;
  }

  /** Tokens of one line (no terminator inside). Lines without quotes take a fast path. */
  line(text: string): (string | null)[] {
    if ((this.quote === NO_CHAR || !text.includes(this.quoteChar)) && !this.trimLeading && !this.trimTrailing) {
      const parts = text.split(this.sep);
      const nv = this.nullValue;
      for (let i = 0; i < parts.length; i++) {
        const p = parts[i];
        if (p === '' || p === nv) (parts as (string | null)[])[i] = null;
      }
      return parts;
    }
    return this.record(text, 0, text.length, false, true)!.values;
  }

  /**
   * Parses the record starting at `pos` in `text[pos, end)`. With `multiLine`, the record ends
   * at a line end outside quotes; null means the text ended inside the record and more text is
   * needed (`final` false). Without it, the record is the whole range.
   */
  record(text: string, pos: number, end: number, multiLine: boolean, final: boolean): Tokens | null {
    const values: (string | null)[] = [];
    let i = pos;
    for (;;) {
      // One field starting at i.
      let start = i;
      if (this.trimLeading) while (start < end && isSpace(text.charCodeAt(start)) && !this.isSepAt(text, start)) start++;
      i = start;
      if (i < end && text.charCodeAt(i) === this.quote) {
        const r = this.quoted(text, i, end, multiLine, final);
        if (r === null) return null;
        i = r.next;
        values.push(r.value);
      } else {
        // Unquoted: up to the separator or the record's end.
        let j = i;
        while (j < end && !this.isSepAt(text, j) && !(multiLine && this.isTermAt(text, j))) j++;
        let v = text.slice(i, j);
        if (this.trimTrailing) v = trimEnd(v);
        values.push(v === '' || v === this.nullValue ? null : v);
        i = j;
      }
      if (i < end && this.isSepAt(text, i)) {
        i += this.sep.length;
        if (i === end && !(multiLine && !final)) {
          values.push(null);
          return { values, next: i, end: i };
        }
        continue;
      }
      if (multiLine) {
        if (i >= end) {
          if (!final) return null;
          return { values, next: i, end: i };
        }
        const t = this.termLength(text, i, end, final);
        if (t < 0) return null;
        return { values, next: i + t, end: i };
      }
      return { values, next: end, end };
    }
  }

  /** A quoted field at `q`: its value and the index after it (at a separator, a terminator or the end). */
  private quoted(text: string, q: number, end: number, multiLine: boolean, final: boolean): { value: string | null; next: number } | null {
    let i = q + 1;
    let out = '';
    let from = i;
    for (;;) {
      if (i >= end) {
        if (multiLine && !final) return null;
        // An unclosed quote runs to the end of the record.
        out += text.slice(from, end);
        return { value: this.fieldValue(out, true), next: end };
      }
      const c = text.charCodeAt(i);
      if (c === this.escape && this.escape !== this.quote && i + 1 < end && text.charCodeAt(i + 1) === this.quote) {
        out += text.slice(from, i) + this.quoteChar;
        i += 2;
        from = i;
        continue;
      }
      if (c === this.escape && this.escape !== this.quote && i + 1 >= end && multiLine && !final) return null;
      if (c === this.quote) {
        out += text.slice(from, i);
        let j = i + 1;
        if (this.trimTrailing) while (j < end && isSpace(text.charCodeAt(j)) && !this.isSepAt(text, j) && !(multiLine && this.isTermAt(text, j))) j++;
        if (j >= end || this.isSepAt(text, j) || (multiLine && this.isTermAt(text, j))) {
          if (j >= end && multiLine && !final) return null;
          return { value: this.fieldValue(out, true), next: j };
        }
        // Text after the closing quote: the field is taken raw up to the next separator.
        let k = j;
        while (k < end && !this.isSepAt(text, k) && !(multiLine && this.isTermAt(text, k))) k++;
        if (k >= end && multiLine && !final) return null;
        let raw = text.slice(q, k);
        if (this.trimTrailing) raw = trimEnd(raw);
        return { value: raw === this.nullValue ? null : raw, next: k };
      }
      i++;
    }
  }

  private fieldValue(v: string, quoted: boolean): string | null {
    if (v === '') return quoted ? this.emptyValue : null;
    return v === this.nullValue ? null : v;
  }

  private isSepAt(text: string, i: number): boolean {
    if (text.charCodeAt(i) !== this.sep0) return false;
    return this.sep.length === 1 || text.startsWith(this.sep, i);
  }

  private isTermAt(text: string, i: number): boolean {
    if (this.lineSep !== undefined) return text.startsWith(this.lineSep, i);
    const c = text.charCodeAt(i);
    return c === 10 || c === 13;
  }

  /** Length of the terminator at i, or -1 when a `\r` ends the text and a `\n` may follow in the next chunk. */
  private termLength(text: string, i: number, end: number, final: boolean): number {
    if (this.lineSep !== undefined) return this.lineSep.length;
    if (text.charCodeAt(i) === 13) {
      if (i + 1 < end) return text.charCodeAt(i + 1) === 10 ? 2 : 1;
      return final ? 1 : -1;
    }
    return 1;
  }
}

function isSpace(c: number): boolean {
  return c <= 32;
}

function trimEnd(s: string): string {
  let e = s.length;
  while (e > 0 && s.charCodeAt(e - 1) <= 32) e--;
  return e === s.length ? s : s.slice(0, e);
}
