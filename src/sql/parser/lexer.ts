/**
 * The SQL tokenizer: text in, tokens with their source positions out, as Spark's ANTLR lexer
 * splits it. Keywords are not told apart here: Spark (non-ANSI) lets almost every keyword be an
 * identifier, so a keyword is a `word` token and the parser decides by context.
 *
 * One pass over the characters with no regular expressions (no backtracking to fear). Text
 * that cannot start a token (a lone quote of an unclosed string, `日`) becomes an `error` token,
 * so the parser reports it where Spark does: `Syntax error at or near '''`.
 */
import { unclosedComment } from './parse-errors.js';

/** What a token is. `word`: an unquoted identifier or keyword; `ident`: a backquoted identifier. */
export type TokenType = 'word' | 'ident' | 'string' | 'number' | 'op' | 'hintStart' | 'hintEnd' | 'error' | 'eof';

/** One token and where it stands in the text. */
export interface Token {
  readonly type: TokenType;
  /** The source text of the token (`'it\'s'` with its quotes, `1.5D`, `<=>`). */
  readonly text: string;
  /** Upper-cased text of a `word` (for keyword tests); the decoded name of an `ident`; the decoded value of a `string`. */
  readonly value: string;
  /** Offset of the first character in the statement. */
  readonly start: number;
  /** 1-based line and 0-based column, as Spark's `(line 1, pos 7)`. */
  readonly line: number;
  readonly col: number;
}

/** Two-character operators (`<=>` is the one of three). */
const OPERATORS2 = new Set(['<=', '>=', '<>', '!=', '==', '||', '->', '=>']);
const OPERATORS2_FIRST = new Set(Array.from('<>!=|-', (ch) => ch.charCodeAt(0)));
/** Single-character operators and punctuation, by character code. */
const OPERATORS1 = new Set(Array.from('()[],.;*/%+-=<>!~&|^:?{}', (ch) => ch.charCodeAt(0)));

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** Spark's identifier characters: ASCII letters, digits and underscore. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 95;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

/** Splits SQL text into tokens (the last one is `eof`). */
export function tokenize(text: string): Token[] {
  return new Scanner(text).run();
}

/** One pass over the text; fields rather than closures keep the hot loop fast. */
class Scanner {
  readonly tokens: Token[] = [];
  line = 1;
  lineStart = 0;
  inHint = false;
  constructor(readonly text: string) {}

  push(type: TokenType, start: number, end: number, value: string): void {
    this.tokens.push({ type, text: this.text.slice(start, end), value, start, line: this.line, col: start - this.lineStart });
  }

  /** Counts the newlines inside a token or comment that spans lines. */
  advanceLines(from: number, to: number): void {
    const text = this.text;
    for (let k = from; k < to; k++) {
      if (text.charCodeAt(k) === 10) {
        this.line++;
        this.lineStart = k + 1;
      }
    }
  }

  run(): Token[] {
    const text = this.text;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isSpace(c)) {
        if (c === 10) {
          this.line++;
          this.lineStart = i + 1;
        }
        i++;
        continue;
      }
      if (isWordChar(c) && !isDigit(c)) {
        let j = i + 1;
        while (j < n && isWordChar(text.charCodeAt(j))) j++;
        const word = text.slice(i, j);
        this.tokens.push({ type: 'word', text: word, value: word.toUpperCase(), start: i, line: this.line, col: i - this.lineStart });
        i = j;
        continue;
      }
      i = this.other(c, i);
    }
    this.tokens.push({ type: 'eof', text: '', value: '', start: n, line: this.line, col: n - this.lineStart });
    return this.tokens;
  }

  /** Everything but spaces and words starting with a letter: comments, strings, numbers, operators. Returns the next position. */
  private other(c: number, i: number): number {
    const text = this.text;
    const n = text.length;
    const next = text.charCodeAt(i + 1);
    // -- comment to the end of the line
    if (c === 45 && next === 45) {
      while (i < n && text.charCodeAt(i) !== 10) i++;
      return i;
    }
    if (c === 47 && next === 42) {
      // `/*+` opens a hint inside a SELECT; other `/*` comments nest, as Spark's do.
      if (text.charCodeAt(i + 2) === 43 && !this.inHint) {
        this.push('hintStart', i, i + 3, '/*+');
        this.inHint = true;
        return i + 3;
      }
      const end = skipComment(text, i);
      if (end < 0) throw unclosedComment(text);
      this.advanceLines(i, end);
      return end;
    }
    if (this.inHint && c === 42 && next === 47) {
      this.push('hintEnd', i, i + 2, '*/');
      this.inHint = false;
      return i + 2;
    }
    if (c === 39 || c === 34) {
      const end = scanString(text, i, c);
      if (end < 0) {
        this.push('error', i, i + 1, text[i]!);
        return i + 1;
      }
      this.push('string', i, end, unescapeSqlString(text.slice(i + 1, end - 1)));
      this.advanceLines(i, end);
      return end;
    }
    if (c === 96) {
      const r = scanBackquoted(text, i);
      if (r === undefined) {
        this.push('error', i, i + 1, '`');
        return i + 1;
      }
      this.push('ident', i, r.end, r.name);
      this.advanceLines(i, r.end);
      return r.end;
    }
    if (isDigit(c) || (c === 46 && isDigit(next))) {
      const end = scanNumber(text, i);
      if (end > 0) {
        this.push('number', i, end, text.slice(i, end).toUpperCase());
        return end;
      }
    }
    if (isWordChar(c)) {
      // Digits followed by letters (`1abc`) are an identifier in Spark's lexer.
      let j = i + 1;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      this.push('word', i, j, text.slice(i, j).toUpperCase());
      return j;
    }
    if (c === 60 && next === 61 && text.charCodeAt(i + 2) === 62) {
      this.push('op', i, i + 3, '<=>');
      return i + 3;
    }
    if (OPERATORS2_FIRST.has(c) && OPERATORS2.has(text.slice(i, i + 2))) {
      this.push('op', i, i + 2, text.slice(i, i + 2));
      return i + 2;
    }
    if (OPERATORS1.has(c)) {
      this.push('op', i, i + 1, text[i]!);
      return i + 1;
    }
    // Anything else (non-ASCII letters, `$`, `#` …): one unrecognized character, as Spark's lexer.
    const len = (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    this.push('error', i, i + len, text.slice(i, i + len));
    return i + len;
  }
}

