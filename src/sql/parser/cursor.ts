/**
 * The parser's view of the tokens: look ahead, accept or expect a keyword or operator, and fail
 * with Spark's error at the current token. Every parse function takes a Cursor.
 */
import type { ParseException } from '../errors.js';
import type { ErrorClass, MessageParameters } from '../errors.js';
import type { Expression, SortOrder, WindowFrame } from '../plan/index.js';
import type { SqlParseOptions } from './hook.js';
import { tokenize, type Token } from './lexer.js';
import { parseError, syntaxError, tokenDisplay } from './parse-errors.js';

/** Keywords that can never be an unquoted table alias (Spark's `strictNonReserved`, non-ANSI mode). */
export const STRICT_NON_RESERVED: ReadonlySet<string> = new Set([
  'ANTI',
  'CROSS',
  'EXCEPT',
  'FULL',
  'INNER',
  'INTERSECT',
  'JOIN',
  'LATERAL',
  'LEFT',
  'MINUS',
  'NATURAL',
  'ON',
  'RIGHT',
  'SEMI',
  'SETMINUS',
  'UNION',
  'USING',
]);

/** A window spec written as `OVER w`, filled in when the WINDOW clause defining `w` is read. */
export interface PendingWindow {
  readonly name: string;
  readonly spec: { partitionBy: Expression[]; orderBy: SortOrder[]; frame?: WindowFrame };
  readonly token: Token;
}

/** Settings that change how text is read (literal values that depend on the session): the hook's options. */
export type ParseOptions = SqlParseOptions;

let systemZone: string | undefined;
function systemTimeZone(): string {
  systemZone ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return systemZone;
}

/** A position in the token list over one SQL statement, and the parser's state for it. */
export class Cursor {
  readonly tokens: Token[];
  pos = 0;
  private readonly zone: string | undefined;
  /** Named-window references per query level, innermost last. */
  readonly pendingWindows: PendingWindow[][] = [];
  /** Structs built by a row constructor `(a, b)`, which VALUES reads as rows. */
  readonly rowConstructors = new WeakSet<object>();
  /** Parentheses open around the current position (see {@link MAX_NESTING}). */
  nesting = 0;
  constructor(
    readonly sql: string,
    options: ParseOptions = {},
  ) {
    this.tokens = tokenize(sql);
    this.zone = options.sessionTimeZone;
  }

  /** The session time zone; the system's when none was given (looked up only when a literal needs it: it is slow). */
  get sessionTimeZone(): string {
    return this.zone ?? systemTimeZone();
  }

  /** The token `k` ahead (the `eof` token past the end). */
  peek(k = 0): Token {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1]!;
  }
  /** Consumes and returns the current token. */
  next(): Token {
    const t = this.peek();
    if (t.type !== 'eof') this.pos++;
    return t;
  }
  /** The token before the current one. */
  previous(): Token | undefined {
    return this.tokens[this.pos - 1];
  }
  atEof(): boolean {
    return this.peek().type === 'eof';
  }

  /** True when the token `k` ahead is the keyword `kw` (upper case; keywords are case-insensitive). */
  isWord(kw: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'word' && t.value === kw;
  }
  /** True when the token `k` ahead is the operator or punctuation `op`. */
  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'op' && t.value === op;
  }
  /** Consumes the keyword if it is next. */
  acceptWord(kw: string): boolean {
    if (!this.isWord(kw)) return false;
    this.pos++;
    return true;
  }
  /** Consumes the operator if it is next. */
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.pos++;
    return true;
  }
  /** Consumes the keyword or fails as Spark does (`extra input` when the one after is the keyword). */
  expectWord(kw: string): Token {
    if (this.isWord(kw)) return this.next();
    if (this.isWord(kw, 1)) this.fail(this.peek(), `: extra input ${tokenDisplay(this.peek())}`);
    return this.fail();
  }
  /**
   * Consumes the operator or fails. As ANTLR's inline recovery: `extra input 'x'` when the token
   * after the current one is the operator; `missing 'op'` when `canFollow` says the current
   * token is what comes after the operator.
   */
  expectOp(op: string, canFollow?: (t: Token) => boolean): Token {
    if (this.isOp(op)) return this.next();
    if (this.isOp(op, 1)) this.fail(this.peek(), `: extra input ${tokenDisplay(this.peek())}`);
    if (canFollow?.(this.peek())) this.fail(this.peek(), `: missing '${op}'`);
    return this.fail();
  }

  /** Throws Spark's PARSE_SYNTAX_ERROR at the token (the current one by default). */
  fail(token: Token = this.peek(), hint = ''): never {
    if (token.type === 'error') throw syntaxError(this.sql, token);
    throw syntaxError(this.sql, token, hint);
  }
  /** Throws a ParseException of another class at the token. */
  failWith(errorClass: ErrorClass, params: MessageParameters, token: Token = this.peek()): never {
    throw this.errorAt(errorClass, params, token);
  }
  /** Builds (without throwing) a ParseException at the token. */
  errorAt(errorClass: ErrorClass, params: MessageParameters, token: Token = this.peek()): ParseException {
    return parseError(this.sql, token, errorClass, params);
  }
  /** The statement text from token `from` up to (not including) the current token. */
  textFrom(from: number): string {
    const start = this.tokens[from]!.start;
    const last = this.tokens[this.pos - 1];
    if (last === undefined || this.pos <= from) return '';
    return this.sql.slice(start, last.start + last.text.length);
  }
}