/** The end (exclusive) of a nested `/* … *\/` comment starting at `i`, or -1 when unclosed. */
function skipComment(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      depth++;
      i += 2;
    } else if (c === 42 && text.charCodeAt(i + 1) === 47) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

/** The end (exclusive) of a quoted string starting at `i` (backslash escapes any character), or -1. */
function scanString(text: string, i: number, quote: number): number {
  const n = text.length;
  for (let j = i + 1; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === 92) j++;
    else if (c === quote) return j + 1;
  }
  return -1;
}

/** A backquoted identifier (two backquotes inside stand for one). */
function scanBackquoted(text: string, i: number): { end: number; name: string } | undefined {
  let name = '';
  const n = text.length;
  let from = i + 1;
  for (let j = i + 1; j < n; j++) {
    if (text.charCodeAt(j) !== 96) continue;
    if (text.charCodeAt(j + 1) === 96) {
      name += text.slice(from, j + 1);
      j++;
      from = j + 1;
      continue;
    }
    return { end: j + 1, name: name + text.slice(from, j) };
  }
  return undefined;
}

/**
 * The end of a numeric literal at `i` as Spark's lexer reads one: digits, an optional fraction,
 * an optional exponent, an optional suffix (L, S, Y, D, F, BD); or -1 when the digits run into
 * letters (`1abc` is an identifier).
 */
function scanNumber(text: string, i: number): number {
  const n = text.length;
  let j = i;
  while (j < n && isDigit(text.charCodeAt(j))) j++;
  const intDigits = j > i;
  let isDecimal = false;
  if (text.charCodeAt(j) === 46) {
    // `1.` is a decimal, but `t.1` never reaches here; `1.a` stays `1` `.` `a`.
    const k = j + 1;
    let m = k;
    while (m < n && isDigit(text.charCodeAt(m))) m++;
    if (m > k || (intDigits && !isWordChar(text.charCodeAt(k)))) {
      isDecimal = true;
      j = m;
    } else if (intDigits && isExponentAt(text, k)) {
      isDecimal = true;
      j = k;
    }
  }
  if (isExponentAt(text, j)) {
    j++;
    if (text.charCodeAt(j) === 43 || text.charCodeAt(j) === 45) j++;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    isDecimal = true;
  }
  const s1 = text.charCodeAt(j) | 0x20;
  const s2 = text.charCodeAt(j + 1) | 0x20;
  if (s1 === 98 && s2 === 100) j += 2; // BD
  else if (s1 === 100 || s1 === 102) j++; // D, F
  else if (!isDecimal && (s1 === 108 || s1 === 115 || s1 === 121)) j++; // L, S, Y
  if (j < n && isWordChar(text.charCodeAt(j))) return isDecimal ? j : -1;
  return j;
}

function isExponentAt(text: string, j: number): boolean {
  const c = text.charCodeAt(j) | 0x20;
  if (c !== 101) return false;
  let k = j + 1;
  const s = text.charCodeAt(k);
  if (s === 43 || s === 45) k++;
  return isDigit(text.charCodeAt(k));
}

const ESCAPES: Readonly<Record<string, string>> = {
  '0': '\u0000',
  b: '\b',
  n: '\n',
  r: '\r',
  t: '\t',
  Z: '\u001A',
};

/**
 * Spark's `unescapeSQLString` on the inside of a string literal: `\n`, `\t`, `\uXXXX`, octal
 * `\123`; `\%` and `\_` keep their backslash (they are LIKE escapes); any other `\x` is `x`.
 */
export function unescapeSqlString(body: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  const n = body.length;
  for (let i = 0; i < n; i++) {
    const ch = body[i]!;
    if (ch !== '\\' || i + 1 >= n) {
      out += ch;
      continue;
    }
    const next = body[i + 1]!;
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) {
      out += String.fromCharCode(parseInt(body.slice(i + 2, i + 6), 16));
      i += 5;
      continue;
    }
    if (/^[0-3][0-7][0-7]$/.test(body.slice(i + 1, i + 4))) {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
      continue;
    }
    const esc = ESCAPES[next];
    if (esc !== undefined) out += esc;
    else if (next === '%' || next === '_') out += '\\' + next;
    else out += next;
    i++;
  }
  return out;
}
